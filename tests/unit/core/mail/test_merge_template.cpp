#include "core/mail/template/MergeTemplate.h"

#include <QHash>
#include <QTest>

namespace {

using Escape = MergeTemplate::Escape;

// A recipient: these fields are known, every other name is not.
MergeTemplate::Lookup fieldsOf(const QHash<QString, QString>& fields)
{
    return [fields](const QString& name) -> std::optional<QString> {
        const auto it = fields.constFind(name);
        if (it == fields.constEnd()) {
            return std::nullopt;
        }
        return *it;
    };
}

QHash<QString, QString> jane()
{
    return {{"first_name", "Jane"},
            {"last_name", "Doe"},
            {"company", ""},
            {"city", "   "},
            {"loyalty_tier", "gold"},
            {"renewal", "2024-03-05"},
            {"last_seen", "2024-10-05T09:07:30+02:00"},
            {"nickname", "jANE"}};
}

QString render(const QString& source, const QHash<QString, QString>& fields = jane(), Escape escape = Escape::Text,
               const QLocale& locale = QLocale::c())
{
    const MergeTemplate tpl = MergeTemplate::parse(source);
    if (!tpl.isValid()) {
        return QStringLiteral("SYNTAX: ") + tpl.syntaxErrors().constFirst().message;
    }
    const Result<QString> out = tpl.render(fieldsOf(fields), escape, locale);
    return out ? out.value() : QStringLiteral("ERROR: ") + out.error().message;
}

} // namespace

class TestMergeTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersTags_data();
    void rendersTags();
    void braceThatIsNoTagIsText_data();
    void braceThatIsNoTagIsText();
    void filters_data();
    void filters();
    void dates_data();
    void dates();
    void datesInGerman();
    void unparsableDateNamesLineFieldAndValue();
    void conditions_data();
    void conditions();
    void deepNestingRenders();
    void syntaxErrorsHaveLineAndColumn_data();
    void syntaxErrorsHaveLineAndColumn();
    void everySyntaxErrorIsReported();
    void aFloodOfErrorsIsCut();
    void invalidTemplateDoesNotRender();
    void unknownNamesAtTheirLine();
    void unknownNameFailsRenderWithItsLine();
    void namesListsEveryField();
    void htmlEscapesValuesOnly();
    void textInsertsValuesRaw();
    void headerValuesCannotBreakTheLine();
    void keyFor_data();
    void keyFor();
    void keyIsAUsableName();
    void nonAscii();
    void veryLongInput();
    void renderIntoAppends();
    void eachNameIsLookedUpOncePerRender();
};

void TestMergeTemplate::rendersTags_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    QTest::newRow("literal only") << "Hello, world"
                                  << "Hello, world";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("one tag") << "Hi {{ first_name }}!"
                             << "Hi Jane!";
    QTest::newRow("no spaces") << "{{first_name}}{{last_name}}"
                               << "JaneDoe";
    QTest::newRow("tag over lines") << "Hi {{\n  first_name\n}}."
                                    << "Hi Jane.";
    QTest::newRow("known but empty") << "[{{ company }}]"
                                     << "[]";
    QTest::newRow("custom field key") << "Tier: {{ loyalty_tier }}"
                                      << "Tier: gold";
    QTest::newRow("tag at both ends") << "{{ first_name }} and {{ last_name }}"
                                      << "Jane and Doe";
    QTest::newRow("line breaks kept") << "Dear {{ first_name }},\r\n\r\nthanks.\n"
                                      << "Dear Jane,\r\n\r\nthanks.\n";
}

void TestMergeTemplate::rendersTags()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(render(source), expected);
}

void TestMergeTemplate::braceThatIsNoTagIsText_data()
{
    QTest::addColumn<QString>("source");

    QTest::newRow("lone {") << "a { b";
    QTest::newRow("{ {") << "{ { first_name } }";
    QTest::newRow("{ %") << "{ % if x % }";
    QTest::newRow("closers alone") << "}} and %}";
    QTest::newRow("css") << "<style>p { color: red; } a{color:blue}</style>";
    QTest::newRow("trailing {") << "ends with {";
    QTest::newRow("json") << "{\"a\": {\"b\": 1}}";
}

