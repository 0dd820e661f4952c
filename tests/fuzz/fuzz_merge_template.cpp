// A merge template is typed by the user and its values come from imported contacts, so both
// are hostile. Invariants: parsing and rendering never crash; a broken template fails with
// messages that name their line; a rendered header holds no CR, LF or NUL whatever the
// template or values; HTML output holds no '<' that a value brought in (each node renders at
// most once, so the '<' of the output can only be the template's own); rendering is
// deterministic.
#include "core/mail/template/MergeTemplate.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QLocale>
#include <QSet>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace {

QString longValue()
{
    QString value;
    for (int i = 0; i < 10 * 1024 / 8; ++i) {
        value += QStringLiteral("A<&\r\n\"'");
    }
    value += QChar(0);
    return value;
}

// The value for a name, chosen by a stable hash of it (qHash is seeded per process).
std::optional<QString> hostileValue(const QString& name, bool allKnown)
{
    static const QString longOne = longValue();
    unsigned sum = 0;
    for (const QChar c : name) {
        sum = sum * 31 + c.unicode();
    }
    switch (sum % 8) {
    case 0:
        return QStringLiteral("Jane\r\nBcc: victim@example.com") + QChar(0) + QStringLiteral("\n\r");
    case 1:
        return QStringLiteral("<script>alert('x')</script>");
    case 2:
        return longOne;
    case 3:
        return QString();
    case 4:
        return QStringLiteral("2024-03-05T10:20:00+01:00");
    case 5:
        return QStringLiteral("   ");
    case 6:
        if (allKnown) {
            return QStringLiteral("2024-02-29");
        }
        return std::nullopt;
    default:
        return QString(QChar(0x2028)) + QChar(0x85) + QStringLiteral("\t\xe9 ") + QChar(0xd83d) + QChar(0xde00);
    }
}

qsizetype countOf(const QString& text, QChar c)
{
    return text.count(c);
}

void checkIssues(const QVector<TemplateIssue>& issues)
{
    for (const TemplateIssue& issue : issues) {
        FUZZ_CHECK(issue.line >= 1);
        FUZZ_CHECK(issue.column >= 1);
        FUZZ_CHECK(issue.message.startsWith(QLatin1String("line ")));
    }
}

void renderAndCheck(const MergeTemplate& tpl, const QString& source, bool allKnown, const QLocale& locale)
{
    const MergeTemplate::Lookup lookup = [allKnown](const QString& name) { return hostileValue(name, allKnown); };

    const Result<QString> header = tpl.render(lookup, MergeTemplate::Escape::Header, locale);
    if (header) {
        const QString& out = header.value();
        FUZZ_CHECK(!out.contains(u'\r'));
        FUZZ_CHECK(!out.contains(u'\n'));
        FUZZ_CHECK(!out.contains(QChar(0)));
    } else {
        FUZZ_CHECK(header.error().code == ErrorCode::TemplateError);
        FUZZ_CHECK(header.error().message.startsWith(QLatin1String("line ")));
    }

    const Result<QString> html = tpl.render(lookup, MergeTemplate::Escape::Html, locale);
    FUZZ_CHECK(html.ok() == header.ok());
    if (html) {
        FUZZ_CHECK(countOf(html.value(), u'<') <= countOf(source, u'<'));
        FUZZ_CHECK(countOf(html.value(), u'>') <= countOf(source, u'>'));
    }

    const Result<QString> text = tpl.render(lookup, MergeTemplate::Escape::Text, locale);
    FUZZ_CHECK(text.ok() == header.ok());
    const Result<QString> again = tpl.render(lookup, MergeTemplate::Escape::Text, locale);
    FUZZ_CHECK(again.ok() == text.ok());
    if (text) {
        FUZZ_CHECK(text.value() == again.value());
        // Header mode only ever swaps characters, one for one.
        FUZZ_CHECK(text.value().size() == header.value().size());
    } else {
        FUZZ_CHECK(text.error().message == again.error().message);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString source = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const MergeTemplate tpl = MergeTemplate::parse(source);
    checkIssues(tpl.syntaxErrors());
    FUZZ_CHECK(tpl.isValid() == tpl.syntaxErrors().isEmpty());

    // Parsing is deterministic.
    const MergeTemplate twice = MergeTemplate::parse(source);
    FUZZ_CHECK(twice.syntaxErrors() == tpl.syntaxErrors());
    FUZZ_CHECK(twice.names() == tpl.names());

    const QSet<QString> names = tpl.names();
    FUZZ_CHECK(tpl.unknownNames(names).isEmpty());
    const QVector<TemplateIssue> unknown = tpl.unknownNames({QStringLiteral("first_name"), QStringLiteral("email")});
    checkIssues(unknown);

    if (!tpl.isValid()) {
        const Result<QString> out =
            tpl.render([](const QString&) { return std::optional<QString>(QString()); }, MergeTemplate::Escape::Text);
        FUZZ_CHECK(!out.ok());
        FUZZ_CHECK(out.error().message == tpl.syntaxErrors().constFirst().message);
        return 0;
    }
    renderAndCheck(tpl, source, false, QLocale::c());
    renderAndCheck(tpl, source, true, QLocale(QLocale::German, QLocale::Germany));
    return 0;
}
