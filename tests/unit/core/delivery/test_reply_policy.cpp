#include "core/delivery/ReplyPolicy.h"

#include <QTest>

Q_DECLARE_METATYPE(ReplyDecision::Kind)

// What each reply does to the row and the account. The provider texts are the ones Gmail and
// Microsoft 365 document for their limits.
class TestReplyPolicy : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 kNow = 1'800'000'000'000;
    static constexpr qint64 kMinute = 60'000;
    static constexpr qint64 kHour = 60 * kMinute;

    static DeliveryAttempt reply(int code, const QString& enhanced, const QString& text, bool dotSent = false)
    {
        DeliveryAttempt a;
        a.stage = dotSent ? DeliveryAttempt::Stage::Body : DeliveryAttempt::Stage::Mail;
        a.dotSent = dotSent;
        a.code = code;
        a.enhancedCode = enhanced;
        a.text = text;
        a.queuedAt = kNow - kHour;
        return a;
    }

private Q_SLOTS:
    void everyReplyHasItsOutcome_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("enhanced");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("dotSent");
        QTest::addColumn<ReplyDecision::Kind>("kind");
        QTest::addColumn<int>("rowState");
        QTest::addColumn<qint64>("coolFor");

        using K = ReplyDecision::Kind;
        const int queued = int(OutboxState::Queued);
        QTest::newRow("250 after the dot")
            << 250 << "2.0.0"
            << "OK 1700000000 d2-20020a05 - gsmtp" << true << K::Sent << int(OutboxState::Sent) << qint64(0);
        QTest::newRow("451 greylisted") << 451 << "4.7.1"
                                        << "Greylisting in action, please come back later" << false << K::Deferred
                                        << int(OutboxState::Deferred) << qint64(0);
        QTest::newRow("450 mailbox busy") << 450 << "4.2.1"
                                          << "The user you are trying to contact is receiving mail too quickly."
                                          << false << K::Deferred << int(OutboxState::Deferred) << qint64(0);
        QTest::newRow("452 mailbox full") << 452 << "4.2.2"
                                          << "The recipient's inbox is out of storage space." << true << K::Deferred
                                          << int(OutboxState::Deferred) << qint64(0);
        QTest::newRow("550 no such user") << 550 << "5.1.1"
                                          << "The email account that you tried to reach does not exist." << false
                                          << K::Failed << int(OutboxState::Failed) << qint64(0);
        QTest::newRow("552 too big") << 552 << "5.3.4"
                                     << "Message size exceeds fixed limit" << true << K::Failed
                                     << int(OutboxState::Failed) << qint64(0);
        QTest::newRow("554 rejected") << 554 << "5.7.1"
                                      << "Message rejected as spam" << true << K::Failed << int(OutboxState::Failed)
                                      << qint64(0);
        // The account limits: recognised before the first digit decides.
        QTest::newRow("Gmail 550 5.4.5 daily user limit")
            << 550 << "5.4.5"
            << "Daily user sending limit exceeded. For more information on Gmail sending limits" << false
            << K::AccountLimit << queued << 24 * kHour;
        QTest::newRow("Gmail 550 5.4.5 quota, code in the text")
            << 550 << ""
            << "5.4.5 Daily sending quota exceeded. pw9sm377827lbb.2 - gsmtp" << false << K::AccountLimit << queued
            << 24 * kHour;
        QTest::newRow("Gmail 421 4.7.0 try again later") << 421 << "4.7.0"
                                                         << "Try again later, closing connection. (MAIL) - gsmtp"
                                                         << false << K::AccountLimit << queued << 15 * kMinute;
        QTest::newRow("454 4.7.0 too many login attempts")
            << 454 << "4.7.0"
            << "Too many login attempts, please try again later." << false << K::AccountLimit << queued << 30 * kMinute;
        QTest::newRow("Microsoft 554 5.2.0 submission quota")
            << 554 << "5.2.0"
            << "STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a "
               "permanent exception"
            << true << K::AccountLimit << queued << 24 * kHour;
        QTest::newRow("Microsoft 550 5.7.233 tenant external recipient rate limit")
            << 550 << "5.7.233"
            << "Your message can't be sent because your tenant exceeded its daily limit for sending email to external "
               "recipients (tenant external recipient rate limit)"
            << false << K::AccountLimit << queued << 24 * kHour;
        QTest::newRow("Exchange 421 4.4.2 submission rate")
            << 421 << "4.4.2"
            << "Message submission rate for this client has exceeded the configured limit" << false << K::AccountLimit
            << queued << 15 * kMinute;
        QTest::newRow("Microsoft 432 4.3.2 sender thread limit")
            << 432 << "4.3.2"
            << "STOREDRV.ClientSubmit; sender thread limit exceeded" << false << K::AccountLimit << queued << kMinute;
        QTest::newRow("432 4.3.2 concurrent connections")
            << 432 << "4.3.2"
            << "Concurrent connections limit exceeded" << false << K::AccountLimit << queued << kMinute;
        QTest::newRow("452 4.5.3 too many recipients")
            << 452 << "4.5.3"
            << "Your message has too many recipients." << false << K::AccountLimit << queued << 15 * kMinute;
        // The same codes with other texts are about the recipient.
        QTest::newRow("550 5.4.5 without a limit text")
            << 550 << "5.4.5"
            << "Routing loop detected" << false << K::Failed << int(OutboxState::Failed) << qint64(0);
        QTest::newRow("421 4.7.0 TLS required")
            << 421 << "4.7.0"
            << "This mail server requires TLS" << false << K::Requeue << queued << qint64(0);
        QTest::newRow("421 service closing")
            << 421 << "4.4.2"
            << "mx.example.com Error: timeout exceeded" << false << K::Requeue << queued << qint64(0);
    }

    void everyReplyHasItsOutcome()
    {
        QFETCH(int, code);
        QFETCH(QString, enhanced);
        QFETCH(QString, text);
        QFETCH(bool, dotSent);
        QFETCH(ReplyDecision::Kind, kind);
        QFETCH(int, rowState);
        QFETCH(qint64, coolFor);
        const ReplyDecision d = ReplyPolicy().decide(reply(code, enhanced, text, dotSent), kNow);
        QCOMPARE(d.kind, kind);
        QCOMPARE(int(d.rowState), rowState);
        QCOMPARE(d.coolUntil, coolFor ? kNow + coolFor : 0);
        QVERIFY2(d.reply.startsWith(QString::number(code)), qPrintable(d.reply));
        QVERIFY2(d.reply.contains(text.left(20)), qPrintable(d.reply));
        if (kind == ReplyDecision::Kind::Deferred) {
            QCOMPARE(d.retryAt, kNow + 5 * kMinute);
        }
        QCOMPARE(d.fewerConnections, code == 432);
    }

    void deferralsBackOffAndGiveUpAfterThreeDays()
    {
        ReplyPolicy policy;
        DeliveryAttempt a = reply(451, QStringLiteral("4.3.0"), QStringLiteral("Temporary failure"));
        const qint64 expected[] = {5, 10, 20, 40, 80, 160, 320, 360, 360};
        for (int attempts = 0; attempts < 9; ++attempts) {
            a.attempts = attempts;
            const ReplyDecision d = policy.decide(a, kNow);
            QCOMPARE(d.kind, ReplyDecision::Kind::Deferred);
            QCOMPARE(d.retryAt, kNow + expected[attempts] * kMinute);
        }
        // A retry that would fall after three days since queueing is not made: the row fails.
        a.attempts = 20;
        a.queuedAt = kNow - 72 * kHour + 7 * kHour; // the 6-hour retry still falls inside
        QCOMPARE(policy.decide(a, kNow).kind, ReplyDecision::Kind::Deferred);
        a.queuedAt = kNow - 72 * kHour + 5 * kMinute;
        const ReplyDecision last = policy.decide(a, kNow);
        QCOMPARE(last.kind, ReplyDecision::Kind::Failed);
        QCOMPARE(last.rowState, OutboxState::Failed);
        QVERIFY2(last.reply.contains(QStringLiteral("451 4.3.0 Temporary failure")), qPrintable(last.reply));

        ReplyPolicyOptions quick;
        quick.firstRetryMs = kMinute;
        quick.maxRetryMs = 4 * kMinute;
        quick.giveUpAfterMs = kHour;
        a.queuedAt = kNow;
        a.attempts = 5;
        QCOMPARE(ReplyPolicy(quick).decide(a, kNow).retryAt, kNow + 4 * kMinute);
    }

    void noReplyBeforeTheDotRequeuesThenDefers()
    {
        DeliveryAttempt a;
        a.stage = DeliveryAttempt::Stage::Rcpt;
        a.failure = DeliveryAttempt::Failure::Network;
        a.error = QStringLiteral("smtp.example.com:587: the connection was closed during RCPT TO");
        a.queuedAt = kNow;
        ReplyPolicy policy;
        for (int requeues = 0; requeues < 2; ++requeues) {
            a.requeues = requeues;
            const ReplyDecision d = policy.decide(a, kNow);
            QCOMPARE(d.kind, ReplyDecision::Kind::Requeue);
            QCOMPARE(d.rowState, OutboxState::Queued);
            QCOMPARE(d.reply, a.error);
        }
        // The third time in a row it is not a flaky network but this message: retry later.
        a.requeues = 2;
        const ReplyDecision d = policy.decide(a, kNow);
        QCOMPARE(d.kind, ReplyDecision::Kind::Deferred);
        QCOMPARE(d.retryAt, kNow + 5 * kMinute);
        QVERIFY(d.reply.contains(a.error));
    }

    void aMessageTheServerCannotTakeFailsAtOnce()
    {
        // Larger than the server's SIZE: sending it again would only loop.
        DeliveryAttempt a;
        a.stage = DeliveryAttempt::Stage::Mail;
        a.failure = DeliveryAttempt::Failure::Unsendable;
        a.error =
            QStringLiteral("smtp.example.com:587: MAIL: the message is 31,000,000 bytes, the server takes 25,000,000");
        a.queuedAt = kNow;
        const ReplyDecision d = ReplyPolicy().decide(a, kNow);
        QCOMPARE(d.kind, ReplyDecision::Kind::Failed);
        QCOMPARE(d.rowState, OutboxState::Failed);
        QCOMPARE(d.reply, a.error);
    }

    void noReplyAfterTheDotIsUnknown_data()
    {
        QTest::addColumn<int>("failure");
        QTest::newRow("dropped") << int(DeliveryAttempt::Failure::Network);
        QTest::newRow("timed out") << int(DeliveryAttempt::Failure::Timeout);
    }

    void noReplyAfterTheDotIsUnknown()
    {
        QFETCH(int, failure);
        DeliveryAttempt a;
        a.stage = DeliveryAttempt::Stage::Body;
        a.dotSent = true;
        a.failure = DeliveryAttempt::Failure(failure);
        a.error = QStringLiteral("no reply within 600 s");
        a.requeues = 10; // never turns an unknown into a retry
        const ReplyDecision d = ReplyPolicy().decide(a, kNow);
        QCOMPARE(d.kind, ReplyDecision::Kind::Unknown);
        QCOMPARE(d.rowState, OutboxState::Unknown);
        QVERIFY(d.reply.contains(a.error));
    }
};

QTEST_GUILESS_MAIN(TestReplyPolicy)
#include "test_reply_policy.moc"
