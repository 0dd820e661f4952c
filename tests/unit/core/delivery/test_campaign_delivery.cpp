#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/DeliveryStatus.h"
#include "core/delivery/Outbox.h"
#include "core/delivery/QuotaLedger.h"
#include "tests/unit/core/delivery/DeliveryTestWorkspace.h"
#include "tests/unit/core/security/VaultTestSeam.h"

#include <QJsonArray>
#include <QTest>

#include <optional>

// A campaign's lifecycle on a real workspace (start, schedule, pause, resume, cancel, done,
// resend) and what its status says about when it will finish.
class TestCampaignDelivery : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 kMinute = 60'000;
    static constexpr qint64 kHour = 60 * kMinute;
    static constexpr qint64 kDay = 24 * kHour;

    DeliveryTestWorkspace m_ws;
    std::optional<Vault> m_vault;
    ManualClock m_clock{1'800'000'000'000};

    QSqlDatabase db() { return m_ws.db(); }
    qint64 now() const { return m_clock.nowMs(); }
    CampaignStatus statusOf(qint64 id) { return m_ws.campaign(id).status; }

    void addRecipients(int n)
    {
        for (int i = 0; i < n; ++i) {
            QVERIFY(m_ws.addContact(QStringLiteral("r%1@example.com").arg(i)));
        }
    }

    // Sends every due row from the account, each accepted.
    void sendAll(qint64 campaign, qint64 account)
    {
        Outbox outbox(db());
        const auto claims = outbox.claim(campaign, account, 1000, now(), QStringLiteral("boot")).value();
        for (const OutboxClaim& c : claims) {
            QVERIFY(outbox.recordOutcome(c.itemId, OutboxState::Sent, account, QStringLiteral("250 ok"), 0, now()));
        }
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_ws.create());
        auto vault = VaultTestSeam::create(db(), QStringLiteral("pass"));
        QVERIFY(vault);
        m_vault.emplace(std::move(vault).value());
    }
    void cleanup()
    {
        m_vault.reset();
        m_ws.close();
    }

    void aCampaignWithContentErrorsCannotStartOrBeScheduled()
    {
        addRecipients(3);
        const qint64 id = m_ws.addSendableCampaign();
        Campaign c = m_ws.campaign(id);
        c.subject.clear();
        QVERIFY(CampaignRepository(db()).update(c));

        auto started = CampaignDelivery::start(db(), id, *m_vault, now());
        QVERIFY(!started);
        QVERIFY2(started.error().message.contains(QStringLiteral("subject"), Qt::CaseInsensitive),
                 qPrintable(started.error().message));
        QVERIFY(started.error().message.contains(c.name));
        QCOMPARE(statusOf(id), CampaignStatus::Draft);
        QCOMPARE(Outbox(db()).counts(id)->total(), 0);
        QVERIFY(!CampaignDelivery::schedule(db(), id, now() + kHour, *m_vault, now()));
        QCOMPARE(statusOf(id), CampaignStatus::Draft);
    }

    void startQueuesTheAudienceOnceAndSendsUntilDone()
    {
        addRecipients(4);
        const qint64 account = m_ws.addAccount(QStringLiteral("a"), 500, 20);
        const qint64 id = m_ws.addSendableCampaign();
        auto started = CampaignDelivery::start(db(), id, *m_vault, now());
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        QCOMPARE(started->queued, 4);
        QCOMPARE(started->status, CampaignStatus::Sending);
        QCOMPARE(statusOf(id), CampaignStatus::Sending);
        // An editor saving a copy it loaded before the start does not make it a draft again.
        Campaign stale = m_ws.campaign(id);
        stale.status = CampaignStatus::Draft;
        stale.subject = QStringLiteral("Edited while sending");
        QVERIFY(CampaignRepository(db()).update(stale));
        QCOMPARE(statusOf(id), CampaignStatus::Sending);
        QCOMPARE(m_ws.campaign(id).subject, QStringLiteral("Edited while sending"));
        // Starting twice is refused and queues nobody twice.
        QVERIFY(!CampaignDelivery::start(db(), id, *m_vault, now()));
        QCOMPARE(Outbox(db()).counts(id)->total(), 4);

        QCOMPARE(CampaignDelivery::finishIfDone(db(), id, now()).value(), false);
        sendAll(id, account);
        QCOMPARE(CampaignDelivery::finishIfDone(db(), id, now()).value(), true);
        QCOMPARE(statusOf(id), CampaignStatus::Done);
        QVERIFY(CampaignDelivery::dueCampaigns(db(), now())->isEmpty());
    }

    void aCampaignWithNobodyToSendToIsDoneAtOnce()
    {
        const qint64 id = m_ws.addSendableCampaign();
        auto started = CampaignDelivery::start(db(), id, *m_vault, now());
        QVERIFY(started);
        QCOMPARE(started->queued, 0);
        QCOMPARE(statusOf(id), CampaignStatus::Done);
    }

    void aScheduledCampaignIsDueAtItsTime()
    {
        addRecipients(2);
        const qint64 id = m_ws.addSendableCampaign();
        const qint64 at = now() + 2 * kHour;
        QVERIFY(CampaignDelivery::schedule(db(), id, at, *m_vault, now()));
        QCOMPARE(statusOf(id), CampaignStatus::Scheduled);
        QCOMPARE(m_ws.campaign(id).scheduledAt, std::optional<qint64>(at));
        QVERIFY(CampaignDelivery::dueCampaigns(db(), now())->isEmpty());
        QCOMPARE(Outbox(db()).counts(id)->total(), 0); // the audience is taken when it starts

        m_clock.set(at);
        auto due = CampaignDelivery::dueCampaigns(db(), now());
        QCOMPARE(due->size(), 1);
        QCOMPARE(due->at(0).id, id);
        QCOMPARE(due->at(0).status, CampaignStatus::Scheduled);
        QVERIFY(m_ws.addContact(QStringLiteral("joined-late@example.com")));
        QCOMPARE(CampaignDelivery::start(db(), id, *m_vault, now())->queued, 3);
        due = CampaignDelivery::dueCampaigns(db(), now());
        QCOMPARE(due->size(), 1);
        QCOMPARE(due->at(0).status, CampaignStatus::Sending);
    }

    void pauseResumeAndCancel()
    {
        addRecipients(5);
        const qint64 account = m_ws.addAccount(QStringLiteral("a"), 500, 20);
        const qint64 id = m_ws.addSendableCampaign();
        QVERIFY(CampaignDelivery::start(db(), id, *m_vault, now()));
        QVERIFY(!CampaignDelivery::resume(db(), id, now()));
        QVERIFY(CampaignDelivery::pause(db(), id, now()));
        QCOMPARE(statusOf(id), CampaignStatus::Paused);
        QVERIFY(CampaignDelivery::dueCampaigns(db(), now())->isEmpty());
        QVERIFY(!CampaignDelivery::pause(db(), id, now()));
        QVERIFY(CampaignDelivery::resume(db(), id, now()));
        QCOMPARE(statusOf(id), CampaignStatus::Sending);

        // One row in flight when the user cancels: it finishes; the other four are cancelled.
        Outbox outbox(db());
        const auto claims = outbox.claim(id, account, 1, now(), QStringLiteral("boot")).value();
        QCOMPARE(CampaignDelivery::cancel(db(), id, now()).value(), 4);
        QCOMPARE(statusOf(id), CampaignStatus::Cancelled);
        QCOMPARE(outbox.counts(id)->of(OutboxState::Cancelled), 4);
        QVERIFY(outbox.recordOutcome(claims[0].itemId, OutboxState::Sent, account, QStringLiteral("250"), 0, now()));
        QVERIFY(!CampaignDelivery::cancel(db(), id, now()));
        QVERIFY(!CampaignDelivery::resume(db(), id, now()));
        QVERIFY(CampaignDelivery::dueCampaigns(db(), now())->isEmpty());
    }

    void resendingUnknownsReopensADoneCampaign()
    {
        addRecipients(2);
        const qint64 account = m_ws.addAccount(QStringLiteral("a"), 500, 20);
        const qint64 id = m_ws.addSendableCampaign();
        QVERIFY(CampaignDelivery::start(db(), id, *m_vault, now()));
        Outbox outbox(db());
        const auto claims = outbox.claim(id, account, 2, now(), QStringLiteral("boot")).value();
        QVERIFY(outbox.recordOutcome(claims[0].itemId, OutboxState::Sent, account, QStringLiteral("250"), 0, now()));
        QVERIFY(
            outbox.recordOutcome(claims[1].itemId, OutboxState::Unknown, account, QStringLiteral("timeout"), 0, now()));
        QCOMPARE(CampaignDelivery::finishIfDone(db(), id, now()).value(), true);
        QCOMPARE(CampaignDelivery::resend(db(), id, OutboxState::Unknown, now()).value(), 1);
        QCOMPARE(statusOf(id), CampaignStatus::Sending);
        QCOMPARE(outbox.counts(id)->of(OutboxState::Queued), 1);
    }

    void theEtaFollowsTheDailyLimits()
    {
        const qint64 t0 = now();
        // 5,000 recipients on one Gmail account (500 a day, 20 a minute): ten days of sending,
        // the last batch going out on the tenth.
        AccountCapacity gmail{500, 20, 0, {}, 0};
        const auto tenDays = DeliveryStatus::estimateFinish(5000, {gmail}, t0);
        QVERIFY(tenDays);
        QVERIFY2(*tenDays > t0 + 9 * kDay && *tenDays < t0 + 10 * kDay, qPrintable(QString::number(*tenDays - t0)));
        // 1,200 over 500 + 200 a day: 700 on day 1, the other 500 on day 2.
        AccountCapacity small{200, 20, 0, {}, 0};
        const auto twoDays = DeliveryStatus::estimateFinish(1200, {gmail, small}, t0);
        QVERIFY(twoDays);
        QVERIFY2(*twoDays > t0 + kDay && *twoDays < t0 + 2 * kDay, qPrintable(QString::number(*twoDays - t0)));
        // At the rate alone: 100 at 20 a minute take five minutes.
        QCOMPARE(DeliveryStatus::estimateFinish(100, {gmail}, t0).value(), t0 + 5 * kMinute);
        // An account that sent its 500 an hour ago starts again 23 hours from now.
        AccountCapacity spent = gmail;
        spent.sendTimes = QVector<qint64>(500, t0 - kHour);
        QCOMPARE(DeliveryStatus::estimateFinish(20, {spent}, t0).value(), t0 + 23 * kHour + kMinute);
        // A resting account waits out its rest.
        AccountCapacity resting = gmail;
        resting.coolUntil = t0 + 3 * kHour;
        QCOMPARE(DeliveryStatus::estimateFinish(20, {resting}, t0).value(), t0 + 3 * kHour + kMinute);
        QVERIFY(!DeliveryStatus::estimateFinish(20, {}, t0));
    }

    void theStatusSaysWhenItWaitsForQuota()
    {
        addRecipients(12);
        const qint64 account = m_ws.addAccount(QStringLiteral("gmail"), 10, 600);
        const qint64 id = m_ws.addSendableCampaign();
        QVERIFY(CampaignDelivery::start(db(), id, *m_vault, now()));
        const qint64 firstSend = now();
        Outbox outbox(db());
        const auto claims = outbox.claim(id, account, 10, now(), QStringLiteral("boot")).value();
        for (const OutboxClaim& c : claims) {
            QVERIFY(outbox.recordOutcome(c.itemId, OutboxState::Sent, account, QStringLiteral("250"), 0, now()));
        }
        m_clock.advance(kMinute / 2);

        auto status = DeliveryStatus::load(db(), id, now());
        QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
        QCOMPARE(status->counts.of(OutboxState::Sent), 10);
        QCOMPARE(status->counts.of(OutboxState::Queued), 2);
        QCOMPARE(status->accounts.size(), 1);
        QCOMPARE(status->accounts[0].sentInWindow, 10);
        QCOMPARE(status->accounts[0].availableNow, 0);
        QCOMPARE(status->sentLastMinute, 10);
        // The sends of a minute count until its end plus a day.
        const qint64 freed = (firstSend / QuotaLedger::kMinuteMs + 1) * QuotaLedger::kMinuteMs + kDay;
        QCOMPARE(status->waitingUntil, std::optional<qint64>(freed));
        QVERIFY(status->finishAt);
        QVERIFY(*status->finishAt >= firstSend + kDay);
        QVERIFY(status->summary().contains(QStringLiteral("Waiting for quota")));

        const QJsonObject json = status->toJson();
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("sending"));
        QCOMPARE(json.value(QStringLiteral("counts")).toObject().value(QStringLiteral("sent")).toInt(), 10);
        QCOMPARE(json.value(QStringLiteral("remaining")).toInt(), 2);
        QCOMPARE(
            json.value(QStringLiteral("accounts")).toArray().at(0).toObject().value(QStringLiteral("sent_24h")).toInt(),
            10);
        QVERIFY(json.value(QStringLiteral("waiting_for_quota_until")).isString());
        QVERIFY(json.value(QStringLiteral("eta")).isString());
    }
};

QTEST_GUILESS_MAIN(TestCampaignDelivery)
#include "test_campaign_delivery.moc"
