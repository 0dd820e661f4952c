#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>

// An account's limits and where it stands, as stored (accounts.daily_limit, per_minute,
// bucket_*, cool_*).
struct AccountQuota
{
    qint64 accountId = 0;
    QString name;
    int dailyLimit = 0;
    int perMinute = 0;
    double bucketTokens = 0;
    qint64 bucketAt = 0;
    qint64 coolUntil = 0;
    QString coolReason;
};

// Each sender account's limits, persisted so a restart resets nothing:
//  - the per-minute rate, a token bucket (accounts.bucket_tokens at bucket_at) holding at most
//    burstCapacity() tokens and refilling perMinute every 60 s;
//  - the daily limit, a rolling 24-hour window over account_sends (written with a Sent or
//    Unknown outcome: every message that may have reached the server counts) plus the rows
//    claimed and not yet recorded: a send at t counts until t + 24 h;
//  - a cool-down after a reply that means the account hit a limit (cool_until, cool_reason).
// Times are milliseconds since the epoch, passed in. Runs on the caller's connection and
// transaction (the delivery writer's), beginning none of its own.
class QuotaLedger
{
public:
    static constexpr qint64 kWindowMs = 24 * 3600'000LL;
    static constexpr qint64 kMinuteMs = 60'000;
    // account_sends counts per minute; a minute's sends count until the minute's end + 24 h.
    // The first minute whose sends still count at `nowMs`.
    static qint64 firstCountingMinute(qint64 nowMs) { return (nowMs - kWindowMs) / kMinuteMs; }

    explicit QuotaLedger(QSqlDatabase db);

    // A short burst, so a fresh session does not wait a full interval for its first message:
    // a sixth of a minute's worth, at least 1.
    static int burstCapacity(int perMinute) { return qMax(1, perMinute / 6); }
    // The bucket's tokens at `nowMs`, refilled from what was stored.
    static double tokensAt(const AccountQuota& quota, qint64 nowMs);

    Result<AccountQuota> load(qint64 accountId);
    // The accounts a campaign may send from (campaign_accounts; none listed: every account), by id.
    Result<QVector<qint64>> accountsFor(qint64 campaignId);

    // Each send still counted against the daily limit, as the time it counts from: the end of
    // its minute (it counts for 24 hours after that). Oldest first.
    Result<QVector<qint64>> sendTimes(qint64 accountId, qint64 nowMs);
    // Messages counted against the daily limit now.
    Result<qint64> usedInWindow(qint64 accountId, qint64 nowMs);
    // Rows claimed by the account and not yet past the dot (Sending): they will count soon.
    Result<qint64> claimedNotSent(qint64 accountId);
    // How many rows the account may claim now: the whole tokens in its bucket, at most what the
    // daily limit leaves (limit - used - claimed), 0 while it cools down.
    Result<int> available(qint64 accountId, qint64 nowMs);
    // Takes n tokens from the bucket (at claim time); refuses more than it holds. Also forgets
    // the account's sends that left the 24-hour window.
    Status take(qint64 accountId, int n, qint64 nowMs);
    // When at least one more message may go: nowMs if one may go now, else the latest of the
    // cool-down's end, the bucket's next whole token, and the send leaving the 24-hour window
    // that brings the account under its limit.
    Result<qint64> nextAvailableAt(qint64 accountId, qint64 nowMs);

    // No sending before `untilMs` (a later cool-down already set is kept), with the reason
    // (the server's reply) for the window and the CLI.
    Status coolDown(qint64 accountId, qint64 untilMs, const QString& reason);
    // Forgets every account's account_sends rows that left the window; returns how many.
    Result<qint64> prune(qint64 nowMs);

private:
    QSqlDatabase m_db;
};
