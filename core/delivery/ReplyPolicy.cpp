#include "core/delivery/ReplyPolicy.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

// RFC 3463 2: class.subject.detail, at the start of the text when the server did not give it apart.
QString enhancedCodeOf(const QString& enhanced, const QString& text)
{
    if (!enhanced.isEmpty()) {
        return enhanced;
    }
    static const QRegularExpression leading(QStringLiteral("^\\s*([245]\\.\\d{1,3}\\.\\d{1,3})\\b"));
    const auto match = leading.match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

bool mentions(const QString& text, std::initializer_list<const char*> phrases)
{
    for (const char* phrase : phrases) {
        if (text.contains(QLatin1String(phrase), Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

QString replyLine(const DeliveryAttempt& a)
{
    if (a.code == 0) {
        return QString();
    }
    QString line = QString::number(a.code);
    const QString enhanced = a.enhancedCode.trimmed();
    if (!enhanced.isEmpty() && !a.text.trimmed().startsWith(enhanced)) {
        line += QLatin1Char(' ') + enhanced;
    }
    if (!a.text.isEmpty()) {
        line += QLatin1Char(' ') + a.text.trimmed();
    }
    return line;
}

} // namespace

qint64 ReplyPolicy::backoffMs(int attempts) const
{
    qint64 delay = qMax<qint64>(1, m_options.firstRetryMs);
    for (int i = 0; i < attempts && delay < m_options.maxRetryMs; ++i) {
        delay *= 2;
    }
    return qMin(delay, m_options.maxRetryMs);
}

std::optional<AccountLimitReply> ReplyPolicy::accountLimit(int code, const QString& enhancedCode,
                                                           const QString& text) const
{
    const QString enhanced = enhancedCodeOf(enhancedCode.trimmed(), text);
    // Gmail (support.google.com/a/answer/3726730, "Gmail SMTP errors and codes"):
    //   550 5.4.5 Daily user sending limit exceeded.
    //   550 5.4.5 Daily SMTP relay limit exceeded for user. / Daily sending quota exceeded.
    if (enhanced == QLatin1String("5.4.5") && mentions(text, {"sending limit exceeded", "sending quota exceeded",
                                                              "relay limit exceeded", "quota exceeded"})) {
        return AccountLimitReply{AccountLimitKind::DailyLimit, m_options.dailyLimitCoolMs};
    }
    // Microsoft 365: 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException,
    //   "the sender's submission quota was exceeded": 10,000 recipients in 24 hours, wait a day
    //   (learn.microsoft.com/Exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/
    //   fix-error-for-submission-quota-exceeded-in-exchange-online).
    // 5.7.232 / 5.7.233 "… exceeded its daily limit for sending email to external recipients
    //   (tenant external recipient rate limit)", a rolling 24 hours (same folder,
    //   non-delivery-reports-in-exchange-online).
    if ((enhanced == QLatin1String("5.2.0") && mentions(text, {"SubmissionQuotaExceeded", "submission quota"})) ||
        ((enhanced == QLatin1String("5.7.232") || enhanced == QLatin1String("5.7.233")) &&
         mentions(text, {"recipient rate limit", "daily limit"}))) {
        return AccountLimitReply{AccountLimitKind::DailyLimit, m_options.dailyLimitCoolMs};
    }
    // Exchange: 421 4.4.2 Message submission rate for this client has exceeded the configured limit.
    if (enhanced == QLatin1String("4.4.2") && mentions(text, {"submission rate"})) {
        return AccountLimitReply{AccountLimitKind::TryLater, m_options.tryLaterCoolMs};
    }
    // Gmail: 421 4.7.0 Try again later, closing connection.
    if (code == 421 && enhanced == QLatin1String("4.7.0") && mentions(text, {"try again later"})) {
        return AccountLimitReply{AccountLimitKind::TryLater, m_options.tryLaterCoolMs};
    }
    // Gmail: 454 4.7.0 Too many login attempts, please try again later.
    if (enhanced == QLatin1String("4.7.0") && mentions(text, {"too many login attempts"})) {
        return AccountLimitReply{AccountLimitKind::LoginAttempts, m_options.loginAttemptsCoolMs};
    }
    // Microsoft 365: 432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded (more
    // concurrent connections than the mailbox allows, 3 for Exchange Online).
    if (enhanced == QLatin1String("4.3.2") &&
        mentions(text, {"concurrent connections", "thread limit", "too many connections"})) {
        return AccountLimitReply{AccountLimitKind::TooManyConnections, m_options.tooManyConnectionsCoolMs};
    }
    // Gmail: 452 4.5.3 Your message has too many recipients.
    if (enhanced == QLatin1String("4.5.3") && mentions(text, {"too many recipients"})) {
        return AccountLimitReply{AccountLimitKind::TooManyRecipients, m_options.tooManyRecipientsCoolMs};
    }
    return std::nullopt;
}

ReplyDecision ReplyPolicy::decide(const DeliveryAttempt& a, qint64 nowMs) const
{
    ReplyDecision d;
    d.reply = replyLine(a);
    const bool replied = a.code >= 200 && a.code < 600;

    auto deferOrGiveUp = [&](qint64 delayMs) {
        if (nowMs + delayMs - a.queuedAt > m_options.giveUpAfterMs) {
            d.kind = ReplyDecision::Kind::Failed;
            d.rowState = OutboxState::Failed;
            d.reply = QCoreApplication::translate("ReplyPolicy", "Gave up after %1 tries over %2 hours: %3")
                          .arg(a.attempts + 1)
                          .arg((nowMs - a.queuedAt) / 3600'000)
                          .arg(d.reply);
        } else {
            d.kind = ReplyDecision::Kind::Deferred;
            d.rowState = OutboxState::Deferred;
            d.retryAt = nowMs + delayMs;
        }
    };

    if (replied && a.code < 400) {
        if (a.dotSent) {
            d.kind = ReplyDecision::Kind::Sent;
            d.rowState = OutboxState::Sent;
            return d;
        }
        // A positive reply before the dot ends no message; the client reports those as
        // failures, so this is a protocol error: not sent.
        d.kind = ReplyDecision::Kind::Requeue;
        d.rowState = OutboxState::Queued;
    } else if (replied) {
        if (auto limit = accountLimit(a.code, a.enhancedCode, a.text)) {
            d.kind = ReplyDecision::Kind::AccountLimit;
            d.rowState = OutboxState::Queued;
            d.limit = limit->kind;
            d.coolUntil = nowMs + limit->coolMs;
            d.fewerConnections = limit->kind == AccountLimitKind::TooManyConnections;
            return d;
        }
        if (a.code == 421) {
            // RFC 5321 3.8: the server is closing the channel; it says nothing about this
            // recipient. Like a dropped connection: back to the queue, unless it keeps happening.
            d.kind = ReplyDecision::Kind::Requeue;
            d.rowState = OutboxState::Queued;
        } else if (a.code >= 500) {
            d.kind = ReplyDecision::Kind::Failed;
            d.rowState = OutboxState::Failed;
            return d;
        } else {
            deferOrGiveUp(backoffMs(a.attempts));
            return d;
        }
    } else if (a.dotSent) {
        // The message may have reached the server; sending it again may deliver it twice.
        d.kind = ReplyDecision::Kind::Unknown;
        d.rowState = OutboxState::Unknown;
        d.reply = a.failure == DeliveryAttempt::Failure::Timeout
                      ? QCoreApplication::translate(
                            "ReplyPolicy",
                            "No reply after the end of the message (timed out): it may have been delivered. %1")
                            .arg(a.error)
                      : QCoreApplication::translate(
                            "ReplyPolicy",
                            "The connection ended after the end of the message: it may have been delivered. %1")
                            .arg(a.error);
        d.reply = d.reply.trimmed();
        return d;
    } else if (a.failure == DeliveryAttempt::Failure::Unsendable) {
        d.kind = ReplyDecision::Kind::Failed;
        d.rowState = OutboxState::Failed;
        d.reply = a.error;
        return d;
    } else {
        d.kind = ReplyDecision::Kind::Requeue;
        d.rowState = OutboxState::Queued;
        d.reply = a.error.isEmpty()
                      ? QCoreApplication::translate("ReplyPolicy", "The connection failed before the message was sent.")
                      : a.error;
    }

    // Requeue: no attempt counted, but a row that keeps coming back is deferred (a server that
    // drops the connection on this very message would otherwise loop forever).
    if (a.requeues + 1 >= m_options.maxRequeues) {
        deferOrGiveUp(backoffMs(a.attempts));
        if (d.kind == ReplyDecision::Kind::Deferred) {
            d.reply = QCoreApplication::translate("ReplyPolicy", "Not sent %1 times in a row; trying again later. %2")
                          .arg(a.requeues + 1)
                          .arg(d.reply);
        }
    }
    return d;
}
