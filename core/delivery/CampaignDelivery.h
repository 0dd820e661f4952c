#pragma once

#include "core/Result.h"
#include "core/campaigns/Campaign.h"
#include "core/campaigns/CampaignRenderer.h"
#include "core/delivery/OutboxState.h"

#include <QSqlDatabase>
#include <QVector>

class Vault;

struct CampaignStartReport
{
    qint64 queued = 0;                               // recipients put in the outbox
    bool alreadySnapshotted = false;                 // the outbox was made by an earlier start
    CampaignStatus status = CampaignStatus::Sending; // Done when nobody was left to send to
};

struct DueCampaign
{
    qint64 id = 0;
    CampaignStatus status = CampaignStatus::Sending; // Scheduled (start it first) or Sending
};

// A campaign's delivery lifecycle (campaigns.status, scheduled_at):
//   Draft/Rendered --schedule--> Scheduled --start (when due)--> Sending <--pause/resume--> Paused
//   Sending --finishIfDone--> Done --resend unknown/failed--> Sending
//   Scheduled/Sending/Paused --cancel--> Cancelled
// start() and schedule() refuse a campaign whose content checks find an error (as FolderSend
// does). Every function runs in its own transaction, a savepoint when the caller has one open.
// Times are milliseconds since the epoch, passed in. The delivery engine reads the status on
// every tick: callers change it here and wake the engine.
class CampaignDelivery
{
public:
    // The content checks for the campaign's first recipient; an error when any check fails.
    static Status checkContent(QSqlDatabase db, const Campaign& campaign, const Vault& vault,
                               const CampaignRenderer::Options& options = {});

    // Checks, snapshots the audience into the outbox and makes the campaign Sending, in one
    // transaction. From Draft, Rendered or Scheduled.
    static Result<CampaignStartReport> start(QSqlDatabase db, qint64 campaignId, const Vault& vault, qint64 nowMs,
                                             const CampaignRenderer::Options& options = {});
    // Checks and makes the campaign Scheduled for atMs (from Draft, Rendered or Scheduled).
    static Status schedule(QSqlDatabase db, qint64 campaignId, qint64 atMs, const Vault& vault, qint64 nowMs,
                           const CampaignRenderer::Options& options = {});
    // Scheduled campaigns whose time has come (oldest schedule first), then Sending ones.
    static Result<QVector<DueCampaign>> dueCampaigns(QSqlDatabase db, qint64 nowMs);

    // Sending -> Paused. The engine releases the rows it had claimed and sends nothing more.
    static Status pause(QSqlDatabase db, qint64 campaignId, qint64 nowMs);
    // Paused -> Sending.
    static Status resume(QSqlDatabase db, qint64 campaignId, qint64 nowMs);
    // Scheduled, Sending or Paused -> Cancelled; queued and deferred recipients become
    // Cancelled. Rows in flight finish as they will. Returns how many were cancelled.
    static Result<qint64> cancel(QSqlDatabase db, qint64 campaignId, qint64 nowMs);
    // Sending -> Done when nothing is Queued, Sending or Deferred; returns whether it is
    // Done now.
    static Result<bool> finishIfDone(QSqlDatabase db, qint64 campaignId, qint64 nowMs);
    // The user's one click: every Unknown (or Failed) recipient back in the queue; a Done
    // campaign is Sending again. Returns how many.
    static Result<qint64> resend(QSqlDatabase db, qint64 campaignId, OutboxState from, qint64 nowMs);
};