void TestMergeTemplate::braceThatIsNoTagIsText()
{
    QFETCH(QString, source);
    const MergeTemplate tpl = MergeTemplate::parse(source);
    QVERIFY(tpl.isValid());
    QVERIFY(tpl.names().isEmpty());
    QCOMPARE(render(source, jane(), Escape::Html), source);
}

void TestMergeTemplate::filters_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    QTest::newRow("default, field has a value") << "Hi {{ first_name | default: \"there\" }}"
                                                << "Hi Jane";
    QTest::newRow("default, field empty") << "Hi {{ company | default: \"there\" }}"
                                          << "Hi there";
    QTest::newRow("default, field blank") << "Hi {{ city | default: \"there\" }}"
                                          << "Hi there";
    QTest::newRow("default in single quotes") << "{{ company | default: 'your \"team\"' }}"
                                              << "your \"team\"";
    QTest::newRow("default without spaces") << "{{company|default:\"x\"}}"
                                            << "x";
    QTest::newRow("default empty") << "[{{ company | default: \"\" }}]"
                                   << "[]";
    QTest::newRow("upper") << "{{ first_name | upper }}"
                           << "JANE";
    QTest::newRow("lower") << "{{ first_name | lower }}"
                           << "jane";
    QTest::newRow("capitalize") << "{{ nickname | capitalize }}"
                                << "Jane";
    QTest::newRow("chain") << "{{ company | default: \"friend\" | upper }}"
                           << "FRIEND";
    QTest::newRow("order matters") << "{{ company | upper | default: \"friend\" }}"
                                   << "friend";
    QTest::newRow("upper of ß") << "{{ street | upper }}"
                                << "HAUPTSTRASSE";
    QTest::newRow("capitalize non-ASCII") << "{{ town | capitalize }}"
                                          << "Éze";
    QTest::newRow("a | in a value") << "{{ company | default: \"a | b\" }}"
                                    << "a | b";
    QTest::newRow("}} in a value") << "{{ company | default: \"}}\" }}!"
                                   << "}}!";
}

void TestMergeTemplate::filters()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QHash<QString, QString> fields = jane();
    fields.insert("street", QString::fromUtf8("hauptstraße"));
    fields.insert("town", QString::fromUtf8("éZE"));
    QCOMPARE(render(source, fields), expected);
}

void TestMergeTemplate::dates_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected");

    QTest::newRow("ISO") << "2024-03-05"
                         << "%Y-%m-%d"
                         << "2024-03-05";
    QTest::newRow("names") << "2024-03-05"
                           << "%A, %B %d, %Y"
                           << "Tuesday, March 05, 2024";
    QTest::newRow("short names") << "2024-03-05"
                                 << "%a %b"
                                 << "Tue Mar";
    QTest::newRow("%e pads with a space") << "2024-03-05"
                                          << "[%e]"
                                          << "[ 5]";
    QTest::newRow("%e two digits") << "2024-03-15"
                                   << "[%e]"
                                   << "[15]";
    QTest::newRow("date has midnight") << "2024-03-05"
                                       << "%H:%M"
                                       << "00:00";
    QTest::newRow("date-time") << "2024-03-05T14:07"
                               << "%d/%m/%Y %H:%M"
                               << "05/03/2024 14:07";
    QTest::newRow("space for T, seconds") << "2024-03-05 14:07:59"
                                          << "%H:%M"
                                          << "14:07";
    QTest::newRow("offset kept, not converted") << "2024-10-05T09:07:30+02:00"
                                                << "%d %H:%M"
                                                << "05 09:07";
    QTest::newRow("UTC with ms") << "2024-10-05T23:59:30.123Z"
                                 << "%d %H:%M"
                                 << "05 23:59";
    QTest::newRow("percent") << "2024-03-05"
                             << "100%% on %d"
                             << "100% on 05";
    QTest::newRow("no codes") << "2024-03-05"
                              << "soon"
                              << "soon";
    QTest::newRow("leap day") << "2024-02-29"
                              << "%d %B"
                              << "29 February";
    QTest::newRow("padded value") << " 2024-03-05 "
                                  << "%d"
                                  << "05";
    QTest::newRow("empty stays empty") << ""
                                       << "%d %B"
                                       << "";
}

