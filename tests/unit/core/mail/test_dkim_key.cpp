#include "core/mail/dkim/DkimKey.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

Q_DECLARE_METATYPE(DkimKey::Algorithm)

namespace {

// RFC 8463 Appendix A's Ed25519 key (the RFC 8032 7.1 test 1 seed) as PKCS#8.
const char rfcEd25519Pem[] = "-----BEGIN PRIVATE KEY-----\n"
                             "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
                             "-----END PRIVATE KEY-----\n";

QByteArray readData(const QString& name)
{
    QFile file(QStringLiteral(MAILROOM_TEST_DATA_DIR "/dkim/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

QString errorOf(const Result<DkimKey>& key)
{
    return key.ok() ? QString() : key.error().message;
}

// The public key as OpenSSL derives it from our PEM: base64 SubjectPublicKeyInfo DER.
QByteArray openSslPublicKey(const QByteArray& pem)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-pubout"),
                                              QStringLiteral("-outform"), QStringLiteral("DER")});
    if (!openssl.waitForStarted()) {
        return {};
    }
    openssl.write(pem);
    openssl.closeWriteChannel();
    openssl.waitForFinished(30000);
    return openssl.exitCode() == 0 ? openssl.readAllStandardOutput() : QByteArray();
}

} // namespace

class TestDkimKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatesKeysThatSurviveThePemRoundTrip_data()
    {
        QTest::addColumn<DkimKey::Algorithm>("algorithm");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("bits");
        QTest::newRow("ed25519") << DkimKey::Algorithm::Ed25519 << QStringLiteral("ed25519-sha256") << 255;
        QTest::newRow("rsa") << DkimKey::Algorithm::Rsa2048 << QStringLiteral("rsa-sha256") << 2048;
    }
    void generatesKeysThatSurviveThePemRoundTrip()
    {
        QFETCH(DkimKey::Algorithm, algorithm);
        QFETCH(QString, name);
        QFETCH(int, bits);
        const auto key = DkimKey::generate(algorithm);
        QVERIFY2(key.ok(), qPrintable(errorOf(key)));
        QCOMPARE(key->algorithm(), algorithm);
        QCOMPARE(key->algorithmName(), name);
        QCOMPARE(key->keyBits(), bits);

        const QByteArray pem = key->privateKeyPem();
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        QVERIFY(pem.endsWith("\n-----END PRIVATE KEY-----\n"));
        const auto reloaded = DkimKey::fromPrivateKey(pem);
        QVERIFY2(reloaded.ok(), qPrintable(errorOf(reloaded)));
        QCOMPARE(reloaded->privateKeyPem(), pem);
        QCOMPARE(reloaded->publicKeyBase64(), key->publicKeyBase64());
        QCOMPARE(reloaded->algorithm(), algorithm);

        const auto another = DkimKey::generate(algorithm);
        QVERIFY(another.ok());
        QVERIFY(another->publicKeyBase64() != key->publicKeyBase64());
    }

    void publishesTheKeyFormEachAlgorithmNeeds_data() { generatesKeysThatSurviveThePemRoundTrip_data(); }
    void publishesTheKeyFormEachAlgorithmNeeds()
    {
        QFETCH(DkimKey::Algorithm, algorithm);
        const auto key = DkimKey::generate(algorithm);
        QVERIFY(key.ok());
        const QByteArray spki = openSslPublicKey(key->privateKeyPem());
        if (spki.isEmpty()) {
            QSKIP("openssl is not installed; it checks that other tools read our PEM");
        }
        if (algorithm == DkimKey::Algorithm::Ed25519) {
            // RFC 8463 4.2: the bare 32-byte key, not the SubjectPublicKeyInfo.
            QCOMPARE(QByteArray::fromBase64(key->publicKeyBase64()).size(), 32);
            QCOMPARE(key->publicKeyBase64(), spki.right(32).toBase64());
        } else {
            QCOMPARE(key->publicKeyBase64(), spki.toBase64());
        }
    }

    void loadsKeysMadeByOpenSsl_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("publicKeyFile");
        QTest::addColumn<QString>("name");
        QTest::newRow("ed25519 pkcs8") << "ed25519-openssl.pem"
                                       << "ed25519-openssl.pub" << QStringLiteral("ed25519-sha256");
        QTest::newRow("rsa pkcs8") << "rsa2048-openssl.pem"
                                   << "rsa2048-openssl.pub" << QStringLiteral("rsa-sha256");
        QTest::newRow("rsa pkcs1 (opendkim-genkey)") << "rsa2048-pkcs1.pem"
                                                     << "rsa2048-openssl.pub" << QStringLiteral("rsa-sha256");
    }
    void loadsKeysMadeByOpenSsl()
    {
        QFETCH(QString, file);
        QFETCH(QString, publicKeyFile);
        QFETCH(QString, name);
        const auto key = DkimKey::fromPrivateKey(readData(file));
        QVERIFY2(key.ok(), qPrintable(errorOf(key)));
        QCOMPARE(key->algorithmName(), name);
        QCOMPARE(key->publicKeyBase64(), readData(publicKeyFile).trimmed());
        // Whatever came in, the vault gets PKCS#8.
        QVERIFY(key->privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    void refusesWhatIsNotAUsableKey_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("mentions");
        const QByteArray ed = readData(QStringLiteral("ed25519-openssl.pem"));
        QTest::newRow("empty") << QByteArray("  \n") << "empty";
        QTest::newRow("not pem") << QByteArray("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB") << "BEGIN PRIVATE KEY";
        QTest::newRow("no END line") << ed.left(ed.indexOf("-----END")) << "damaged";
        QTest::newRow("bad base64") << QByteArray(ed).replace(40, 4, "!!!!") << "damaged";
        QTest::newRow("not a key inside") << QByteArray("-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXZhbHVl\n"
                                                        "-----END PRIVATE KEY-----\n")
                                          << "no valid key";
        QTest::newRow("public key") << readData(QStringLiteral("rsa2048-public.pem")) << "public key";
        QTest::newRow("encrypted") << readData(QStringLiteral("ed25519-encrypted.pem")) << "passphrase";
        QTest::newRow("ecdsa") << readData(QStringLiteral("ec-p256.pem")) << "RSA or Ed25519";
        QTest::newRow("rsa 512") << readData(QStringLiteral("rsa512.pem")) << "1024";
    }
    void refusesWhatIsNotAUsableKey()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, mentions);
        const auto key = DkimKey::fromPrivateKey(pem);
        QVERIFY(!key.ok());
        QCOMPARE(key.error().code, ErrorCode::CryptoError);
        QVERIFY2(key.error().message.contains(mentions), qPrintable(key.error().message));
        // The message never echoes key material.
        const QList<QByteArray> lines = pem.split('\n');
        if (lines.size() > 2) {
            QVERIFY(!key.error().message.contains(QString::fromLatin1(lines[1].left(16))));
        }
    }

    void showsTheExactRecordToPublish()
    {
        const auto key = DkimKey::fromPrivateKey(rfcEd25519Pem);
        QVERIFY2(key.ok(), qPrintable(errorOf(key)));
        QCOMPARE(key->dnsRecordValue(),
                 QStringLiteral("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="));
        const auto record = key->dnsRecord(QStringLiteral("brisbane"), QStringLiteral("football.example.com"));
        QVERIFY(record.ok());
        QCOMPARE(*record, QStringLiteral("brisbane._domainkey.football.example.com. IN TXT ( \"v=DKIM1; k=ed25519; \" "
                                         "\"p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\" )"));

        // IDN domains are published under their ASCII name; a trailing dot is not doubled.
        const auto idn = key->dnsRecord(QStringLiteral("s1"), QStringLiteral("Bücher.de."));
        QVERIFY(idn.ok());
        QVERIFY2(idn->startsWith(QLatin1String("s1._domainkey.xn--bcher-kva.de. IN TXT (")), qPrintable(*idn));
    }

    void splitsALongRsaRecordInto255CharacterStrings()
    {
        const auto key = DkimKey::fromPrivateKey(readData(QStringLiteral("rsa2048-openssl.pem")));
        QVERIFY(key.ok());
        const QString value = QStringLiteral("v=DKIM1; k=rsa; p=") +
                              QString::fromLatin1(readData(QStringLiteral("rsa2048-openssl.pub")).trimmed());
        QCOMPARE(key->dnsRecordValue(), value);
        QVERIFY(value.size() > 255);

        const auto record = key->dnsRecord(QStringLiteral("mail2026"), QStringLiteral("example.com"));
        QVERIFY(record.ok());
        const QString prefix = QStringLiteral("mail2026._domainkey.example.com. IN TXT ( ");
        QVERIFY2(record->startsWith(prefix) && record->endsWith(QLatin1String(" )")), qPrintable(*record));
        // The strings are quoted and may hold spaces ("v=DKIM1; k=rsa; "): read them quote to quote.
        const QString body = record->mid(prefix.size(), record->size() - prefix.size() - 2);
        QStringList quoted;
        for (qsizetype at = body.indexOf(QLatin1Char('"')); at >= 0;) {
            const qsizetype close = body.indexOf(QLatin1Char('"'), at + 1);
            QVERIFY(close > at);
            quoted.append(body.mid(at + 1, close - at - 1));
            at = body.indexOf(QLatin1Char('"'), close + 1);
        }
        QCOMPARE(quoted.first(), QStringLiteral("v=DKIM1; k=rsa; "));
        QString joined;
        for (const QString& string : quoted) {
            QVERIFY2(string.size() <= 255, qPrintable(string));
            joined += string;
        }
        QCOMPARE(quoted.size(), 3);
        QCOMPARE(joined, value);
    }

    void refusesNamesThatCannotBePublished_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("selector with a space") << "s 1"
                                               << "example.com"
                                               << "\"s 1\"";
        QTest::newRow("selector with underscore") << "s_1"
                                                  << "example.com"
                                                  << "\"s_1\"";
        QTest::newRow("empty selector") << ""
                                        << "example.com"
                                        << "selector is required";
        QTest::newRow("domain without dot") << "s1"
                                            << "localhost"
                                            << "\"localhost\"";
        QTest::newRow("domain with @") << "s1"
                                       << "jane@example.com"
                                       << "\"jane@example.com\"";
        QTest::newRow("empty domain") << "s1"
                                      << " "
                                      << "domain is required";
    }
    void refusesNamesThatCannotBePublished()
    {
        QFETCH(QString, selector);
        QFETCH(QString, domain);
        QFETCH(QString, mentions);
        const auto key = DkimKey::fromPrivateKey(rfcEd25519Pem);
        QVERIFY(key.ok());
        const auto record = key->dnsRecord(selector, domain);
        QVERIFY(!record.ok());
        QCOMPARE(record.error().code, ErrorCode::InvalidInput);
        QVERIFY2(record.error().message.contains(mentions), qPrintable(record.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDkimKey)
#include "test_dkim_key.moc"
