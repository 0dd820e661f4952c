#include "core/contacts/EmailAddress.h"

#include <QTest>

class TestEmailAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsValid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalized");
        QTest::addColumn<QString>("key");
        QTest::newRow("plain") << "jane@example.com"
                               << "jane@example.com"
                               << "jane@example.com";
        QTest::newRow("trimmed, domain lower-cased") << "  Jane.Doe@Example.COM "
                                                     << "Jane.Doe@example.com"
                                                     << "jane.doe@example.com";
        QTest::newRow("plus and subdomain") << "a+b@mail.shop.co.uk"
                                            << "a+b@mail.shop.co.uk"
                                            << "a+b@mail.shop.co.uk";
        QTest::newRow("IDN domain") << QStringLiteral("jürgen@Bücher.de") << QStringLiteral("jürgen@bücher.de")
                                    << QStringLiteral("jürgen@xn--bcher-kva.de");
        QTest::newRow("punycode domain") << "a@xn--bcher-kva.de"
                                         << "a@xn--bcher-kva.de"
                                         << "a@xn--bcher-kva.de";
        QTest::newRow("64-char local part")
            << QString(64, QLatin1Char('a')) + "@example.com" << QString(64, QLatin1Char('a')) + "@example.com"
            << QString(64, QLatin1Char('a')) + "@example.com";
    }
    void acceptsValid()
    {
        QFETCH(QString, input);
        QFETCH(QString, normalized);
        QFETCH(QString, key);
        const auto parsed = EmailAddress::parse(input);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->normalized(), normalized);
        QCOMPARE(parsed->key(), key);
    }

    void rejectsInvalid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << ""
                               << "required";
        QTest::newRow("no at") << "jane.example.com"
                               << "no @";
        QTest::newRow("double at") << "jane@@example.com"
                                   << "jane@@example.com";
        QTest::newRow("no domain dot") << "jane@localhost"
                                       << "no dot";
        QTest::newRow("space") << "ja ne@example.com"
                               << "not allowed";
        QTest::newRow("leading dot") << ".jane@example.com"
                                     << "dots";
        QTest::newRow("double dot") << "ja..ne@example.com"
                                    << "dots";
        QTest::newRow("65-char local part") << QString(65, QLatin1Char('a')) + "@example.com"
                                            << "64";
        QTest::newRow("label too long") << "a@" + QString(64, QLatin1Char('b')) + ".com"
                                        << "not a valid domain";
        QTest::newRow("too long overall") << QString(64, QLatin1Char('a')) + "@" + QString(50, QLatin1Char('b')) + "." +
                                                 QString(50, QLatin1Char('c')) + "." + QString(50, QLatin1Char('d')) +
                                                 "." + QString(50, QLatin1Char('e')) + ".com"
                                          << "254";
        QTest::newRow("underscore domain") << "a@exa_mple.com"
                                           << "not a valid domain";
        QTest::newRow("numeric tld") << "a@1.2.3.4"
                                     << "number";
        QTest::newRow("newline") << "a\r\nBcc: x@example.com@example.com"
                                 << "not";
    }
    void rejectsInvalid()
    {
        QFETCH(QString, input);
        QFETCH(QString, mentions);
        const auto parsed = EmailAddress::parse(input);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
        QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
    }
};

QTEST_GUILESS_MAIN(TestEmailAddress)
#include "test_email_address.moc"
