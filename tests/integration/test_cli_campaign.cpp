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
    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

// The campaign workflow a script runs, through the real mailroom-cli: write a campaign,
// check it, count its audience, make a DKIM key, render one message and send all of them to
// a folder; then read the .eml files as a receiver does (Python's email package, python3-dkim).
class TestCliCampaign : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QString m_passphrase = QStringLiteral("correct horse battery staple");

    Run cli(const QStringList& args, const QByteArray& stdinData = {}, bool withPassphrase = true)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("MAILROOM_WORKSPACE"));
        environment.remove(QStringLiteral("MAILROOM_PASSPHRASE"));
        // No keychain daemon is reachable: the vault must come from the passphrase.
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
        if (withPassphrase) {
            environment.insert(QStringLiteral("MAILROOM_PASSPHRASE"), m_passphrase);
        }
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(MAILROOM_CLI_PATH), QStringList{QStringLiteral("--workspace"), m_path} + args);
        process.write(stdinData);
        process.closeWriteChannel();
        if (!process.waitForFinished(120000)) {
            process.kill();
            return {};
        }
        return Run{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

    QString file(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) {
            return {};
        }
        return path;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = m_dir->filePath(QStringLiteral("shop.mailroom"));
        QCOMPARE(cli({QStringLiteral("init")}).exitCode, 0);
        for (const QStringList& contact :
             {QStringList{QStringLiteral("anna@example.com"), QStringLiteral("Anna"), QStringLiteral("subscribed")},
              QStringList{QStringLiteral("bernd@example.de"), QStringLiteral("Bernd"), QStringLiteral("subscribed")},
              QStringList{QStringLiteral("gone@example.com"), QStringLiteral("Gone"),
                          QStringLiteral("unsubscribed")}}) {
            const Run added = cli({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                                   contact[0], QStringLiteral("--first-name"), contact[1], QStringLiteral("--status"),
                                   contact[2], QStringLiteral("--list"), QStringLiteral("Kunden")});
            QVERIFY2(added.exitCode == 0, qPrintable(added.errText()));
        }
    }

    void cleanup() { m_dir.reset(); }

    void aCampaignGoesFromHtmlFileToSignedEmlFiles()
    {
        const QString html = file(QStringLiteral("spring.html"),
                                  "<html><body><h1>Fr\xc3\xbchling</h1><p>Hallo {{ first_name | default: \"du\" }},</p>"
                                  "<p><a href=\"https://example.com/sale\">Zum Angebot</a></p></body></html>");
        Run created = cli({QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("create"),
                           QStringLiteral("--name"), QStringLiteral("Spring"), QStringLiteral("--subject"),
                           QStringLiteral("{{ first_name }}, 20 % auf alles"), QStringLiteral("--html"), html,
                           QStringLiteral("--from"), QStringLiteral("Caf\u00e9 M\u00fcller <news@example.com>"),
                           QStringLiteral("--list"), QStringLiteral("Kunden")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.errText()));
        const QString id = QString::number(created.object()[QStringLiteral("id")].toInt());

        // No postal address yet: the check names it and fails; nothing can be sent.
        Run check = cli({QStringLiteral("campaign"), QStringLiteral("check"), id});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(QString::fromUtf8(check.out).contains(QStringLiteral("postal address")), check.out.constData());
        const QString folder = m_dir->filePath(QStringLiteral("out"));
        Run refused =
            cli({QStringLiteral("campaign"), QStringLiteral("send"), id, QStringLiteral("--to-folder"), folder});
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 0);

        QCOMPARE(cli({QStringLiteral("sender"), QStringLiteral("set"), QStringLiteral("--postal-address"),
                      QStringLiteral("Caf\u00e9 M\u00fcller, Hauptstra\u00dfe 1, 10115 Berlin")})
                     .exitCode,
                 0);
        Run keygen = cli({QStringLiteral("--json"), QStringLiteral("dkim"), QStringLiteral("keygen"),
                          QStringLiteral("--domain"), QStringLiteral("example.com"), QStringLiteral("--selector"),
                          QStringLiteral("mr1"), QStringLiteral("--algorithm"), QStringLiteral("ed25519")});
        QVERIFY2(keygen.exitCode == 0, qPrintable(keygen.errText()));
        const QString record = keygen.object()[QStringLiteral("value")].toString();
        QVERIFY(record.startsWith(QStringLiteral("v=DKIM1; k=ed25519; p=")));
        QCOMPARE(keygen.object()[QStringLiteral("name")].toString(), QStringLiteral("mr1._domainkey.example.com"));

        check = cli({QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("check"), id});
        QVERIFY2(check.exitCode == 0, check.out.constData());
        QCOMPARE(check.object()[QStringLiteral("ok")].toBool(), true);

        Run count = cli({QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("recipients"), id,
                         QStringLiteral("--count")});
        QCOMPARE(count.object()[QStringLiteral("recipients")].toInt(), 2);
        QCOMPARE(count.object()[QStringLiteral("unsubscribed")].toInt(), 1);

        const QStringList date{QStringLiteral("--date"), QStringLiteral("2026-11-28T10:00:00+01:00")};
        Run rendered = cli(QStringList{QStringLiteral("render"), QStringLiteral("--campaign"), id,
                                       QStringLiteral("--contact"), QStringLiteral("anna@example.com")} +
                           date);
        QVERIFY2(rendered.exitCode == 0, qPrintable(rendered.errText()));
        QVERIFY(rendered.out.startsWith("DKIM-Signature: v=1; a=ed25519-sha256;"));

        Run sent = cli(QStringList{QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("send"), id,
                                   QStringLiteral("--to-folder"), folder} +
                       date);
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.errText()));
        QCOMPARE(sent.object()[QStringLiteral("written")].toInt(), 2);
        const QStringList files = QDir(folder).entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 2);
        // `render` shows exactly what `send` writes.
        const QString annaFile = QDir(folder).filePath(files.filter(QStringLiteral("anna")).value(0));
        QCOMPARE(readAll(annaFile), rendered.out);

        // A receiver reads it: the subject decodes, the signature verifies.
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(MAILROOM_RENDER_CHECK), annaFile, record});
        QVERIFY(python.waitForFinished(60000));
        const QJsonObject seen = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        QCOMPARE(seen[QStringLiteral("subject")].toString(), QStringLiteral("Anna, 20 % auf alles"));
        QCOMPARE(seen[QStringLiteral("dkim")].toBool(), true);
        QCOMPARE(seen[QStringLiteral("defects")].toArray().size(), 0);

        // The secrets are in the vault only: neither the DKIM key nor the passphrase is in the file.
        QVERIFY(cli({QStringLiteral("campaign"), QStringLiteral("list")}).exitCode == 0);
        const QByteArray workspace = readAll(m_path) + readAll(m_path + QStringLiteral("-wal"));
        QVERIFY(!workspace.isEmpty());
        QVERIFY(!workspace.contains("PRIVATE KEY"));
        QVERIFY(!workspace.contains(m_passphrase.toUtf8()));
    }

    void theVaultNeedsItsPassphrase()
    {
        Run noPassphrase = cli({QStringLiteral("dkim"), QStringLiteral("keygen"), QStringLiteral("--domain"),
                                QStringLiteral("example.com"), QStringLiteral("--selector"), QStringLiteral("s1")},
                               {}, false);
        QCOMPARE(noPassphrase.exitCode, 1);
        QVERIFY2(noPassphrase.errText().contains(QStringLiteral("MAILROOM_PASSPHRASE")),
                 qPrintable(noPassphrase.errText()));
        QCOMPARE(cli({QStringLiteral("dkim"), QStringLiteral("keygen"), QStringLiteral("--domain"),
                      QStringLiteral("example.com"), QStringLiteral("--selector"), QStringLiteral("s1")})
                     .exitCode,
                 0);
        // The wrong passphrase on stdin is refused and nothing changes.
        Run wrong = cli({QStringLiteral("--passphrase-stdin"), QStringLiteral("dkim"), QStringLiteral("keygen"),
                         QStringLiteral("--domain"), QStringLiteral("example.com"), QStringLiteral("--selector"),
                         QStringLiteral("s2")},
                        "not the passphrase\n", false);
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.errText().contains(QStringLiteral("passphrase")), qPrintable(wrong.errText()));
        Run keys = cli({QStringLiteral("--json"), QStringLiteral("dkim"), QStringLiteral("list")});
        QCOMPARE(QJsonDocument::fromJson(keys.out).array().size(), 1);
        // The right one on stdin works.
        Run right = cli({QStringLiteral("--passphrase-stdin"), QStringLiteral("dkim"), QStringLiteral("keygen"),
                         QStringLiteral("--domain"), QStringLiteral("example.com"), QStringLiteral("--selector"),
                         QStringLiteral("s2"), QStringLiteral("--algorithm"), QStringLiteral("rsa")},
                        m_passphrase.toUtf8() + "\n", false);
        QVERIFY2(right.exitCode == 0, qPrintable(right.errText()));
        QVERIFY(QString::fromUtf8(right.out).contains(QStringLiteral("s2._domainkey.example.com. IN TXT")));
    }

    void segmentsAndSuppressionsShapeTheAudience()
    {
        const QString rules =
            file(QStringLiteral("de.json"), "{\"match\": \"all\", \"conditions\": "
                                            "[{\"field\": \"email\", \"op\": \"ends_with\", \"value\": \".de\"}]}");
        Run saved = cli({QStringLiteral("segment"), QStringLiteral("create"), QStringLiteral("Deutschland"),
                         QStringLiteral("--rules"), rules});
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.errText()));
        Run created = cli({QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("create"),
                           QStringLiteral("--name"), QStringLiteral("DE"), QStringLiteral("--list"),
                           QStringLiteral("Kunden"), QStringLiteral("--segment"), QStringLiteral("Deutschland")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.errText()));
        const QString id = QString::number(created.object()[QStringLiteral("id")].toInt());
        Run who = cli({QStringLiteral("campaign"), QStringLiteral("recipients"), id});
        QCOMPARE(who.out.trimmed(), QByteArray("bernd@example.de"));

        // A suppressed domain takes its people out of every audience, whatever the rules.
        QCOMPARE(cli({QStringLiteral("suppress"), QStringLiteral("add"), QStringLiteral("example.de")}).exitCode, 0);
        Run count = cli({QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("recipients"), id,
                         QStringLiteral("--count")});
        QCOMPARE(count.object()[QStringLiteral("recipients")].toInt(), 0);
        QCOMPARE(count.object()[QStringLiteral("suppressed")].toInt(), 1);

        // An import with a bad line reports it by number and adds the rest.
        const QString list = file(QStringLiteral("bounces.txt"), "anna@example.com\nnot an address\n@example.org\n");
        Run imported = cli({QStringLiteral("--json"), QStringLiteral("suppress"), QStringLiteral("import"), list});
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.object()[QStringLiteral("added")].toInt(), 2);
        const QJsonArray problems = imported.object()[QStringLiteral("problems")].toArray();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].toObject()[QStringLiteral("line")].toInt(), 2);
        // --strict adds nothing when a line is bad.
        const QString strict = file(QStringLiteral("strict.txt"), "zed@example.com\n???\n");
        QCOMPARE(
            cli({QStringLiteral("suppress"), QStringLiteral("import"), strict, QStringLiteral("--strict")}).exitCode,
            1);
        Run listed = cli({QStringLiteral("--json"), QStringLiteral("suppress"), QStringLiteral("list")});
        QCOMPARE(QJsonDocument::fromJson(listed.out).array().size(), 3);

        // A segment a campaign uses cannot be deleted from under it.
        Run inUse = cli({QStringLiteral("segment"), QStringLiteral("delete"), QStringLiteral("Deutschland")});
        QCOMPARE(inUse.exitCode, 1);
        QVERIFY(inUse.errText().contains(QStringLiteral("DE")));
    }

    void badInputIsRefusedWithItsName()
    {
        Run noList = cli({QStringLiteral("campaign"), QStringLiteral("create"), QStringLiteral("--name"),
                          QStringLiteral("X"), QStringLiteral("--list"), QStringLiteral("Nope")});
        QCOMPARE(noList.exitCode, 1);
        QVERIFY(noList.errText().contains(QStringLiteral("Nope")));
        const QString latin1 = file(QStringLiteral("latin1.html"), "<p>Gr\xfc\xdf"
                                                                   "e</p>");
        Run notUtf8 = cli({QStringLiteral("campaign"), QStringLiteral("create"), QStringLiteral("--name"),
                           QStringLiteral("X"), QStringLiteral("--html"), latin1});
        QCOMPARE(notUtf8.exitCode, 1);
        QVERIFY(notUtf8.errText().contains(QStringLiteral("UTF-8")));
        Run badFrom = cli({QStringLiteral("campaign"), QStringLiteral("create"), QStringLiteral("--name"),
                           QStringLiteral("X"), QStringLiteral("--from"), QStringLiteral("Shop <shop@@example.com>")});
        QCOMPARE(badFrom.exitCode, 1);
        QVERIFY(badFrom.errText().contains(QStringLiteral("shop@@example.com")));
        Run badSelector = cli({QStringLiteral("dkim"), QStringLiteral("keygen"), QStringLiteral("--domain"),
                               QStringLiteral("example.com"), QStringLiteral("--selector"), QStringLiteral("a b")});
        QCOMPARE(badSelector.exitCode, 1);
        Run badAlgorithm = cli({QStringLiteral("dkim"), QStringLiteral("keygen"), QStringLiteral("--domain"),
                                QStringLiteral("example.com"), QStringLiteral("--selector"), QStringLiteral("s"),
                                QStringLiteral("--algorithm"), QStringLiteral("dsa")});
        QCOMPARE(badAlgorithm.exitCode, 2);
        QCOMPARE(cli({QStringLiteral("campaign"), QStringLiteral("show"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("--json"), QStringLiteral("campaign"), QStringLiteral("list")}).out.trimmed(),
                 QByteArray("[\n]"));
    }
};

QTEST_GUILESS_MAIN(TestCliCampaign)
#include "test_cli_campaign.moc"
