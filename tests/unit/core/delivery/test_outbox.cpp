#include "core/campaigns/SuppressionList.h"
#include "core/delivery/Clock.h"
#include "core/delivery/Outbox.h"
#include "tests/unit/core/delivery/DeliveryTestWorkspace.h"

#include "core/storage/Transaction.h"

#include <QElapsedTimer>
#include <QTest>

// The outbox on a real workspace: who a snapshot queues, the order claims take rows in, what
// each mark leaves behind, and what a restart finds after a kill or a power cut.
class TestOutbox : public QObject
{
    Q_OBJECT

private:
    DeliveryTestWorkspace m_ws;
    ManualClock m_clock{1'800'000'000'000};
    qint64 m_campaign = 0;
    qint64 m_account = 0;

    QSqlDatabase db() { return m_ws.db(); }
    qint64 now() const { return m_clock.nowMs(); }

    QStringList emails(const QVector<OutboxClaim>& claims)
    {
        QStringList out;
        for (const OutboxClaim& c : claims) {
            out << c.email.section(QLatin1Char('@'), 0, 0);
        }
        return out;
    }

    OutboxState stateOf(qint64 itemId) { return Outbox(db()).item(itemId).value().state; }

    QVector<OutboxClaim> claim(int limit, const QString& boot = QStringLiteral("boot-a"))
    {
        auto claims = Outbox(db()).claim(m_campaign, m_account, limit, now(), boot);
        if (!claims) {
            qWarning("%s", qPrintable(claims.error().message));
            return {};
        }
        return claims.value();
    }