void TestMergeTemplate::dates()
{
    QFETCH(QString, value);
    QFETCH(QString, format);
    QFETCH(QString, expected);
    const QString source = QStringLiteral("{{ when | date: \"%1\" }}").arg(format);
    QCOMPARE(render(source, {{"when", value}}), expected);
}

void TestMergeTemplate::datesInGerman()
{
    const QLocale german(QLocale::German, QLocale::Germany);
    QCOMPARE(render("{{ renewal | date: \"%A, %d. %B %Y\" }}", jane(), Escape::Text, german),
             QString::fromUtf8("Dienstag, 05. März 2024"));
    QCOMPARE(render("{{ last_seen | date: \"%a, %e. %b\" }}", jane(), Escape::Text, german),
             QString::fromUtf8("Sa.,  5. Okt."));
    // The same template in the C locale: the names come from the locale, not the template.
    QCOMPARE(render("{{ renewal | date: \"%A, %d. %B %Y\" }}"), QString::fromUtf8("Tuesday, 05. March 2024"));
    // Names can be HTML-escaped like any value; German ones need no escaping but stay intact.
    QCOMPARE(render("<p>{{ renewal | date: \"%B\" }}</p>", jane(), Escape::Html, german),
             QString::fromUtf8("<p>März</p>"));
}

void TestMergeTemplate::unparsableDateNamesLineFieldAndValue()
{
    const MergeTemplate tpl = MergeTemplate::parse("Hello\n\nrenews on {{ renewal | date: \"%d %B\" }}");
    QVERIFY(tpl.isValid());
    for (const QString& bad : QStringList{"31.02.2024", "2024-02-30", "tomorrow", "2024-3-5", "2024-03-05T25:00"}) {
        const Result<QString> out = tpl.render(fieldsOf({{"renewal", bad}}), Escape::Text);
        QVERIFY2(!out.ok(), qPrintable(bad));
        QCOMPARE(out.error().code, ErrorCode::TemplateError);
        const QString message = out.error().message;
        QVERIFY2(message.startsWith("line 3:"), qPrintable(message));
        QVERIFY2(message.contains("renewal"), qPrintable(message));
        QVERIFY2(message.contains("\"" + bad + "\""), qPrintable(message));
    }
    // A hostile value is shown cut short and on one line.
    const Result<QString> out = tpl.render(fieldsOf({{"renewal", "x\r\n" + QString(5000, 'y')}}), Escape::Text);
    QVERIFY(!out.ok());
    QVERIFY(!out.error().message.contains('\n'));
    QVERIFY(out.error().message.size() < 300);
}

