#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/DeliveryEngine.h"
#include "core/delivery/OutboxState.h"
#include "tests/unit/core/delivery/EngineFixture.h"
#include "tests/unit/core/smtp/SmtpTestServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

// The delivery engine over STARTTLS and AUTH to aiosmtpd with a certificate the account trusts,
// and against a scripted server that misbehaves (tests/tools/smtp_fault_server.py):
// a provider's limit reply rests the account instead of failing the recipients; a 4xx defers
// with a retry time; a 5xx fails with the server's words; a connection dropped after the final
// dot leaves that one recipient unknown and the engine reconnects for the rest; a server that
// never answers the dot times out into unknown.
class TestDeliveryFaults : public QObject
{
    Q_OBJECT

private:
    EngineFixture f;
    SmtpTestServer m_server;
    qint64 m_campaignId = 0;

    bool startServer(const QStringList& faults)
    {
        const QString out = f.dir->filePath(QStringLiteral("received"));
        QDir().mkpath(out);
        if (!m_server.start(SmtpTestServer::faultServer(), QStringList{QStringLiteral("--out"), out} + faults)) {
            qWarning("%s", qPrintable(m_server.error()));
            return false;
        }
        return true;
    }

    int received() const
    {
        return int(
            QDir(f.dir->filePath(QStringLiteral("received"))).entryList({QStringLiteral("*.eml")}, QDir::Files).size());
    }

    qint64 count(OutboxState state) const { return f.inState(m_campaignId, int(state)); }

    QString lastReply(OutboxState state) const
    {
        QSqlQuery q(f.db());
        q.exec(QStringLiteral("SELECT reply FROM outbox WHERE state = %1 ORDER BY id LIMIT 1").arg(int(state)));
        return q.next() ? q.value(0).toString() : QString();
    }

    // Delivers until nothing more can go now, with the given clock; returns what the engine said.
    std::optional<DeliveryActivity> deliver(const Clock& clock, DeliveryOptions options = {})
    {
        auto engine = DeliveryEngine::start(f.workspace->path(), *f.vault, clock, options);
        if (!engine) {
            qWarning("%s", qPrintable(engine.error().message));
            return std::nullopt;
        }
        auto idle = engine.value()->waitUntilIdle();
        if (!idle) {
            qWarning("%s", qPrintable(idle.error().message));
            return std::nullopt;
        }
        return idle.value();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(f.create());
        m_campaignId = f.makeCampaign(10);
        QVERIFY(m_campaignId);
    }
    void cleanup()
    {
        m_server.stop();
        f.reset();
    }

    void deliversOverStartTlsWithAuthToATrustedCertificate()
    {
        // aiosmtpd with a self-signed certificate the account trusts by its fingerprint.
        const auto certificate = TestCertificate::generate(f.dir->path());
        QVERIFY(certificate);
        const QString out = f.dir->filePath(QStringLiteral("received"));
        QDir().mkpath(out);
        QVERIFY2(m_server.start(SmtpTestServer::aiosmtpd(),
                                {QStringLiteral("--cert"), certificate->certPath, QStringLiteral("--key"),
                                 certificate->keyPath, QStringLiteral("--starttls"), QStringLiteral("--auth"),
                                 QStringLiteral("anna@example.org:s3cret pass"), QStringLiteral("--out"), out}),
                 qPrintable(m_server.error()));
        Account a;
        a.name = QStringLiteral("Own server");
        a.host = QStringLiteral("127.0.0.1");
        a.port = m_server.port();
        a.security = SmtpSecurity::StartTls;
        a.auth = SmtpAuth::Password;
        a.user = QStringLiteral("anna@example.org");
        a.fromAddress = QStringLiteral("anna@example.org");
        a.trustedCertificate = certificate->sha256;
        a.dailyLimit = 500;
        a.perMinute = 10000;
        a.connections = 2;
        QVERIFY(AccountRepository(f.db()).create(a, QByteArrayLiteral("s3cret pass"), &*f.vault).ok());
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());

