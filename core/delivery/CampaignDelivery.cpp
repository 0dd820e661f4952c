#include "core/delivery/CampaignDelivery.h"

#include "core/campaigns/CampaignAudience.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/delivery/Outbox.h"
#include "core/mail/html/ContentChecker.h"
#include "core/storage/SqlError.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <initializer_list>

namespace {

QString isoAt(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString statusLabel(CampaignStatus status)
{
    switch (status) {
    case CampaignStatus::Draft:
        return QCoreApplication::translate("CampaignDelivery", "a draft");
    case CampaignStatus::Rendered:
        return QCoreApplication::translate("CampaignDelivery", "sent to a folder");
    case CampaignStatus::Scheduled:
        return QCoreApplication::translate("CampaignDelivery", "scheduled");
    case CampaignStatus::Sending:
        return QCoreApplication::translate("CampaignDelivery", "sending");
    case CampaignStatus::Paused:
        return QCoreApplication::translate("CampaignDelivery", "paused");
    case CampaignStatus::Done:
        return QCoreApplication::translate("CampaignDelivery", "done");
    case CampaignStatus::Cancelled:
        return QCoreApplication::translate("CampaignDelivery", "cancelled");
    }
    return campaignStatusName(status);
}

// The campaign, if it is in one of `from`; else an error naming it and what it is.
Result<Campaign> campaignIn(QSqlDatabase db, qint64 campaignId, std::initializer_list<CampaignStatus> from,
                            const char* refusal)
{
    auto campaign = CampaignRepository(db).findById(campaignId);
    if (!campaign) {
        return campaign.error();
    }
    for (CampaignStatus s : from) {
        if (campaign->status == s) {
            return campaign;
        }
    }
    return Error{
        ErrorCode::InvalidInput,
        QCoreApplication::translate("CampaignDelivery", refusal).arg(campaign->name, statusLabel(campaign->status))};
}

Status setStatus(QSqlDatabase db, qint64 campaignId, CampaignStatus to, qint64 nowMs,
                 std::optional<qint64> scheduledAt = std::nullopt, bool setSchedule = false)
{
    QSqlQuery q(db);
    q.prepare(setSchedule
                  ? QStringLiteral("UPDATE campaigns SET status = ?, updated_at = ?, scheduled_at = ? WHERE id = ?")
                  : QStringLiteral("UPDATE campaigns SET status = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(static_cast<int>(to));
    q.addBindValue(isoAt(nowMs));
    if (setSchedule) {
        q.addBindValue(scheduledAt ? QVariant(*scheduledAt) : QVariant(QMetaType(QMetaType::LongLong)));
    }
    q.addBindValue(campaignId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "change the campaign's status"));
    }
    return Ok{};
}

Result<bool> hasWorkLeft(QSqlDatabase db, qint64 campaignId)
{
    QSqlQuery q(db);
    // One probe of outbox_by_state per state, never a count of every row.
    q.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM outbox WHERE campaign_id = ? AND state IN (0, 1, 2, 4))"));
    q.addBindValue(campaignId);
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox"));
    }
    return q.value(0).toBool();
}

} // namespace

Status CampaignDelivery::checkContent(QSqlDatabase db, const Campaign& campaign, const Vault& vault,
                                      const CampaignRenderer::Options& options)
{
    auto renderer = CampaignRenderer::prepare(db, campaign, vault, options);
    if (!renderer) {
        return renderer.error();
    }
    auto sample = sampleRecipient(db, campaign);
    if (!sample) {
        return sample.error();
    }
    const QVector<ContentIssue> issues = renderer->check(sample.value());
    if (!ContentChecker::hasErrors(issues)) {
        return Ok{};
    }
    QStringList errors;
    for (const ContentIssue& issue : issues) {
        if (issue.severity == ContentIssue::Severity::Error) {
            errors.append(issue.message);
        }
    }
    return Error{ErrorCode::InvalidInput,
                 QCoreApplication::translate("CampaignDelivery", "The campaign \"%1\" cannot be sent: %2")
                     .arg(campaign.name, errors.join(QStringLiteral("; ")))};
}

Result<CampaignStartReport> CampaignDelivery::start(QSqlDatabase db, qint64 campaignId, const Vault& vault,
                                                    qint64 nowMs, const CampaignRenderer::Options& options)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    auto campaign =
        campaignIn(db, campaignId, {CampaignStatus::Draft, CampaignStatus::Rendered, CampaignStatus::Scheduled},
                   QT_TRANSLATE_NOOP("CampaignDelivery", "The campaign \"%1\" is %2; it cannot be started."));
    if (!campaign) {
        return campaign.error();
    }
    if (auto s = checkContent(db, campaign.value(), vault, options); !s) {
        return s.error();
    }
    auto snapshot = Outbox(db).snapshot(campaign.value(), nowMs);
    if (!snapshot) {
        return snapshot.error();
    }
    auto left = hasWorkLeft(db, campaignId);
    if (!left) {
        return left.error();
    }
    CampaignStartReport report;
    report.queued = snapshot->added;
    report.alreadySnapshotted = snapshot->alreadySnapshotted;
    report.status = left.value() ? CampaignStatus::Sending : CampaignStatus::Done;
    if (auto s = setStatus(db, campaignId, report.status, nowMs); !s) {
        return s.error();
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return report;
}

