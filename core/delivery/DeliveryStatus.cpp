#include "core/delivery/DeliveryStatus.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/delivery/QuotaLedger.h"
#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <deque>
#include <limits>

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHorizonMs = 366 * 24 * 3600'000LL;

QJsonValue isoOrNull(std::optional<qint64> ms)
{
    if (!ms || *ms <= 0) {
        return QJsonValue::Null;
    }
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate);
}

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

struct SimAccount
{
    int dailyLimit = 0;
    int perMinute = 0;
    qint64 coolUntil = 0;
    std::deque<std::pair<qint64, qint64>> window; // (time, how many), oldest first
    qint64 inWindow = 0;
};

} // namespace

std::optional<qint64> DeliveryStatus::estimateFinish(qint64 remaining, const QVector<AccountCapacity>& accounts,
                                                     qint64 nowMs)
{
    if (remaining <= 0) {
        return nowMs;
    }
    std::vector<SimAccount> sim;
    for (const AccountCapacity& a : accounts) {
        if (a.dailyLimit <= 0 || a.perMinute <= 0) {
            continue;
        }
        SimAccount s;
        s.dailyLimit = a.dailyLimit;
        s.perMinute = a.perMinute;
        s.coolUntil = a.coolUntil;
        QVector<qint64> times = a.sendTimes;
        std::sort(times.begin(), times.end());
        for (qint64 t : times) {
            s.window.emplace_back(t, 1);
        }
        if (a.claimed > 0) {
            s.window.emplace_back(nowMs, a.claimed);
        }
        s.inWindow = qint64(times.size()) + a.claimed;
        sim.push_back(std::move(s));
    }
    if (sim.empty()) {
        return std::nullopt;
    }
    qint64 t = nowMs;
    qint64 left = remaining;
    while (t - nowMs <= kHorizonMs) {
        qint64 next = std::numeric_limits<qint64>::max();
        for (SimAccount& a : sim) {
            while (!a.window.empty() && a.window.front().first <= t - QuotaLedger::kWindowMs) {
                a.inWindow -= a.window.front().second;
                a.window.pop_front();
            }
            if (t < a.coolUntil) {
                next = std::min(next, a.coolUntil);
                continue;
            }
            const qint64 capLeft = a.dailyLimit - a.inWindow;
            if (capLeft <= 0) {
                if (!a.window.empty()) {
                    next = std::min(next, a.window.front().first + QuotaLedger::kWindowMs);
                }
                continue;
            }
            const qint64 n = std::min({capLeft, qint64(a.perMinute), left});
            a.window.emplace_back(t, n);
            a.inWindow += n;
            left -= n;
            if (left == 0) {
                return t + n * kMinuteMs / a.perMinute;
            }
            next = std::min(next, t + kMinuteMs);
        }
        if (next == std::numeric_limits<qint64>::max()) {
            return std::nullopt;
        }
        t = std::max(next, t + 1);
    }
    return std::nullopt;
}

Result<DeliveryStatus> DeliveryStatus::load(QSqlDatabase db, qint64 campaignId, qint64 nowMs)
{
    auto campaign = CampaignRepository(db).findById(campaignId);
    if (!campaign) {
        return campaign.error();
    }
    DeliveryStatus status;
    status.campaignId = campaignId;
    status.campaignName = campaign->name;
    status.status = campaign->status;
    status.scheduledAt = campaign->scheduledAt;
    status.nowMs = nowMs;
    auto counts = Outbox(db).counts(campaignId);
    if (!counts) {
        return counts.error();
    }
    status.counts = counts.value();

    QuotaLedger ledger(db);
    auto ids = ledger.accountsFor(campaignId);
    if (!ids) {
        return ids.error();
    }
    QVector<AccountCapacity> capacities;
    for (qint64 id : ids.value()) {
        auto quota = ledger.load(id);
        if (!quota) {
            return quota.error();
        }
        AccountUse use;
        use.accountId = id;
        use.name = quota->name;
        use.dailyLimit = quota->dailyLimit;
        use.perMinute = quota->perMinute;
        use.coolUntil = quota->coolUntil > nowMs ? quota->coolUntil : 0;
        use.coolReason = use.coolUntil ? quota->coolReason : QString();
        AccountCapacity capacity;
        capacity.dailyLimit = quota->dailyLimit;
        capacity.perMinute = quota->perMinute;
        capacity.coolUntil = use.coolUntil;
        auto times = ledger.sendTimes(id, nowMs);
        if (!times) {
            return times.error();
        }
        capacity.sendTimes = times.value();
        for (qint64 at : capacity.sendTimes) {
            // The minute of a send ends after the start of the last minute: it may be in it.
            if (at > nowMs - kMinuteMs) {
                ++use.sentLastMinute;
            }
        }
        use.sentInWindow = capacity.sendTimes.size();
        auto claimed = ledger.claimedNotSent(id);
        auto available = ledger.available(id, nowMs);
        auto next = ledger.nextAvailableAt(id, nowMs);
        if (!claimed || !available || !next) {
            return !claimed ? claimed.error() : !available ? available.error() : next.error();
        }
        capacity.claimed = claimed.value();
        use.availableNow = available.value();
        use.nextAvailableAt = next.value();
        status.sentLastMinute += use.sentLastMinute;
        status.accounts.append(use);
        capacities.append(capacity);
    }

    const qint64 toSend = status.counts.of(OutboxState::Queued) + status.counts.of(OutboxState::Deferred);
    const bool active = status.status == CampaignStatus::Sending;
    if (active && toSend > 0) {
        status.finishAt = estimateFinish(toSend, capacities, nowMs);
        bool anyAvailable = false;
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (const AccountUse& use : status.accounts) {
            anyAvailable = anyAvailable || use.availableNow > 0;
            earliest = std::min(earliest, use.nextAvailableAt);
        }
        if (!anyAvailable && !status.accounts.isEmpty()) {
            status.waitingUntil = earliest;
        }
    }
    return status;
}

