#include "tests/unit/core/smtp/SmtpTestServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString errText() const { return QString::fromUtf8(err); }
    QString outText() const { return QString::fromUtf8(out); }
    QJsonArray array() const { return QJsonDocument::fromJson(out).array(); }
    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
};

const QByteArray kPassword = QByteArrayLiteral("abcd efgh ijkl mnop");

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList args(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

// `mailroom-cli account ...` through the real binary: what a script that sets up sending does,
// and that the password given on stdin never comes back out (stdout, stderr, the workspace).
class TestCliAccount : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QString m_passphrase = QStringLiteral("correct horse battery staple");

    Run cli(const QStringList& arguments, const QByteArray& stdinData = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("MAILROOM_WORKSPACE"));
        // No keychain daemon is reachable: the vault must come from the passphrase.
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
        environment.insert(QStringLiteral("MAILROOM_PASSPHRASE"), m_passphrase);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(MAILROOM_CLI_PATH),
                      QStringList{QStringLiteral("--workspace"), m_path} + arguments);
        process.write(stdinData);
        process.closeWriteChannel();
        if (!process.waitForFinished(120000)) {
            process.kill();
            return {};
        }
        Run run{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
        // Whatever the command did, the password it was given never comes back out.
        if (run.out.contains(kPassword) || run.err.contains(kPassword)) {
            qWarning("the password appeared in the output of %s", qPrintable(arguments.join(QLatin1Char(' '))));
            run.exitCode = 99;
        }
        return run;
    }

    QJsonObject listed(const QString& name)
    {
        const Run list = cli({QStringLiteral("--json"), QStringLiteral("account"), QStringLiteral("list")});
        for (const QJsonValue& value : list.array()) {
            if (value.toObject().value(QStringLiteral("name")).toString() == name) {
                return value.toObject();
            }
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = m_dir->filePath(QStringLiteral("shop.mailroom"));
        QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
    }

    void cleanup() { m_dir.reset(); }

    void addListEditDelete()
    {
        Run added = cli(args("account add --name Newsletter --preset gmail --user anna.mueller@gmail.com "
                             "--password-stdin"),
                        kPassword + '\n');
        QVERIFY2(added.exitCode == 0, qPrintable(added.errText()));
        QVERIFY2(added.outText().contains(QStringLiteral("smtp.gmail.com:587")), qPrintable(added.outText()));

        QJsonObject account = listed(QStringLiteral("Newsletter"));
        QCOMPARE(account.value(QStringLiteral("preset")).toString(), QStringLiteral("gmail"));
        QCOMPARE(account.value(QStringLiteral("host")).toString(), QStringLiteral("smtp.gmail.com"));
        QCOMPARE(account.value(QStringLiteral("port")).toInt(), 587);
        QCOMPARE(account.value(QStringLiteral("security")).toString(), QStringLiteral("starttls"));
        QCOMPARE(account.value(QStringLiteral("daily_limit")).toInt(), 500);
        QCOMPARE(account.value(QStringLiteral("from_address")).toString(), QStringLiteral("anna.mueller@gmail.com"));
        QVERIFY(account.value(QStringLiteral("has_secret")).toBool());

        const Run table = cli(args("account list"));
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.outText().contains(QStringLiteral("Newsletter")));
        QVERIFY(table.outText().contains(QStringLiteral("smtp.gmail.com:587 STARTTLS")));

        // Edit without a password keeps the stored one; the preset's values change only when asked.
        Run edited = cli({QStringLiteral("account"), QStringLiteral("edit"), QStringLiteral("newsletter"),
                          QStringLiteral("--daily-limit"), QStringLiteral("250"), QStringLiteral("--from"),
                          QStringLiteral("Café Müller <news@café-müller.de>"), QStringLiteral("--trust-certificate"),
                          QStringLiteral("3F:1A:B2:9C:0D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:"
                                         "82:93:A4:B5:C6:D7:E8"),
                          QStringLiteral("--name"), QStringLiteral("Shop")});
        QVERIFY2(edited.exitCode == 0, qPrintable(edited.errText()));
        account = listed(QStringLiteral("Shop"));
        QCOMPARE(account.value(QStringLiteral("daily_limit")).toInt(), 250);
        QCOMPARE(account.value(QStringLiteral("from_name")).toString(), QStringLiteral("Café Müller"));
        QCOMPARE(account.value(QStringLiteral("from_address")).toString(), QStringLiteral("news@café-müller.de"));
        QVERIFY(account.value(QStringLiteral("trusted_certificate")).toString().startsWith(QStringLiteral("3F:1A:")));
        QVERIFY(account.value(QStringLiteral("has_secret")).toBool());

        // The password is in the vault: not in the workspace file nor its WAL.
        const QByteArray bytes = readAll(m_path) + readAll(m_path + QStringLiteral("-wal"));
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(kPassword));

        const Run deleted = cli(args("account delete Shop"));
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.errText()));
        QVERIFY(cli(args("--json account list")).array().isEmpty());
        const Run again = cli(args("account delete Shop"));
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.errText().contains(QStringLiteral("no sender account named \"Shop\"")));
    }

    void refusesWhatCannotWork()
    {
        // No password for an account that signs in.
        Run run = cli(args("account add --name A --preset outlook --user a@example.com"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(QStringLiteral("--password-stdin")), qPrintable(run.errText()));
        // Generic SMTP needs a host.
        run = cli(args("account add --name B --preset smtp --user b@example.com --password-stdin"), kPassword);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(QStringLiteral("host is empty")), qPrintable(run.errText()));
        run = cli(args("account add --name C --preset smtp --host mail.example.com --port 99999 --user c@example.com "
                       "--password-stdin"),
                  kPassword);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(QStringLiteral("99999")), qPrintable(run.errText()));
        run = cli(args("account add --name D --preset ses --user AKIA --password-stdin --trust-certificate abc"),
                  kPassword);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("64")), qPrintable(run.errText()));
        run = cli(args("account add --name E --preset gmail --security maybe --user e@example.com --password-stdin"),
                  kPassword);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.errText().contains(QStringLiteral("starttls, tls or none")));
        // SES's user is an access key id, not an address: the from address must be given.
        run = cli(args("account add --name F --preset ses --user AKIAEXAMPLE --password-stdin"), kPassword);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(QStringLiteral("from address")), qPrintable(run.errText()));
        QVERIFY(cli(args("--json account list")).array().isEmpty());
    }

    void campaignsChooseTheirAccounts()
    {
        QCOMPARE(
            cli(args("account add --name A --preset gmail --user a@gmail.com --password-stdin"), kPassword).exitCode,
            0);
        QCOMPARE(cli(args("account add --name B --preset outlook --user b@example.com --password-stdin"), kPassword)
                     .exitCode,
                 0);
        Run created = cli(args("--json campaign create --name Spring --starter letter --account B"));
        QVERIFY2(created.exitCode == 0, qPrintable(created.errText()));
        const QString id = QString::number(created.object().value(QStringLiteral("id")).toInteger());
        Run shown = cli({QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("show"), id});
        QCOMPARE(shown.object().value(QStringLiteral("accounts")).toArray(), QJsonArray{QStringLiteral("B")});

        QCOMPARE(cli({QStringLiteral("campaign"), QStringLiteral("edit"), id, QStringLiteral("--account"),
                      QStringLiteral("A"), QStringLiteral("--account"), QStringLiteral("B")})
                     .exitCode,
                 0);
        shown = cli({QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("show"), id});
        QCOMPARE(shown.object().value(QStringLiteral("accounts")).toArray().size(), 2);

        const Run unknown = cli(
            {QStringLiteral("campaign"), QStringLiteral("edit"), id, QStringLiteral("--account"), QStringLiteral("Z")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.errText().contains(QStringLiteral("\"Z\"")));

        QCOMPARE(cli({QStringLiteral("campaign"), QStringLiteral("edit"), id, QStringLiteral("--account"), QString()})
                     .exitCode,
                 0);
        shown = cli({QStringLiteral("campaign"), QStringLiteral("show"), id});
        QVERIFY2(shown.outText().contains(QStringLiteral("every account")), qPrintable(shown.outText()));
    }
    // `account test` against a real server (aiosmtpd with STARTTLS and AUTH): the certificate
    // that does not verify is named with the command that trusts it, a good password signs in,
    // a wrong one shows the server's 535, and the password is never printed (see cli()).
    void accountTestReportsWhatHappened()
    {
        QTemporaryDir certDir;
        const std::optional<TestCertificate> cert = TestCertificate::generate(certDir.path());
        QVERIFY2(cert, "openssl could not make a test certificate");
        SmtpTestServer server;
        QVERIFY2(server.start(SmtpTestServer::aiosmtpd(),
                              {QStringLiteral("--starttls"), QStringLiteral("--cert"), cert->certPath,
                               QStringLiteral("--key"), cert->keyPath, QStringLiteral("--auth"),
                               QStringLiteral("shop:") + QString::fromUtf8(kPassword)}),
                 qPrintable(server.error()));
        Run run = cli(
            {QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Local"),
             QStringLiteral("--preset"), QStringLiteral("smtp"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
             QStringLiteral("--port"), QString::number(server.port()), QStringLiteral("--user"), QStringLiteral("shop"),
             QStringLiteral("--from"), QStringLiteral("Shop <shop@example.com>"), QStringLiteral("--password-stdin")},
            kPassword + '\n');
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));

        // A self-signed certificate: refused, and the fingerprint to trust is offered.
        const QString fingerprint = QString::fromLatin1(cert->sha256.toHex(':').toUpper());
        run = cli(args("account test Local"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.outText().contains(QStringLiteral("--trust-certificate ") + fingerprint),
                 qPrintable(run.outText()));

        QCOMPARE(cli({QStringLiteral("account"), QStringLiteral("edit"), QStringLiteral("Local"),
                      QStringLiteral("--trust-certificate"), QString::fromLatin1(cert->sha256.toHex())})
                     .exitCode,
                 0);
        run = cli(args("account test Local"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.outText() + run.errText()));
        QVERIFY2(run.outText().contains(QStringLiteral("STARTTLS")), qPrintable(run.outText()));
        QVERIFY2(run.outText().contains(QStringLiteral("235")), qPrintable(run.outText()));
        const Run json = cli(args("--json account test Local"));
        QCOMPARE(json.exitCode, 0);
        QVERIFY(json.object().value(QStringLiteral("ok")).toBool());
        QVERIFY(!json.object().value(QStringLiteral("transcript")).toArray().isEmpty());

        QCOMPARE(cli(args("account edit Local --password-stdin"), QByteArrayLiteral("not-the-password\n")).exitCode, 0);
        run = cli(args("account test Local"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.outText().contains(QStringLiteral("535")), qPrintable(run.outText()));
        QVERIFY2(run.errText().contains(QStringLiteral("535")), qPrintable(run.errText()));
        QVERIFY(!run.outText().contains(QStringLiteral("not-the-password")));
        QVERIFY(!run.errText().contains(QStringLiteral("not-the-password")));
    }
};

QTEST_GUILESS_MAIN(TestCliAccount)
#include "test_cli_account.moc"
