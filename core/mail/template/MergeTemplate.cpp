#include "core/mail/template/MergeTemplate.h"

#include "core/mail/template/TemplateParser.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>
#include <QVarLengthArray>

#include <algorithm>
#include <vector>

namespace {

// Bigger than any email (Gmail clips at 102 KB) by far, and small enough for int offsets.
constexpr qsizetype maxSourceLength = 64 * 1024 * 1024;

bool isBlank(QStringView value)
{
    for (const QChar c : value) {
        if (!c.isSpace()) {
            return false;
        }
    }
    return true;
}

bool isHeaderUnsafe(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

void appendHeaderSafe(QString& out, QStringView value)
{
    const qsizetype start = out.size();
    out += value;
    QChar* data = out.data() + start;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (isHeaderUnsafe(data[i].unicode())) {
            data[i] = u' ';
        }
    }
}

void appendHtmlEscaped(QString& out, QStringView value)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        QLatin1String entity;
        switch (value[i].unicode()) {
        case u'&':
            entity = QLatin1String("&amp;");
            break;
        case u'<':
            entity = QLatin1String("&lt;");
            break;
        case u'>':
            entity = QLatin1String("&gt;");
            break;
        case u'"':
            entity = QLatin1String("&quot;");
            break;
        case u'\'':
            entity = QLatin1String("&#39;");
            break;
        default:
            continue;
        }
        out += value.mid(start, i - start);
        out += entity;
        start = i + 1;
    }
    out += value.mid(start);
}

void appendEscaped(QString& out, QStringView value, MergeTemplate::Escape escape)
{
    switch (escape) {
    case MergeTemplate::Escape::Html:
        appendHtmlEscaped(out, value);
        break;
    case MergeTemplate::Escape::Text:
        out += value;
        break;
    case MergeTemplate::Escape::Header:
        appendHeaderSafe(out, value);
        break;
    }
}

// A value as a message shows it: quoted, cut short, on one line.
QString quotedValue(const QString& value)
{
    constexpr qsizetype maxShown = 60;
    QString shown = MergeTemplate::headerSafe(value.left(maxShown));
    if (value.size() > maxShown) {
        shown += QChar(0x2026);
    }
    return QStringLiteral("\"%1\"").arg(shown);
}

QString capitalized(const QString& value, const QLocale& locale)
{
    if (value.isEmpty()) {
        return value;
    }
    const qsizetype firstLength = value.at(0).isHighSurrogate() && value.size() > 1 ? 2 : 1;
    return locale.toUpper(value.left(firstLength)) + locale.toLower(value.mid(firstLength));
}