        const auto idle = deliver(clock);
        QVERIFY(idle);
        QCOMPARE(count(OutboxState::Sent), 10);
        QCOMPARE(received(), 10);
        QFile envelope(out + QStringLiteral("/1.json"));
        QVERIFY(envelope.open(QIODevice::ReadOnly));
        const QByteArray json = envelope.readAll();
        QVERIFY2(json.contains("anna@example.org") && json.contains("@example.org"), json.constData());
        QFile message(out + QStringLiteral("/1.eml"));
        QVERIFY(message.open(QIODevice::ReadOnly));
        const QByteArray bytes = message.readAll();
        QVERIFY(bytes.contains("List-Unsubscribe:"));
        QVERIFY(bytes.contains("To: <person") || bytes.contains("To: Name"));
    }

    void aDailyLimitReplyRestsTheAccountAndFailsNobody()
    {
        // Gmail's answer once the account's daily limit is reached, from the fourth message on.
        QVERIFY(startServer({QStringLiteral("--reply"),
                             QStringLiteral("dot=550-5.4.5 Daily user sending limit exceeded. For more information|"
                                            "550 5.4.5 go to https://support.google.com/a/answer/166852"),
                             QStringLiteral("--from-message"), QStringLiteral("4")}));
        const qint64 account = f.addAccount(QStringLiteral("Gmail"), m_server.port(), 500, 100000, 1);
        QVERIFY(account);
        ManualClock clock(QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch());
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());

        const auto idle = deliver(clock);
        QVERIFY(idle);
        QCOMPARE(count(OutboxState::Sent), 3);
        QCOMPARE(count(OutboxState::Failed), 0);
        QCOMPARE(count(OutboxState::Queued), 7); // the refused one goes back too
        QCOMPARE(received(), 3);
        const qint64 coolUntil = f.scalar(QStringLiteral("SELECT cool_until FROM accounts WHERE id = %1").arg(account));
        QVERIFY(coolUntil >= clock.nowMs() + 3600'000);
        QVERIFY(idle->resumeAt && *idle->resumeAt >= coolUntil);
        QVERIFY(f.scalar(QStringLiteral("SELECT count(*) FROM outbox_log WHERE reply LIKE '550 5.4.5%'")) >= 1);
        QCOMPARE(f.status(m_campaignId), CampaignStatus::Sending); // waiting, not done or failed
    }

    void aTemporaryFailureDefersWithARetryTime()
    {
        QVERIFY(startServer({QStringLiteral("--reply"), QStringLiteral("rcpt=450 4.2.1 Mailbox busy, try later")}));
        QVERIFY(f.addAccount(QStringLiteral("Relay"), m_server.port(), 1000, 100000, 1));
        ManualClock clock(QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch());
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());

        const auto idle = deliver(clock);
        QVERIFY(idle);
        QCOMPARE(count(OutboxState::Deferred), 10);
        QCOMPARE(received(), 0);
        QVERIFY(lastReply(OutboxState::Deferred).startsWith(QLatin1String("450 4.2.1")));
        const qint64 retry = f.scalar(
            QStringLiteral("SELECT min(next_attempt_at) FROM outbox WHERE state = %1").arg(int(OutboxState::Deferred)));
        QVERIFY(retry > clock.nowMs());
        QVERIFY(idle->resumeAt && *idle->resumeAt == retry);
    }

    void aPermanentFailureFailsWithTheServersWords()
    {
        QVERIFY(startServer({QStringLiteral("--reply"), QStringLiteral("rcpt=550 5.1.1 No such user here")}));
        QVERIFY(f.addAccount(QStringLiteral("Relay"), m_server.port(), 1000, 100000, 1));
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());

        const auto idle = deliver(clock);
        QVERIFY(idle);
        QCOMPARE(count(OutboxState::Failed), 10);
        QVERIFY(lastReply(OutboxState::Failed).contains(QLatin1String("5.1.1 No such user here")));
        QCOMPARE(f.status(m_campaignId), CampaignStatus::Done);
    }

    void aDroppedConnectionReconnectsAndLeavesOnlyTheInDoubtUnknown()
    {
        // Every session: the first message goes through, the second is cut off after its dot.
        QVERIFY(startServer(
            {QStringLiteral("--drop"), QStringLiteral("dot"), QStringLiteral("--from-message"), QStringLiteral("2")}));
        QVERIFY(f.addAccount(QStringLiteral("Relay"), m_server.port(), 1000, 100000, 1));
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());

        const auto idle = deliver(clock);
        QVERIFY(idle);
        QCOMPARE(count(OutboxState::Sent), 5);
        QCOMPARE(count(OutboxState::Unknown), 5);
        QCOMPARE(received(), 5); // the server kept only what it accepted
        QCOMPARE(f.status(m_campaignId), CampaignStatus::Done);
    }

    void aRefusedLoginRestsTheAccountAndSaysWhy()
    {
        QVERIFY(startServer({QStringLiteral("--auth"), QStringLiteral("--reply"),
                             QStringLiteral("auth=535 5.7.8 Username and Password not accepted")}));
        Account a;
        a.name = QStringLiteral("Gmail");
        a.host = QStringLiteral("127.0.0.1");
        a.port = m_server.port();
        a.security = SmtpSecurity::None;
        a.allowPlaintextAuth = true;
        a.auth = SmtpAuth::Password;
        a.user = QStringLiteral("anna@example.org");
        a.fromAddress = QStringLiteral("anna@example.org");
        a.dailyLimit = 500;
        a.perMinute = 100;
        a.connections = 1;
        auto account = AccountRepository(f.db()).create(a, QByteArrayLiteral("wrong password"), &*f.vault);
        QVERIFY(account.ok());
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());

        auto engine = DeliveryEngine::start(f.workspace->path(), *f.vault, clock);
        QVERIFY(engine.ok());
        auto idle = engine.value()->waitUntilIdle();
        QVERIFY(idle.ok());
        const QString problem = engine.value()->activity().lastProblem;
        engine.value().reset();
        QVERIFY2(problem.contains(QLatin1String("535 5.7.8")), qPrintable(problem));
        QVERIFY(!problem.contains(QLatin1String("wrong password")));
        QCOMPARE(count(OutboxState::Queued), 10); // nobody failed for the account's sake
        const qint64 coolUntil =
            f.scalar(QStringLiteral("SELECT cool_until FROM accounts WHERE id = %1").arg(account.value()));
        QVERIFY(coolUntil >= clock.nowMs() + 10 * 60'000);
        QVERIFY(idle->resumeAt && *idle->resumeAt >= coolUntil - 1000);
    }

    void aMessageOverTheServersSizeFailsWithoutRetrying()
    {
        QVERIFY(startServer({QStringLiteral("--size"), QStringLiteral("2000")}));
        QVERIFY(f.addAccount(QStringLiteral("Relay"), m_server.port(), 1000, 100000, 1));
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());

        const auto idle = deliver(clock);
        QVERIFY(idle);
        QCOMPARE(count(OutboxState::Failed), 10);
        QVERIFY2(lastReply(OutboxState::Failed).contains(QLatin1String("2000")),
                 qPrintable(lastReply(OutboxState::Failed)));
        QCOMPARE(received(), 0);
    }

    void closingDoesNotWaitForASilentServer()
    {
        // RFC 5321's timeouts are minutes long; closing Mailroom must not take that long.
        QVERIFY(startServer({QStringLiteral("--silent"), QStringLiteral("rcpt")}));
        QVERIFY(f.addAccount(QStringLiteral("Relay"), m_server.port(), 1000, 100000, 1));
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());
        auto engine = DeliveryEngine::start(f.workspace->path(), *f.vault, clock);
        QVERIFY(engine.ok());
        QTRY_VERIFY_WITH_TIMEOUT(count(OutboxState::Sending) > 0, 10000);
        QTest::qWait(300); // in RCPT, waiting
        QElapsedTimer closing;
        closing.start();
        engine.value().reset();
        QVERIFY2(closing.elapsed() < 3000, qPrintable(QString::number(closing.elapsed())));
        QCOMPARE(count(OutboxState::Queued), 10); // nothing was sent, nothing is lost
        QCOMPARE(received(), 0);
    }

    void aSilentServerTimesOutIntoUnknown()
    {
        QVERIFY(startServer({QStringLiteral("--silent"), QStringLiteral("dot")}));
        QVERIFY(f.addAccount(QStringLiteral("Relay"), m_server.port(), 1000, 100000, 1));
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(f.db(), m_campaignId, *f.vault, clock.nowMs()).ok());
        DeliveryOptions options;
        SmtpTimeouts quick;
        quick.dataEndMs = 300;
        options.timeouts = quick;

        const auto idle = deliver(clock, options);
        QVERIFY(idle);
        QCOMPARE(count(OutboxState::Unknown), 10);
        QCOMPARE(count(OutboxState::Sent), 0);
    }
};

QTEST_GUILESS_MAIN(TestDeliveryFaults)
#include "test_delivery_faults.moc"
