#pragma once

#include <QString>

// One finding of the content checks, shown in the editor's checklist and by `campaign check`.
// Errors block sending; warnings do not.
struct ContentIssue
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Warning;
    QString code;        // stable id, e.g. "size.clipped"; never translated
    QString message;     // short, translated: what is wrong
    QString explanation; // translated: why it matters and what to do
    int line = 0;        // 1-based line in the HTML source (or template), 0 when not tied to a line
};
