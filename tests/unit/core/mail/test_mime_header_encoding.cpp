#include "core/mail/mime/HeaderEncoding.h"

#include <QRegularExpression>
#include <QTest>

// What a recipient's mail client shows is what the sender typed: subjects and names in any
// script, folded into short lines, and no value can add a header of its own.
namespace {

// One RFC 2047 encoded word decoded, or nullopt when `word` is not one of ours.
std::optional<QByteArray> decodeWord(const QByteArray& word)
{
    if (word.size() < 12 || !word.startsWith("=?utf-8?") || !word.endsWith("?=") || word.at(9) != '?') {
        return std::nullopt;
    }
    const QByteArray payload = word.mid(10, word.size() - 12);
    if (word.at(8) == 'B') {
        auto decoded = QByteArray::fromBase64Encoding(payload, QByteArray::AbortOnBase64DecodingErrors);
        return decoded ? std::optional<QByteArray>(*decoded) : std::nullopt;
    }
    if (word.at(8) != 'Q') {
        return std::nullopt;
    }
    QByteArray decoded;
    for (qsizetype i = 0; i < payload.size(); ++i) {
        const char c = payload.at(i);
        if (c == '_') {
            decoded += ' ';
        } else if (c == '=' && i + 2 < payload.size()) {
            decoded += char(payload.mid(i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else {
            decoded += c;
        }
    }
    return decoded;
}

bool isWholeUtf8(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// The field's value as a reader decodes it: unfolded, encoded words decoded, the space
// between two encoded words dropped (RFC 2047 6.2).
QString decodedValue(const QByteArray& field)
{
    QByteArray value = field;
    value.replace("\r\n", "");
    value = value.mid(value.indexOf(':') + 1).trimmed();
    QByteArray out;
    bool previousEncoded = false;
    const QList<QByteArray> tokens = value.split(' ');
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const auto decoded = decodeWord(tokens.at(i));
        if (i > 0 && !(decoded && previousEncoded)) {
            out += ' ';
        }
        out += decoded ? *decoded : tokens.at(i);
        previousEncoded = decoded.has_value();
    }
    return QString::fromUtf8(out);
}

QList<QByteArray> encodedWordsIn(const QByteArray& field)
{
    QList<QByteArray> words;
    QRegularExpression pattern(QStringLiteral("=\\?utf-8\\?[BQ]\\?[^?\\s]*\\?="));
    auto it = pattern.globalMatch(QString::fromLatin1(field));
    while (it.hasNext()) {
        words.append(it.next().captured().toLatin1());
    }
    return words;
}

// Every line ends in CRLF, only the first starts at column 0, none is longer than `limit`.
void verifyFolded(const QByteArray& field, int limit)
{
    QVERIFY2(field.endsWith("\r\n"), field.constData());
    const QList<QByteArray> lines = field.left(field.size() - 2).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (i + 1 < lines.size()) {
            QVERIFY2(line.endsWith('\r'), field.constData());
            line.chop(1);
        }
        QVERIFY2(!line.contains('\r'), field.constData());
        QVERIFY2(line.size() <= limit, line.constData());
        if (i > 0) {
            QVERIFY2(line.startsWith(' ') && !line.trimmed().isEmpty(), field.constData());
        }
        for (char c : line) {
            QVERIFY2(c >= 32 && c < 127, field.constData());
        }
    }
}

} // namespace

class TestMimeHeaderEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asciiSubjectIsWrittenAsItIs()
    {
        QCOMPARE(HeaderEncoding::formatUnstructured("Subject", "Our spring sale (20% off!)"),
                 QByteArray("Subject: Our spring sale (20% off!)\r\n"));
        QCOMPARE(HeaderEncoding::formatUnstructured("Subject", ""), QByteArray("Subject:\r\n"));
    }

    void controlCharactersBecomeSpacesSoNoHeaderIsInjected_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("field");
        QTest::newRow("crlf") << "Hi\r\nBcc: everyone@example.com"
                              << QByteArray("Subject: Hi Bcc: everyone@example.com\r\n");
        QTest::newRow("bare lf") << "Hi\nBcc: x@example.com" << QByteArray("Subject: Hi Bcc: x@example.com\r\n");
        QTest::newRow("bare cr") << "Hi\rBcc: x@example.com" << QByteArray("Subject: Hi Bcc: x@example.com\r\n");
        QTest::newRow("nul and escape") << QString::fromLatin1("a\0b\x1b[31mc", 9)
                                        << QByteArray("Subject: a b [31mc\r\n");
        QTest::newRow("tabs and runs") << "  a\t\tb    c  " << QByteArray("Subject: a b c\r\n");
        QTest::newRow("unicode line breaks") << QString::fromUtf8("a\xC2\x85"
                                                                  "b\xE2\x80\xA8"
                                                                  "c")
                                             << QByteArray("Subject: a b c\r\n");
        QTest::newRow("crlf then fold-like space")
            << "x\r\n Bcc: y@example.com" << QByteArray("Subject: x Bcc: y@example.com\r\n");
    }

