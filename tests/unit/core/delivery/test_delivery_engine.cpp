#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/DkimKeyRepository.h"
#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/DeliveryEngine.h"
#include "core/delivery/DeliveryJournal.h"
#include "core/delivery/Outbox.h"
#include "tests/unit/core/delivery/EngineFixture.h"
#include "tests/unit/core/delivery/SmtpSink.h"

#include <QDateTime>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The delivery engine against a real SMTP server (Postfix's smtp-sink): every recipient gets
// exactly one message, personalised and DKIM-signed; a campaign spreads over two accounts and
// two days without any account going over its cap in any 24 hours (a test clock, no sleeping);
// pause takes effect within a second, and cancel leaves the rest cancelled.
class TestDeliveryEngine : public QObject
{
    Q_OBJECT

private:
    EngineFixture f;
    std::unique_ptr<SmtpSink> m_sink;

    QSqlDatabase db() { return f.db(); }
    qint64 scalar(const QString& sql) { return f.scalar(sql); }
    qint64 makeCampaign(int n) { return f.makeCampaign(n); }
    qint64 addAccount(const QString& name, int daily, int perMinute, int connections,
                      std::optional<qint64> dkimKeyId = std::nullopt)
    {
        return f.addAccount(name, m_sink->port(), daily, perMinute, connections, dkimKeyId);
    }
    qint64 sent(qint64 campaignId) { return f.inState(campaignId, int(OutboxState::Sent)); }
    CampaignStatus status(qint64 campaignId) { return f.status(campaignId); }

