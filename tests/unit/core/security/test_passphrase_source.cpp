#include "core/security/PassphraseSource.h"

#include <QBuffer>
#include <QTest>

namespace {

Result<QString> readFrom(const QByteArray& input, QByteArray* rest = nullptr)
{
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    auto result = PassphraseSource::readLine(buffer);
    if (rest != nullptr) {
        *rest = buffer.readAll();
    }
    return result;
}

} // namespace

class TestPassphraseSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void environment()
    {
        QProcessEnvironment env;
        QCOMPARE(PassphraseSource::fromEnvironment(env), std::optional<QString>());
        env.insert("MAILROOM_PASSPHRASE", "");
        QCOMPARE(PassphraseSource::fromEnvironment(env), std::optional<QString>());
        env.insert("MAILROOM_PASSPHRASE", " two words ");
        QCOMPARE(PassphraseSource::fromEnvironment(env), std::optional<QString>(" two words "));
    }

    void firstLineWithoutItsEnding_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QByteArray>("rest");
        QTest::newRow("lf") << QByteArray("secret\n") << "secret" << QByteArray();
        QTest::newRow("crlf") << QByteArray("secret\r\n") << "secret" << QByteArray();
        QTest::newRow("no newline") << QByteArray("secret") << "secret" << QByteArray();
        QTest::newRow("spaces kept") << QByteArray("  a b  \n") << "  a b  " << QByteArray();
        QTest::newRow("rest unread") << QByteArray("secret\n<html>body</html>\n") << "secret"
                                     << QByteArray("<html>body</html>\n");
        QTest::newRow("utf-8") << QByteArray("p\xc3\xa4sswort\n") << QString::fromUtf8("p\xc3\xa4sswort")
                               << QByteArray();
        QTest::newRow("longest") << QByteArray(4096, 'x') + "\r\n" << QString(4096, 'x') << QByteArray();
    }

    void firstLineWithoutItsEnding()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, passphrase);
        QFETCH(QByteArray, rest);
        QByteArray left;
        auto result = readFrom(input, &left);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result.value(), passphrase);
        QCOMPARE(left, rest);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("says");
        QTest::newRow("nothing") << QByteArray() << "empty";
        QTest::newRow("empty line") << QByteArray("\nsecret\n") << "empty";
        QTest::newRow("crlf only") << QByteArray("\r\n") << "empty";
        QTest::newRow("too long") << QByteArray(4097, 'x').append('\n') << "4096";
        QTest::newRow("far too long") << QByteArray(100000, 'x') << "4096";
        QTest::newRow("not utf-8") << QByteArray("p\xe4sswort\n") << "UTF-8";
    }

    void refused()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, says);
        auto result = readFrom(input);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidInput);
        QVERIFY2(result.error().message.contains(says), qPrintable(result.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPassphraseSource)
#include "test_passphrase_source.moc"
