#include "core/smtp/SmtpReply.h"
#include "core/smtp/SmtpReplyParser.h"

#include <QTest>

#include <vector>

namespace {

// Every reply the parser yields for bytes fed in pieces of chunk bytes; the error text if any.
std::vector<SmtpReply> parseAll(const QByteArray& bytes, qsizetype chunk, QString* error = nullptr)
{
    SmtpReplyParser parser;
    std::vector<SmtpReply> replies;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        parser.feed(bytes.mid(at, chunk));
        for (;;) {
            auto next = parser.next();
            if (!next.ok()) {
                if (error) {
                    *error = next.error().message;
                }
                return replies;
            }
            if (!next.value()) {
                break;
            }
            replies.push_back(*next.value());
        }
    }
    return replies;
}

} // namespace

class TestSmtpReply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void singleLineWithEnhancedCode()
    {
        const auto replies = parseAll("550 5.4.5 Daily user sending limit exceeded\r\n", 1000);
        QCOMPARE(replies.size(), size_t(1));
        const SmtpReply& r = replies[0];
        QCOMPARE(r.code(), 550);
        QCOMPARE(r.enhancedStatus(), QStringLiteral("5.4.5"));
        QVERIFY(r.isPermanent());
        QVERIFY(!r.isTransient());
        QVERIFY(!r.isPositive());
        QCOMPARE(r.toString(), QStringLiteral("550 5.4.5 Daily user sending limit exceeded"));
    }

    void multiLineRepliesInAnyPieces()
    {
        const QByteArray bytes = "250-smtp.example.com at your service\r\n"
                                 "250-SIZE 35882577\r\n"
                                 "250-8BITMIME\r\n"
                                 "250 PIPELINING\r\n"
                                 "421-4.7.0 Try again later, closing connection.\r\n"
                                 "421 4.7.0 Learn more at https://support.example.com\r\n";
        for (qsizetype chunk : {1, 2, 7, 64, 4096}) {
            const auto replies = parseAll(bytes, chunk);
            QCOMPARE(replies.size(), size_t(2));
            QCOMPARE(replies[0].code(), 250);
            QCOMPARE(replies[0].lines().size(), 4);
            QCOMPARE(replies[0].lines().at(1), QByteArray("SIZE 35882577"));
            QCOMPARE(replies[0].enhancedStatus(), QString());
            QVERIFY(replies[0].isPositiveCompletion());
            QCOMPARE(replies[1].code(), 421);
            QVERIFY(replies[1].isTransient());
            QCOMPARE(replies[1].enhancedStatus(), QStringLiteral("4.7.0"));
            // The enhanced code is shown once, not on every line.
            QCOMPARE(replies[1].toString(), QStringLiteral("421 4.7.0 Try again later, closing connection. Learn more "
                                                           "at https://support.example.com"));
        }
    }

    void bareCodeAndBareLineFeed()
    {
        const auto replies = parseAll("354\n250 ok\n", 3);
        QCOMPARE(replies.size(), size_t(2));
        QCOMPARE(replies[0].code(), 354);
        QVERIFY(replies[0].isPositiveIntermediate());
        QCOMPARE(replies[0].toString(), QStringLiteral("354"));
        QCOMPARE(replies[1].code(), 250);
    }

    void enhancedCodeMustMatchTheClass()
    {
        // "2.0.0" on a 550 is not the enhanced code of this reply; "5.1" is not one at all.
        auto r = parseAll("550 2.0.0 odd\r\n", 100);
        QCOMPARE(r[0].enhancedStatus(), QString());
        r = parseAll("550 5.1 odd\r\n", 100);
        QCOMPARE(r[0].enhancedStatus(), QString());
        r = parseAll("452 4.2.2 Mailbox full\r\n", 100);
        QCOMPARE(r[0].enhancedStatus(), QStringLiteral("4.2.2"));
        r = parseAll("554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException\r\n", 100);
        QCOMPARE(r[0].enhancedStatus(), QStringLiteral("5.2.0"));
    }

    void garbageIsAnErrorNamingTheLine()
    {
        QString error;
        const auto replies = parseAll("250 ok\r\nhello there\r\n250 later\r\n", 5, &error);
        QCOMPARE(replies.size(), size_t(1));
        QVERIFY2(error.contains(QStringLiteral("\"hello there\"")), qPrintable(error));

        error.clear();
        parseAll("25O ok\r\n", 100, &error);
        QVERIFY2(error.contains(QStringLiteral("25O ok")), qPrintable(error));

        error.clear();
        parseAll("250x\r\n", 100, &error);
        QVERIFY(!error.isEmpty());

        error.clear();
        parseAll("199 too low\r\n", 100, &error);
        QVERIFY(!error.isEmpty());
    }

    void controlBytesAreEscapedInErrors()
    {
        QString error;
        parseAll(QByteArray("\x1b[31mred\x00\r\n", 11), 100, &error);
        QVERIFY2(error.contains(QStringLiteral("\\x1b")), qPrintable(error));
        QVERIFY(!error.contains(QChar(0x1b)));
    }

    void codeMayNotChangeWithinAReply()
    {
        QString error;
        const auto replies = parseAll("250-first\r\n251 second\r\n", 100, &error);
        QVERIFY(replies.empty());
        QVERIFY2(error.contains(QStringLiteral("251 second")), qPrintable(error));
    }

    void linesAndRepliesAreBounded()
    {
        QString error;
        // A line that never ends is refused once it passes the bound, not buffered for ever.
        parseAll(QByteArray(SmtpReplyParser::kMaxLineBytes + 10, 'x'), 512, &error);
        QVERIFY2(error.contains(QString::number(SmtpReplyParser::kMaxLineBytes)), qPrintable(error));

        error.clear();
        QByteArray many;
        for (int i = 0; i < SmtpReplyParser::kMaxLines + 5; ++i) {
            many += "250-more\r\n";
        }
        const auto replies = parseAll(many, 100, &error);
        QVERIFY(replies.empty());
        QVERIFY2(error.contains(QString::number(SmtpReplyParser::kMaxLines)), qPrintable(error));
    }

    void errorsAreStickyUntilReset()
    {
        SmtpReplyParser parser;
        parser.feed("nonsense\r\n");
        QVERIFY(!parser.next().ok());
        parser.feed("250 ok\r\n");
        QVERIFY(!parser.next().ok());
        parser.reset();
        parser.feed("250 ok\r\n");
        auto next = parser.next();
        QVERIFY(next.ok());
        QVERIFY(next.value().has_value());
        QCOMPARE(next.value()->code(), 250);
    }

    void pendingBytesAreWhatFollowsAReply()
    {
        // STARTTLS: what follows the 220 in the same read must be visible so it can be dropped.
        SmtpReplyParser parser;
        parser.feed("220 2.0.0 Ready to start TLS\r\n250 injected\r\n");
        auto next = parser.next();
        QVERIFY(next.ok() && next.value());
        QCOMPARE(next.value()->code(), 220);
        QCOMPARE(parser.pendingBytes(), qsizetype(14));
        parser.reset();
        QCOMPARE(parser.pendingBytes(), qsizetype(0));
        next = parser.next();
        QVERIFY(next.ok() && !next.value());
    }
};

QTEST_GUILESS_MAIN(TestSmtpReply)
#include "test_smtp_reply.moc"