    // No 24 hours hold more than `cap` of the account's sends (counted per minute: a minute's
    // sends count until its end plus 24 hours, so minute m shares a window with m-1440..m).
    bool neverOverCap(qint64 accountId, int cap)
    {
        QSqlQuery q(db());
        q.exec(QStringLiteral("SELECT minute, sends FROM account_sends WHERE account_id = %1").arg(accountId));
        QMap<qint64, qint64> perMinute;
        while (q.next()) {
            perMinute.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
        }
        for (auto it = perMinute.cbegin(); it != perMinute.cend(); ++it) {
            qint64 inWindow = 0;
            for (auto w = perMinute.lowerBound(it.key() - 1440); w != std::next(it); ++w) {
                inWindow += w.value();
            }
            if (inWindow > cap) {
                qWarning("account %lld: %lld sends within 24 hours", accountId, inWindow);
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(f.create());
        m_sink = std::make_unique<SmtpSink>();
        QVERIFY(m_sink->start(f.dir->filePath("sink")));
    }
    void cleanup()
    {
        m_sink.reset();
        f.reset();
    }

    void deliversEveryRecipientExactlyOnce()
    {
        const qint64 campaignId = makeCampaign(400);
        QVERIFY(campaignId);
        auto key = DkimKeyRepository(db()).generate(*f.vault, QStringLiteral("sunrise-ceramics.example"),
                                                    QStringLiteral("s1"), DkimKey::Algorithm::Ed25519);
        QVERIFY(key.ok());
        // A newer key for the domain: the account still signs with its own (selector s1).
        QVERIFY(DkimKeyRepository(db())
                    .generate(*f.vault, QStringLiteral("sunrise-ceramics.example"), QStringLiteral("s2"),
                              DkimKey::Algorithm::Ed25519)
                    .ok());
        QVERIFY(addAccount(QStringLiteral("Shop"), 100000, 1000000, 3, key->id));
        SystemClock clock;
        auto started = CampaignDelivery::start(db(), campaignId, *f.vault, clock.nowMs());
        QVERIFY2(started.ok(), started ? "" : qPrintable(started.error().message));
        QCOMPARE(started->queued, qint64(400));

        auto engine = DeliveryEngine::start(f.workspace->path(), *f.vault, clock);
        QVERIFY2(engine.ok(), engine ? "" : qPrintable(engine.error().message));
        auto idle = engine.value()->waitUntilIdle();
        QVERIFY2(idle.ok(), idle ? "" : qPrintable(idle.error().message));
        QVERIFY(!idle->resumeAt.has_value());
        engine.value().reset();

        QCOMPARE(sent(campaignId), 400);
        QCOMPARE(status(campaignId), CampaignStatus::Done);
        const QHash<QString, int> counts = m_sink->countsByRecipient();
        QCOMPARE(counts.size(), 400);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
        }

        // What arrived is the personalised, signed message: python3-dkim verifies a sample.
        const QStringList files = m_sink->files();
        QVERIFY(!files.isEmpty());
        const QString zone = f.dir->filePath("record.txt");
        QFile record(zone);
        QVERIFY(record.open(QIODevice::WriteOnly));
        record.write(key->zoneLine().value().toUtf8());
        record.close();
        QStringList sample;
        for (int i = 0; i < files.size(); i += 97) {
            const QByteArray message = m_sink->message(files[i]);
            const qsizetype at = message.indexOf("X-Rcpt-Args: <person");
            QVERIFY(at >= 0);
            const QByteArray number = message.mid(at + 20, message.indexOf('@', at) - at - 20);
            QVERIFY2(message.contains("Subject: Name" + number + ", our spring range is in"), message.left(600));
            QVERIFY(message.contains("s=s1;"));
            sample.append(f.dir->filePath("sink/") + files[i]);
        }
        QProcess verify;
        verify.start(QStringLiteral("/usr/bin/python3"),
                     QStringList{QStringLiteral(DKIM_VERIFY_SCRIPT), zone} + sample);
        QVERIFY(verify.waitForFinished(60000));
        QVERIFY2(verify.exitCode() == 0, verify.readAllStandardOutput().constData());
    }

    void spreadsOverAccountsAndDays()
    {
        const qint64 campaignId = makeCampaign(1200);
        QVERIFY(campaignId);
        const qint64 big = addAccount(QStringLiteral("Big"), 500, 100000, 2);
        const qint64 small = addAccount(QStringLiteral("Small"), 200, 100000, 2);
        QVERIFY(big && small);
        const qint64 day1 = QDateTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
        ManualClock clock(day1);
        QVERIFY(CampaignDelivery::start(db(), campaignId, *f.vault, clock.nowMs()).ok());

        auto engine = DeliveryEngine::start(f.workspace->path(), *f.vault, clock);
        QVERIFY(engine.ok());
        auto idle = engine.value()->waitUntilIdle();
        QVERIFY2(idle.ok(), idle ? "" : qPrintable(idle.error().message));
        // Day 1: both accounts spent, the campaign waits for the first sends to leave the window.
        QCOMPARE(sent(campaignId), 700);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(sends) FROM account_sends WHERE account_id = %1").arg(big)), 500);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(sends) FROM account_sends WHERE account_id = %1").arg(small)), 200);
        QVERIFY(idle->resumeAt.has_value());
        QVERIFY(*idle->resumeAt > day1);
        QVERIFY(*idle->resumeAt <= day1 + 24 * 3600'000LL + 60'000); // the end of the sends' minute, plus a day
        QCOMPARE(status(campaignId), CampaignStatus::Sending);

        clock.set(*idle->resumeAt);
        engine.value()->wake();
        idle = engine.value()->waitUntilIdle();
        QVERIFY(idle.ok());
        engine.value().reset();

        QCOMPARE(sent(campaignId), 1200);
        QCOMPARE(status(campaignId), CampaignStatus::Done);
        QVERIFY(scalar(QStringLiteral("SELECT max(minute) FROM account_sends")) * 60'000 <
                day1 + 2 * 24 * 3600'000LL); // day 2
        QVERIFY(neverOverCap(big, 500));
        QVERIFY(neverOverCap(small, 200));
        QCOMPARE(m_sink->countsByRecipient().size(), 1200);
    }

    void anEditWhileSendingReachesWhoIsStillToGo()
    {
        const qint64 campaignId = makeCampaign(200);
        QVERIFY(campaignId);
        // 10 a second after a burst of 100: time to edit halfway.
        QVERIFY(addAccount(QStringLiteral("Slow"), 100000, 600, 1));
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(db(), campaignId, *f.vault, clock.nowMs()).ok());
        auto engine = DeliveryEngine::start(f.workspace->path(), *f.vault, clock);
        QVERIFY(engine.ok());
        QTRY_VERIFY_WITH_TIMEOUT(sent(campaignId) >= 105, 20000);
        auto found = CampaignRepository(db()).findById(campaignId);
        QVERIFY(found.ok());
        Campaign campaign = found.value();
        campaign.subject = QStringLiteral("Corrected: {{ first_name }}, our spring range is in");
        QVERIFY(CampaignRepository(db()).update(campaign).ok());
        const qint64 sentBefore = sent(campaignId);
        QVERIFY(engine.value()->waitUntilIdle().ok());
        engine.value().reset();

        QCOMPARE(sent(campaignId), 200);
        int corrected = 0;
        for (const QString& file : m_sink->files()) {
            corrected += m_sink->message(file).contains("Subject: Corrected: Name") ? 1 : 0;
        }
        // Everyone after the edit got the correction, give or take the message in flight.
        QVERIFY2(corrected >= 200 - sentBefore - 2 && corrected <= 200 - sentBefore + 2,
                 qPrintable(QStringLiteral("%1 corrected, %2 sent before").arg(corrected).arg(sentBefore)));
    }

    void aKilledRunsJournalDecidesWhoGoesOutAgain()
    {
        const qint64 campaignId = makeCampaign(5);
        QVERIFY(campaignId);
        const qint64 accountId = addAccount(QStringLiteral("Shop"), 1000, 1000, 1);
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(db(), campaignId, *f.vault, clock.nowMs()));
        // A run killed with three rows claimed: person0's message was accepted (the journal has
        // the reply, the database not yet), person1's dot was written and no reply came,
        // person2's was never begun.
        auto claimed = Outbox(db()).claim(campaignId, accountId, 3, clock.nowMs(), Outbox::currentBootId());
        QVERIFY(claimed && claimed->size() == 3);
        {
            auto journal = DeliveryJournal::create(DeliveryJournal::pathFor(f.workspace->path()));
            QVERIFY(journal);
            auto lane = journal.value()->takeLane();
            DeliveryJournal::Record record;
            record.accountId = accountId;
            record.at = clock.nowMs();
            record.itemId = claimed->at(0).itemId;
            lane->write(record);
            record.outcome = OutboxState::Sent;
            record.reply = QStringLiteral("250 2.0.0 Ok: queued as 7F3A2");
            lane->write(record);
            record.itemId = claimed->at(1).itemId;
            record.outcome.reset();
            record.reply.clear();
            lane->write(record);
        }

        auto engine = DeliveryEngine::start(f.workspace->path(), *f.vault, clock);
        QVERIFY2(engine.ok(), engine ? "" : qPrintable(engine.error().message));
        QVERIFY(engine.value()->waitUntilIdle().ok());
        engine.value().reset();

        // Nobody twice: person0 and person1 are not sent again; the other three are.
        const QHash<QString, int> counts = m_sink->countsByRecipient();
        QCOMPARE(counts.size(), 3);
        QVERIFY(!counts.contains(QStringLiteral("person0@example.org")));
        QVERIFY(!counts.contains(QStringLiteral("person1@example.org")));
        QCOMPARE(counts.value(QStringLiteral("person2@example.org")), 1);
        Outbox outbox(db());
        auto first = outbox.item(claimed->at(0).itemId);
        QCOMPARE(first->state, OutboxState::Sent);
        QCOMPARE(first->reply, QStringLiteral("250 2.0.0 Ok: queued as 7F3A2"));
        QCOMPARE(outbox.item(claimed->at(1).itemId)->state, OutboxState::Unknown);
        QCOMPARE(sent(campaignId), 4);
        // Both may have reached their recipient: the daily limit counts them with the rest.
        QCOMPARE(scalar(QStringLiteral("SELECT sum(sends) FROM account_sends")), 5);
        // A clean stop leaves no journal behind.
        QVERIFY(!QFile::exists(DeliveryJournal::pathFor(f.workspace->path())));
    }

    void pauseTakesEffectWithinASecondAndCancelEndsIt()
    {
        const qint64 campaignId = makeCampaign(300);
        QVERIFY(campaignId);
        // 10 a second after a burst of 100: slow enough to pause halfway.
        QVERIFY(addAccount(QStringLiteral("Slow"), 100000, 600, 1));
        SystemClock clock;
        QVERIFY(CampaignDelivery::start(db(), campaignId, *f.vault, clock.nowMs()).ok());
        auto engine = DeliveryEngine::start(f.workspace->path(), *f.vault, clock);
        QVERIFY(engine.ok());
        QTRY_VERIFY_WITH_TIMEOUT(sent(campaignId) >= 110, 20000);

        QVERIFY(CampaignDelivery::pause(db(), campaignId, clock.nowMs()).ok());
        engine.value()->wake();
        QTest::qWait(1000);
        const qint64 atPause = sent(campaignId);
        QTest::qWait(1500);
        QCOMPARE(sent(campaignId), atPause);
        QVERIFY(atPause < 300);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 1")), 0); // nothing left claimed

        QVERIFY(CampaignDelivery::resume(db(), campaignId, clock.nowMs()).ok());
        engine.value()->wake();
        QTRY_VERIFY_WITH_TIMEOUT(sent(campaignId) > atPause, 5000);

        auto cancelled = CampaignDelivery::cancel(db(), campaignId, clock.nowMs());
        QVERIFY(cancelled.ok());
        engine.value()->wake();
        auto idle = engine.value()->waitUntilIdle();
        QVERIFY(idle.ok());
        engine.value().reset();
        QCOMPARE(status(campaignId), CampaignStatus::Cancelled);
        const qint64 done = sent(campaignId);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 8")) + done, 300);
        QCOMPARE(qint64(m_sink->countsByRecipient().size()), done);
    }
};

QTEST_GUILESS_MAIN(TestDeliveryEngine)
#include "test_delivery_engine.moc"