QString DeliveryStatus::summary() const
{
    switch (status) {
    case CampaignStatus::Draft:
    case CampaignStatus::Rendered:
        return QCoreApplication::translate("DeliveryStatus", "Not started.");
    case CampaignStatus::Scheduled:
        return scheduledAt ? QCoreApplication::translate("DeliveryStatus", "Starts at %1.").arg(localTime(*scheduledAt))
                           : QCoreApplication::translate("DeliveryStatus", "Scheduled.");
    case CampaignStatus::Paused:
        return QCoreApplication::translate("DeliveryStatus", "Paused with %1 recipients to go.")
            .arg(counts.remaining());
    case CampaignStatus::Done:
        return QCoreApplication::translate("DeliveryStatus", "Done.");
    case CampaignStatus::Cancelled:
        return QCoreApplication::translate("DeliveryStatus", "Cancelled.");
    case CampaignStatus::Sending:
        break;
    }
    if (accounts.isEmpty()) {
        return QCoreApplication::translate("DeliveryStatus", "No sender account may send this campaign: add one.");
    }
    QString text;
    if (waitingUntil) {
        text =
            QCoreApplication::translate("DeliveryStatus", "Waiting for quota until %1.").arg(localTime(*waitingUntil));
    }
    if (finishAt) {
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) +
                QCoreApplication::translate("DeliveryStatus", "Finishes around %1.").arg(localTime(*finishAt));
    } else if (counts.of(OutboxState::Queued) + counts.of(OutboxState::Deferred) == 0) {
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) +
                QCoreApplication::translate("DeliveryStatus", "Finishing the messages in flight.");
    }
    return text;
}

QJsonObject DeliveryStatus::toJson() const
{
    QJsonObject stateCounts;
    for (int i = 0; i < kOutboxStateCount; ++i) {
        if (!isOutboxState(i)) {
            continue;
        }
        stateCounts.insert(outboxStateName(static_cast<OutboxState>(i)), counts.byState[size_t(i)]);
    }
    QJsonArray accountList;
    for (const AccountUse& use : accounts) {
        accountList.append(QJsonObject{
            {QStringLiteral("id"), use.accountId},
            {QStringLiteral("name"), use.name},
            {QStringLiteral("sent_24h"), use.sentInWindow},
            {QStringLiteral("daily_limit"), use.dailyLimit},
            {QStringLiteral("per_minute"), use.perMinute},
            {QStringLiteral("sent_last_minute"), use.sentLastMinute},
            {QStringLiteral("available_now"), use.availableNow},
            {QStringLiteral("next_available_at"), isoOrNull(use.nextAvailableAt)},
            {QStringLiteral("cooling_until"), isoOrNull(use.coolUntil)},
            {QStringLiteral("cool_reason"), use.coolReason},
        });
    }
    return QJsonObject{
        {QStringLiteral("campaign"), campaignId},
        {QStringLiteral("name"), campaignName},
        {QStringLiteral("status"), campaignStatusName(status)},
        {QStringLiteral("scheduled_at"), isoOrNull(scheduledAt)},
        {QStringLiteral("now"), isoOrNull(nowMs)},
        {QStringLiteral("counts"), stateCounts},
        {QStringLiteral("total"), counts.total()},
        {QStringLiteral("remaining"), counts.remaining()},
        {QStringLiteral("accounts"), accountList},
        {QStringLiteral("sent_last_minute"), sentLastMinute},
        {QStringLiteral("eta"), isoOrNull(finishAt)},
        {QStringLiteral("waiting_for_quota_until"), isoOrNull(waitingUntil)},
        {QStringLiteral("summary"), summary()},
    };
}
