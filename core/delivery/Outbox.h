#pragma once

#include "core/Result.h"
#include "core/campaigns/Campaign.h"
#include "core/delivery/DeliveryJournal.h"
#include "core/delivery/OutboxState.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>

#include <array>
#include <memory>
#include <optional>

struct OutboxSnapshotReport
{
    qint64 added = 0;
    // The campaign already had its outbox: nobody was added (a second start, a retried job).
    bool alreadySnapshotted = false;
};

// A row a worker claimed, with what rendering and the reply policy need.
struct OutboxClaim
{
    qint64 itemId = 0;
    qint64 contactId = 0;
    QString email;
    int attempts = 0; // tries that reached a server (Sent, Deferred, Failed, Unknown outcomes)
    int requeues = 0; // times it went back to the queue unsent (dropped connection, restart)
    qint64 queuedAt = 0;
};

// A claimed row that may no longer be sent; it is now Skipped with this reason.
struct OutboxSkip
{
    qint64 itemId = 0;
    qint64 contactId = 0;
    QString email;
    QString reason; // translated, as stored in the row's reply
};

struct OutboxRecovery
{
    qint64 fromJournal = 0;      // Sending, with the outcome the delivery journal kept
    qint64 requeued = 0;         // Sending, this boot: the process was killed before the dot
    qint64 unknownInDoubt = 0;   // Sending, the journal says the dot may have gone
    qint64 unknownOtherBoot = 0; // Sending, another boot: a power cut may have lost the journal
    qint64 unknown() const { return unknownInDoubt + unknownOtherBoot; }
};

struct OutboxCounts
{
    std::array<qint64, kOutboxStateCount> byState{};

    qint64 of(OutboxState state) const { return byState[static_cast<size_t>(state)]; }
    qint64 total() const;
    // Still to do: Queued, Sending and Deferred.
    qint64 remaining() const;
};

struct OutboxItem
{
    qint64 id = 0;
    qint64 campaignId = 0;
    qint64 contactId = 0;
    QString email;
    OutboxState state = OutboxState::Queued;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    std::optional<qint64> accountId;
    QString reply;
    qint64 queuedAt = 0;
    qint64 updatedAt = 0;
};

struct OutboxLogEntry
{
    qint64 id = 0; // 0 for a Sent row's outcome, which the row itself keeps
    qint64 at = 0;
    std::optional<qint64> accountId;
    OutboxState state = OutboxState::Queued;
    QString reply;
};

// The queue of a campaign's recipients (table outbox) and their log (outbox_log). Times are
// milliseconds since the epoch, passed in (see Clock). Every function runs on the caller's
// connection inside the caller's transaction (the delivery writer's group commit) and begins
// none of its own, except snapshot(), which is atomic by itself (a savepoint when nested).
//
// The statements the writer runs per message (claim, recordOutcome) are prepared once per
// Outbox and kept: hold one Outbox per connection for as long as the connection lives
// (destroy it before the connection closes). A short-lived Outbox is correct, only slower.
// Not thread-safe: one Outbox per connection, connections per thread.
//
// Crash rules (docs/architecture.md, "The crash rules"): claims are committed durably with the
// boot id; the DeliveryJournal holds, outside the database, each message whose final "." may
// have gone until its outcome is committed here; recover() runs once at start, before any claim.
class Outbox
{
public:
    explicit Outbox(QSqlDatabase db);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // This machine's boot id (QSysInfo::bootUniqueId()), stored with every claim.
    static QString currentBootId();

    // Every recipient of the campaign's audience, by the rules of the audience count
    // (unsubscribed, bounced, complained and suppressed contacts never), as a Queued row. In one
    // statement (INSERT ... SELECT). A campaign that already has rows gets nobody new.
    Result<OutboxSnapshotReport> snapshot(const Campaign& campaign, qint64 nowMs);

    // Up to `limit` due rows of the campaign, now Sending from `accountId`: Deferred rows whose
    // time has come first (earliest first), then Queued rows in the order they were queued.
    Result<QVector<OutboxClaim>> claim(qint64 campaignId, qint64 accountId, int limit, qint64 nowMs,
                                       const QString& bootId);
    // Sending -> state (Sent, Deferred, Failed, Unknown, Skipped, or Queued for a row that was
    // not sent), with the server's reply, and a log row. Sent, Deferred, Failed and Unknown
    // count an attempt; Sent and Unknown also count against the account's daily limit
    // (account_sends). nextAttemptAt is used for Deferred (else ignored). Every outcome but
    // Sent writes a log row; a Sent row is its own last log entry.
    Status recordOutcome(qint64 itemId, OutboxState state, qint64 accountId, const QString& reply, qint64 nextAttemptAt,
                         qint64 nowMs);
    // Sending -> Queued for claimed rows never tried (pause, cancel, an account cooling down).
    // Rows in another state are left alone. Returns how many went back.
    Result<qint64> release(const QVector<qint64>& itemIds, qint64 nowMs);
    // Which of these claimed rows may no longer be sent (the contact unsubscribed, bounced,
    // complained or was deleted; the address or its domain is now suppressed): they become
    // Skipped with the reason and a log row. Call just before sending.
    Result<QVector<OutboxSkip>> skipDisallowed(const QVector<qint64>& itemIds, qint64 nowMs);
    // At start, before any claim, with what the delivery journal held: a Sending row whose try
    // the journal recorded gets that try's outcome, or Unknown when the "." may have gone and no
    // reply was recorded; the other Sending rows claimed in this boot -> Queued, claimed in
    // another boot -> Unknown (and counted against the daily limit). Each change logged.
    Result<OutboxRecovery> recover(const QString& bootId, const QVector<DeliveryJournal::Record>& journal,
                                   qint64 nowMs);

    Result<OutboxCounts> counts(qint64 campaignId);
    // Keyset paging in id order: up to `limit` rows with id > afterId, in `state` if given.
    Result<QVector<OutboxItem>> page(qint64 campaignId, std::optional<OutboxState> state, qint64 afterId, int limit);
    Result<OutboxItem> item(qint64 itemId);
    // The row's log, oldest first; for a Sent row, ending with its outcome.
    Result<QVector<OutboxLogEntry>> log(qint64 itemId);

    // The user's one click: every Unknown (or every Failed) row of the campaign back to Queued.
    // Other states are refused. Returns how many.
    Result<qint64> resend(qint64 campaignId, OutboxState from, qint64 nowMs);
    // Queued and Deferred rows -> Cancelled (the campaign was cancelled). Returns how many.
    Result<qint64> cancelRemaining(qint64 campaignId, qint64 nowMs);
    // When the campaign next has a row to claim: nowMs when a row is Queued, else the earliest
    // Deferred row's time; none when nothing is left to claim.
    Result<std::optional<qint64>> nextDueAt(qint64 campaignId, qint64 nowMs);
    // How many rows a claim could take now (Queued, and Deferred rows that are due), counted up
    // to `limit` (so it reads at most that many index entries).
    Result<qint64> claimable(qint64 campaignId, qint64 nowMs, qint64 limit);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
