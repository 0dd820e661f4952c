#pragma once

#include "core/mail/template/TemplateDateFormat.h"

#include <QString>
#include <QVector>

// One filter of an output tag: `default: "there"`, `upper`, `date: "%d %B"`, ...
struct TemplateFilter
{
    enum class Kind { Default, Upper, Lower, Capitalize, Date };

    Kind kind = Kind::Default;
    QString argument;              // the quoted value of `default`, the format of `date`
    TemplateDateFormat dateFormat; // compiled `argument` of `date`
};

// A parsed template is a flat list of these, rendered by walking it with a program counter:
// an `if` whose condition fails jumps past its branch, an `else` reached from the taken branch
// jumps past the `endif`. No tree and no recursion, so a template nested ten thousand deep
// renders like a flat one.
struct TemplateNode
{
    enum class Kind { Text, Output, If, Else };

    Kind kind = Kind::Text;
    QString text;       // Text: the literal; Output and If: the field name
    QString headerText; // Text: the literal with control characters made spaces, if it had any
    bool hasHeaderText = false;
    bool negate = false; // If: `{% if not name %}`
    int jump = -1;       // If: where to go when false; Else: where to go when reached
    int nameSlot = -1;   // Output and If: the same for each use of one name in a template
    int line = 0;        // Output and If: where the name is, for messages
    int column = 0;
    QVector<TemplateFilter> filters; // Output
};
