#pragma once

#include "core/delivery/OutboxState.h"

#include <QString>

#include <optional>

// What happened to one message, as the delivery worker saw it: where the SMTP dialogue ended,
// whether the final "." may have gone, and the server's reply if it sent one. The worker fills
// this from the SMTP client's result; the outbox row supplies attempts, requeues and queuedAt.
struct DeliveryAttempt
{
    enum class Stage { Connection, Mail, Rcpt, Data, Body };
    // Why there is no reply, if there is none.
    // Unsendable: this message can never go through this server as it is (larger than its SIZE,
    // 8-bit or non-ASCII addresses it cannot carry, an address the client refuses to write).
    enum class Failure { None, Network, Timeout, Unsendable, Other };

    Stage stage = Stage::Connection;
    bool dotSent = false;
    int code = 0;         // the reply code (250, 451, 550...); 0 when the server said nothing
    QString enhancedCode; // RFC 3463 "5.4.5"; empty when the server sent none
    QString text;         // the reply's text, every line
    Failure failure = Failure::None;
    QString error; // the client's own description when there is no reply

    int attempts = 0; // of the row, before this one
    int requeues = 0; // of the row: consecutive returns to the queue unsent
    qint64 queuedAt = 0;
};

// A reply that means the account (not the recipient) hit a limit of its provider.
enum class AccountLimitKind {
    DailyLimit,         // Gmail 550 5.4.5, Microsoft 554 5.2.0 SubmissionQuotaExceeded
    TryLater,           // Gmail 421 4.7.0 "Try again later"
    LoginAttempts,      // 454 4.7.0 "Too many login attempts"
    TooManyConnections, // Microsoft 432 4.3.2 concurrent connections / sender thread limit
    TooManyRecipients,  // 452 4.5.3 "Your message has too many recipients"
};

struct AccountLimitReply
{
    AccountLimitKind kind = AccountLimitKind::DailyLimit;
    qint64 coolMs = 0;
};

struct ReplyDecision
{
    enum class Kind {
        Sent,         // the server accepted the message
        Deferred,     // a temporary failure: retry at retryAt
        Failed,       // permanent: the reply says why
        AccountLimit, // the account hit a limit: cool it down until coolUntil; the row goes back to the queue
        Requeue,      // not sent (the connection failed before the dot): back to the queue, no attempt counted
        Unknown,      // the dot was sent and no reply came: the message may have been delivered
    };
    Kind kind = Kind::Failed;
    // The row's new state: Sent, Deferred, Failed, Queued (AccountLimit, Requeue) or Unknown.
    OutboxState rowState = OutboxState::Failed;
    qint64 retryAt = 0;   // Deferred
    qint64 coolUntil = 0; // AccountLimit
    std::optional<AccountLimitKind> limit;
    bool fewerConnections = false; // the server wants fewer parallel sessions from this account
    // What goes in the row's reply and log: the server's reply, or what happened instead.
    QString reply;
};

struct ReplyPolicyOptions
{
    qint64 firstRetryMs = 5 * 60'000;           // the first 4xx retries after 5 minutes,
    qint64 maxRetryMs = 6 * 3600'000LL;         // doubling up to 6 hours between tries;
    qint64 giveUpAfterMs = 3 * 24 * 3600'000LL; // after 3 days since it was queued: Failed
    int maxRequeues = 3;                        // unsent returns before the row is deferred
    qint64 dailyLimitCoolMs = 24 * 3600'000LL;  // providers lift a daily cap within 24 hours
    qint64 tryLaterCoolMs = 15 * 60'000;
    qint64 loginAttemptsCoolMs = 30 * 60'000;
    qint64 tooManyConnectionsCoolMs = 60'000;
    qint64 tooManyRecipientsCoolMs = 15 * 60'000;
};

// Turns what the server said (or did not say) into what happens to the row and the account.
// Replies that mean the account hit a limit are recognised by their enhanced code and text
// before the first digit of the code decides: a Gmail 550 5.4.5 must not fail every recipient
// left in the campaign.
class ReplyPolicy
{
public:
    explicit ReplyPolicy(ReplyPolicyOptions options = {})
        : m_options(options)
    {}

    ReplyDecision decide(const DeliveryAttempt& attempt, qint64 nowMs) const;
    // The limit a reply reports, if it reports one.
    std::optional<AccountLimitReply> accountLimit(int code, const QString& enhancedCode, const QString& text) const;
    // When the n-th 4xx retry (n = attempts so far) goes: firstRetry * 2^n, at most maxRetry.
    qint64 backoffMs(int attempts) const;

    const ReplyPolicyOptions& options() const { return m_options; }

private:
    ReplyPolicyOptions m_options;
};
