#include "core/contacts/import/PhoneNormalizer.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

class TestPhoneNormalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toE164_data();
    void toE164();
    void regionIsUpperCaseOrEmpty();
    void knownRegions();
    void usableFromManyThreads();
};

void TestPhoneNormalizer::toE164_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: not normalised, the caller keeps the input

    QTest::newRow("DE national") << "DE"
                                 << "030 1234567"
                                 << "+49301234567";
    QTest::newRow("DE mobile") << "DE"
                               << "0171 2345678"
                               << "+491712345678";
    QTest::newRow("DE with +") << "DE"
                               << "+49 30 1234567"
                               << "+49301234567";
    QTest::newRow("DE with (0)") << "DE"
                                 << "+49 (0)30 1234567"
                                 << "+49301234567";
    QTest::newRow("DE with 00") << "DE"
                                << "0049 30 1234567"
                                << "+49301234567";
    QTest::newRow("DE dialling a UK number") << "DE"
                                             << "0044 20 7946 0958"
                                             << "+442079460958";
    QTest::newRow("US national") << "US"
                                 << "(212) 555-0100"
                                 << "+12125550100";
    QTest::newRow("US dots") << "US"
                             << "212.555.0100"
                             << "+12125550100";
    QTest::newRow("US 011 prefix") << "US"
                                   << "011 49 30 1234567"
                                   << "+49301234567";
    QTest::newRow("lower-case region") << "us"
                                       << "212-555-0100"
                                       << "+12125550100";
    QTest::newRow("GB national") << "GB"
                                 << "020 7946 0958"
                                 << "+442079460958";
    QTest::newRow("GB mobile") << "GB"
                               << "07700 900123"
                               << "+447700900123";
    QTest::newRow("FR national") << "FR"
                                 << "01 23 45 67 89"
                                 << "+33123456789";
    QTest::newRow("no region, +") << ""
                                  << "+44 20 7946 0958"
                                  << "+442079460958";
    QTest::newRow("no region, 00") << ""
                                   << "0049 30 1234567"
                                   << "+49301234567";
    QTest::newRow("no region, national") << ""
                                         << "030 1234567"
                                         << "";
    QTest::newRow("unknown region, +") << "XX"
                                       << "+49 30 1234567"
                                       << "+49301234567";
    QTest::newRow("unknown region, national") << "Germany"
                                              << "030 1234567"
                                              << "";
    QTest::newRow("extension x") << "US"
                                 << "(212) 555-0100 x12"
                                 << "+12125550100 ext. 12";
    QTest::newRow("extension ext.") << ""
                                    << "+1 212 555 0100 ext. 345"
                                    << "+12125550100 ext. 345";
    QTest::newRow("tel URI") << "DE"
                             << "tel:+49-30-1234567"
                             << "+49301234567";
    QTest::newRow("words") << "DE"
                           << "call me maybe"
                           << "";
    QTest::newRow("empty") << "DE"
                           << ""
                           << "";
    QTest::newRow("spaces") << "DE"
                            << "   "
                            << "";
    QTest::newRow("too short") << "DE"
                               << "12"
                               << "";
    QTest::newRow("too long") << "DE"
                              << "123456789012345678"
                              << "";
    QTest::newRow("only the country code") << "DE"
                                           << "+49"
                                           << "";
    // Without its area code a US number has no E.164 form.
    QTest::newRow("local only") << "US"
                                << "555-0100"
                                << "";
    QTest::newRow("two numbers in one cell") << "DE"
                                             << "030 1234567 / 0171 2345678"
                                             << "";
}

void TestPhoneNormalizer::toE164()
{
    QFETCH(QString, region);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const PhoneNormalizer normalizer(region);
    const std::optional<QString> e164 = normalizer.toE164(input);
    if (expected.isEmpty()) {
        QVERIFY2(!e164, qPrintable(e164.value_or(QString())));
    } else {
        QVERIFY(e164.has_value());
        QCOMPARE(*e164, expected);
    }
}

void TestPhoneNormalizer::regionIsUpperCaseOrEmpty()
{
    QCOMPARE(PhoneNormalizer(QStringLiteral(" de ")).defaultRegion(), QStringLiteral("DE"));
    QCOMPARE(PhoneNormalizer(QStringLiteral("GB")).defaultRegion(), QStringLiteral("GB"));
    QCOMPARE(PhoneNormalizer(QStringLiteral("XX")).defaultRegion(), QString());
    QCOMPARE(PhoneNormalizer(QStringLiteral("DEU")).defaultRegion(), QString());
    QCOMPARE(PhoneNormalizer().defaultRegion(), QString());
}

void TestPhoneNormalizer::knownRegions()
{
    QVERIFY(PhoneNormalizer::isKnownRegion(QStringLiteral("DE")));
    QVERIFY(PhoneNormalizer::isKnownRegion(QStringLiteral("us")));
    QVERIFY(!PhoneNormalizer::isKnownRegion(QStringLiteral("XX")));
    QVERIFY(!PhoneNormalizer::isKnownRegion(QStringLiteral("ZZ"))); // libphonenumber's "unknown"
    QVERIFY(!PhoneNormalizer::isKnownRegion(QStringLiteral("001")));
    QVERIFY(!PhoneNormalizer::isKnownRegion(QString()));

    const QStringList regions = PhoneNormalizer::supportedRegions();
    QVERIFY2(regions.size() > 200, qPrintable(QString::number(regions.size())));
    QVERIFY(regions.contains(QStringLiteral("DE")));
    QVERIFY(regions.contains(QStringLiteral("GB")));
    QVERIFY(!regions.contains(QStringLiteral("UK")));
    QStringList sorted = regions;
    sorted.sort();
    QCOMPARE(regions, sorted);
    for (const QString& region : regions) {
        QCOMPARE(region, region.toUpper());
        QVERIFY(PhoneNormalizer::isKnownRegion(region));
    }
}

void TestPhoneNormalizer::usableFromManyThreads()
{
    std::atomic<int> wrong{0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&wrong] {
            const PhoneNormalizer normalizer(QStringLiteral("DE"));
            for (int i = 0; i < 500; ++i) {
                if (normalizer.toE164(QStringLiteral("030 %1").arg(1000000 + i)) !=
                    QStringLiteral("+4930%1").arg(1000000 + i)) {
                    ++wrong;
                }
            }
        }));
        threads.back()->start();
    }
    for (auto& thread : threads) {
        thread->wait();
    }
    QCOMPARE(wrong.load(), 0);
}

QTEST_GUILESS_MAIN(TestPhoneNormalizer)
#include "test_phone_normalizer.moc"