    // Queues anna, bob, carla, dan and eve (in that order).
    void queueFive()
    {
        for (const char* name : {"anna", "bob", "carla", "dan", "eve"}) {
            QVERIFY(m_ws.addContact(QLatin1String(name) + QStringLiteral("@example.com")));
        }
        auto report = Outbox(db()).snapshot(m_ws.campaign(m_campaign), now());
        QVERIFY(report);
        QCOMPARE(report->added, 5);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_ws.create());
        m_campaign = m_ws.addCampaign();
        QVERIFY(m_campaign);
        m_account = m_ws.addAccount(QStringLiteral("gmail"), 500, 20);
        QVERIFY(m_account);
    }
    void cleanup() { m_ws.close(); }

    void snapshotQueuesEveryRecipientOnceAndNobodyLeftOut()
    {
        QVERIFY(m_ws.addContact(QStringLiteral("anna@example.com")));
        QVERIFY(m_ws.addContact(QStringLiteral("bob@example.com")));
        QVERIFY(m_ws.addContact(QStringLiteral("gone@example.com"), ContactStatus::Unsubscribed));
        QVERIFY(m_ws.addContact(QStringLiteral("bounced@example.com"), ContactStatus::Bounced));
        QVERIFY(m_ws.addContact(QStringLiteral("angry@example.com"), ContactStatus::Complained));
        QVERIFY(m_ws.addContact(QStringLiteral("blocked@example.com")));
        QVERIFY(m_ws.addContact(QStringLiteral("someone@blocked.org")));
        QVERIFY(m_ws.addContact(QStringLiteral("someone@mail.blocked.org")));
        QVERIFY(m_ws.addContact(QStringLiteral("outsider@example.com"), ContactStatus::Subscribed, false));
        SuppressionList suppressions(db());
        QVERIFY(suppressions.add(QStringLiteral("Blocked@Example.com")));
        QVERIFY(suppressions.add(QStringLiteral("blocked.org")));

        Outbox outbox(db());
        auto first = outbox.snapshot(m_ws.campaign(m_campaign), now());
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        QCOMPARE(first->added, 2);
        QVERIFY(!first->alreadySnapshotted);
        auto items = outbox.page(m_campaign, std::nullopt, 0, 100);
        QVERIFY(items);
        QCOMPARE(items->size(), 2);
        QCOMPARE(items->at(0).email, QStringLiteral("anna@example.com"));
        QCOMPARE(items->at(1).email, QStringLiteral("bob@example.com"));
        QCOMPARE(items->at(0).state, OutboxState::Queued);
        QCOMPARE(items->at(0).queuedAt, now());

        // A contact who joins later is not added by a second start: the snapshot is the audience.
        QVERIFY(m_ws.addContact(QStringLiteral("late@example.com")));
        auto second = outbox.snapshot(m_ws.campaign(m_campaign), now());
        QVERIFY(second);
        QCOMPARE(second->added, 0);
        QVERIFY(second->alreadySnapshotted);
        QCOMPARE(outbox.counts(m_campaign)->of(OutboxState::Queued), 2);
    }

    void snapshotOfManyRecipientsIsOneStatement()
    {
        QVERIFY(m_ws.addManyContacts(200'000));
        QElapsedTimer timer;
        timer.start();
        auto report = Outbox(db()).snapshot(m_ws.campaign(m_campaign), now());
        QVERIFY(report);
        QCOMPARE(report->added, 200'000);
        qInfo("snapshot of 200,000 recipients: %lld ms", timer.elapsed());
        auto counts = Outbox(db()).counts(m_campaign);
        QCOMPARE(counts->of(OutboxState::Queued), 200'000);
        QCOMPARE(counts->remaining(), 200'000);
    }

    void everyRecipientGoesThroughClaimAndOutcomeOnce()
    {
        // What the delivery writer does per batch, on one Outbox kept for the connection.
        QVERIFY(m_ws.addManyContacts(10'000));
        Outbox outbox(db());
        QVERIFY(outbox.snapshot(m_ws.campaign(m_campaign), now()));
        QElapsedTimer timer;
        timer.start();
        qint64 done = 0;
        for (;;) {
            Transaction tx(db());
            QVERIFY(tx.begin());
            const auto claims = claim(32);
            if (claims.isEmpty()) {
                break;
            }
            for (const OutboxClaim& c : claims) {
                QVERIFY(outbox.recordOutcome(c.itemId, OutboxState::Sent, m_account, QStringLiteral("250 2.0.0 Ok"), 0,
                                             now()));
            }
            QVERIFY(tx.commit());
            done += claims.size();
        }
        qInfo("claim + sent: %lld rows in %lld ms", done, timer.elapsed());
        QCOMPARE(done, 10'000);
        QCOMPARE(outbox.counts(m_campaign)->of(OutboxState::Sent), 10'000);
        QCOMPARE(m_ws.scalar(QStringLiteral("SELECT coalesce(sum(sends), 0) FROM account_sends")), 10'000);
        // A sent row is its own log entry: no outbox_log row per message.
        QCOMPARE(m_ws.scalar(QStringLiteral("SELECT count(*) FROM outbox_log")), 0);
    }

    void claimTakesDueRowsInOrderUpToTheLimit()
    {
        queueFive();
        Outbox outbox(db());
        const auto first = claim(2);
        QCOMPARE(emails(first), (QStringList{"anna", "bob"}));
        QCOMPARE(stateOf(first[0].itemId), OutboxState::Sending);
        QCOMPARE(outbox.item(first[0].itemId)->accountId, std::optional<qint64>(m_account));
        QCOMPARE(first[0].attempts, 0);

        // anna gets a "try later", bob is sent.
        QVERIFY(outbox.recordOutcome(first[0].itemId, OutboxState::Deferred, m_account,
                                     QStringLiteral("451 4.3.0 try later"), now() + 60'000, now()));
        QVERIFY(
            outbox.recordOutcome(first[1].itemId, OutboxState::Sent, m_account, QStringLiteral("250 ok"), 0, now()));

        // anna is not due yet: the rest of the queue comes first, and nothing more.
        const auto second = claim(10);
        QCOMPARE(emails(second), (QStringList{"carla", "dan", "eve"}));
        QVERIFY(claim(10).isEmpty());
        QCOMPARE(outbox.nextDueAt(m_campaign, now())->value_or(-1), now() + 60'000);

        // Once due, the retry goes ahead of anything queued later.
        QCOMPARE(outbox.release({second[1].itemId, second[2].itemId}, now()).value(), 2);
        m_clock.advance(60'000);
        const auto third = claim(1);
        QCOMPARE(emails(third), QStringList{"anna"});
        QCOMPARE(third[0].attempts, 1);
        // The retry fails for good: the outbox view lists it under Failed, and only there.
        QVERIFY(outbox.recordOutcome(third[0].itemId, OutboxState::Failed, m_account,
                                     QStringLiteral("550 5.1.1 no such user"), 0, now()));
        QCOMPARE(outbox.page(m_campaign, OutboxState::Failed, 0, 10)->size(), 1);
        QCOMPARE(outbox.page(m_campaign, OutboxState::Failed, 0, 10)->at(0).email, QStringLiteral("anna@example.com"));
        QCOMPARE(outbox.page(m_campaign, OutboxState::Deferred, 0, 10)->size(), 0);
        QCOMPARE(outbox.page(m_campaign, std::nullopt, third[0].itemId, 10)->size(), 4);
        QCOMPARE(emails(claim(5)), (QStringList{"dan", "eve"}));
        QCOMPARE(outbox.nextDueAt(m_campaign, now())->has_value(), false);
    }

    void sentAndUnknownCountAgainstTheDailyLimitAndOutcomesAreLogged()
    {
        queueFive();
        Outbox outbox(db());
        const auto claims = claim(3);
        m_clock.advance(1500);
        QVERIFY(outbox.recordOutcome(claims[0].itemId, OutboxState::Sent, m_account,
                                     QStringLiteral("250 2.0.0 OK 1700000000 queued"), 0, now()));
        QCOMPARE(m_ws.scalar(QStringLiteral("SELECT coalesce(sum(sends), 0) FROM account_sends WHERE account_id = %1")
                                 .arg(m_account)),
                 1);
        // Twice is a bug in the caller, not a second message.
        auto refused =
            outbox.recordOutcome(claims[0].itemId, OutboxState::Sent, m_account, QStringLiteral("250"), 0, now());
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QString::number(claims[0].itemId)),
                 qPrintable(refused.error().message));
        // A message that may have gone counts too; one refused before its dot does not.
        QVERIFY(outbox.recordOutcome(claims[2].itemId, OutboxState::Unknown, m_account,
                                     QStringLiteral("no reply after the final dot"), 0, now()));
        QCOMPARE(m_ws.scalar(QStringLiteral("SELECT coalesce(sum(sends), 0) FROM account_sends")), 2);
        QVERIFY(outbox.recordOutcome(
            claims[1].itemId, OutboxState::Failed, m_account,
            QStringLiteral("550 5.1.1 The email account that you tried to reach does not exist"), 0, now()));
        auto sent = outbox.item(claims[0].itemId);
        QCOMPARE(sent->state, OutboxState::Sent);
        QCOMPARE(sent->attempts, 1);
        QCOMPARE(sent->reply, QStringLiteral("250 2.0.0 OK 1700000000 queued"));
        // The recipient's log ends with the server's acceptance, when it came and from which
        // account, although a Sent outcome writes no log row of its own.
        auto sentLog = outbox.log(claims[0].itemId);
        QVERIFY(sentLog);
        QCOMPARE(sentLog->size(), 1);
        QCOMPARE(sentLog->at(0).state, OutboxState::Sent);
        QCOMPARE(sentLog->at(0).reply, QStringLiteral("250 2.0.0 OK 1700000000 queued"));
        QCOMPARE(sentLog->at(0).at, now());
        QCOMPARE(sentLog->at(0).accountId, std::optional<qint64>(m_account));
        auto log = outbox.log(claims[1].itemId);
        QVERIFY(log);
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->at(0).state, OutboxState::Failed);
        QCOMPARE(log->at(0).at, now());
        QCOMPARE(log->at(0).accountId, std::optional<qint64>(m_account));
        QVERIFY(log->at(0).reply.startsWith(QStringLiteral("550 5.1.1")));
        // A final row is not touched again.
        QVERIFY(!outbox.recordOutcome(claims[1].itemId, OutboxState::Deferred, m_account, {}, now(), now()));

        QCOMPARE(m_ws.scalar(QStringLiteral("SELECT coalesce(sum(sends), 0) FROM account_sends")), 2);
        auto counts = outbox.counts(m_campaign);
        QCOMPARE(counts->of(OutboxState::Sent), 1);
        QCOMPARE(counts->of(OutboxState::Failed), 1);
        QCOMPARE(counts->of(OutboxState::Unknown), 1);
        QCOMPARE(counts->of(OutboxState::Queued), 2);
        QCOMPARE(counts->remaining(), 2);
    }

    void aRetriedRecipientsLogHasEveryAttempt()
    {
        queueFive();
        Outbox outbox(db());
        const auto first = claim(1);
        QVERIFY(outbox.recordOutcome(first[0].itemId, OutboxState::Deferred, m_account,
                                     QStringLiteral("451 4.7.1 greylisted"), now() + 300'000, now()));
        m_clock.advance(300'000);
        const auto retry = claim(1);
        QCOMPARE(retry[0].itemId, first[0].itemId);
        QVERIFY(outbox.recordOutcome(retry[0].itemId, OutboxState::Sent, m_account, QStringLiteral("250 ok"), 0, now()));
        auto log = outbox.log(first[0].itemId);
        QVERIFY(log);
        QCOMPARE(log->size(), 2);
        QCOMPARE(log->at(0).state, OutboxState::Deferred);
        QCOMPARE(log->at(0).reply, QStringLiteral("451 4.7.1 greylisted"));
        QCOMPARE(log->at(1).state, OutboxState::Sent);
        QCOMPARE(log->at(1).at, now());
    }

    void requeuesAreCountedUntilARealAttempt()
    {
        queueFive();
        Outbox outbox(db());
        for (int i = 0; i < 3; ++i) {
            const auto c = claim(1);
            QCOMPARE(emails(c), QStringList{"anna"});
            QCOMPARE(c[0].requeues, i);
            QCOMPARE(c[0].attempts, 0);
            QVERIFY(outbox.recordOutcome(c[0].itemId, OutboxState::Queued, m_account,
                                         QStringLiteral("connection dropped before DATA"), 0, now()));
        }
        const auto c = claim(1);
        QVERIFY(outbox.recordOutcome(c[0].itemId, OutboxState::Deferred, m_account, QStringLiteral("421 busy"), now(),
                                     now()));
        const auto again = claim(1);
        QCOMPARE(emails(again), QStringList{"anna"});
        QCOMPARE(again[0].requeues, 0);
        QCOMPARE(again[0].attempts, 1);
    }

    void recoverTellsAKillFromAPowerCut()
    {
        queueFive();
        QVector<DeliveryJournal::Record> journal;
        qint64 sentAt = 0;
        {
            Outbox outbox(db());
            // This boot: anna in doubt (her dot sent, no reply yet), bob sent but his outcome not
            // yet committed, carla claimed and never tried. The journal says so.
            const auto mine = claim(3, QStringLiteral("boot-a"));
            QCOMPARE(emails(mine), (QStringList{"anna", "bob", "carla"}));
            DeliveryJournal::Record anna;
            anna.itemId = mine[0].itemId;
            anna.accountId = m_account;
            anna.at = now();
            journal.append(anna);
            m_clock.advance(200);
            sentAt = now();
            DeliveryJournal::Record bob = anna;
            bob.itemId = mine[1].itemId;
            bob.at = sentAt;
            bob.outcome = OutboxState::Sent;
            bob.reply = QStringLiteral("250 2.0.0 Ok: queued as 4ABC");
            journal.append(bob);
            // A record of an earlier try of carla's, long committed: not this try.
            DeliveryJournal::Record stale = anna;
            stale.itemId = mine[2].itemId;
            stale.attempt = 1;
            journal.append(stale);
            // An earlier boot's claims (the machine lost power while dan and eve were being sent).
            const auto theirs = claim(2, QStringLiteral("boot-old"));
            QCOMPARE(emails(theirs), (QStringList{"dan", "eve"}));
        }
        // The process is killed: its commits survive, a new one opens the workspace.
        QVERIFY(m_ws.reopen());
        m_clock.advance(5000);
        Outbox outbox(db());
        auto report = outbox.recover(QStringLiteral("boot-a"), journal, now());
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->fromJournal, 1);
        QCOMPARE(report->requeued, 1);
        QCOMPARE(report->unknownInDoubt, 1);
        QCOMPARE(report->unknownOtherBoot, 2);
        QCOMPARE(report->unknown(), 3);

        auto counts = outbox.counts(m_campaign);
        QCOMPARE(counts->of(OutboxState::Sent), 1);
        QCOMPARE(counts->of(OutboxState::Queued), 1);
        QCOMPARE(counts->of(OutboxState::Unknown), 3);
        QCOMPARE(counts->of(OutboxState::Sending), 0);
        // bob's outcome is the one his server gave, at the time it gave it.
        auto bob = outbox.page(m_campaign, OutboxState::Sent, 0, 10)->at(0);
        QCOMPARE(bob.email, QStringLiteral("bob@example.com"));
        QCOMPARE(bob.reply, QStringLiteral("250 2.0.0 Ok: queued as 4ABC"));
        QCOMPARE(outbox.log(bob.id)->at(0).at, sentAt);
        auto unknown = outbox.page(m_campaign, OutboxState::Unknown, 0, 10);
        QCOMPARE(unknown->size(), 3);
        QCOMPARE(unknown->at(0).email, QStringLiteral("anna@example.com"));
        QVERIFY(!unknown->at(0).reply.isEmpty());
        auto log = outbox.log(unknown->at(0).id);
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->at(0).state, OutboxState::Unknown);
        QCOMPARE(log->at(0).at, now());
        // Everyone who may have got the message counts against the daily limit: bob, anna,
        // and the two the power cut left unknown.
        QCOMPARE(m_ws.scalar(QStringLiteral("SELECT coalesce(sum(sends), 0) FROM account_sends")), 4);

        // A second recovery finds nothing more to do; the requeued row goes out again, the
        // unknowns do not.
        auto again = outbox.recover(QStringLiteral("boot-a"), journal, now());
        QCOMPARE(again->requeued + again->unknown() + again->fromJournal, 0);
        QCOMPARE(emails(claim(10, QStringLiteral("boot-a"))), QStringList{"carla"});
    }

    void resendPutsUnknownsOrFailuresBackOnly()
    {
        queueFive();
        Outbox outbox(db());
        const auto claims = claim(3);
        QVERIFY(outbox.recordOutcome(claims[0].itemId, OutboxState::Unknown, m_account,
                                     QStringLiteral("timed out after the final dot"), 0, now()));
        QVERIFY(
            outbox.recordOutcome(claims[1].itemId, OutboxState::Failed, m_account, QStringLiteral("554 no"), 0, now()));
        QVERIFY(outbox.recordOutcome(claims[2].itemId, OutboxState::Sent, m_account, QStringLiteral("250"), 0, now()));

        QVERIFY(!outbox.resend(m_campaign, OutboxState::Sent, now()));
        m_clock.advance(10'000);
        QCOMPARE(outbox.resend(m_campaign, OutboxState::Unknown, now()).value(), 1);
        QCOMPARE(stateOf(claims[0].itemId), OutboxState::Queued);
        QCOMPARE(outbox.item(claims[0].itemId)->queuedAt, now());
        QCOMPARE(stateOf(claims[1].itemId), OutboxState::Failed);
        QCOMPARE(outbox.resend(m_campaign, OutboxState::Failed, now()).value(), 1);
        QCOMPARE(stateOf(claims[1].itemId), OutboxState::Queued);
        QCOMPARE(stateOf(claims[2].itemId), OutboxState::Sent);
        // Sent is never sent again: anna and bob come back, then the two never claimed.
        QCOMPARE(emails(claim(10)), (QStringList{"anna", "bob", "dan", "eve"}));
    }

    void claimedRowsAreSkippedWhenTheContactNoLongerWantsMail()
    {
        for (const char* name : {"anna", "bob", "carla", "dan", "eve"}) {
            QVERIFY(m_ws.addContact(QLatin1String(name) + QStringLiteral("@example.com")));
        }
        const qint64 frank = m_ws.addContact(QStringLiteral("frank@sub.blocked.org"));
        QVERIFY(frank);
        Outbox outbox(db());
        QCOMPARE(outbox.snapshot(m_ws.campaign(m_campaign), now())->added, 6);
        const auto claims = claim(10);
        QCOMPARE(claims.size(), 6);

        // After the snapshot: bob unsubscribes, carla's address and blocked.org are suppressed,
        // dan is deleted, eve bounces elsewhere. anna still wants mail.
        ContactRepository contacts(db());
        QVERIFY(contacts.setStatus({claims[1].contactId}, ContactStatus::Unsubscribed));
        QVERIFY(contacts.setStatus({claims[4].contactId}, ContactStatus::Bounced));
        QVERIFY(SuppressionList(db()).add(QStringLiteral("CARLA@example.com")));
        QVERIFY(SuppressionList(db()).add(QStringLiteral("blocked.org")));
        QVERIFY(contacts.remove(claims[3].contactId));

        QVector<qint64> ids;
        for (const OutboxClaim& c : claims) {
            ids << c.itemId;
        }
        auto skipped = outbox.skipDisallowed(ids, now());
        QVERIFY2(skipped, qPrintable(skipped ? QString() : skipped.error().message));
        QStringList who;
        for (const OutboxSkip& s : skipped.value()) {
            who << s.email.section(QLatin1Char('@'), 0, 0);
            QVERIFY(!s.reason.isEmpty());
            QCOMPARE(stateOf(s.itemId), OutboxState::Skipped);
            QCOMPARE(outbox.item(s.itemId)->reply, s.reason);
            QCOMPARE(outbox.log(s.itemId)->size(), 1);
        }
        QCOMPARE(who, (QStringList{"bob", "carla", "dan", "eve", "frank"}));
        QVERIFY(skipped->at(0).reason.contains(QStringLiteral("unsubscribed")));
        QVERIFY(skipped->at(2).reason.contains(QStringLiteral("deleted")));
        QVERIFY(skipped->at(4).reason.contains(QStringLiteral("domain")));
        QCOMPARE(stateOf(claims[0].itemId), OutboxState::Sending);
        QCOMPARE(outbox.counts(m_campaign)->of(OutboxState::Skipped), 5);
    }

    void cancelLeavesWhatIsInFlightAlone()
    {
        queueFive();
        Outbox outbox(db());
        const auto claims = claim(2);
        QVERIFY(outbox.recordOutcome(claims[0].itemId, OutboxState::Deferred, m_account, QStringLiteral("450"),
                                     now() + 1000, now()));
        QCOMPARE(outbox.cancelRemaining(m_campaign, now()).value(), 4);
        QCOMPARE(stateOf(claims[1].itemId), OutboxState::Sending);
        QCOMPARE(outbox.counts(m_campaign)->of(OutboxState::Cancelled), 4);
        QCOMPARE(outbox.nextDueAt(m_campaign, now())->has_value(), false);
    }

    void stateNamesRoundTrip()
    {
        int states = 0;
        for (int i = 0; i < kOutboxStateCount; ++i) {
            if (!isOutboxState(i)) {
                continue;
            }
            const auto state = static_cast<OutboxState>(i);
            QCOMPARE(outboxStateFromName(outboxStateName(state)), std::optional<OutboxState>(state));
            ++states;
        }
        QCOMPARE(states, 8);
        QCOMPARE(outboxStateFromName(QStringLiteral(" Sent ")), std::optional<OutboxState>(OutboxState::Sent));
        // In doubt is no state of a row: the journal knows it.
        QVERIFY(!outboxStateFromName(QStringLiteral("in_doubt")));
        QVERIFY(!isOutboxState(2));
        QVERIFY(!outboxStateFromName(QStringLiteral("lost")));
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "test_outbox.moc"
