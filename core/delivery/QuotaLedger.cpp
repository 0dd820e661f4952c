#include "core/delivery/QuotaLedger.h"

#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

namespace {} // namespace

QuotaLedger::QuotaLedger(QSqlDatabase db)
    : m_db(std::move(db))
{}

double QuotaLedger::tokensAt(const AccountQuota& quota, qint64 nowMs)
{
    const double capacity = burstCapacity(quota.perMinute);
    const qint64 elapsed = qMax<qint64>(0, nowMs - quota.bucketAt);
    // Refill in doubles, but cap the elapsed time first: a bucket untouched for years must not
    // overflow on the way to "full".
    const double refill = double(qMin<qint64>(elapsed, 24 * 3600'000LL)) * quota.perMinute / double(kMinuteMs);
    return qMin(capacity, quota.bucketTokens + refill);
}

Result<AccountQuota> QuotaLedger::load(qint64 accountId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name, daily_limit, per_minute, bucket_tokens, bucket_at, cool_until, cool_reason"
                             " FROM accounts WHERE id = ?"));
    q.addBindValue(accountId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the account's quota"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("QuotaLedger", "There is no sender account %1.").arg(accountId)};
    }
    AccountQuota quota;
    quota.accountId = accountId;
    quota.name = q.value(0).toString();
    quota.dailyLimit = q.value(1).toInt();
    quota.perMinute = q.value(2).toInt();
    quota.bucketTokens = q.value(3).toDouble();
    quota.bucketAt = q.value(4).toLongLong();
    quota.coolUntil = q.value(5).toLongLong();
    quota.coolReason = q.value(6).toString();
    return quota;
}

Result<QVector<qint64>> QuotaLedger::accountsFor(qint64 campaignId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT account_id FROM campaign_accounts WHERE campaign_id = ? ORDER BY account_id"));
    q.addBindValue(campaignId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaign's sender accounts"));
    }
    QVector<qint64> ids;
    while (q.next()) {
        ids.append(q.value(0).toLongLong());
    }
    if (!ids.isEmpty()) {
        return ids;
    }
    if (!q.exec(QStringLiteral("SELECT id FROM accounts ORDER BY id"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the sender accounts"));
    }
    while (q.next()) {
        ids.append(q.value(0).toLongLong());
    }
    return ids;
}

Result<QVector<qint64>> QuotaLedger::sendTimes(qint64 accountId, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT minute, sends FROM account_sends WHERE account_id = ? AND minute >= ?"
                             " ORDER BY minute"));
    q.addBindValue(accountId);
    q.addBindValue(firstCountingMinute(nowMs));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the account's messages of the last 24 hours"));
    }
    QVector<qint64> times;
    while (q.next()) {
        const qint64 end = (q.value(0).toLongLong() + 1) * kMinuteMs;
        times.insert(times.size(), q.value(1).toLongLong(), end);
    }
    return times;
}

Result<qint64> QuotaLedger::usedInWindow(qint64 accountId, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT coalesce(sum(sends), 0) FROM account_sends WHERE account_id = ? AND minute >= ?"));
    q.addBindValue(accountId);
    q.addBindValue(firstCountingMinute(nowMs));
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "count the account's messages of the last 24 hours"));
    }
    return q.value(0).toLongLong();
}

Result<qint64> QuotaLedger::claimedNotSent(qint64 accountId)
{
    // Through outbox_by_state per campaign (campaign_id, state): a handful of rows, never a scan.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM outbox WHERE campaign_id IN (SELECT id FROM campaigns)"
                             " AND state = 1 AND account_id = ?"));
    q.addBindValue(accountId);
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "count the account's claimed messages"));
    }
    return q.value(0).toLongLong();
}

Result<int> QuotaLedger::available(qint64 accountId, qint64 nowMs)
{
    auto quota = load(accountId);
    if (!quota) {
        return quota.error();
    }
    if (quota->coolUntil > nowMs) {
        return 0;
    }
    auto used = usedInWindow(accountId, nowMs);
    if (!used) {
        return used.error();
    }
    auto claimed = claimedNotSent(accountId);
    if (!claimed) {
        return claimed.error();
    }
    const qint64 leftToday = qMax<qint64>(0, quota->dailyLimit - used.value() - claimed.value());
    const qint64 tokens = qint64(std::floor(tokensAt(quota.value(), nowMs)));
    return int(qMin(leftToday, tokens));
}

Status QuotaLedger::take(qint64 accountId, int n, qint64 nowMs)
{
    auto quota = load(accountId);
    if (!quota) {
        return quota.error();
    }
    const double tokens = tokensAt(quota.value(), nowMs);
    // A hair of slack for the doubles' rounding.
    if (n < 0 || double(n) > tokens + 1e-9) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("QuotaLedger", "The account \"%1\" may send %2 more messages now, not %3.")
                .arg(quota->name)
                .arg(qint64(std::floor(tokens)))
                .arg(n)};
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE accounts SET bucket_tokens = ?, bucket_at = ? WHERE id = ?"));
    q.addBindValue(qMax(0.0, tokens - n));
    q.addBindValue(nowMs);
    q.addBindValue(accountId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "update the account's rate"));
    }
    // Sends that left the window count for nothing: forget them as the account sends more, so
    // account_sends stays one day's minutes per account.
    q.prepare(QStringLiteral("DELETE FROM account_sends WHERE account_id = ? AND minute < ?"));
    q.addBindValue(accountId);
    q.addBindValue(firstCountingMinute(nowMs));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "forget old sends"));
    }
    return Ok{};
}

Result<qint64> QuotaLedger::nextAvailableAt(qint64 accountId, qint64 nowMs)
{
    auto quota = load(accountId);
    if (!quota) {
        return quota.error();
    }
    qint64 at = nowMs;
    if (quota->coolUntil > at) {
        at = quota->coolUntil;
    }
    const double tokens = tokensAt(quota.value(), nowMs);
    if (tokens < 1.0) {
        const qint64 wait = qint64(std::ceil((1.0 - tokens) * kMinuteMs / qMax(1, quota->perMinute)));
        at = qMax(at, nowMs + wait);
    }
    auto used = usedInWindow(accountId, nowMs);
    if (!used) {
        return used.error();
    }
    auto claimed = claimedNotSent(accountId);
    if (!claimed) {
        return claimed.error();
    }
    // Over the limit by `excess`: the excess-th oldest send in the window must leave it first.
    const qint64 excess = used.value() + claimed.value() - quota->dailyLimit + 1;
    if (excess > 0) {
        if (excess > used.value()) {
            // Claimed rows count from when they are sent, about now.
            at = qMax(at, nowMs + kWindowMs);
        } else {
            // The excess-th oldest send must leave the window first.
            auto times = sendTimes(accountId, nowMs);
            if (!times) {
                return times.error();
            }
            at = qMax(at, times->at(excess - 1) + kWindowMs);
        }
    }
    return at;
}

Status QuotaLedger::coolDown(qint64 accountId, qint64 untilMs, const QString& reason)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE accounts SET cool_until = ?, cool_reason = ? WHERE id = ? AND cool_until < ?"));
    q.addBindValue(untilMs);
    q.addBindValue(reason);
    q.addBindValue(accountId);
    q.addBindValue(untilMs);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "rest the sender account"));
    }
    return Ok{};
}

Result<qint64> QuotaLedger::prune(qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM account_sends WHERE minute < ?"));
    q.addBindValue(firstCountingMinute(nowMs));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "forget old sends"));
    }
    return qint64(q.numRowsAffected());
}
