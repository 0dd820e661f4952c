#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/DkimKeyRepository.h"
#include "core/delivery/AccountPresets.h"
#include "core/delivery/AccountRepository.h"
#include "core/delivery/OutboxState.h"
#include "core/security/Vault.h"
#include "core/storage/Workspace.h"
#include "tests/unit/core/security/VaultTestSeam.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray kPassword = QByteArrayLiteral("app-pass-wqxz-7731-kjhg");

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAccountRepository : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::optional<Vault> m_vault;

    QString path() const { return m_ws->path(); }

    Account gmail(const QString& name = QStringLiteral("Newsletter"))
    {
        Account a = AccountPresets::newAccount(AccountPresetId::Gmail);
        a.name = name;
        a.user = QStringLiteral("anna.mueller@gmail.com");
        a.fromName = QStringLiteral("Anna Müller");
        return a;
    }

    qint64 createOrFail(const Account& a, const QByteArray& secret = kPassword)
    {
        auto id = AccountRepository(m_ws->database()).create(a, secret, &*m_vault);
        if (!id) {
            qWarning("%s", qPrintable(id.error().message));
            return 0;
        }
        return id.value();
    }

    qint64 makeCampaign(const QString& name)
    {
        Campaign c;
        c.name = name;
        c.subject = QStringLiteral("Hello");
        c.fromAddress = QStringLiteral("anna.mueller@gmail.com");
        c.htmlBody = QStringLiteral("<p>Hi</p>");
        return CampaignRepository(m_ws->database()).create(c).value();
    }

    void addOutboxRow(qint64 campaignId, int state)
    {
        QSqlQuery q(m_ws->database());
        q.prepare(QStringLiteral("INSERT INTO outbox (campaign_id, contact_id, email, state, queued_at, updated_at)"
                                 " VALUES (?, (SELECT count(*) + 1 FROM outbox), 'x@example.com', ?, 0, 0)"));
        q.addBindValue(campaignId);
        q.addBindValue(state);
        QVERIFY(q.exec());
    }

    int secretRows()
    {
        QSqlQuery q(m_ws->database());
        q.exec(QStringLiteral("SELECT count(*) FROM secrets WHERE kind = 'account'"));
        q.next();
        return q.value(0).toInt();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath(QStringLiteral("t.mailroom")));
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
        m_ws = std::move(ws).value();
        auto vault = VaultTestSeam::create(m_ws->database(), QStringLiteral("correct horse"));
        QVERIFY(vault);
        m_vault.emplace(std::move(vault).value());
    }

    void cleanup()
    {
        m_vault.reset();
        m_ws.reset();
        m_dir.reset();
    }

    void presetsCarryTheDocumentedDefaults()
    {
        const Account g = AccountPresets::newAccount(AccountPresetId::Gmail);
        QCOMPARE(g.host, QStringLiteral("smtp.gmail.com"));
        QCOMPARE(g.port, 587);
        QCOMPARE(g.security, SmtpSecurity::StartTls);
        QCOMPARE(g.dailyLimit, 500);
        const Account w = AccountPresets::newAccount(AccountPresetId::Workspace);
        QCOMPARE(w.dailyLimit, 2000);
        const Account o = AccountPresets::newAccount(AccountPresetId::Outlook);
        QCOMPARE(o.host, QStringLiteral("smtp.office365.com"));
        QCOMPARE(o.dailyLimit, 10000);
        QCOMPARE(o.perMinute, 30);
        QCOMPARE(o.connections, 3);
        const Account s = AccountPresets::newAccount(AccountPresetId::Ses);
        QCOMPARE(s.dailyLimit, 200);
        QCOMPARE(s.perMinute, 60);
        QVERIFY(AccountPresets::newAccount(AccountPresetId::Smtp).host.isEmpty());
        for (const AccountPreset& p : AccountPresets::all()) {
            QVERIFY2(!p.note.isEmpty(), qPrintable(p.title));
            QCOMPARE(AccountPresets::of(p.id).title, p.title);
        }
    }

    void createsAndReadsBackEveryField()
    {
        auto key =
            DkimKeyRepository(m_ws->database())
                .generate(*m_vault, QStringLiteral("example.com"), QStringLiteral("mr1"), DkimKey::Algorithm::Ed25519);
        QVERIFY(key);
        Account a = gmail();
        a.host = QStringLiteral("SMTP.Bücher.de");
        a.port = 465;
        a.security = SmtpSecurity::ImplicitTls;
        a.trustedCertificate = QByteArray(32, '\x5a');
        a.fromAddress = QStringLiteral("news@bücher.de");
        a.dailyLimit = 321;
        a.perMinute = 7;
        a.connections = 4;
        a.dkimKeyId = key->id;
        const qint64 id = createOrFail(a);
        QVERIFY(id > 0);

        AccountRepository repo(m_ws->database());
        auto back = repo.find(id);
        QVERIFY(back);
        QCOMPARE(back->name, QStringLiteral("Newsletter"));
        QCOMPARE(back->preset, AccountPresetId::Gmail);
        QCOMPARE(back->host, QStringLiteral("smtp.xn--bcher-kva.de"));
        QCOMPARE(back->port, 465);
        QCOMPARE(back->security, SmtpSecurity::ImplicitTls);
        QCOMPARE(back->auth, SmtpAuth::Password);
        QCOMPARE(back->user, QStringLiteral("anna.mueller@gmail.com"));
        QCOMPARE(back->trustedCertificate, QByteArray(32, '\x5a'));
        QCOMPARE(back->fromName, QStringLiteral("Anna Müller"));
        QCOMPARE(back->fromAddress, QStringLiteral("news@bücher.de"));
        QCOMPARE(back->dailyLimit, 321);
        QCOMPARE(back->perMinute, 7);
        QCOMPARE(back->connections, 4);
        QCOMPARE(back->dkimKeyId, std::optional<qint64>(key->id));
        QVERIFY(back->hasSecret);
        QVERIFY(back->createdAt.isValid());
        QCOMPARE(repo.findByName(QStringLiteral("NEWSLETTER"))->id, id);
        QCOMPARE(repo.list()->size(), 1);

        auto settings = repo.smtpSettings(back.value(), *m_vault);
        QVERIFY(settings);
        QCOMPARE(settings->host, QStringLiteral("smtp.xn--bcher-kva.de"));
        QCOMPARE(settings->port, quint16(465));
        QCOMPARE(settings->secret, kPassword);
        QCOMPARE(settings->trustedCertificateSha256, QByteArray(32, '\x5a'));
    }

    void aCampaignFromAnotherAddressIsWarnedAboutOnGmail()
    {
        Account gmail = AccountPresets::newAccount(AccountPresetId::Gmail);
        gmail.name = QStringLiteral("Anna");
        gmail.user = QStringLiteral("anna@gmail.com");
        gmail.fromAddress = QStringLiteral("anna@gmail.com");
        QVERIFY(gmail.fromWarning(QStringLiteral("Anna@Gmail.com")).isEmpty());
        const QString warning = gmail.fromWarning(QStringLiteral("news@annas-bakery.example"));
        QVERIFY2(warning.contains(QStringLiteral("anna@gmail.com")) &&
                     warning.contains(QStringLiteral("news@annas-bakery.example")),
                 qPrintable(warning));
        // Amazon SES and other servers send from any address they accept.
        Account ses = AccountPresets::newAccount(AccountPresetId::Ses);
        ses.user = QStringLiteral("AKIAEXAMPLE");
        ses.fromAddress = QStringLiteral("news@annas-bakery.example");
        QVERIFY(ses.fromWarning(QStringLiteral("offers@annas-bakery.example")).isEmpty());
    }

    void fromAddressDefaultsToTheUser()
    {
        const qint64 id = createOrFail(gmail());
        QCOMPARE(AccountRepository(m_ws->database()).find(id)->fromAddress, QStringLiteral("anna.mueller@gmail.com"));
    }

    void refusesWhatCannotBeSent_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no name") << "name"
                                 << "  "
                                 << "needs a name";
        QTest::newRow("no host") << "host"
                                 << ""
                                 << "host is empty";
        QTest::newRow("space in host") << "host"
                                       << "smtp gmail.com"
                                       << "contains a space";
        QTest::newRow("control in host") << "host" << QStringLiteral("smtp.gmail.com\r\nRCPT") << "control character";
        QTest::newRow("bad host") << "host"
                                  << "smtp..example.com"
                                  << "is not a server name";
        QTest::newRow("port 0") << "port"
                                << "0"
                                << "The port 0 is not between 1 and 65535";
        QTest::newRow("port 70000") << "port"
                                    << "70000"
                                    << "The port 70000";
        QTest::newRow("bad from") << "from"
                                  << "news@@example.com"
                                  << "The from address \"news@@example.com\"";
        QTest::newRow("daily 0") << "daily"
                                 << "0"
                                 << "daily limit must be at least 1";
        QTest::newRow("rate 0") << "rate"
                                << "-5"
                                << "at least 1 message a minute, not -5";
        QTest::newRow("connections 0") << "connections"
                                       << "0"
                                       << "connections must be between 1 and 32, not 0";
        QTest::newRow("connections 33") << "connections"
                                        << "33"
                                        << "not 33";
        QTest::newRow("no user") << "user"
                                 << ""
                                 << "needs a user";
        QTest::newRow("plaintext auth") << "security"
                                        << "none"
                                        << "unencrypted";
    }

    void refusesWhatCannotBeSent()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        Account a = gmail();
        a.fromAddress = QStringLiteral("news@example.com");
        if (field == QLatin1String("name")) {
            a.name = value;
        } else if (field == QLatin1String("host")) {
            a.host = value;
        } else if (field == QLatin1String("port")) {
            a.port = value.toInt();
        } else if (field == QLatin1String("from")) {
            a.fromAddress = value;
        } else if (field == QLatin1String("daily")) {
            a.dailyLimit = value.toInt();
        } else if (field == QLatin1String("rate")) {
            a.perMinute = value.toInt();
        } else if (field == QLatin1String("connections")) {
            a.connections = value.toInt();
        } else if (field == QLatin1String("user")) {
            a.user = value;
        } else if (field == QLatin1String("security")) {
            a.security = SmtpSecurity::None;
        }
        auto id = AccountRepository(m_ws->database()).create(a, kPassword, &*m_vault);
        QVERIFY(!id);
        QCOMPARE(id.error().code, ErrorCode::InvalidInput);
        QVERIFY2(id.error().message.contains(message), qPrintable(id.error().message));
        QVERIFY(AccountRepository(m_ws->database()).list()->isEmpty());
        QCOMPARE(secretRows(), 0);
    }

    void plaintextAuthOnlyWhenAllowed()
    {
        Account a = gmail();
        a.host = QStringLiteral("127.0.0.1");
        a.port = 2525;
        a.security = SmtpSecurity::None;
        a.allowPlaintextAuth = true;
        QVERIFY(createOrFail(a) > 0);
    }

    void needsASecretWhenItSignsIn()
    {
        AccountRepository repo(m_ws->database());
        auto id = repo.create(gmail(), QByteArray(), &*m_vault);
        QVERIFY(!id);
        QVERIFY2(id.error().message.contains(QStringLiteral("enter the password")), qPrintable(id.error().message));
        Account relay = gmail();
        relay.auth = SmtpAuth::None;
        relay.user.clear();
        relay.fromAddress = QStringLiteral("news@example.com");
        auto relayId = repo.create(relay, QByteArray(), nullptr);
        QVERIFY2(relayId, qPrintable(relayId ? QString() : relayId.error().message));
        QVERIFY(!repo.find(relayId.value())->hasSecret);
        QCOMPARE(secretRows(), 0);
    }

    void namesAreUniqueIgnoringCase()
    {
        QVERIFY(createOrFail(gmail()) > 0);
        auto again =
            AccountRepository(m_ws->database()).create(gmail(QStringLiteral("newsLETTER")), kPassword, &*m_vault);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Duplicate);
        QVERIFY(again.error().message.contains(QStringLiteral("Newsletter")));
    }

    void secretIsInTheVaultAndNowhereElse()
    {
        const qint64 id = createOrFail(gmail());
        QVERIFY(id > 0);
        QSqlQuery q(m_ws->database());
        QVERIFY(q.exec(QStringLiteral("SELECT s.kind, s.name FROM accounts a JOIN secrets s ON s.id = a.secret_id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("account"));
        QCOMPARE(q.value(1).toString(), QString::number(id));
        QCOMPARE(m_vault->get(QStringLiteral("account"), QString::number(id)).value(), kPassword);
        // Neither the database file nor its WAL holds the password in any readable form.
        const QByteArray bytes = fileBytes(path()) + fileBytes(path() + QStringLiteral("-wal"));
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(kPassword));
        QVERIFY(!bytes.contains(kPassword.toBase64()));
        QVERIFY(!bytes.contains(kPassword.toHex()));
    }

    void updateKeepsOrReplacesTheSecret()
    {
        const qint64 id = createOrFail(gmail());
        AccountRepository repo(m_ws->database());
        Account a = repo.find(id).value();
        a.dailyLimit = 100;
        a.name = QStringLiteral("Renamed");
        QVERIFY(repo.update(a, std::nullopt, nullptr));
        QCOMPARE(repo.find(id)->dailyLimit, 100);
        QCOMPARE(repo.find(id)->name, QStringLiteral("Renamed"));
        QCOMPARE(repo.smtpSettings(repo.find(id).value(), *m_vault)->secret, kPassword);
        // An empty new secret also keeps the stored one (the editor's empty password field).
        QVERIFY(repo.update(a, QByteArray(), nullptr));
        QCOMPARE(repo.smtpSettings(repo.find(id).value(), *m_vault)->secret, kPassword);

        QVERIFY(repo.update(a, QByteArrayLiteral("new-secret"), &*m_vault));
        QCOMPARE(repo.smtpSettings(repo.find(id).value(), *m_vault)->secret, QByteArrayLiteral("new-secret"));
        QCOMPARE(secretRows(), 1);

        a.auth = SmtpAuth::None;
        QVERIFY(repo.update(a, std::nullopt, nullptr));
        QVERIFY(!repo.find(id)->hasSecret);
        QCOMPARE(secretRows(), 0);
    }

    void updateRefusesInvalidFieldsAndChangesNothing()
    {
        const qint64 id = createOrFail(gmail());
        AccountRepository repo(m_ws->database());
        Account a = repo.find(id).value();
        a.port = 0;
        a.dailyLimit = 5;
        const Status s = repo.update(a, std::nullopt, nullptr);
        QVERIFY(!s);
        QVERIFY(s.error().message.contains(QStringLiteral("port")));
        QCOMPARE(repo.find(id)->dailyLimit, 500);
    }

    void deleteRemovesTheSecret()
    {
        const qint64 id = createOrFail(gmail());
        const qint64 other = createOrFail(gmail(QStringLiteral("Other")));
        QCOMPARE(secretRows(), 2);
        AccountRepository repo(m_ws->database());
        QVERIFY(repo.remove(id));
        QCOMPARE(repo.find(id).error().code, ErrorCode::NotFound);
        QCOMPARE(secretRows(), 1);
        QVERIFY(!m_vault->get(QStringLiteral("account"), QString::number(id)));
        QCOMPARE(m_vault->get(QStringLiteral("account"), QString::number(other)).value(), kPassword);
        QCOMPARE(repo.remove(id).error().code, ErrorCode::NotFound);
    }

    void deleteIsRefusedWhileACampaignMaySendFromIt()
    {
        AccountRepository repo(m_ws->database());
        const qint64 a = createOrFail(gmail(QStringLiteral("A")));
        const qint64 b = createOrFail(gmail(QStringLiteral("B")));
        const qint64 onlyB = makeCampaign(QStringLiteral("Only B"));
        QVERIFY(repo.setCampaignAccounts(onlyB, {b}));
        addOutboxRow(onlyB, static_cast<int>(OutboxState::Queued));
        // A campaign that lists only B does not hold A.
        QVERIFY(repo.remove(a));
        const Status refused = repo.remove(b);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("\"Only B\"")), qPrintable(refused.error().message));
        QVERIFY(repo.find(b));

        // Once everything is sent, the account may go.
        QSqlQuery q(m_ws->database());
        QVERIFY(q.exec(QStringLiteral("UPDATE outbox SET state = %1").arg(static_cast<int>(OutboxState::Sent))));
        QVERIFY(repo.remove(b));

        // A campaign that lists none may use every account: deferred rows hold them all.
        const qint64 c = createOrFail(gmail(QStringLiteral("C")));
        const qint64 any = makeCampaign(QStringLiteral("Any account"));
        addOutboxRow(any, static_cast<int>(OutboxState::Deferred));
        QVERIFY(!repo.remove(c));
    }

    void campaignAccountsDefaultToEveryAccount()
    {
        AccountRepository repo(m_ws->database());
        const qint64 a = createOrFail(gmail(QStringLiteral("A")));
        const qint64 b = createOrFail(gmail(QStringLiteral("B")));
        const qint64 campaign = makeCampaign(QStringLiteral("Spring"));
        QVERIFY(repo.campaignAccounts(campaign)->isEmpty());
        QCOMPARE(repo.accountsFor(campaign)->size(), 2);
        QVERIFY(repo.setCampaignAccounts(campaign, {b}));
        QCOMPARE(repo.campaignAccounts(campaign).value(), QVector<qint64>{b});
        QCOMPARE(repo.accountsFor(campaign)->size(), 1);
        QCOMPARE(repo.accountsFor(campaign)->constFirst().id, b);
        const Status missing = repo.setCampaignAccounts(campaign, {a, 999});
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        // Nothing changed by the refused call.
        QCOMPARE(repo.campaignAccounts(campaign).value(), QVector<qint64>{b});
        QCOMPARE(repo.setCampaignAccounts(4242, {a}).error().code, ErrorCode::NotFound);
        QVERIFY(repo.setCampaignAccounts(campaign, {}));
        QCOMPARE(repo.accountsFor(campaign)->size(), 2);
    }

    void parsesFingerprints_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        const QString hex = QStringLiteral("3f1ab29c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8");
        QString colons;
        for (int i = 0; i < hex.size(); i += 2) {
            colons += (i ? QStringLiteral(":") : QString()) + hex.mid(i, 2).toUpper();
        }
        QTest::newRow("plain lower") << hex << true;
        QTest::newRow("colons upper") << colons << true;
        QTest::newRow("openssl") << (QStringLiteral("sha256 Fingerprint=") + colons) << true;
        QTest::newRow("too short") << hex.left(62) << false;
        QTest::newRow("too long") << (hex + QStringLiteral("00")) << false;
        QTest::newRow("not hex") << (hex.left(63) + QStringLiteral("g")) << false;
        QTest::newRow("sha1") << QStringLiteral("da39a3ee5e6b4b0d3255bfef95601890afd80709") << false;
    }

    void parsesFingerprints()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        auto bytes = AccountRepository::parseFingerprint(text);
        QCOMPARE(bool(bytes), ok);
        if (ok) {
            QCOMPARE(bytes->toHex(),
                     QByteArrayLiteral("3f1ab29c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"));
            QCOMPARE(Account::fingerprintText(bytes.value()).left(6), QStringLiteral("3F:1A:"));
        } else {
            QVERIFY(bytes.error().message.contains(QStringLiteral("64")));
        }
        QVERIFY(AccountRepository::parseFingerprint(QStringLiteral("  "))->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAccountRepository)
#include "test_account_repository.moc"
