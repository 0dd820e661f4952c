#pragma once

#include "core/Result.h"
#include "core/campaigns/Campaign.h"
#include "core/delivery/Outbox.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

#include <optional>

// One sender account as a campaign's status shows it.
struct AccountUse
{
    qint64 accountId = 0;
    QString name;
    qint64 sentInWindow = 0; // messages counted against the daily limit: the last 24 hours
    int dailyLimit = 0;
    int perMinute = 0;
    qint64 sentLastMinute = 0;
    int availableNow = 0;       // may be claimed now (QuotaLedger::available)
    qint64 nextAvailableAt = 0; // when one more may go (now when availableNow > 0)
    qint64 coolUntil = 0;       // resting after a limit reply until then (0: not resting)
    QString coolReason;
};

// What the ETA is computed from, per account: its limits and what already counts against them.
struct AccountCapacity
{
    int dailyLimit = 0;
    int perMinute = 0;
    qint64 coolUntil = 0;
    QVector<qint64> sendTimes; // sends still in the 24-hour window, ms, any order
    qint64 claimed = 0;        // rows claimed now: they count as sent now
};

// A campaign's delivery at a glance: counts per state, each account's use, the rate and when
// it will finish. What `mailroom-cli campaign status --json` prints and the outbox view shows.
struct DeliveryStatus
{
    qint64 campaignId = 0;
    QString campaignName;
    CampaignStatus status = CampaignStatus::Draft;
    std::optional<qint64> scheduledAt;
    qint64 nowMs = 0;
    OutboxCounts counts;
    QVector<AccountUse> accounts;   // the accounts the campaign may send from
    qint64 sentLastMinute = 0;      // over those accounts (every campaign they send for)
    std::optional<qint64> finishAt; // when the last recipient should go, if it can be told
    // Every account is out of quota (or resting): nothing goes until then.
    std::optional<qint64> waitingUntil;

    static Result<DeliveryStatus> load(QSqlDatabase db, qint64 campaignId, qint64 nowMs);

    // When `remaining` recipients will have gone, each account sending as fast as its rate
    // allows and as much as its rolling 24-hour limit allows: a simulation in minute steps that
    // jumps over the hours when every account waits. None when no account can ever send or
    // it would take over a year.
    static std::optional<qint64> estimateFinish(qint64 remaining, const QVector<AccountCapacity>& accounts,
                                                qint64 nowMs);

    // "Finishes around …", "Waiting for quota until …; finishes around …", "Done", translated.
    QString summary() const;
    QJsonObject toJson() const;
};
