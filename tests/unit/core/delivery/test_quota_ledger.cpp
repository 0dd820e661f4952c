#include "core/delivery/Clock.h"
#include "core/delivery/Outbox.h"
#include "core/delivery/QuotaLedger.h"
#include "tests/unit/core/delivery/DeliveryTestWorkspace.h"

#include <QTest>

#include <algorithm>

// Each account's rate and daily limit on a real workspace with a manual clock: never more than
// the limit in any 24 hours, nothing reset by a restart, no sending while cooling down.
class TestQuotaLedger : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 kHour = 3600'000;
    DeliveryTestWorkspace m_ws;
    ManualClock m_clock{1'800'000'000'000};
    qint64 m_campaign = 0;

    QSqlDatabase db() { return m_ws.db(); }
    qint64 now() const { return m_clock.nowMs(); }

    // Claims and sends what the ledger allows now, as the delivery engine does; returns how many.
    int sendWhatIsAllowed(Outbox& outbox, qint64 account)
    {
        QuotaLedger ledger(db());
        const int n = ledger.available(account, now()).value();
        if (n == 0) {
            return 0;
        }
        const auto claims = outbox.claim(m_campaign, account, n, now(), QStringLiteral("boot")).value();
        if (!ledger.take(account, int(claims.size()), now())) {
            return -1;
        }
        for (const OutboxClaim& c : claims) {
            if (!outbox.recordOutcome(c.itemId, OutboxState::Sent, account, QStringLiteral("250 ok"), 0, now())) {
                return -1;
            }
        }
        return int(claims.size());
    }

    QVector<qint64> sendTimes(qint64 account)
    {
        QVector<qint64> times;
        QSqlQuery q(db());
        // From the outbox (a Sent row keeps when it was sent): the ledger forgets account_sends
        // rows once they leave the window.
        q.exec(QStringLiteral("SELECT updated_at FROM outbox WHERE account_id = %1 AND state = 3 ORDER BY updated_at")
                   .arg(account));
        while (q.next()) {
            times << q.value(0).toLongLong();
        }
        return times;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_ws.create());
        m_campaign = m_ws.addCampaign();
        QVERIFY(m_campaign);
    }
    void cleanup() { m_ws.close(); }

    void theRateIsATokenBucketThatSurvivesARestart()
    {
        const qint64 account = m_ws.addAccount(QStringLiteral("a"), 1000, 60); // a burst of 10, 1 a second
        QCOMPARE(QuotaLedger::burstCapacity(60), 10);
        QCOMPARE(QuotaLedger::burstCapacity(5), 1);
        {
            QuotaLedger ledger(db());
            QCOMPARE(ledger.available(account, now()).value(), 10);
            QVERIFY(ledger.take(account, 10, now()));
            QCOMPARE(ledger.available(account, now()).value(), 0);
            QVERIFY(!ledger.take(account, 1, now()));
            QCOMPARE(ledger.nextAvailableAt(account, now()).value(), now() + 1000);
        }
        // A restart does not refill the bucket: it is in the workspace.
        QVERIFY(m_ws.reopen());
        QuotaLedger ledger(db());
        QCOMPARE(ledger.available(account, now()).value(), 0);
        m_clock.advance(2500);
        QCOMPARE(ledger.available(account, now()).value(), 2);
        m_clock.advance(60'000);
        QCOMPARE(ledger.available(account, now()).value(), 10); // never more than the burst
    }

    void noTwentyFourHoursEverSeeMoreThanTheDailyLimit()
    {
        for (int i = 0; i < 60; ++i) {
            QVERIFY(m_ws.addContact(QStringLiteral("r%1@example.com").arg(i)));
        }
        const qint64 account = m_ws.addAccount(QStringLiteral("gmail"), 7, 120);
        Outbox outbox(db());
        QVERIFY(outbox.snapshot(m_ws.campaign(m_campaign), now()));
        // Three and a half days in uneven steps, sending whatever is allowed at each.
        const qint64 start = now();
        int sent = 0;
        while (now() - start < 84 * kHour) {
            const int n = sendWhatIsAllowed(outbox, account);
            QVERIFY(n >= 0);
            sent += n;
            m_clock.advance(37 * 60'000);
        }
        const QVector<qint64> times = sendTimes(account);
        QCOMPARE(times.size(), sent);
        QCOMPARE(sent, 7 * 4); // day 1, 2, 3 and the half day 4 each bring a full day's limit
        for (qint64 t : times) {
            const auto inWindow = std::count_if(times.begin(), times.end(),
                                                [t](qint64 s) { return s > t - QuotaLedger::kWindowMs && s <= t; });
            QVERIFY2(inWindow <= 7,
                     qPrintable(QStringLiteral("%1 sends in the 24 hours up to %2").arg(inWindow).arg(t)));
        }
    }

    void twelveHundredOverTwoAccountsFinishOnDayTwoWithinTheirLimits()
    {
        QVERIFY(m_ws.addManyContacts(1200));
        const qint64 big = m_ws.addAccount(QStringLiteral("gmail"), 500, 20);
        const qint64 small = m_ws.addAccount(QStringLiteral("other"), 200, 20);
        Outbox outbox(db());
        QVERIFY(outbox.snapshot(m_ws.campaign(m_campaign), now()));
        QuotaLedger ledger(db());
        const qint64 start = now();
        // Each account sends what it may whenever it may; the clock jumps to the next moment
        // either can send again.
        while (outbox.counts(m_campaign)->of(OutboxState::Queued) > 0) {
            QVERIFY(now() - start < 3 * 24 * kHour);
            QVERIFY(sendWhatIsAllowed(outbox, big) >= 0);
            QVERIFY(sendWhatIsAllowed(outbox, small) >= 0);
            const qint64 next =
                qMin(ledger.nextAvailableAt(big, now()).value(), ledger.nextAvailableAt(small, now()).value());
            m_clock.set(qMax(next, now() + 1));
        }
        const qint64 last = qMax(sendTimes(big).last(), sendTimes(small).last());
        QVERIFY2(last >= start + 24 * kHour && last < start + 48 * kHour,
                 qPrintable(QStringLiteral("finished %1 h after the start").arg((last - start) / kHour)));
        QCOMPARE(sendTimes(big).size() + sendTimes(small).size(), 1200);
        for (const auto& [account, limit] : {std::pair<qint64, int>{big, 500}, std::pair<qint64, int>{small, 200}}) {
            const QVector<qint64> times = sendTimes(account);
            for (qint64 t : times) {
                const auto inWindow = std::count_if(times.begin(), times.end(),
                                                    [t](qint64 s) { return s > t - QuotaLedger::kWindowMs && s <= t; });
                QVERIFY(inWindow <= limit);
            }
        }
    }

    void theDailyLimitFreesWhenTheOldestSendLeavesTheWindow()
    {
        for (int i = 0; i < 10; ++i) {
            QVERIFY(m_ws.addContact(QStringLiteral("r%1@example.com").arg(i)));
        }
        const qint64 account = m_ws.addAccount(QStringLiteral("small"), 3, 600);
        Outbox outbox(db());
        QVERIFY(outbox.snapshot(m_ws.campaign(m_campaign), now()));
        const qint64 first = now();
        QCOMPARE(sendWhatIsAllowed(outbox, account), 3);
        QuotaLedger ledger(db());
        QCOMPARE(ledger.usedInWindow(account, now()).value(), 3);
        m_clock.advance(kHour);
        QCOMPARE(ledger.available(account, now()).value(), 0);
        // Sends count per minute: until the end of their minute plus 24 hours.
        const qint64 freed = (first / QuotaLedger::kMinuteMs + 1) * QuotaLedger::kMinuteMs + QuotaLedger::kWindowMs;
        QVERIFY(freed > first + QuotaLedger::kWindowMs &&
                freed <= first + QuotaLedger::kWindowMs + QuotaLedger::kMinuteMs);
        QCOMPARE(ledger.nextAvailableAt(account, now()).value(), freed);
        m_clock.set(freed - 1);
        QCOMPARE(ledger.available(account, now()).value(), 0);
        m_clock.set(freed);
        QCOMPARE(ledger.usedInWindow(account, now()).value(), 0);
        QCOMPARE(ledger.available(account, now()).value(), 3);
        QCOMPARE(ledger.prune(now()).value(), 1); // the one minute they were sent in
        QCOMPARE(m_ws.scalar(QStringLiteral("SELECT count(*) FROM account_sends")), 0);
        // Sending on day 2 forgets day 1 by itself.
        QCOMPARE(sendWhatIsAllowed(outbox, account), 3);
        m_clock.advance(QuotaLedger::kWindowMs + QuotaLedger::kMinuteMs);
        QCOMPARE(sendWhatIsAllowed(outbox, account), 3);
        QCOMPARE(m_ws.scalar(QStringLiteral("SELECT sum(sends) FROM account_sends")), 3);
    }

    void claimedRowsCountBeforeTheyAreSent()
    {
        for (int i = 0; i < 10; ++i) {
            QVERIFY(m_ws.addContact(QStringLiteral("r%1@example.com").arg(i)));
        }
        const qint64 account = m_ws.addAccount(QStringLiteral("small"), 5, 600);
        Outbox outbox(db());
        QVERIFY(outbox.snapshot(m_ws.campaign(m_campaign), now()));
        QuotaLedger ledger(db());
        const auto claims = outbox.claim(m_campaign, account, 2, now(), QStringLiteral("boot")).value();
        QCOMPARE(ledger.claimedNotSent(account).value(), 2);
        QCOMPARE(ledger.available(account, now()).value(), 3);
        // Once sent they count as sends, not twice.
        QVERIFY(outbox.recordOutcome(claims[0].itemId, OutboxState::Sent, account, QStringLiteral("250 ok"), 0, now()));
        QCOMPARE(ledger.claimedNotSent(account).value(), 1);
        QCOMPARE(ledger.available(account, now()).value(), 3);
        QCOMPARE(outbox.release({claims[1].itemId}, now()).value(), 1);
        QCOMPARE(ledger.available(account, now()).value(), 4);
    }

    void aCoolingAccountSendsNothingUntilItsRestEnds()
    {
        const qint64 account = m_ws.addAccount(QStringLiteral("gmail"), 500, 20);
        QuotaLedger ledger(db());
        QCOMPARE(ledger.available(account, now()).value(), 3);
        const QString reply = QStringLiteral("550 5.4.5 Daily user sending limit exceeded.");
        QVERIFY(ledger.coolDown(account, now() + 24 * kHour, reply));
        // A shorter rest asked for later does not cut the longer one short.
        QVERIFY(ledger.coolDown(account, now() + kHour, QStringLiteral("421 4.7.0 Try again later")));
        QCOMPARE(ledger.available(account, now()).value(), 0);
        QCOMPARE(ledger.nextAvailableAt(account, now()).value(), now() + 24 * kHour);
        QCOMPARE(ledger.load(account)->coolReason, reply);
        m_clock.advance(24 * kHour);
        QCOMPARE(ledger.available(account, now()).value(), 3);
        QCOMPARE(ledger.nextAvailableAt(account, now()).value(), now());
    }

    void campaignsSendFromTheirAccountsOrAll()
    {
        const qint64 a = m_ws.addAccount(QStringLiteral("a"), 500, 20);
        const qint64 b = m_ws.addAccount(QStringLiteral("b"), 200, 20);
        QuotaLedger ledger(db());
        QCOMPARE(ledger.accountsFor(m_campaign).value(), (QVector<qint64>{a, b}));
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO campaign_accounts VALUES (%1, %2)").arg(m_campaign).arg(b)));
        QCOMPARE(ledger.accountsFor(m_campaign).value(), QVector<qint64>{b});
        QVERIFY(!ledger.available(999, now()));
    }
};

QTEST_GUILESS_MAIN(TestQuotaLedger)
#include "test_quota_ledger.moc"