void TestMergeTemplate::conditions_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    QTest::newRow("if true") << "A{% if first_name %}B{% endif %}C"
                             << "ABC";
    QTest::newRow("if empty") << "A{% if company %}B{% endif %}C"
                              << "AC";
    QTest::newRow("if blank") << "A{% if city %}B{% endif %}C"
                              << "AC";
    QTest::newRow("else taken") << "{% if company %}at {{ company }}{% else %}hi {{ first_name }}{% endif %}"
                                << "hi Jane";
    QTest::newRow("else skipped") << "{% if first_name %}yes{% else %}no{% endif %}"
                                  << "yes";
    QTest::newRow("if not") << "{% if not company %}none{% endif %}"
                            << "none";
    QTest::newRow("if not, else") << "{% if not first_name %}none{% else %}{{ first_name }}{% endif %}"
                                  << "Jane";
    QTest::newRow("field called not") << "{% if not %}x{% endif %}"
                                      << "";
    QTest::newRow("nested in then")
        << "{% if first_name %}1{% if company %}2{% else %}3{% endif %}4{% else %}5{% endif %}6"
        << "1346";
    QTest::newRow("nested in else")
        << "{% if company %}1{% else %}2{% if last_name %}3{% if city %}4{% else %}5{% endif %}{% endif %}{% endif %}"
        << "235";
    QTest::newRow("nested skipped")
        << "{% if company %}{% if first_name %}x{% else %}y{% endif %}{% else %}z{% endif %}"
        << "z";
    QTest::newRow("empty branches") << "{% if first_name %}{% else %}{% endif %}."
                                    << ".";
    QTest::newRow("tags with odd spacing") << "{%if first_name%}a{%else%}b{%endif%}"
                                           << "a";
    QTest::newRow("lines") << "Hi,\n{% if company %}\n{{ company }}\n{% endif %}\nbye"
                           << "Hi,\n\nbye";
}

void TestMergeTemplate::conditions()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QHash<QString, QString> fields = jane();
    fields.insert("not", "");
    QCOMPARE(render(source, fields), expected);
}

void TestMergeTemplate::deepNestingRenders()
{
    // The render loop is flat: nesting costs no stack.
    const int depth = 20000;
    QString source;
    for (int i = 0; i < depth; ++i) {
        source += (i % 2 ? "{% if first_name %}" : "{% if not company %}");
    }
    source += "{{ first_name }}";
    for (int i = 0; i < depth; ++i) {
        source += "{% else %}x{% endif %}";
    }
    QCOMPARE(render(source), QStringLiteral("Jane"));
}

void TestMergeTemplate::syntaxErrorsHaveLineAndColumn_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("says");

    QTest::newRow("unclosed {{") << "Hi {{ first_name" << 1 << 4 << "{{ is not closed";
    QTest::newRow("unclosed {{ before another tag")
        << "Hi,\nDear {{ first_name, {{ last_name }}" << 2 << 6 << "{{ is not closed";
    QTest::newRow("unclosed {%") << "a\n{% if first_name" << 2 << 1 << "{% is not closed";
    QTest::newRow("unclosed if") << "x\n  {% if first_name %}\nhello" << 2 << 3 << "{% if first_name %} is not closed";
    QTest::newRow("stray endif") << "a\nb{% endif %}" << 2 << 2 << "{% endif %} has no {% if %}";
    QTest::newRow("stray else") << "{% else %}" << 1 << 1 << "{% else %} has no {% if %}";
    QTest::newRow("second else") << "{% if a %}{% else %}{% else %}{% endif %}" << 1 << 21 << "second";
    QTest::newRow("unknown filter") << "\n{{ first_name | shout }}" << 2 << 17 << "\"shout\" is not a filter";
    QTest::newRow("bad date format") << "{{ renewal | date: \"%Y-%Q\" }}" << 1 << 24
                                     << "\"%Q\" is not a date format code";
    QTest::newRow("date format ends in %")
        << "{{ renewal | date: \"%Y %\" }}" << 1 << 24 << "\"%\" is not a date format code";
    QTest::newRow("date needs a format") << "{{ renewal | date }}" << 1 << 14 << "needs a value";
    QTest::newRow("default needs a value") << "{{ x | default: }}" << 1 << 15 << "needs a value";
    QTest::newRow("upper takes none") << "{{ x | upper: \"y\" }}" << 1 << 13 << "takes no value";
    QTest::newRow("unclosed quote") << "{{ x | default: \"y }}" << 1 << 17 << "not closed";
    QTest::newRow("empty output") << "ab{{ }}" << 1 << 3 << "no field name";
    QTest::newRow("hyphen in name") << "{{ first-name }}" << 1 << 9 << "\"-\" is unexpected";
    QTest::newRow("missing pipe") << "{{ first_name upper }}" << 1 << 15 << "\"upper\" is unexpected";
    QTest::newRow("empty filter") << "{{ first_name | }}" << 1 << 17 << "the end of the tag is unexpected";
    QTest::newRow("unknown tag") << "{% for x in list %}" << 1 << 4 << "\"for\" is not a tag";
    QTest::newRow("if without name") << "{% if %}{% endif %}" << 1 << 4 << "needs a field name";
    QTest::newRow("if comparison") << "{% if a == \"b\" %}{% endif %}" << 1 << 9 << "\"=\" is unexpected";
    QTest::newRow("endif with more") << "{% if a %}{% endif a %}" << 1 << 20 << "takes nothing else";
    QTest::newRow("column in UTF-16 units") << QString::fromUtf8("Grüße 😀 {{ x | nope }}") << 1 << 17 << "\"nope\"";
    QTest::newRow("after CRLF lines") << "a\r\nb\r\n  {{ x | nope }}" << 3 << 10 << "\"nope\"";
}