Status CampaignDelivery::schedule(QSqlDatabase db, qint64 campaignId, qint64 atMs, const Vault& vault, qint64 nowMs,
                                  const CampaignRenderer::Options& options)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    auto campaign =
        campaignIn(db, campaignId, {CampaignStatus::Draft, CampaignStatus::Rendered, CampaignStatus::Scheduled},
                   QT_TRANSLATE_NOOP("CampaignDelivery", "The campaign \"%1\" is %2; it cannot be scheduled."));
    if (!campaign) {
        return campaign.error();
    }
    if (auto s = checkContent(db, campaign.value(), vault, options); !s) {
        return s;
    }
    if (auto s = setStatus(db, campaignId, CampaignStatus::Scheduled, nowMs, atMs, true); !s) {
        return s;
    }
    return tx.commit();
}

Result<QVector<DueCampaign>> CampaignDelivery::dueCampaigns(QSqlDatabase db, qint64 nowMs)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, status FROM campaigns WHERE (status = ? AND scheduled_at <= ?) OR status = ?"
                             " ORDER BY status = ? DESC, scheduled_at, id"));
    q.addBindValue(static_cast<int>(CampaignStatus::Scheduled));
    q.addBindValue(nowMs);
    q.addBindValue(static_cast<int>(CampaignStatus::Sending));
    q.addBindValue(static_cast<int>(CampaignStatus::Scheduled));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaigns due"));
    }
    QVector<DueCampaign> due;
    while (q.next()) {
        due.append(DueCampaign{q.value(0).toLongLong(), static_cast<CampaignStatus>(q.value(1).toInt())});
    }
    return due;
}

Status CampaignDelivery::pause(QSqlDatabase db, qint64 campaignId, qint64 nowMs)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    auto campaign = campaignIn(db, campaignId, {CampaignStatus::Sending},
                               QT_TRANSLATE_NOOP("CampaignDelivery", "The campaign \"%1\" is %2, not sending."));
    if (!campaign) {
        return campaign.error();
    }
    if (auto s = setStatus(db, campaignId, CampaignStatus::Paused, nowMs); !s) {
        return s;
    }
    return tx.commit();
}

Status CampaignDelivery::resume(QSqlDatabase db, qint64 campaignId, qint64 nowMs)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    auto campaign = campaignIn(db, campaignId, {CampaignStatus::Paused},
                               QT_TRANSLATE_NOOP("CampaignDelivery", "The campaign \"%1\" is %2, not paused."));
    if (!campaign) {
        return campaign.error();
    }
    if (auto s = setStatus(db, campaignId, CampaignStatus::Sending, nowMs); !s) {
        return s;
    }
    return tx.commit();
}

Result<qint64> CampaignDelivery::cancel(QSqlDatabase db, qint64 campaignId, qint64 nowMs)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    auto campaign =
        campaignIn(db, campaignId, {CampaignStatus::Scheduled, CampaignStatus::Sending, CampaignStatus::Paused},
                   QT_TRANSLATE_NOOP("CampaignDelivery", "The campaign \"%1\" is %2; there is nothing to cancel."));
    if (!campaign) {
        return campaign.error();
    }
    auto cancelled = Outbox(db).cancelRemaining(campaignId, nowMs);
    if (!cancelled) {
        return cancelled.error();
    }
    if (auto s = setStatus(db, campaignId, CampaignStatus::Cancelled, nowMs); !s) {
        return s.error();
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return cancelled.value();
}

Result<bool> CampaignDelivery::finishIfDone(QSqlDatabase db, qint64 campaignId, qint64 nowMs)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    auto campaign = CampaignRepository(db).findById(campaignId);
    if (!campaign) {
        return campaign.error();
    }
    if (campaign->status == CampaignStatus::Done) {
        return true;
    }
    if (campaign->status != CampaignStatus::Sending) {
        return false;
    }
    auto left = hasWorkLeft(db, campaignId);
    if (!left) {
        return left.error();
    }
    if (left.value()) {
        return false;
    }
    if (auto s = setStatus(db, campaignId, CampaignStatus::Done, nowMs); !s) {
        return s.error();
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return true;
}

Result<qint64> CampaignDelivery::resend(QSqlDatabase db, qint64 campaignId, OutboxState from, qint64 nowMs)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    auto campaign = campaignIn(
        db, campaignId, {CampaignStatus::Sending, CampaignStatus::Paused, CampaignStatus::Done},
        QT_TRANSLATE_NOOP("CampaignDelivery", "The campaign \"%1\" is %2; its recipients cannot be sent again."));
    if (!campaign) {
        return campaign.error();
    }
    auto queued = Outbox(db).resend(campaignId, from, nowMs);
    if (!queued) {
        return queued.error();
    }
    if (campaign->status == CampaignStatus::Done && queued.value() > 0) {
        if (auto s = setStatus(db, campaignId, CampaignStatus::Sending, nowMs); !s) {
            return s.error();
        }
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return queued.value();
}
