#include "core/mail/mime/MimeMessage.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// The message a recipient's client opens shows the subject, sender, text, HTML, inline images
// and attachments exactly as the campaign had them; the same campaign and contact always give
// the same bytes (DKIM signs what is sent). A real reader, Python's email package, checks it.
namespace {

QDateTime sampleDate()
{
    return QDateTime(QDate(2026, 11, 28), QTime(9, 5, 7), Qt::OffsetFromUTC, 3600);
}

QByteArray binaryBytes(int size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i) {
        bytes[i] = char((i * 31 + seed * 7 + (i >> 3)) & 0xff);
    }
    return bytes;
}

// Text as it must decode: UTF-8 with every line end CRLF.
QByteArray wireText(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    return bytes;
}

QJsonObject leaf(const QString& type, const QByteArray& body)
{
    return QJsonObject{{QStringLiteral("type"), type},
                       {QStringLiteral("base64"), QString::fromLatin1(body.toBase64())}};
}

QJsonArray mailbox(const QString& name, const QString& address)
{
    return QJsonArray{name, address};
}

// Runs mime_check.py on the message; what it found wrong, or nothing.
QString problemsFoundByPython(const QByteArray& message, const QJsonObject& expected)
{
    QTemporaryDir dir;
    if (!dir.isValid()) {
        return QStringLiteral("no temporary directory");
    }
    QFile eml(dir.filePath(QStringLiteral("message.eml")));
    QFile json(dir.filePath(QStringLiteral("expected.json")));
    if (!eml.open(QIODevice::WriteOnly) || eml.write(message) != message.size() || !json.open(QIODevice::WriteOnly) ||
        json.write(QJsonDocument(expected).toJson()) < 0) {
        return QStringLiteral("cannot write the message");
    }
    eml.close();
    json.close();
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(MIME_CHECK_SCRIPT), eml.fileName(), json.fileName()});
    if (!python.waitForFinished(60000)) {
        return QStringLiteral("python3 did not run: ") + python.errorString();
    }
    const QString output = QString::fromUtf8(python.readAll());
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        return output.isEmpty() ? QStringLiteral("mime_check.py failed") : output;
    }
    return {};
}

QList<QByteArray> headerNames(const QByteArray& message)
{
    const QByteArray head = message.left(message.indexOf("\r\n\r\n"));
    QList<QByteArray> names;
    for (const QByteArray& line : head.split('\n')) {
        if (!line.startsWith(' ') && !line.startsWith('\t')) {
            names.append(line.left(line.indexOf(':')));
        }
    }
    return names;
}

void verifyWire(const QByteArray& message)
{
    QVERIFY(message.endsWith("\r\n"));
    QByteArray withoutCrlf = message;
    withoutCrlf.replace("\r\n", "");
    QVERIFY2(!withoutCrlf.contains('\r') && !withoutCrlf.contains('\n'), "a bare CR or LF");
    for (const QByteArray& line : message.split('\n')) {
        QVERIFY2(line.size() <= 999, line.left(80).constData());
    }
}

EncodedPart logo()
{
    return EncodedPart::inlineImage(QStringLiteral("logo@example.com"), QStringLiteral("image/png"),
                                    binaryBytes(900, 1), QStringLiteral("logo.png"))
        .value();
}

} // namespace

class TestMimeMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheExpectedBytes()
    {
        MimeMessage message;
        message.setDate(sampleDate());
        message.setFrom(Mailbox{QStringLiteral("Shop"), QStringLiteral("news@example.com")});
        message.setTo({Mailbox{QStringLiteral("Jane Doe"), QStringLiteral("jane@example.org")}});
        message.setSubject(QStringLiteral("Hello"));
        message.setMessageId(QStringLiteral("c1.r2.abc@example.com"));
        message.setPlainText(QStringLiteral("Hi Jane,\nsee you.\n"));
        const auto rendered = message.render();
        QVERIFY(rendered.ok());
        QCOMPARE(rendered.value(), QByteArray("Date: Sat, 28 Nov 2026 09:05:07 +0100\r\n"
                                              "From: Shop <news@example.com>\r\n"
                                              "To: Jane Doe <jane@example.org>\r\n"
                                              "Subject: Hello\r\n"
                                              "Message-ID: <c1.r2.abc@example.com>\r\n"
                                              "MIME-Version: 1.0\r\n"
                                              "Content-Type: text/plain; charset=utf-8\r\n"
                                              "Content-Transfer-Encoding: quoted-printable\r\n"
                                              "\r\n"
                                              "Hi Jane,\r\n"
                                              "see you.\r\n"));
    }

    void newsletterWithEverythingReadsBackInPython()
    {
        const QString text = QString::fromUtf8("Hallo Jürgen,\n\nunser Angebot: 20% auf alles = günstig.\n") +
                             QString(3000, QLatin1Char('t')) + QStringLiteral("\ntrailing space \n.dot\nFrom me");
        const QString html = QString::fromUtf8("<html><body><p>Hallo Jürgen,</p>"
                                               "<img src=\"cid:logo@example.com\" alt=\"Logo\">"
                                               "<img src='cid:banner.1@example.com'>") +
                             QStringLiteral("<p>") + QString(2500, QLatin1Char('h')) +
                             QStringLiteral("</p></body></html>\n");
        const QByteArray logoBytes = binaryBytes(900, 1);
        const QByteArray bannerBytes = binaryBytes(4000, 2);
        const QByteArray pdfBytes = binaryBytes(10000, 3);
        const QByteArray csvBytes = "email;name\r\njane@example.com;J\xC3\xBCrgen\n";
        const QString pdfName =
            QString::fromUtf8("Preisübersicht für das Jahr 2027 – alle Produkte und Dienstleistungen.pdf");

        MimeMessage message;
        message.setDate(sampleDate());
        message.setFrom(Mailbox{QString::fromUtf8("Bücherstube Müller"), QString::fromUtf8("info@bücher.de")});
        message.setReplyTo(Mailbox{QStringLiteral("Support"), QStringLiteral("help@example.com")});
        message.setTo({Mailbox{QStringLiteral("Doe, Jane"), QStringLiteral("jane@example.org")}});
        message.setSubject(
            QString::fromUtf8("Grüße aus Köln – Ihr persönliches Angebot für den Winter 2026/27 ist da"));
        message.setMessageId(MimeMessage::messageIdFor(12, 345, QString::fromUtf8("bücher.de"), "salt").value());
        message.setListUnsubscribe(QStringLiteral("unsubscribe@example.com?subject=unsubscribe%20c12"),
                                   QStringLiteral("https://example.com/u?c=12&r=345&t=0123456789abcdef"));
        message.setPlainText(text);
        message.setHtml(html);
        message.addInlineImage(logo());
        message.addInlineImage(
            EncodedPart::inlineImage(QStringLiteral("<banner.1@example.com>"), QStringLiteral("image/gif"), bannerBytes)
                .value());
        message.addAttachment(EncodedPart::attachment(pdfName, QStringLiteral("application/pdf"), pdfBytes).value());
        message.addAttachment(
            EncodedPart::attachment(QStringLiteral("list.csv"), QStringLiteral("text/csv"), csvBytes).value());
        const auto rendered = message.render();
        QVERIFY2(rendered.ok(), qPrintable(rendered.ok() ? QString() : rendered.error().message));
        verifyWire(rendered.value());

        QJsonObject pdf = leaf(QStringLiteral("application/pdf"), pdfBytes);
        pdf.insert(QStringLiteral("filename"), pdfName);
        QJsonObject csv = leaf(QStringLiteral("text/csv"), csvBytes);
        csv.insert(QStringLiteral("filename"), QStringLiteral("list.csv"));
        QJsonObject logoLeaf = leaf(QStringLiteral("image/png"), logoBytes);
        logoLeaf.insert(QStringLiteral("content_id"), QStringLiteral("logo@example.com"));
        logoLeaf.insert(QStringLiteral("filename"), QStringLiteral("logo.png"));
        QJsonObject bannerLeaf = leaf(QStringLiteral("image/gif"), bannerBytes);
        bannerLeaf.insert(QStringLiteral("content_id"), QStringLiteral("banner.1@example.com"));
        const QJsonObject expected{
            {QStringLiteral("subject"),
             QString::fromUtf8("Grüße aus Köln – Ihr persönliches Angebot für den Winter 2026/27 ist da")},
            {QStringLiteral("from"),
             mailbox(QString::fromUtf8("Bücherstube Müller"), QStringLiteral("info@xn--bcher-kva.de"))},
            {QStringLiteral("reply_to"), mailbox(QStringLiteral("Support"), QStringLiteral("help@example.com"))},
            {QStringLiteral("to"),
             QJsonArray{mailbox(QStringLiteral("Doe, Jane"), QStringLiteral("jane@example.org"))}},
            {QStringLiteral("shape"),
             QStringLiteral("multipart/mixed(multipart/alternative(text/plain,multipart/related(text/html,image/png,"
                            "image/gif)),application/pdf,text/csv)")},
            {QStringLiteral("leaves"),
             QJsonArray{leaf(QStringLiteral("text/plain"), wireText(text)),
                        leaf(QStringLiteral("text/html"), wireText(html)), logoLeaf, bannerLeaf, pdf, csv}},
            {QStringLiteral("headers"),
             QJsonObject{{QStringLiteral("List-Unsubscribe"),
                          QStringLiteral("<mailto:unsubscribe@example.com?subject=unsubscribe%20c12>, "
                                         "<https://example.com/u?c=12&r=345&t=0123456789abcdef>")},
                         {QStringLiteral("List-Unsubscribe-Post"), QStringLiteral("List-Unsubscribe=One-Click")},
                         {QStringLiteral("MIME-Version"), QStringLiteral("1.0")},
                         {QStringLiteral("Date"), QStringLiteral("Sat, 28 Nov 2026 09:05:07 +0100")}}},
        };
        const QString problems = problemsFoundByPython(rendered.value(), expected);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void hostileAndLongHeaderValuesReadBackInPython_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QString>("decodedSubject");
        QTest::addColumn<QString>("decodedName");
        const QString japanese =
            QString::fromUtf8("【重要】お客様だけの特別なご案内です。今すぐご確認ください").repeated(4);
        QTest::newRow("long japanese") << japanese << QString::fromUtf8("株式会社サンプル") << japanese
                                       << QString::fromUtf8("株式会社サンプル");
        const QString emoji =
            QString::fromUtf8("🎉 Big sale 👩‍👩‍👧‍👦 for the family 🇩🇪 ").repeated(6).trimmed();
        QTest::newRow("emoji") << emoji << QString::fromUtf8("🛒 Shop") << emoji << QString::fromUtf8("🛒 Shop");
        QTest::newRow("header injection") << "Hi\r\nBcc: all@example.com\r\n\r\nbody"
                                          << "Jane\r\nTo: victim@example.com"
                                          << "Hi Bcc: all@example.com body"
                                          << "Jane To: victim@example.com";
        QTest::newRow("encoded word look-alikes") << "=?utf-8?B?SGk=?= =?x?Q?y?="
                                                  << "=?utf-8?Q?Boss?="
                                                  << "=?utf-8?B?SGk=?= =?x?Q?y?="
                                                  << "=?utf-8?Q?Boss?=";
        const QString longWord = QString(1500, QLatin1Char('w'));
        QTest::newRow("very long word") << longWord << QString(300, QLatin1Char('n')) << longWord
                                        << QString(300, QLatin1Char('n'));
        QTest::newRow("quotes and backslashes") << "\"quoted\" \\ back"
                                                << "Jane \"JD\" Doe\\"
                                                << "\"quoted\" \\ back"
                                                << "Jane \"JD\" Doe\\";
        QTest::newRow("mixed") << QString::fromUtf8("Ünïcödé, ASCII und 日本語 gemischt (100%)") << "Doe, J. (Sales)"
                               << QString::fromUtf8("Ünïcödé, ASCII und 日本語 gemischt (100%)") << "Doe, J. (Sales)";
    }

    void hostileAndLongHeaderValuesReadBackInPython()
    {
        QFETCH(QString, subject);
        QFETCH(QString, displayName);
        QFETCH(QString, decodedSubject);
        QFETCH(QString, decodedName);
        MimeMessage message;
        message.setDate(sampleDate());
        message.setFrom(Mailbox{displayName, QStringLiteral("news@example.com")});
        message.setTo({Mailbox{displayName, QStringLiteral("jane@example.org")}});
        message.setSubject(subject);
        message.setMessageId(QStringLiteral("<c1.r2.abc@example.com>"));
        message.setHtml(QStringLiteral("<p>Hi</p>"));
        const auto rendered = message.render();
        QVERIFY(rendered.ok());
        verifyWire(rendered.value());
        QCOMPARE(headerNames(rendered.value()),
                 (QList<QByteArray>{"Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type",
                                    "Content-Transfer-Encoding"}));
        for (const QByteArray& line : rendered.value().left(rendered.value().indexOf("\r\n\r\n")).split('\n')) {
            QVERIFY2(line.size() <= 79, line.constData()); // 78 and the CR
        }
        const QJsonObject expected{
            {QStringLiteral("subject"), decodedSubject},
            {QStringLiteral("from"), mailbox(decodedName, QStringLiteral("news@example.com"))},
            {QStringLiteral("to"), QJsonArray{mailbox(decodedName, QStringLiteral("jane@example.org"))}},
            {QStringLiteral("shape"), QStringLiteral("text/html")},
        };
        const QString problems = problemsFoundByPython(rendered.value(), expected);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void bodiesDecodeByteForByteInPython_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("html");
        QTest::newRow("long lines") << QString(5000, QLatin1Char('a')) + QStringLiteral("\n") +
                                           QString(998, QLatin1Char('b'))
                                    << QStringLiteral("<p>") + QString(10000, QLatin1Char('c')) +
                                           QStringLiteral("</p>");
        QTest::newRow("trailing whitespace and equals")
            << QStringLiteral("a = b \nc\t\n \n= \n==\n") << QStringLiteral("<p style=\"x\">a </p> \n");
        QTest::newRow("dots and From") << QStringLiteral(".\n..\n.x\nFrom here\n>From\n")
                                       << QStringLiteral(".\r\n<p>.</p>\r\n");
        QTest::newRow("bare cr and mixed line ends") << QStringLiteral("a\rb\r\nc\nd\r") << QStringLiteral("x\r\r\ny");
        QTest::newRow("no final line end") << QStringLiteral("no newline") << QStringLiteral("<p>no newline</p>");
        QTest::newRow("japanese, base64")
            << QString::fromUtf8("お問い合わせいただきありがとうございます。\n").repeated(40)
            << QString::fromUtf8("<p>日本語のメール本文です。</p>\n").repeated(40);
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("control characters")
            << QString::fromLatin1("nul\0bell\x07 esc\x1b", 14) << QStringLiteral("<p>\x7f</p>");
    }

    void bodiesDecodeByteForByteInPython()
    {
        QFETCH(QString, text);
        QFETCH(QString, html);
        for (const bool alternative : {true, false}) {
            MimeMessage message;
            message.setDate(sampleDate());
            message.setFrom(Mailbox{QStringLiteral("Shop"), QStringLiteral("news@example.com")});
            message.setTo({Mailbox{{}, QStringLiteral("jane@example.org")}});
            message.setSubject(QStringLiteral("Bodies"));
            message.setMessageId(QStringLiteral("<c1.r2.abc@example.com>"));
            message.setPlainText(text);
            QJsonArray leaves{leaf(QStringLiteral("text/plain"), wireText(text))};
            if (alternative) {
                message.setHtml(html);
                leaves.append(leaf(QStringLiteral("text/html"), wireText(html)));
            }
            const auto rendered = message.render();
            QVERIFY(rendered.ok());
            verifyWire(rendered.value());
            const QJsonObject expected{
                {QStringLiteral("shape"), alternative ? QStringLiteral("multipart/alternative(text/plain,text/html)")
                                                      : QStringLiteral("text/plain")},
                {QStringLiteral("leaves"), leaves},
                {QStringLiteral("to"), QJsonArray{mailbox(QString(), QStringLiteral("jane@example.org"))}},
            };
            const QString problems = problemsFoundByPython(rendered.value(), expected);
            QVERIFY2(problems.isEmpty(), qPrintable(problems));
        }
    }

    void onlyTheLevelsNeeded()
    {
        const EncodedPart pdf =
            EncodedPart::attachment(QStringLiteral("a.pdf"), QStringLiteral("application/pdf"), "%PDF").value();
        struct Case
        {
            bool text;
            bool html;
            bool image;
            bool attachment;
            QString shape;
        };
        const QList<Case> cases{
            {false, true, false, false, QStringLiteral("text/html")},
            {false, true, true, false, QStringLiteral("multipart/related(text/html,image/png)")},
            {true, false, false, true, QStringLiteral("multipart/mixed(text/plain,application/pdf)")},
            {false, true, true, true,
             QStringLiteral("multipart/mixed(multipart/related(text/html,image/png),application/pdf)")},
            {true, true, false, true,
             QStringLiteral("multipart/mixed(multipart/alternative(text/plain,text/html),application/pdf)")},
        };
        for (const Case& c : cases) {
            MimeMessage message;
            message.setDate(sampleDate());
            message.setFrom(Mailbox{{}, QStringLiteral("news@example.com")});
            message.setTo({Mailbox{{}, QStringLiteral("jane@example.org")}});
            message.setMessageId(QStringLiteral("<c1.r2.abc@example.com>"));
            if (c.text) {
                message.setPlainText(QStringLiteral("text"));
            }
            if (c.html) {
                message.setHtml(c.image ? QStringLiteral("<img src=\"cid:logo@example.com\">")
                                        : QStringLiteral("<p>x</p>"));
            }
            if (c.image) {
                message.addInlineImage(logo());
            }
            if (c.attachment) {
                message.addAttachment(pdf);
            }
            const auto rendered = message.render();
            QVERIFY(rendered.ok());
            const QString problems = problemsFoundByPython(rendered.value(), {{QStringLiteral("shape"), c.shape}});
            QVERIFY2(problems.isEmpty(), qPrintable(c.shape + QLatin1Char(' ') + problems));
        }
    }

    void sameInputSameBytesAndBoundariesFromTheSeed()
    {
        auto build = [](const QString& messageId) {
            MimeMessage message;
            message.setDate(sampleDate());
            message.setFrom(Mailbox{QStringLiteral("Shop"), QStringLiteral("news@example.com")});
            message.setTo({Mailbox{QStringLiteral("Jane"), QStringLiteral("jane@example.org")}});
            message.setSubject(QString::fromUtf8("Grüße"));
            message.setMessageId(messageId);
            message.setPlainText(QStringLiteral("--=_a_ text that looks like a boundary\n--"));
            message.setHtml(QStringLiteral("<p>html</p>"));
            message.addInlineImage(logo());
            message.addAttachment(EncodedPart::attachment(QStringLiteral("a.bin"),
                                                          QStringLiteral("application/octet-stream"),
                                                          binaryBytes(5000, 9))
                                      .value());
            return message.render().value();
        };
        const QByteArray first = build(QStringLiteral("<c1.r1.x@example.com>"));
        QCOMPARE(build(QStringLiteral("<c1.r1.x@example.com>")), first);
        const QByteArray other = build(QStringLiteral("<c1.r2.x@example.com>"));
        QVERIFY(other != first);

        const QRegularExpression boundaryPattern(QStringLiteral("boundary=\"([^\"]+)\""));
        auto it = boundaryPattern.globalMatch(QString::fromLatin1(first));
        QStringList boundaries;
        while (it.hasNext()) {
            boundaries.append(it.next().captured(1));
        }
        QCOMPARE(boundaries.size(), 3);
        for (const QString& boundary : boundaries) {
            QVERIFY(boundary.startsWith(QLatin1String("=_")));
            QVERIFY(!other.contains(boundary.toLatin1()));
            // Once in the Content-Type, then only as delimiter lines.
            const QByteArray delimiter = "\r\n--" + boundary.toLatin1();
            QCOMPARE(first.count(boundary.toLatin1()), first.count(delimiter) + 1);
        }
        // mixed: text part, attachment and the close; related: html, image, close; alternative: 2 + close.
        QCOMPARE(first.count("\r\n--" + boundaries.at(0).toLatin1()), 3);
    }

    void oneClickOnlyWithAnHttpsUrl()
    {
        auto render = [](const QString& mailto, const QString& https) {
            MimeMessage message;
            message.setDate(sampleDate());
            message.setFrom(Mailbox{{}, QStringLiteral("news@example.com")});
            message.setTo({Mailbox{{}, QStringLiteral("jane@example.org")}});
            message.setListUnsubscribe(mailto, https);
            message.setPlainText(QStringLiteral("x"));
            return message.render();
        };
        const QByteArray mailtoOnly = render(QString::fromUtf8("mailto:unsub@bücher.de"), {}).value();
        QVERIFY(mailtoOnly.contains("\r\nList-Unsubscribe: <mailto:unsub@xn--bcher-kva.de>\r\n"));
        QVERIFY(!mailtoOnly.contains("List-Unsubscribe-Post"));
        const QByteArray httpsOnly = render({}, QStringLiteral("https://example.com/u/abc")).value();
        QVERIFY(httpsOnly.contains("\r\nList-Unsubscribe: <https://example.com/u/abc>\r\n"
                                   "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        // RFC 2369 2: a literal comma would end the URL for some readers.
        const QByteArray idn = render({}, QString::fromUtf8("https://bücher.de/abmelden?x=%C3%A4,y")).value();
        QVERIFY(idn.contains("\r\nList-Unsubscribe: <https://xn--bcher-kva.de/abmelden?x=%C3%A4%2Cy>\r\n"));
        const QByteArray none = render({}, {}).value();
        QVERIFY(!none.contains("List-Unsubscribe"));
        QCOMPARE(headerNames(render(QStringLiteral("u@example.com"), QStringLiteral("https://example.com/u")).value()),
                 (QList<QByteArray>{"Date", "From", "To", "Subject", "MIME-Version", "List-Unsubscribe",
                                    "List-Unsubscribe-Post", "Content-Type", "Content-Transfer-Encoding"}));

        for (const QString& bad :
             {QStringLiteral("http://example.com/u"), QStringLiteral("https://exa mple.com/u"),
              QStringLiteral("https://example.com/u>\r\nBcc: x@example.com"), QStringLiteral("ftp://example.com")}) {
            const auto refused = render({}, bad);
            QVERIFY2(!refused.ok(), qPrintable(bad));
            QVERIFY(refused.error().message.startsWith(QLatin1String("List-Unsubscribe")));
        }
        QVERIFY(!render(QStringLiteral("not an address"), {}).ok());
        QVERIFY(!render(QStringLiteral("a@example.com\r\nBcc: x@example.com"), {}).ok());
    }

    void messageIdIsStablePerCampaignAndContact()
    {
        const QString id = MimeMessage::messageIdFor(12, 345, QStringLiteral("example.com"), "workspace salt").value();
        QVERIFY2(QRegularExpression(QStringLiteral("^<c12\\.r345\\.[0-9a-f]{16}@example\\.com>$")).match(id).hasMatch(),
                 qPrintable(id));
        QCOMPARE(MimeMessage::messageIdFor(12, 345, QStringLiteral("example.com"), "workspace salt").value(), id);
        QVERIFY(MimeMessage::messageIdFor(12, 346, QStringLiteral("example.com"), "workspace salt").value() != id);
        QVERIFY(MimeMessage::messageIdFor(12, 345, QStringLiteral("example.com"), "other workspace").value() != id);
        QVERIFY(MimeMessage::messageIdFor(1, 2, QString::fromUtf8("bücher.de"), "s")
                    .value()
                    .endsWith(QLatin1String("@xn--bcher-kva.de>")));
        QVERIFY(!MimeMessage::messageIdFor(1, 2, QStringLiteral("bad domain"), "s").ok());
    }

    void datesAreRfc5322WithTheirOffset()
    {
        QCOMPARE(MimeMessage::formatDate(sampleDate()).value(), QByteArray("Sat, 28 Nov 2026 09:05:07 +0100"));
        QCOMPARE(MimeMessage::formatDate(
                     QDateTime(QDate(2027, 1, 4), QTime(23, 59, 59), Qt::OffsetFromUTC, -(3 * 3600 + 1800)))
                     .value(),
                 QByteArray("Mon, 04 Jan 2027 23:59:59 -0330"));
        QCOMPARE(MimeMessage::formatDate(QDateTime(QDate(2026, 7, 1), QTime(0, 0), Qt::UTC)).value(),
                 QByteArray("Wed, 01 Jul 2026 00:00:00 +0000"));
        QVERIFY(!MimeMessage::formatDate(QDateTime()).ok());
    }

    void sharedPartsAreEncodedOnceForAllRecipients()
    {
        const QByteArray pdfBytes = binaryBytes(20000, 5);
        const EncodedPart pdf =
            EncodedPart::attachment(QStringLiteral("terms.pdf"), QStringLiteral("application/pdf"), pdfBytes).value();
        const EncodedPart html = EncodedPart::html(QStringLiteral("<p>The same for everyone</p>"));
        QByteArray attachmentSection;
        for (int contact = 1; contact <= 3; ++contact) {
            MimeMessage message;
            message.setDate(sampleDate());
            message.setFrom(Mailbox{QStringLiteral("Shop"), QStringLiteral("news@example.com")});
            message.setTo(
                {Mailbox{QStringLiteral("Contact %1").arg(contact), QStringLiteral("c%1@example.org").arg(contact)}});
            message.setMessageId(MimeMessage::messageIdFor(7, contact, QStringLiteral("example.com"), "s").value());
            message.setPlainText(QStringLiteral("Dear contact %1").arg(contact));
            message.setHtmlPart(html);
            message.addAttachment(pdf);
            const QByteArray rendered = message.render().value();
            QVERIFY(rendered.contains(pdf.headers() + "\r\n" + pdf.body() + "\r\n--"));
            QVERIFY(rendered.contains(html.body()));
            QVERIFY(rendered.contains(QStringLiteral("Dear contact %1").arg(contact).toLatin1()));
        }
        QCOMPARE(QByteArray::fromBase64(pdf.body()), pdfBytes);
    }

    void refusesWhatCannotBeSent()
    {
        auto base = [] {
            MimeMessage message;
            message.setDate(sampleDate());
            message.setFrom(Mailbox{{}, QStringLiteral("news@example.com")});
            message.setTo({Mailbox{{}, QStringLiteral("jane@example.org")}});
            message.setHtml(QStringLiteral("<p>x</p>"));
            return message;
        };
        QVERIFY(base().render().ok());

        MimeMessage noBody;
        noBody.setDate(sampleDate());
        noBody.setFrom(Mailbox{{}, QStringLiteral("news@example.com")});
        noBody.setTo({Mailbox{{}, QStringLiteral("jane@example.org")}});
        QVERIFY(!noBody.render().ok());

        MimeMessage noRecipient = base();
        noRecipient.setTo({});
        QVERIFY(noRecipient.render().error().message.contains(QLatin1String("To")));

        MimeMessage badFrom = base();
        badFrom.setFrom(Mailbox{QStringLiteral("Shop"), QString::fromUtf8("jürgen@example.com")});
        QVERIFY(badFrom.render().error().message.startsWith(QLatin1String("From")));

        MimeMessage noDate = base();
        noDate.setDate(QDateTime());
        QVERIFY(noDate.render().error().message.startsWith(QLatin1String("Date")));

        // Date, From and Reply-To are written when set; what render() says stays the same.
        MimeMessage neverDated;
        neverDated.setFrom(Mailbox{{}, QStringLiteral("news@example.com")});
        neverDated.setTo({Mailbox{{}, QStringLiteral("jane@example.org")}});
        neverDated.setPlainText(QStringLiteral("x"));
        QVERIFY(neverDated.render().error().message.startsWith(QLatin1String("Date")));
        MimeMessage neverFrom;
        neverFrom.setDate(sampleDate());
        neverFrom.setTo({Mailbox{{}, QStringLiteral("jane@example.org")}});
        neverFrom.setPlainText(QStringLiteral("x"));
        QVERIFY(neverFrom.render().error().message.startsWith(QLatin1String("From")));
        MimeMessage badReplyTo = base();
        badReplyTo.setReplyTo(Mailbox{{}, QStringLiteral("not an address")});
        QVERIFY(badReplyTo.render().error().message.startsWith(QLatin1String("Reply-To")));
        badReplyTo.setReplyTo(Mailbox{{}, QStringLiteral("  ")});
        QCOMPARE(badReplyTo.render().value(), base().render().value());
        MimeMessage fromFixed = base();
        fromFixed.setFrom(Mailbox{QStringLiteral("Shop"), QString::fromUtf8("jürgen@example.com")});
        fromFixed.setFrom(Mailbox{{}, QStringLiteral("news@example.com")});
        QCOMPARE(fromFixed.render().value(), base().render().value());

        MimeMessage wrongKind = base();
        wrongKind.setHtmlPart(EncodedPart::plainText(QStringLiteral("not html")));
        QVERIFY(!wrongKind.render().ok());

        MimeMessage imageWithoutHtml;
        imageWithoutHtml.setDate(sampleDate());
        imageWithoutHtml.setFrom(Mailbox{{}, QStringLiteral("news@example.com")});
        imageWithoutHtml.setTo({Mailbox{{}, QStringLiteral("jane@example.org")}});
        imageWithoutHtml.setPlainText(QStringLiteral("x"));
        imageWithoutHtml.addInlineImage(logo());
        QVERIFY(!imageWithoutHtml.render().ok());

        MimeMessage duplicateImages = base();
        duplicateImages.addInlineImage(logo());
        duplicateImages.addInlineImage(logo());
        QCOMPARE(duplicateImages.render().error().code, ErrorCode::Duplicate);

        MimeMessage attachmentAsImage = base();
        attachmentAsImage.addInlineImage(
            EncodedPart::attachment(QStringLiteral("a"), QStringLiteral("application/pdf"), "x").value());
        QVERIFY(!attachmentAsImage.render().ok());

        MimeMessage badMessageId = base();
        badMessageId.setMessageId(QStringLiteral("<a b@example.com>\r\nBcc: x@example.com"));
        QVERIFY(badMessageId.render().error().message.startsWith(QLatin1String("Message-ID")));

        QVERIFY(!EncodedPart::attachment(QString(), QStringLiteral("application/pdf"), "x").ok());
        QVERIFY(!EncodedPart::attachment(QStringLiteral("a.pdf"), QStringLiteral("pdf"), "x").ok());
        QVERIFY(!EncodedPart::attachment(QStringLiteral("a.pdf"), QStringLiteral("application/pdf\r\nX: y"), "x").ok());
        QVERIFY(!EncodedPart::inlineImage(QStringLiteral("logo"), QStringLiteral("image/png"), "x").ok());
        QVERIFY(!EncodedPart::inlineImage(QStringLiteral("lo go@example.com"), QStringLiteral("image/png"), "x").ok());
        QVERIFY(!EncodedPart::inlineImage(QStringLiteral("logo@example.com>\r\nX: y"), QStringLiteral("image/png"), "x")
                     .ok());
    }
};

QTEST_GUILESS_MAIN(TestMimeMessage)
#include "test_mime_message.moc"