void TestMergeTemplate::syntaxErrorsHaveLineAndColumn()
{
    QFETCH(QString, source);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, says);

    const MergeTemplate tpl = MergeTemplate::parse(source);
    QVERIFY(!tpl.isValid());
    const QVector<TemplateIssue> errors = tpl.syntaxErrors();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].line, line);
    QCOMPARE(errors[0].column, column);
    QVERIFY2(errors[0].message.startsWith(QStringLiteral("line %1, column %2: ").arg(line).arg(column)),
             qPrintable(errors[0].message));
    QVERIFY2(errors[0].message.contains(says), qPrintable(errors[0].message));
}

void TestMergeTemplate::everySyntaxErrorIsReported()
{
    const MergeTemplate tpl =
        MergeTemplate::parse("{{ a | shout }}\n{% endif %}\n{% if b %}{{ c }}\n{{ d | date: \"%q\" }}");
    const QVector<TemplateIssue> errors = tpl.syntaxErrors();
    QCOMPARE(errors.size(), 4);
    QCOMPARE(errors[0].line, 1);
    QVERIFY(errors[0].message.contains("shout"));
    QCOMPARE(errors[1].line, 2);
    QVERIFY(errors[1].message.contains("endif"));
    QCOMPARE(errors[2].line, 3);
    QVERIFY(errors[2].message.contains("{% if b %} is not closed"));
    QCOMPARE(errors[3].line, 4);
    QVERIFY(errors[3].message.contains("%q"));
    // The well-formed tags were still read.
    QVERIFY(tpl.names().contains("c"));
}

void TestMergeTemplate::aFloodOfErrorsIsCut()
{
    const MergeTemplate tpl = MergeTemplate::parse(QStringLiteral("{{ x | nope }}\n").repeated(5000));
    const QVector<TemplateIssue> errors = tpl.syntaxErrors();
    QCOMPARE(errors.size(), 100);
    QCOMPARE(errors.constFirst().line, 1);
    QCOMPARE(errors.constLast().line, 100);
}

void TestMergeTemplate::invalidTemplateDoesNotRender()
{
    const MergeTemplate tpl = MergeTemplate::parse("Hi\n{{ first_name | shout }}");
    const Result<QString> out = tpl.render(fieldsOf(jane()), Escape::Text);
    QVERIFY(!out.ok());
    QCOMPARE(out.error().code, ErrorCode::TemplateError);
    QCOMPARE(out.error().message, tpl.syntaxErrors().constFirst().message);
    QVERIFY(out.error().message.startsWith("line 2, column 17:"));
}

