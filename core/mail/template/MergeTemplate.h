#pragma once

#include "core/Result.h"
#include "core/mail/template/TemplateIssue.h"
#include "core/mail/template/TemplateNode.h"

#include <QLocale>
#include <QSet>
#include <QString>
#include <QVector>

#include <functional>
#include <optional>

// A merge template: the subject, preheader, HTML or text of a campaign with merge tags in it, in
// a small subset of Liquid:
//   {{ first_name }}  {{ first_name | default: "there" | capitalize }}  {{ renewal | date: "%e %B %Y" }}
//   {% if company %}...{% else %}...{% endif %}  {% if not company %}...{% endif %}
// Filters: default: "x" (when the value is empty or blank), upper, lower, capitalize (first
// letter upper, the rest lower, as Liquid does), date: "FORMAT" (%Y %m %d %e %B %b %A %a %H %M
// and %%; month and day names from the locale given to render()). A field that is blank counts
// as false in an `if`. Everything outside tags is literal text, including a lone "{" or "{ {".
//
// Parse once per campaign, render per recipient: parsing makes a flat node list, and render()
// only walks it, appending to one reserved string (no regular expressions, no tree).
class MergeTemplate
{
public:
    enum class Escape {
        Html,   // values HTML-escaped (& < > " '), for the HTML part
        Text,   // values as they are, for the text part
        Header, // every control character in a value (CR, LF, NUL, ...) becomes a space
    };
    // The value of a field for one recipient: "" for a known field that is empty, nullopt for
    // a name that is no field at all.
    using Lookup = std::function<std::optional<QString>(const QString& name)>;

    MergeTemplate() = default; // the empty template, valid, renders ""

    // Never fails: syntax errors are collected, each with its line and column.
    static MergeTemplate parse(const QString& source);

    // The name a tag uses for a contact or custom field: lower case, and each run of spaces,
    // hyphens, dots and other characters a name cannot hold made one '_'
    // ("Loyalty tier" -> "loyalty_tier", "E-Mail opt-in" -> "e_mail_opt_in").
    static QString keyFor(const QString& fieldName);

    bool isValid() const { return m_errors.isEmpty(); }
    // In source order; at most 100 (a pasted binary file is not worth listing in full).
    QVector<TemplateIssue> syntaxErrors() const { return m_errors; }

    // Every use of a name that is not in `knownNames`, where it is used, with the closest known
    // name as a suggestion: "line 3: {{ frist_name }} is not a contact field. Did you mean
    // first_name?". Check this before sending: render() only looks up the names of the branches
    // it takes, so an unknown name in a branch few recipients reach would fail late.
    QVector<TemplateIssue> unknownNames(const QSet<QString>& knownNames) const;

    // Every field name the template uses.
    QSet<QString> names() const;

    // The template for one recipient. Each name is looked up once per render, however often
    // the template uses it (a newsletter repeats {{ first_name }} in every section). Fails (ErrorCode::TemplateError,
    // the message naming the line) when the template has a syntax error, a name is unknown to `lookup`, or a value
    // given to the date filter is no ISO 8601 date. In Header mode literal text is made safe
    // too, so the result can never hold a line break, whatever the template or the values.
    Result<QString> render(const Lookup& lookup, Escape escape, const QLocale& locale = QLocale::c()) const;
    // The same, appended to `out`: lets a caller build a whole message in one buffer. On failure
    // `out` holds part of the render: discard it.
    Status renderInto(QString& out, const Lookup& lookup, Escape escape, const QLocale& locale = QLocale::c()) const;

    // `value` with each control character (C0, DEL, C1, U+2028, U+2029) replaced by a space.
    static QString headerSafe(const QString& value);

private:
    QVector<TemplateNode> m_nodes;
    QVector<TemplateIssue> m_errors;
    qsizetype m_literalLength = 0;
    int m_outputCount = 0;
    int m_nameCount = 0; // distinct names, numbered by TemplateNode::nameSlot
};