    void controlCharactersBecomeSpacesSoNoHeaderIsInjected()
    {
        QFETCH(QString, value);
        QFETCH(QByteArray, field);
        QCOMPARE(HeaderEncoding::formatUnstructured("Subject", value), field);
    }

    void longAsciiSubjectFoldsAtSpacesWithin78()
    {
        QString subject;
        for (int i = 0; i < 40; ++i) {
            subject += QStringLiteral("word%1 ").arg(i);
        }
        subject = subject.trimmed();
        const QByteArray field = HeaderEncoding::formatUnstructured("Subject", subject);
        verifyFolded(field, 78);
        QVERIFY(field.count("\r\n") > 3);
        QVERIFY(encodedWordsIn(field).isEmpty());
        QByteArray unfolded = field;
        unfolded.replace("\r\n", "");
        QCOMPARE(unfolded, "Subject: " + subject.toLatin1());
    }

    void nonAsciiSubjectsDecodeToTheOriginal_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::newRow("german") << QString::fromUtf8("Grüße aus Köln – unser Angebot für Sie");
        QTest::newRow("long japanese") << QString::fromUtf8("日本語の件名").repeated(30);
        QTest::newRow("chinese with spaces") << QString::fromUtf8("新年 快乐 ").repeated(25).trimmed();
        QTest::newRow("emoji") << QString::fromUtf8("🎉🎁 Party 👩‍👩‍👧‍👦 family 🇩🇪🇫🇷 ")
                                      .repeated(8)
                                      .trimmed();
        QTest::newRow("mixed scripts") << QString::fromUtf8("Привет, Jürgen! 你好 – αβγ ").repeated(6).trimmed();
        QTest::newRow("encoded word look-alike") << "=?utf-8?B?SGk=?= is not Hi";
        QTest::newRow("one very long word") << QString(2000, QLatin1Char('a'));
        QTest::newRow("long word after text") << "Read " + QString(120, QLatin1Char('x')) + " now";
        QTest::newRow("non-breaking spaces") << QString::fromUtf8("a\xC2\xA0"
                                                                  "b \xE3\x80\x80 c");
    }

    void nonAsciiSubjectsDecodeToTheOriginal()
    {
        QFETCH(QString, subject);
        const QByteArray field = HeaderEncoding::formatUnstructured("Subject", subject);
        verifyFolded(field, 78);
        for (const QByteArray& word : encodedWordsIn(field)) {
            QVERIFY2(word.size() <= 75, word.constData());
            const auto decoded = decodeWord(word);
            QVERIFY2(decoded, word.constData());
            // RFC 2047 5: each encoded word holds whole characters.
            QVERIFY2(isWholeUtf8(*decoded), word.constData());
        }
        QCOMPARE(decodedValue(field), subject);
    }

    void encodedWordsAreBOrQWhicheverIsShorter()
    {
        // Q: 19 characters, B: 20.
        QCOMPARE(HeaderEncoding::encodedWords(QString::fromUtf8("Jürgen Schmidt")),
                 QList<QByteArray>{"=?utf-8?Q?J=C3=BCrgen_Schmidt?="});
        // Q: 15 characters, B: 12.
        QCOMPARE(HeaderEncoding::encodedWords(QString::fromUtf8("Grüße")),
                 QList<QByteArray>{"=?utf-8?B?R3LDvMOfZQ==?="});
        const QList<QByteArray> japanese = HeaderEncoding::encodedWords(QString::fromUtf8("日本語"));
        QCOMPARE(japanese, QList<QByteArray>{"=?utf-8?B?5pel5pys6Kqe?="});
    }

    void encodedWordsNeverSplitACharacter()
    {
        // 4-byte characters: a B word holds 45 bytes, so a split inside one is at hand.
        const QString emoji = QString::fromUtf8("😀").repeated(100);
        const QList<QByteArray> words = HeaderEncoding::encodedWords(emoji);
        QVERIFY(words.size() > 5);
        QByteArray all;
        for (const QByteArray& word : words) {
            QVERIFY(word.size() <= 75);
            const auto decoded = decodeWord(word);
            QVERIFY(decoded && isWholeUtf8(*decoded));
            all += *decoded;
        }
        QCOMPARE(QString::fromUtf8(all), emoji);
    }

    void encodedWordsFillEachLineExactlyAsBefore()
    {
        // Mixed 1- to 4-byte characters in B and Q words, split to the room left on each line:
        // the bytes the encoder wrote before it counted payloads incrementally (DKIM signatures
        // and previews of sent campaigns depend on them staying the same).
        QCOMPARE(HeaderEncoding::formatUnstructured(
                     "Subject", QString::fromUtf8("Größere Bohnen für Äthiopien-Fans: jetzt 20 % günstiger – nur bis "
                                                  "Sonntag € ✓ 😀 Grüße")),
                 QByteArray("Subject: =?utf-8?B?R3LDtsOfZXJl?= Bohnen =?utf-8?B?ZsO8ciDDhHRoaW9waWVuLUZh?=\r\n"
                            " =?utf-8?B?bnM6?= jetzt 20 % =?utf-8?B?Z8O8bnN0aWdlciDigJM=?= nur bis Sonntag\r\n"
                            " =?utf-8?B?4oKsIOKckyDwn5iAIEdyw7zDn2U=?=\r\n"));
        QCOMPARE(HeaderEncoding::formatAddressHeader(
                     "From", {Mailbox{QString::fromUtf8("Kaffeerösterei Müller – Spezialitäten aus aller Welt"),
                                      QStringLiteral("news@example.com")}})
                     .value(),
                 QByteArray("From: =?utf-8?Q?Kaffeer=C3=B6sterei_M=C3=BCller_=E2=80=93_Spezialit=C3=A4ten?=\r\n"
                            " =?utf-8?Q?_aus_aller_Welt?= <news@example.com>\r\n"));
    }

    void displayNamesAreAtomsQuotedOrEncoded_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("mailbox");
        QTest::newRow("none") << "" << QByteArray("jane@example.com");
        QTest::newRow("atoms") << "Jane Doe" << QByteArray("Jane Doe <jane@example.com>");
        QTest::newRow("comma") << "Doe, Jane" << QByteArray("\"Doe, Jane\" <jane@example.com>");
        QTest::newRow("period") << "J. Doe" << QByteArray("\"J. Doe\" <jane@example.com>");
        QTest::newRow("quotes") << "Jane \"JD\" Doe\\" << QByteArray("\"Jane \\\"JD\\\" Doe\\\\\" <jane@example.com>");
        QTest::newRow("angle brackets") << "boss@example.com <boss@example.com>"
                                        << QByteArray("\"boss@example.com <boss@example.com>\" <jane@example.com>");
        QTest::newRow("umlaut") << QString::fromUtf8("Jürgen")
                                << QByteArray("=?utf-8?Q?J=C3=BCrgen?= <jane@example.com>");
        QTest::newRow("injection") << "Jane\r\nBcc: all@example.com"
                                   << QByteArray("\"Jane Bcc: all@example.com\" <jane@example.com>");
        QTest::newRow("only spaces") << " \t " << QByteArray("jane@example.com");
    }

    void displayNamesAreAtomsQuotedOrEncoded()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, mailbox);
        const auto formatted = HeaderEncoding::formatMailbox(name, QStringLiteral("jane@example.com"));
        QVERIFY(formatted.ok());
        QCOMPARE(formatted.value(), mailbox);
    }

    void idnDomainsGoOutAsPunycode()
    {
        const auto formatted =
            HeaderEncoding::formatMailbox(QStringLiteral("Info"), QString::fromUtf8("info@Bücher.de"));
        QVERIFY(formatted.ok());
        QCOMPARE(formatted.value(), QByteArray("Info <info@xn--bcher-kva.de>"));
        QCOMPARE(HeaderEncoding::asciiAddress(QString::fromUtf8("a@例え.jp")).value(), QByteArray("a@xn--r8jz45g.jp"));
    }

    void manyDomainsInTurnEachKeepTheirOwnPunycode()
    {
        // More domains than the per-thread cache of IDNA results holds, round after round.
        const std::pair<const char*, QByteArray> domains[] = {
            {"Bücher.de", "xn--bcher-kva.de"}, {"例え.jp", "xn--r8jz45g.jp"},
            {"EXAMPLE.com", "example.com"},    {"café-müller.de", "xn--caf-mller-d4a5s.de"},
            {"müller.at", "xn--mller-kva.at"}, {"mail.example.org", "mail.example.org"},
        };
        for (int round = 0; round < 3; ++round) {
            for (const auto& [domain, ace] : domains) {
                QCOMPARE(HeaderEncoding::asciiAddress(QStringLiteral("a@") + QString::fromUtf8(domain)).value(),
                         "a@" + ace);
            }
        }
        QVERIFY(!HeaderEncoding::asciiAddress(QStringLiteral("a@exa..mple.com")).ok());
    }

    void cleanValuesComeBackAsTheyAre()
    {
        QCOMPARE(HeaderEncoding::sanitized(QString::fromUtf8("Jürgen Müller")), QString::fromUtf8("Jürgen Müller"));
        QCOMPARE(HeaderEncoding::sanitized(QStringLiteral("a  b")), QStringLiteral("a b"));
        QCOMPARE(HeaderEncoding::sanitized(QStringLiteral(" a")), QStringLiteral("a"));
        QCOMPARE(HeaderEncoding::sanitized(QStringLiteral("a ")), QStringLiteral("a"));
        QCOMPARE(HeaderEncoding::sanitized(QStringLiteral(" ")), QString());
        QCOMPARE(HeaderEncoding::sanitized(QString::fromUtf8("smile 😀")), QString::fromUtf8("smile 😀"));
        QCOMPARE(HeaderEncoding::sanitized(QString(QChar(0xD800))), QString(QChar(QChar::ReplacementCharacter)));
        QCOMPARE(HeaderEncoding::sanitized(QString::fromUtf8("a\u2028b")), QStringLiteral("a b"));
    }

    void addressesThatCannotBeWrittenAreRefused_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("empty") << "";
        QTest::newRow("no at") << "jane.example.com";
        QTest::newRow("space") << "jane doe@example.com";
        QTest::newRow("injection") << "jane@example.com\r\nBcc: all@example.com";
        QTest::newRow("non-ascii local part needs smtputf8") << QString::fromUtf8("jürgen@example.com");
        QTest::newRow("angle bracket") << "jane@example.com>";
        QTest::newRow("bad domain") << "jane@exa_mple..com";
        QTest::newRow("double dot") << "ja..ne@example.com";
        QTest::newRow("too long") << QString(70, QLatin1Char('a')) + "@example.com";
    }

    void addressesThatCannotBeWrittenAreRefused()
    {
        QFETCH(QString, address);
        const auto formatted = HeaderEncoding::formatMailbox(QStringLiteral("Jane"), address);
        QVERIFY(!formatted.ok());
        QVERIFY(!formatted.error().message.isEmpty());
        const auto header = HeaderEncoding::formatAddressHeader("To", {Mailbox{QStringLiteral("Jane"), address}});
        QVERIFY(!header.ok());
        QVERIFY2(header.error().message.startsWith(QLatin1String("To")), qPrintable(header.error().message));
    }

    void addressHeadersFoldBetweenMailboxes()
    {
        QVector<Mailbox> mailboxes;
        for (int i = 0; i < 8; ++i) {
            mailboxes.append(Mailbox{QString::fromUtf8("Ünïcödé Person Number %1").arg(i),
                                     QStringLiteral("person%1@example.com").arg(i)});
        }
        const auto field = HeaderEncoding::formatAddressHeader("To", mailboxes);
        QVERIFY(field.ok());
        verifyFolded(field.value(), 78);
        QCOMPARE(field.value().count(','), 7);
        for (const QByteArray& word : encodedWordsIn(field.value())) {
            QVERIFY(word.size() <= 75);
        }
    }

    void longDisplayNamesFoldToo()
    {
        const QString longAscii =
            QStringLiteral("The Very Long Name, Of A Department (Sales & Marketing) ").repeated(4);
        const QString longJapanese = QString::fromUtf8("株式会社サンプル営業部").repeated(10);
        // One atom, or one quoted string, that fits a continuation line but not the first.
        const QString longAtom = QString(72, QLatin1Char('x'));
        const QString longQuoted = QString(35, QLatin1Char('x')) + QStringLiteral(", ") + QString(35, QLatin1Char('y'));
        for (const QString& name : {longAscii, longJapanese, longAtom, longQuoted}) {
            const auto field =
                HeaderEncoding::formatAddressHeader("Reply-To", {Mailbox{name, QStringLiteral("a@example.com")}});
            QVERIFY(field.ok());
            verifyFolded(field.value(), 78);
            QVERIFY(field.value().trimmed().endsWith("<a@example.com>"));
        }
    }

    void hugeValuesNeverMakeALineOver998()
    {
        const QString huge = QString(50000, QLatin1Char('x')) + QString::fromUtf8(" ü") +
                             QString(3000, QLatin1Char(' ')) + QString(5000, QLatin1Char('y'));
        const QByteArray field = HeaderEncoding::formatUnstructured("Subject", huge);
        verifyFolded(field, 78);
        const auto from = HeaderEncoding::formatAddressHeader("From", {Mailbox{huge, QStringLiteral("a@example.com")}});
        QVERIFY(from.ok());
        verifyFolded(from.value(), 78);
    }

    void parametersAreQuotedOrRfc2231Encoded()
    {
        QCOMPARE(HeaderEncoding::parameterTokens("filename", QStringLiteral("report 2026.pdf")),
                 QList<QByteArray>{"filename=\"report 2026.pdf\""});
        QCOMPARE(HeaderEncoding::parameterTokens("filename", QStringLiteral("a\"b\\c.txt")),
                 QList<QByteArray>{"filename=\"a\\\"b\\\\c.txt\""});
        QCOMPARE(HeaderEncoding::parameterTokens("filename", QString::fromUtf8("Preisliste €.pdf")),
                 QList<QByteArray>{"filename*=utf-8''Preisliste%20%E2%82%AC.pdf"});
        QCOMPARE(HeaderEncoding::parameterTokens("filename", QStringLiteral("evil\r\nContent-Type: text/html")),
                 QList<QByteArray>{"filename=\"evil Content-Type: text/html\""});
    }

    void longParametersContinueWithoutSplittingACharacter()
    {
        const QString name = QString::fromUtf8("Überweisungsbestätigung_日本_").repeated(6) + QStringLiteral(".pdf");
        const QList<QByteArray> tokens = HeaderEncoding::parameterTokens("filename", name);
        QVERIFY(tokens.size() > 3);
        QByteArray joined;
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            const QByteArray prefix = "filename*" + QByteArray::number(i) + "*=" + (i == 0 ? "utf-8''" : "");
            QVERIFY2(tokens.at(i).startsWith(prefix), tokens.at(i).constData());
            QVERIFY(tokens.at(i).size() <= 75);
            const QByteArray segment = QByteArray::fromPercentEncoding(tokens.at(i).mid(prefix.size()));
            QVERIFY2(isWholeUtf8(segment), tokens.at(i).constData());
            joined += segment;
        }
        QCOMPARE(QString::fromUtf8(joined), name);
    }

    void structuredFieldsFoldBetweenTokens()
    {
        const QByteArray field = HeaderEncoding::formatStructured(
            "List-Unsubscribe", {"<mailto:unsubscribe@example.com?subject=unsubscribe%20c12>,",
                                 "<https://example.com/unsubscribe?token=0123456789abcdef0123456789>"});
        verifyFolded(field, 78);
        QCOMPARE(field.count("\r\n"), 2);
    }
};

QTEST_GUILESS_MAIN(TestMimeHeaderEncoding)
#include "test_mime_header_encoding.moc"