void TestMergeTemplate::unknownNamesAtTheirLine()
{
    const MergeTemplate tpl = MergeTemplate::parse(
        "Hello {{ first_name }},\n\n{% if vip %}Dear {{ frist_name }}{% endif %} {{ First_Name }}");
    const QSet<QString> known{"first_name", "last_name", "email"};
    const QVector<TemplateIssue> issues = tpl.unknownNames(known);
    QCOMPARE(issues.size(), 3);
    QCOMPARE(issues[0].line, 3);
    QCOMPARE(issues[0].column, 7);
    QCOMPARE(issues[0].message, QStringLiteral("line 3: {% if vip %} is not a contact field."));
    QCOMPARE(issues[1].line, 3);
    QCOMPARE(issues[1].column, 21);
    QCOMPARE(issues[1].message,
             QStringLiteral("line 3: {{ frist_name }} is not a contact field. Did you mean first_name?"));
    QCOMPARE(issues[2].message,
             QStringLiteral("line 3: {{ First_Name }} is not a contact field. Did you mean first_name?"));
    // Every use counts, and nothing is reported when all names are known.
    QCOMPARE(MergeTemplate::parse("{{ x }}{{ x }}").unknownNames(known).size(), 2);
    QVERIFY(MergeTemplate::parse("{{ email }}{% if not last_name %}{% endif %}").unknownNames(known).isEmpty());
    // Nothing close enough: no suggestion.
    QVERIFY(!MergeTemplate::parse("{{ postcode }}").unknownNames(known).constFirst().message.contains("Did you mean"));
}

void TestMergeTemplate::unknownNameFailsRenderWithItsLine()
{
    const MergeTemplate tpl = MergeTemplate::parse("a\nb\n  {{ frist_name }}");
    QVERIFY(tpl.isValid());
    const Result<QString> out = tpl.render(fieldsOf(jane()), Escape::Html);
    QVERIFY(!out.ok());
    QCOMPARE(out.error().code, ErrorCode::TemplateError);
    QCOMPARE(out.error().message, QStringLiteral("line 3: {{ frist_name }} is not a contact field."));

    const Result<QString> inIf =
        MergeTemplate::parse("\n{% if vip %}x{% endif %}").render(fieldsOf(jane()), Escape::Text);
    QVERIFY(!inIf.ok());
    QVERIFY(inIf.error().message.startsWith("line 2:"));
}

void TestMergeTemplate::namesListsEveryField()
{
    const MergeTemplate tpl = MergeTemplate::parse("{{ first_name | default: \"x\" }} {% if company %}{{ company }}{% "
                                                   "else %}{{ city }}{% endif %}{% if not vip %}{% endif %}");
    QCOMPARE(tpl.names(), (QSet<QString>{"first_name", "company", "city", "vip"}));
    QVERIFY(MergeTemplate().isValid());
    QVERIFY(MergeTemplate().names().isEmpty());
}

void TestMergeTemplate::htmlEscapesValuesOnly()
{
    const QHash<QString, QString> fields{{"name", "<b>\"Tom\" & 'Jerry'</b>"}, {"empty", ""}};
    QCOMPARE(render("<p class=\"x\">Hi {{ name }} & co</p>", fields, Escape::Html),
             QStringLiteral("<p class=\"x\">Hi &lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; & co</p>"));
    // In an attribute a value cannot end the attribute.
    QCOMPARE(render("<a title=\"{{ name }}\">", {{"name", "\" onmouseover=\"x"}}, Escape::Html),
             QStringLiteral("<a title=\"&quot; onmouseover=&quot;x\">"));
    // A default is text too, and filters run before escaping.
    QCOMPARE(render("{{ empty | default: \"Tom & <Jerry>\" | upper }}", fields, Escape::Html),
             QStringLiteral("TOM &amp; &lt;JERRY&gt;"));
    QCOMPARE(render("<script>{{ name }}", {{"name", "</script><script>alert(1)"}}, Escape::Html),
             QStringLiteral("<script>&lt;/script&gt;&lt;script&gt;alert(1)"));
}

