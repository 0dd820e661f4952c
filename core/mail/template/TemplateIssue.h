#pragma once

#include <QString>

// One problem found in a merge template: where it is (1-based; the column counts UTF-16 code
// units, as QTextCursor::positionInBlock does, so an editor can jump there) and a translated
// sentence that already starts with "line N" and can be shown on its own.
struct TemplateIssue
{
    int line = 0;
    int column = 0;
    QString message;

    bool operator==(const TemplateIssue& other) const
    {
        return line == other.line && column == other.column && message == other.message;
    }
};
