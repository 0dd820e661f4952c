#include "core/contacts/import/EncodingDetector.h"
#include "core/contacts/import/TextDecoder.h"

#include <QTest>

class TestEncodingDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("ascii") << QByteArray("name,email\n") << QStringLiteral("UTF-8");
        QTest::newRow("utf-8") << QStringLiteral("Jürgen,Köln\n").toUtf8() << QStringLiteral("UTF-8");
        QTest::newRow("utf-8 bom") << QByteArray("\xef\xbb\xbf"
                                                 "a")
                                   << QStringLiteral("UTF-8");
        QTest::newRow("utf-16le bom") << QByteArray("\xff\xfe\x61\x00", 4) << QStringLiteral("UTF-16LE");
        QTest::newRow("utf-16be bom") << QByteArray("\xfe\xff\x00\x61", 4) << QStringLiteral("UTF-16BE");
        QTest::newRow("utf-32le bom") << QByteArray("\xff\xfe\x00\x00\x61\x00\x00\x00", 8)
                                      << QStringLiteral("UTF-32LE");
        QTest::newRow("french windows-1252")
            << QByteArray("Pr\xe9nom;Nom;Adresse \xe9lectronique\r\nH\xe9l\xe8ne;Lef\xe8vre;helene@example.fr\r\n"
                          "Fran\xe7ois;No\xebl;francois@example.fr\r\nC\xe9line;Gar\xe7on;celine@example.fr\r\n")
            << QStringLiteral("windows-1252");
    }
    void detects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        QCOMPARE(EncodingDetector::detect(bytes, true), encoding);
    }

    void germanWindows1252DecodesCorrectly()
    {
        const QString text = QStringLiteral("Vorname;Nachname;Straße;Betrag\r\nJürgen;Müller;Hauptstraße 5;12,50 €\r\n"
                                            "Grete;Weiß;Königsallee 1;„Sommer“ – 3 €\r\n");
        QByteArray bytes;
        for (const QChar c : text) {
            // Encode by hand: Latin-1 range plus the few Windows-1252 extras used above.
            const char16_t u = c.unicode();
            bytes.append(u == 0x20AC   ? '\x80'
                         : u == 0x201E ? '\x84'
                         : u == 0x201C ? '\x93'
                         : u == 0x2013 ? '\x96'
                                       : char(u));
        }
        const QString name = EncodingDetector::detect(bytes, true);
        auto decoder = TextDecoder::create(name);
        QVERIFY(decoder.ok());
        QCOMPARE(decoder.value().decode(bytes), text);
    }

    void utf8CutAtSampleEdgeIsStillUtf8()
    {
        const QByteArray bytes = QStringLiteral("Jürgen").toUtf8().left(2); // "J" + half of "ü"
        QCOMPARE(EncodingDetector::detect(bytes, false), QStringLiteral("UTF-8"));
        QVERIFY(!EncodingDetector::isValidUtf8(bytes, true));
        QVERIFY(!EncodingDetector::isValidUtf8(QByteArray("\xc0\xaf"), true));     // overlong
        QVERIFY(!EncodingDetector::isValidUtf8(QByteArray("\xed\xa0\x80"), true)); // surrogate
    }

    void windows1252Table()
    {
        auto decoder = TextDecoder::create(QStringLiteral("CP1252"));
        QVERIFY(decoder.ok());
        QCOMPARE(decoder->name(), QStringLiteral("windows-1252"));
        QCOMPARE(decoder.value().decode(QByteArray("\x80\x84\x93\x94\x96\x9f\xe4\xdf")), QStringLiteral("€„“”–Ÿäß"));
    }

    void unknownEncodingIsAClearError()
    {
        const auto decoder = TextDecoder::create(QStringLiteral("no-such-charset"));
        QVERIFY(!decoder.ok());
        QVERIFY(decoder.error().message.contains(QLatin1String("no-such-charset")));
    }
};

QTEST_GUILESS_MAIN(TestEncodingDetector)
#include "test_encoding_detector.moc"