void TestMergeTemplate::textInsertsValuesRaw()
{
    const QHash<QString, QString> fields{{"name", "<b>\"Tom\" & 'Jerry'</b>"}};
    QCOMPARE(render("Hi {{ name }}", fields, Escape::Text), QStringLiteral("Hi <b>\"Tom\" & 'Jerry'</b>"));
}

void TestMergeTemplate::headerValuesCannotBreakTheLine()
{
    QString hostile = QStringLiteral("Jane\r\nBcc: all@example.com");
    hostile += QChar(0);
    hostile += QStringLiteral("x\ty\x7fz");
    hostile += QChar(0x85);
    hostile += QChar(0x2028);
    hostile += QStringLiteral("end");
    const QHash<QString, QString> fields{{"name", hostile}, {"city", QString::fromUtf8("Zürich <&>")}};
    const QString subject = render("Hello {{ name }} from {{ city }}", fields, Escape::Header);
    QCOMPARE(subject, QString::fromUtf8("Hello Jane  Bcc: all@example.com x y z  end from Zürich <&>"));
    // Even a line break in the template's own text cannot reach a header.
    QCOMPARE(render("Hello\r\n{{ name | default: \"x\" }}", {{"name", "a\nb"}}, Escape::Header),
             QStringLiteral("Hello  a b"));
    // The other modes leave the template's text alone.
    QCOMPARE(render("Hello\r\n", {}, Escape::Text), QStringLiteral("Hello\r\n"));
    QCOMPARE(MergeTemplate::headerSafe(hostile).indexOf(QChar(0)), -1);
}

void TestMergeTemplate::keyFor_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("key");

    QTest::newRow("space") << "Loyalty tier"
                           << "loyalty_tier";
    QTest::newRow("already a key") << "first_name"
                                   << "first_name";
    QTest::newRow("trimmed") << "  First name "
                             << "first_name";
    QTest::newRow("hyphens") << "E-Mail opt-in"
                             << "e_mail_opt_in";
    QTest::newRow("runs collapse") << "a - _ b"
                                   << "a_b";
    QTest::newRow("trailing hyphen") << "Score-"
                                     << "score";
    QTest::newRow("digit first") << "2FA code"
                                 << "2fa_code";
    QTest::newRow("non-ASCII letters") << QString::fromUtf8("Größe (cm)") << QString::fromUtf8("größe_cm");
    QTest::newRow("Cyrillic") << QString::fromUtf8("Город рождения") << QString::fromUtf8("город_рождения");
    QTest::newRow("dot") << "a.b"
                         << "a_b";
}

void TestMergeTemplate::keyFor()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, key);
    QCOMPARE(MergeTemplate::keyFor(fieldName), key);
}

void TestMergeTemplate::keyIsAUsableName()
{
    for (const QString& field : {QStringLiteral("Loyalty tier"), QString::fromUtf8("Größe (cm)"),
                                 QStringLiteral("E-Mail opt-in"), QString::fromUtf8("𝒳 score")}) {
        const QString key = MergeTemplate::keyFor(field);
        const MergeTemplate tpl = MergeTemplate::parse("{{ " + key + " | upper }}");
        QVERIFY2(tpl.isValid(), qPrintable(field));
        QCOMPARE(tpl.names(), QSet<QString>{key});
        QCOMPARE(tpl.render(fieldsOf({{key, "v"}}), Escape::Text).value(), QStringLiteral("V"));
    }
}

void TestMergeTemplate::nonAscii()
{
    const QHash<QString, QString> fields{{QString::fromUtf8("город"), QString::fromUtf8("Москва")},
                                         {"first_name", QString::fromUtf8("Zoë 😀")}};
    QCOMPARE(render(QString::fromUtf8("Grüße 😀, {{ first_name }} aus {{ город | upper }}!"), fields, Escape::Html),
             QString::fromUtf8("Grüße 😀, Zoë 😀 aus МОСКВА!"));
    QCOMPARE(render(QString::fromUtf8("{{ first_name }}"), fields, Escape::Header), QString::fromUtf8("Zoë 😀"));
    QCOMPARE(render(QString::fromUtf8("{{ first_name | capitalize }}"), {{"first_name", QString::fromUtf8("𝒳yz")}}),
             QString::fromUtf8("𝒳yz"));
}