// Optimal string alignment distance (Levenshtein with transpositions: "frist" is one step from
// "first"), or `limit + 1` once it must exceed `limit`.
int editDistance(const QString& a, const QString& b, int limit)
{
    const int n = int(a.size());
    const int m = int(b.size());
    if (std::abs(n - m) > limit) {
        return limit + 1;
    }
    std::vector<int> before(size_t(m + 1)), previous(size_t(m + 1)), current(size_t(m + 1));
    for (int j = 0; j <= m; ++j) {
        previous[size_t(j)] = j;
    }
    for (int i = 1; i <= n; ++i) {
        current[0] = i;
        int rowMin = i;
        for (int j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int d = std::min({previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, previous[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d = std::min(d, before[size_t(j - 2)] + 1);
            }
            current[size_t(j)] = d;
            rowMin = std::min(rowMin, d);
        }
        if (rowMin > limit) {
            return limit + 1;
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[size_t(m)];
}

QString closestName(const QString& name, const QSet<QString>& knownNames)
{
    const QString lowered = name.toLower();
    const int limit = name.size() <= 3 ? 1 : 2;
    QString best;
    int bestDistance = limit + 1;
    for (const QString& known : knownNames) {
        const int distance = editDistance(lowered, known.toLower(), limit);
        if (distance < bestDistance || (distance == bestDistance && distance <= limit && known < best)) {
            best = known;
            bestDistance = distance;
        }
    }
    return bestDistance <= limit ? best : QString();
}

QString tagAsWritten(const TemplateNode& node)
{
    if (node.kind == TemplateNode::Kind::If) {
        return node.negate ? QStringLiteral("{% if not %1 %}").arg(node.text)
                           : QStringLiteral("{% if %1 %}").arg(node.text);
    }
    return QStringLiteral("{{ %1 }}").arg(node.text);
}

Error unknownAtRender(const TemplateNode& node)
{
    return Error{ErrorCode::TemplateError,
                 QCoreApplication::translate("MergeTemplate", "line %1: %2 is not a contact field.")
                     .arg(QString::number(node.line), tagAsWritten(node))};
}

Result<QString> applyFilters(const TemplateNode& node, QString value, const QLocale& locale)
{
    for (const TemplateFilter& filter : node.filters) {
        switch (filter.kind) {
        case TemplateFilter::Kind::Default:
            if (isBlank(value)) {
                value = filter.argument;
            }
            break;
        case TemplateFilter::Kind::Upper:
            value = locale.toUpper(value);
            break;
        case TemplateFilter::Kind::Lower:
            value = locale.toLower(value);
            break;
        case TemplateFilter::Kind::Capitalize:
            value = capitalized(value, locale);
            break;
        case TemplateFilter::Kind::Date: {
            // An empty date stays empty, so `| date: "%B" | default: "soon"` works.
            if (isBlank(value)) {
                value.clear();
                break;
            }
            const auto date = TemplateDateFormat::parseIso(value);
            if (!date) {
                return Error{ErrorCode::TemplateError,
                             QCoreApplication::translate("MergeTemplate",
                                                         "line %1: %2 is %3, which is not a date: the date filter "
                                                         "needs a date such as 2024-03-31 or 2024-03-31T14:30.")
                                 .arg(QString::number(node.line), node.text, quotedValue(value))};
            }
            value = filter.dateFormat.format(*date, locale);
            break;
        }
        }
    }
    return value;
}

} // namespace

MergeTemplate MergeTemplate::parse(const QString& source)
{
    MergeTemplate result;
    if (source.size() > maxSourceLength) {
        result.m_errors.append({1, 1,
                                QCoreApplication::translate(
                                    "MergeTemplate", "line 1, column 1: the template is longer than %1 characters.")
                                    .arg(QString::number(maxSourceLength))});
        return result;
    }
    ParsedTemplate parsed = TemplateParser::parse(source);
    result.m_nodes = std::move(parsed.nodes);
    result.m_errors = std::move(parsed.errors);
    result.m_literalLength = parsed.literalLength;
    result.m_outputCount = parsed.outputCount;
    QHash<QString, int> slots;
    for (TemplateNode& node : result.m_nodes) {
        if (node.kind == TemplateNode::Kind::Output || node.kind == TemplateNode::Kind::If) {
            auto slot = slots.constFind(node.text);
            if (slot == slots.cend()) {
                slot = slots.insert(node.text, int(slots.size()));
            }
            node.nameSlot = slot.value();
        }
        if (node.kind == TemplateNode::Kind::Text &&
            std::any_of(node.text.cbegin(), node.text.cend(), [](QChar c) { return isHeaderUnsafe(c.unicode()); })) {
            node.headerText = headerSafe(node.text);
            node.hasHeaderText = true;
        }
    }
    result.m_nameCount = int(slots.size());
    return result;
}

QString MergeTemplate::keyFor(const QString& fieldName)
{
    QString key;
    key.reserve(fieldName.size());
    bool separatorPending = false;
    const QString trimmed = fieldName.trimmed();
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        char32_t codePoint = trimmed.at(i).unicode();
        if (trimmed.at(i).isHighSurrogate() && i + 1 < trimmed.size() && trimmed.at(i + 1).isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(trimmed.at(i), trimmed.at(i + 1));
            ++i;
        }
        if (codePoint == U'.' || !TemplateParser::isNameCodePoint(codePoint)) {
            separatorPending = true;
            continue;
        }
        if (separatorPending && !key.isEmpty() && !key.endsWith(u'_') && codePoint != U'_') {
            key += u'_';
        }
        separatorPending = false;
        const char32_t lower = QChar::toLower(codePoint);
        if (QChar::requiresSurrogates(lower)) {
            key += QChar(QChar::highSurrogate(lower));
            key += QChar(QChar::lowSurrogate(lower));
        } else {
            key += QChar(char16_t(lower));
        }
    }
    return key;
}

QVector<TemplateIssue> MergeTemplate::unknownNames(const QSet<QString>& knownNames) const
{
    QVector<TemplateIssue> issues;
    for (const TemplateNode& node : m_nodes) {
        if ((node.kind != TemplateNode::Kind::Output && node.kind != TemplateNode::Kind::If) || node.text.isEmpty() ||
            knownNames.contains(node.text)) {
            continue;
        }
        QString message = QCoreApplication::translate("MergeTemplate", "line %1: %2 is not a contact field.")
                              .arg(QString::number(node.line), tagAsWritten(node));
        const QString suggestion = closestName(node.text, knownNames);
        if (!suggestion.isEmpty()) {
            message += u' ';
            message += QCoreApplication::translate("MergeTemplate", "Did you mean %1?").arg(suggestion);
        }
        issues.append({node.line, node.column, message});
    }
    return issues;
}

QSet<QString> MergeTemplate::names() const
{
    QSet<QString> result;
    for (const TemplateNode& node : m_nodes) {
        if ((node.kind == TemplateNode::Kind::Output || node.kind == TemplateNode::Kind::If) && !node.text.isEmpty()) {
            result.insert(node.text);
        }
    }
    return result;
}

Result<QString> MergeTemplate::render(const Lookup& lookup, Escape escape, const QLocale& locale) const
{
    QString out;
    Status status = renderInto(out, lookup, escape, locale);
    if (!status) {
        return status.error();
    }
    return out;
}

Status MergeTemplate::renderInto(QString& out, const Lookup& lookup, Escape escape, const QLocale& locale) const
{
    if (!m_errors.isEmpty()) {
        return Error{ErrorCode::TemplateError, m_errors.constFirst().message};
    }
    // Values are mostly short; HTML escaping and long fields may still grow the buffer once.
    out.reserve(out.size() + m_literalLength + qsizetype(m_outputCount) * 16);
    // The values looked up so far, by name slot.
    QVarLengthArray<std::optional<std::optional<QString>>, 16> values(m_nameCount);
    auto valueOf = [&values, &lookup](const TemplateNode& node) -> const std::optional<QString>& {
        std::optional<std::optional<QString>>& slot = values[node.nameSlot];
        if (!slot) {
            slot = lookup(node.text);
        }
        return *slot;
    };
    const int count = int(m_nodes.size());
    for (int pc = 0; pc < count;) {
        const TemplateNode& node = m_nodes[pc];
        switch (node.kind) {
        case TemplateNode::Kind::Text:
            out += escape == Escape::Header && node.hasHeaderText ? node.headerText : node.text;
            ++pc;
            break;
        case TemplateNode::Kind::Output: {
            const std::optional<QString>& value = valueOf(node);
            if (!value) {
                return unknownAtRender(node);
            }
            if (node.filters.isEmpty()) {
                appendEscaped(out, *value, escape);
            } else {
                const Result<QString> filtered = applyFilters(node, *value, locale);
                if (!filtered) {
                    return filtered.error();
                }
                appendEscaped(out, filtered.value(), escape);
            }
            ++pc;
            break;
        }
        case TemplateNode::Kind::If: {
            const std::optional<QString>& value = valueOf(node);
            if (!value) {
                return unknownAtRender(node);
            }
            const bool truthy = !isBlank(*value);
            pc = truthy != node.negate ? pc + 1 : node.jump;
            break;
        }
        case TemplateNode::Kind::Else:
            pc = node.jump;
            break;
        }
    }
    return Ok{};
}

QString MergeTemplate::headerSafe(const QString& value)
{
    QString result = value;
    for (QChar& c : result) {
        if (isHeaderUnsafe(c.unicode())) {
            c = u' ';
        }
    }
    return result;
}
