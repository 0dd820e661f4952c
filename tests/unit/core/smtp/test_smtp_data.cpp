#include "core/smtp/SmtpData.h"

#include <QTest>

class TestSmtpData : public QObject
{
    Q_OBJECT

private:
    static QByteArray encoded(const QByteArray& input)
    {
        QByteArray out;
        SmtpData::encode(input, out);
        return out;
    }

private Q_SLOTS:
    void lineEndsBecomeCrlf_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("crlf kept") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n");
        QTest::newRow("bare lf") << QByteArray("a\nb\n") << QByteArray("a\r\nb\r\n");
        QTest::newRow("bare cr") << QByteArray("a\rb\r") << QByteArray("a\r\nb\r\n");
        QTest::newRow("lf cr is two line ends") << QByteArray("a\n\rb") << QByteArray("a\r\n\r\nb\r\n");
        QTest::newRow("no final line end") << QByteArray("last") << QByteArray("last\r\n");
        QTest::newRow("blank lines") << QByteArray("\r\n\n\r") << QByteArray("\r\n\r\n\r\n");
    }
    void lineEndsBecomeCrlf()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(encoded(input), expected);
    }

    void leadingDotsAreDoubled_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("first line") << QByteArray(".hidden\r\n") << QByteArray("..hidden\r\n");
        QTest::newRow("lone dot") << QByteArray("a\r\n.\r\nb\r\n") << QByteArray("a\r\n..\r\nb\r\n");
        QTest::newRow("two dots") << QByteArray("..\r\n") << QByteArray("...\r\n");
        QTest::newRow("dot mid line") << QByteArray("a.b\r\n") << QByteArray("a.b\r\n");
        // SMTP smuggling: "\n.\n" and "\r.\r" must not end the data early at some server.
        QTest::newRow("lf dot lf") << QByteArray("a\n.\nMAIL FROM:<x>\n") << QByteArray("a\r\n..\r\nMAIL FROM:<x>\r\n");
        QTest::newRow("cr dot cr") << QByteArray("a\r.\rb") << QByteArray("a\r\n..\r\nb\r\n");
        QTest::newRow("last line dot") << QByteArray("a\r\n.") << QByteArray("a\r\n..\r\n");
    }
    void leadingDotsAreDoubled()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(encoded(input), expected);
        QVERIFY(!encoded(input).contains("\r\n.\r\n"));
    }

    void unstuffGivesBackTheNormalisedMessage()
    {
        const QByteArray input("..a\n.\r\nb.c\r");
        QCOMPARE(encoded(input), QByteArray("...a\r\n..\r\nb.c\r\n"));
        QCOMPARE(SmtpData::unstuff(encoded(input)), QByteArray("..a\r\n.\r\nb.c\r\n"));
    }

    void bufferIsReusedWithoutGrowing()
    {
        QByteArray out;
        const QByteArray big(20000, 'x');
        SmtpData::encode(big, out);
        QCOMPARE(out.size(), big.size() + 2);
        const qsizetype capacity = out.capacity();
        SmtpData::encode("short\n", out);
        QCOMPARE(out, QByteArray("short\r\n"));
        SmtpData::encode(big, out);
        QCOMPARE(out.capacity(), capacity);
    }

    void eightBitBytesAreFound()
    {
        QVERIFY(!SmtpData::hasEightBitBytes("plain ascii\r\n"));
        QVERIFY(SmtpData::hasEightBitBytes("Zo\xc3\xab\r\n"));
        QVERIFY(!SmtpData::hasEightBitBytes(QByteArray()));
    }
};

QTEST_GUILESS_MAIN(TestSmtpData)
#include "test_smtp_data.moc"