void TestMergeTemplate::veryLongInput()
{
    // A 2 MB HTML body with 20,000 tags parses and renders whole.
    QString source;
    QString expected;
    const QString filler(80, 'x');
    for (int i = 0; i < 20000; ++i) {
        source +=
            "<p>" + filler + " {{ first_name }} {% if company %}no{% else %}{{ last_name | upper }}{% endif %}</p>\n";
        expected += "<p>" + filler + " Jane DOE</p>\n";
    }
    source += "{{ first_name | shout }}";
    MergeTemplate tpl = MergeTemplate::parse(source);
    QCOMPARE(tpl.syntaxErrors().size(), 1);
    QCOMPARE(tpl.syntaxErrors()[0].line, 20001);
    QCOMPARE(tpl.syntaxErrors()[0].column, 17);

    source.chop(int(QStringLiteral("{{ first_name | shout }}").size()));
    tpl = MergeTemplate::parse(source);
    QVERIFY(tpl.isValid());
    QCOMPARE(tpl.render(fieldsOf(jane()), Escape::Html).value(), expected);

    // A very long value, and a long single line with a tag at its end.
    const QString longValue(1 << 20, QChar(u'<'));
    const Result<QString> out = MergeTemplate::parse("{{ v }}").render(fieldsOf({{"v", longValue}}), Escape::Html);
    QCOMPARE(out.value().size(), qsizetype(4) << 20);
    const MergeTemplate longLine = MergeTemplate::parse(QString(500000, 'a') + "{{ v }}");
    QCOMPARE(longLine.unknownNames({}).constFirst().column, 500004);
}

void TestMergeTemplate::renderIntoAppends()
{
    const MergeTemplate tpl = MergeTemplate::parse("Hi {{ first_name }}");
    QString message = QStringLiteral("Subject: ");
    QVERIFY(tpl.renderInto(message, fieldsOf(jane()), Escape::Header).ok());
    QCOMPARE(message, QStringLiteral("Subject: Hi Jane"));
}

void TestMergeTemplate::eachNameIsLookedUpOncePerRender()
{
    // A newsletter repeats its tags in every section; a lookup per use cost more than the rest
    // of the render. Values still land at every use, and a branch not taken looks nothing up.
    const MergeTemplate tpl = MergeTemplate::parse(
        "{{ first_name }}, {{ first_name | upper }}{% if company %}{{ city }}{% else %} & {{ last_name }}{% endif %}"
        "{% if not first_name %}never{% endif %} ({{ first_name }})");
    QHash<QString, int> calls;
    const MergeTemplate::Lookup base = fieldsOf(jane());
    const MergeTemplate::Lookup counting = [&calls, &base](const QString& name) {
        ++calls[name];
        return base(name);
    };
    QCOMPARE(tpl.render(counting, Escape::Text).value(), QStringLiteral("Jane, JANE & Doe (Jane)"));
    QCOMPARE(calls, (QHash<QString, int>{{"first_name", 1}, {"company", 1}, {"last_name", 1}}));
    // Each render asks again: the next recipient's values are another lookup's.
    QHash<QString, QString> john = jane();
    john["first_name"] = "John";
    QCOMPARE(tpl.render(fieldsOf(john), Escape::Text).value(), QStringLiteral("John, JOHN & Doe (John)"));
    QCOMPARE(tpl.render(counting, Escape::Text).value(), QStringLiteral("Jane, JANE & Doe (Jane)"));
    QCOMPARE(calls.value("first_name"), 2);
}

QTEST_GUILESS_MAIN(TestMergeTemplate)
#include "test_merge_template.moc"
