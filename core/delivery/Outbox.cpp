#include "core/delivery/Outbox.h"

#include "core/delivery/QuotaLedger.h"

#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/CampaignAudience.h"
#include "core/storage/SqlError.h"
#include "core/storage/SqliteStatement.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>

#include <limits>

namespace {

int stateValue(OutboxState state)
{
    return static_cast<int>(state);
}

// Rows of every campaign in one state, found through outbox_by_state (campaign_id, state, ...)
// rather than by a scan of the whole table: campaigns are few, rows many.
const QString kEveryCampaign = QStringLiteral("campaign_id IN (SELECT id FROM campaigns)");

// Consecutive returns to the queue since the row's last real attempt: the reply policy defers
// a row that keeps coming back unsent instead of retrying it forever.
const QString kRequeues =
    QStringLiteral("(SELECT count(*) FROM outbox_log l WHERE l.outbox_id = o.id AND l.state = 0 AND l.id > "
                   "COALESCE((SELECT max(l2.id) FROM outbox_log l2 WHERE l2.outbox_id = o.id AND l2.state <> 0), 0))");

std::optional<qint64> optionalId(const QVariant& v)
{
    if (v.isNull()) {
        return std::nullopt;
    }
    return v.toLongLong();
}

OutboxState stateFrom(const QVariant& v)
{
    const int value = v.toInt();
    return isOutboxState(value) ? static_cast<OutboxState>(value) : OutboxState::Unknown;
}

} // namespace

struct Outbox::Private
{
    QSqlDatabase db;
    std::unique_ptr<SqliteStatement> dueRetries;
    std::unique_ptr<SqliteStatement> queued;
    std::unique_ptr<SqliteStatement> claimRow;
    std::unique_ptr<SqliteStatement> allowed;
    std::unique_ptr<SqliteStatement> accountSend;
    std::unique_ptr<SqliteStatement> outcome;
    std::unique_ptr<SqliteStatement> logRow;

    Status prepare(std::unique_ptr<SqliteStatement>& statement, const QString& sql, const char* doing)
    {
        if (statement) {
            statement->reset();
            return Ok{};
        }
        auto prepared = SqliteStatement::prepare(db, sql, doing);
        if (!prepared) {
            return prepared.error();
        }
        statement = std::move(prepared).value();
        return Ok{};
    }

    Status writeLog(qint64 itemId, qint64 at, qint64 accountId, OutboxState state, const QString& reply)
    {
        if (auto s = prepare(logRow,
                             QStringLiteral("INSERT INTO outbox_log (outbox_id, at, account_id, state, reply)"
                                            " VALUES (?, ?, ?, ?, ?)"),
                             QT_TRANSLATE_NOOP("SqlError", "write the outbox log"));
            !s) {
            return s;
        }
        logRow->bindInt(1, itemId);
        logRow->bindInt(2, at);
        if (accountId > 0) {
            logRow->bindInt(3, accountId);
        } else {
            logRow->bindNull(3);
        }
        logRow->bindInt(4, stateValue(state));
        logRow->bindText(5, reply);
        auto done = logRow->step();
        logRow->reset();
        if (!done) {
            return done.error();
        }
        return Ok{};
    }

    // Why a state change on a row did not apply: it is gone, or in another state.
    Error notIn(qint64 itemId, const QString& wanted)
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT state FROM outbox WHERE id = ?"));
        q.addBindValue(itemId);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox"));
        }
        if (!q.next()) {
            return Error{ErrorCode::NotFound,
                         QCoreApplication::translate("Outbox", "There is no outbox row %1.").arg(itemId)};
        }
        return Error{ErrorCode::InvalidInput, QCoreApplication::translate("Outbox", "Outbox row %1 is %2, not %3.")
                                                  .arg(itemId)
                                                  .arg(outboxStateLabel(stateFrom(q.value(0))), wanted)};
    }
};

qint64 OutboxCounts::total() const
{
    qint64 sum = 0;
    for (qint64 n : byState) {
        sum += n;
    }
    return sum;
}

qint64 OutboxCounts::remaining() const
{
    return of(OutboxState::Queued) + of(OutboxState::Sending) + of(OutboxState::Deferred);
}

Outbox::Outbox(QSqlDatabase db)
    : d(std::make_unique<Private>())
{
    d->db = std::move(db);
}

Outbox::~Outbox() = default;

QString Outbox::currentBootId()
{
    const QByteArray id = QSysInfo::bootUniqueId();
    // Without one (some containers), every start looks like a new boot: in-flight rows become
    // Unknown rather than requeued, the safe side.
    return id.isEmpty() ? QStringLiteral("no-boot-id") : QString::fromLatin1(id);
}

Result<OutboxSnapshotReport> Outbox::snapshot(const Campaign& campaign, qint64 nowMs)
{
    Transaction tx(d->db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    OutboxSnapshotReport report;
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("SELECT 1 FROM outbox WHERE campaign_id = ? LIMIT 1"));
    q.addBindValue(campaign.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox"));
    }
    if (q.next()) {
        report.alreadySnapshotted = true;
        return report;
    }
    auto spec = audienceSpecFor(d->db, campaign);
    if (!spec) {
        return spec.error();
    }
    AudienceQuery audience(d->db, spec.value());
    audience.setNow(QDateTime::fromMSecsSinceEpoch(nowMs));
    // The very statement the audience's pages run, so the outbox holds exactly whom the count
    // promised.
    auto recipients = audience.recipientsStatement(0, std::numeric_limits<int>::max());
    if (!recipients) {
        return recipients.error();
    }
    q.prepare(QStringLiteral("INSERT INTO outbox (campaign_id, contact_id, email, state, queued_at, updated_at)"
                             " SELECT ?, r.id, r.email, 0, ?, ? FROM (%1) r")
                  .arg(recipients->sql));
    q.addBindValue(campaign.id);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    for (const QVariant& v : recipients->binds) {
        q.addBindValue(v);
    }
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "queue the campaign's recipients"));
    }
    report.added = q.numRowsAffected();
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return report;
}

Result<QVector<OutboxClaim>> Outbox::claim(qint64 campaignId, qint64 accountId, int limit, qint64 nowMs,
                                           const QString& bootId)
{
    QVector<OutboxClaim> claims;
    if (limit <= 0) {
        return claims;
    }
    // Two walks of outbox_by_state, each already in order: due retries first, then the queue.
    // Kept statements: a claim runs every 100 messages of every session.
    const QString select = QStringLiteral("SELECT o.id, o.contact_id, o.email, o.attempts, o.queued_at, %1"
                                          " FROM outbox o WHERE o.campaign_id = ? AND o.state = %2"
                                          " AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?")
                               .arg(kRequeues);
    for (OutboxState state : {OutboxState::Deferred, OutboxState::Queued}) {
        const int wanted = limit - int(claims.size());
        if (wanted <= 0) {
            break;
        }
        std::unique_ptr<SqliteStatement>& kept = state == OutboxState::Deferred ? d->dueRetries : d->queued;
        if (auto s = d->prepare(kept, select.arg(stateValue(state)),
                                QT_TRANSLATE_NOOP("SqlError", "claim recipients from the outbox"));
            !s) {
            return s.error();
        }
        SqliteStatement& q = *kept;
        q.bindInt(1, campaignId);
        q.bindInt(2, nowMs); // a Queued row's next_attempt_at is 0
        q.bindInt(3, wanted);
        for (;;) {
            auto row = q.step();
            if (!row) {
                q.reset();
                return row.error();
            }
            if (!row.value()) {
                break;
            }
            OutboxClaim c;
            c.itemId = q.columnInt(0);
            c.contactId = q.columnInt(1);
            c.email = q.columnText(2);
            c.attempts = int(q.columnInt(3));
            c.queuedAt = q.columnInt(4);
            c.requeues = int(q.columnInt(5));
            claims.append(c);
        }
        q.reset();
    }
    for (const OutboxClaim& c : claims) {
        if (auto s = d->prepare(d->claimRow,
                                QStringLiteral("UPDATE outbox SET state = 1, account_id = ?, claim_boot = ?,"
                                               " next_attempt_at = 0, updated_at = ? WHERE id = ? AND state IN (0, 4)"),
                                QT_TRANSLATE_NOOP("SqlError", "claim recipients from the outbox"));
            !s) {
            return s.error();
        }
        d->claimRow->bindInt(1, accountId);
        d->claimRow->bindText(2, bootId);
        d->claimRow->bindInt(3, nowMs);
        d->claimRow->bindInt(4, c.itemId);
        auto done = d->claimRow->step();
        d->claimRow->reset();
        if (!done) {
            return done.error();
        }
    }
    return claims;
}

Status Outbox::recordOutcome(qint64 itemId, OutboxState state, qint64 accountId, const QString& reply,
                             qint64 nextAttemptAt, qint64 nowMs)
{
    int attempt = 0;
    bool mayHaveGone = false;
    switch (state) {
    case OutboxState::Sent:
    case OutboxState::Unknown:
        // The "." may have gone: the daily limit counts the message.
        attempt = 1;
        mayHaveGone = true;
        break;
    case OutboxState::Deferred:
    case OutboxState::Failed:
        attempt = 1;
        break;
    case OutboxState::Queued:
    case OutboxState::Skipped:
        break;
    case OutboxState::Sending:
    case OutboxState::Cancelled:
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("Outbox", "Outbox row %1 cannot be recorded as %2.")
                         .arg(itemId)
                         .arg(outboxStateLabel(state))};
    }
    if (auto s =
            d->prepare(d->outcome,
                       QStringLiteral("UPDATE outbox SET state = ?, account_id = ?, reply = ?, next_attempt_at = ?,"
                                      " attempts = attempts + ?, claim_boot = '', updated_at = ?"
                                      " WHERE id = ? AND state = 1"),
                       QT_TRANSLATE_NOOP("SqlError", "record a message's outcome"));
        !s) {
        return s;
    }
    SqliteStatement& statement = *d->outcome;
    statement.bindInt(1, stateValue(state));
    if (accountId > 0) {
        statement.bindInt(2, accountId);
    } else {
        statement.bindNull(2);
    }
    statement.bindText(3, reply);
    statement.bindInt(4, state == OutboxState::Deferred ? nextAttemptAt : 0);
    statement.bindInt(5, attempt);
    statement.bindInt(6, nowMs);
    statement.bindInt(7, itemId);
    auto done = statement.step();
    const qint64 changed = done ? statement.changes() : 0;
    statement.reset();
    if (!done) {
        return done.error();
    }
    if (changed == 0) {
        return d->notIn(itemId, outboxStateLabel(OutboxState::Sending));
    }
    if (mayHaveGone && accountId > 0) {
        if (auto s = d->prepare(d->accountSend,
                                QStringLiteral("INSERT INTO account_sends (account_id, minute, sends) VALUES (?, ?, 1)"
                                               " ON CONFLICT (account_id, minute) DO UPDATE SET sends = sends + 1"),
                                QT_TRANSLATE_NOOP("SqlError", "count a message against the account's daily limit"));
            !s) {
            return s;
        }
        d->accountSend->bindInt(1, accountId);
        d->accountSend->bindInt(2, nowMs / QuotaLedger::kMinuteMs);
        auto counted = d->accountSend->step();
        d->accountSend->reset();
        if (!counted) {
            return counted.error();
        }
    }
    if (state == OutboxState::Sent) {
        return Ok{}; // final: the row itself is its log entry (see log())
    }
    return d->writeLog(itemId, nowMs, accountId, state, reply);
}

Result<qint64> Outbox::release(const QVector<qint64>& itemIds, qint64 nowMs)
{
    QSqlQuery q(d->db);
    q.prepare(
        QStringLiteral("UPDATE outbox SET state = 0, claim_boot = '', updated_at = ? WHERE id = ? AND state = 1"));
    qint64 released = 0;
    for (qint64 id : itemIds) {
        q.addBindValue(nowMs);
        q.addBindValue(id);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "put claimed recipients back in the queue"));
        }
        released += q.numRowsAffected();
    }
    return released;
}

Result<QVector<OutboxSkip>> Outbox::skipDisallowed(const QVector<qint64>& itemIds, qint64 nowMs)
{
    // The same tests as the audience (AudienceQuery): the contact's status, its address's key,
    // its domain and every parent domain against the suppression list. Run for every claimed
    // row, so prepared once and read as integers; the rare row to skip is then read in full.
    if (auto s = d->prepare(
            d->allowed,
            QStringLiteral("SELECT c.id IS NULL, COALESCE(c.status, 0),"
                           " EXISTS (SELECT 1 FROM suppressions s WHERE s.kind = 0 AND s.pattern = c.email_key),"
                           " EXISTS (WITH RECURSIVE d(x) AS (SELECT substr(c.email_key, instr(c.email_key, '@') + 1)"
                           "   UNION ALL SELECT substr(x, instr(x, '.') + 1) FROM d WHERE instr(x, '.') > 0)"
                           "   SELECT 1 FROM d JOIN suppressions s ON s.kind = 1 AND s.pattern = d.x)"
                           " FROM outbox o LEFT JOIN contacts c ON c.id = o.contact_id WHERE o.id = ? AND o.state = 1"),
            QT_TRANSLATE_NOOP("SqlError", "check recipients before sending"));
        !s) {
        return s.error();
    }
    SqliteStatement& check = *d->allowed;
    QVector<OutboxSkip> skipped;
    for (qint64 id : itemIds) {
        check.bindInt(1, id);
        auto row = check.step();
        if (!row) {
            check.reset();
            return row.error();
        }
        QString reason;
        if (!row.value()) {
            // not claimed (any more): nothing to check
        } else if (check.columnInt(0) != 0) {
            reason = QCoreApplication::translate("Outbox", "The contact was deleted.");
        } else if (check.columnInt(1) == 1) {
            reason = QCoreApplication::translate("Outbox", "The contact unsubscribed.");
        } else if (check.columnInt(1) == 2) {
            reason = QCoreApplication::translate("Outbox", "The contact's address bounced.");
        } else if (check.columnInt(1) == 3) {
            reason = QCoreApplication::translate("Outbox", "The contact complained (marked a message as spam).");
        } else if (check.columnInt(2) != 0) {
            reason = QCoreApplication::translate("Outbox", "The address is on the suppression list.");
        } else if (check.columnInt(3) != 0) {
            reason = QCoreApplication::translate("Outbox", "The address's domain is on the suppression list.");
        }
        check.reset();
        if (reason.isEmpty()) {
            continue;
        }
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("SELECT contact_id, email, account_id FROM outbox WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec() || !q.next()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "check recipients before sending"));
        }
        const OutboxSkip skip{id, q.value(0).toLongLong(), q.value(1).toString(), reason};
        const qint64 accountId = q.value(2).toLongLong();
        QSqlQuery update(d->db);
        update.prepare(QStringLiteral("UPDATE outbox SET state = 7, reply = ?, claim_boot = '', updated_at = ?"
                                      " WHERE id = ? AND state = 1"));
        update.addBindValue(reason);
        update.addBindValue(nowMs);
        update.addBindValue(id);
        if (!update.exec()) {
            return sqlError(update, QT_TRANSLATE_NOOP("SqlError", "skip a recipient"));
        }
        if (auto s = d->writeLog(id, nowMs, accountId, OutboxState::Skipped, reason); !s) {
            return s.error();
        }
        skipped.append(skip);
    }
    return skipped;
}

Result<OutboxRecovery> Outbox::recover(const QString& bootId, const QVector<DeliveryJournal::Record>& journal,
                                       qint64 nowMs)
{
    OutboxRecovery report;
    // First what the journal knows of the tries the database did not record: their outcome, or
    // that their "." may have gone.
    QSqlQuery row(d->db);
    row.prepare(QStringLiteral("SELECT state, attempts FROM outbox WHERE id = ?"));
    for (const DeliveryJournal::Record& r : journal) {
        row.addBindValue(r.itemId);
        if (!row.exec()) {
            return sqlError(row, QT_TRANSLATE_NOOP("SqlError", "recover the outbox"));
        }
        const bool open =
            row.next() && row.value(0).toInt() == stateValue(OutboxState::Sending) && row.value(1).toInt() == r.attempt;
        row.finish();
        if (!open) {
            continue; // recorded in the database already, or another try of the row
        }
        Status s = r.outcome ? recordOutcome(r.itemId, *r.outcome, r.accountId, r.reply, r.retryAt, r.at)
                             : recordOutcome(r.itemId, OutboxState::Unknown, r.accountId,
                                             QCoreApplication::translate(
                                                 "Outbox", "Mailroom stopped while waiting for the server's reply to "
                                                           "this message: it may have been delivered."),
                                             0, nowMs);
        if (!s) {
            return s.error();
        }
        ++(r.outcome ? report.fromJournal : report.unknownInDoubt);
    }

    struct Step
    {
        QString where;
        OutboxState to;
        QString reply;
        qint64 OutboxRecovery::*count;
    };
    const Step steps[] = {
        {QStringLiteral("state = 1 AND claim_boot <> ?"), OutboxState::Unknown,
         QCoreApplication::translate(
             "Outbox", "The computer restarted while this message was being sent: it may have been delivered."),
         &OutboxRecovery::unknownOtherBoot},
        {QStringLiteral("state = 1 AND claim_boot = ?"), OutboxState::Queued,
         QCoreApplication::translate("Outbox", "Mailroom stopped before this message was sent: it goes out again."),
         &OutboxRecovery::requeued},
    };
    QSqlQuery q(d->db);
    // After a power cut any row of the lost claims may have gone: the daily limit counts them all.
    q.prepare(QStringLiteral("INSERT INTO account_sends (account_id, minute, sends)"
                             " SELECT account_id, ?, count(*) FROM outbox WHERE %1 AND %2 AND account_id IS NOT NULL"
                             " GROUP BY account_id"
                             " ON CONFLICT (account_id, minute) DO UPDATE SET sends = sends + excluded.sends")
                  .arg(kEveryCampaign, steps[0].where));
    q.addBindValue(nowMs / QuotaLedger::kMinuteMs);
    q.addBindValue(bootId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "recover the outbox"));
    }
    for (const Step& step : steps) {
        q.prepare(QStringLiteral("INSERT INTO outbox_log (outbox_id, at, account_id, state, reply)"
                                 " SELECT id, ?, account_id, ?, ? FROM outbox WHERE %1 AND %2")
                      .arg(kEveryCampaign, step.where));
        q.addBindValue(nowMs);
        q.addBindValue(stateValue(step.to));
        q.addBindValue(step.reply);
        q.addBindValue(bootId);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "recover the outbox"));
        }
        q.prepare(QStringLiteral("UPDATE outbox SET state = ?, reply = ?, claim_boot = '', next_attempt_at = 0,"
                                 " updated_at = ? WHERE %1 AND %2")
                      .arg(kEveryCampaign, step.where));
        q.addBindValue(stateValue(step.to));
        q.addBindValue(step.reply);
        q.addBindValue(nowMs);
        q.addBindValue(bootId);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "recover the outbox"));
        }
        report.*(step.count) = q.numRowsAffected();
    }
    return report;
}

Result<OutboxCounts> Outbox::counts(qint64 campaignId)
{
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT state, count(*) FROM outbox WHERE campaign_id = ? GROUP BY state"));
    q.addBindValue(campaignId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "count the outbox"));
    }
    OutboxCounts counts;
    while (q.next()) {
        const int state = q.value(0).toInt();
        if (isOutboxState(state)) {
            counts.byState[static_cast<size_t>(state)] = q.value(1).toLongLong();
        }
    }
    return counts;
}

namespace {

const QString kItemColumns = QStringLiteral("id, campaign_id, contact_id, email, state, attempts, next_attempt_at,"
                                            " account_id, reply, queued_at, updated_at");

OutboxItem itemFrom(const QSqlQuery& q)
{
    OutboxItem item;
    item.id = q.value(0).toLongLong();
    item.campaignId = q.value(1).toLongLong();
    item.contactId = q.value(2).toLongLong();
    item.email = q.value(3).toString();
    item.state = stateFrom(q.value(4));
    item.attempts = q.value(5).toInt();
    item.nextAttemptAt = q.value(6).toLongLong();
    item.accountId = optionalId(q.value(7));
    item.reply = q.value(8).toString();
    item.queuedAt = q.value(9).toLongLong();
    item.updatedAt = q.value(10).toLongLong();
    return item;
}

} // namespace

Result<QVector<OutboxItem>> Outbox::page(qint64 campaignId, std::optional<OutboxState> state, qint64 afterId, int limit)
{
    // Pages walk an index in id order, never sort a million rows:
    //  - one state: outbox_by_state (campaign_id, state, next_attempt_at, id), where every row
    //    but a Deferred one has next_attempt_at = 0 (each change to another state clears it);
    //  - every state: the rowid (a campaign's rows are contiguous: one snapshot made them),
    //    with the unary + keeping SQLite off the campaign index and its sort.
    QString where;
    if (!state) {
        where = QStringLiteral("+campaign_id = ?");
    } else if (*state == OutboxState::Deferred) {
        where = QStringLiteral("campaign_id = ? AND state = ?");
    } else {
        where = QStringLiteral("campaign_id = ? AND state = ? AND next_attempt_at = 0");
    }
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE %2 AND id > ? ORDER BY id LIMIT ?").arg(kItemColumns, where));
    q.addBindValue(campaignId);
    if (state) {
        q.addBindValue(stateValue(*state));
    }
    q.addBindValue(afterId);
    q.addBindValue(qMax(0, limit));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox"));
    }
    QVector<OutboxItem> items;
    while (q.next()) {
        items.append(itemFrom(q));
    }
    return items;
}

Result<OutboxItem> Outbox::item(qint64 itemId)
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(kItemColumns));
    q.addBindValue(itemId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("Outbox", "There is no outbox row %1.").arg(itemId)};
    }
    return itemFrom(q);
}

Result<QVector<OutboxLogEntry>> Outbox::log(qint64 itemId)
{
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, at, account_id, state, reply FROM outbox_log WHERE outbox_id = ? ORDER BY id"));
    q.addBindValue(itemId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox log"));
    }
    QVector<OutboxLogEntry> entries;
    while (q.next()) {
        OutboxLogEntry e;
        e.id = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        e.accountId = optionalId(q.value(2));
        e.state = stateFrom(q.value(3));
        e.reply = q.value(4).toString();
        entries.append(e);
    }
    // A Sent row never changes again, and its outcome is not copied into outbox_log (one
    // insert less per message): the row gives the last entry.
    q.prepare(QStringLiteral("SELECT updated_at, account_id, reply FROM outbox WHERE id = ? AND state = 3"));
    q.addBindValue(itemId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox log"));
    }
    if (q.next()) {
        OutboxLogEntry e;
        e.at = q.value(0).toLongLong();
        e.accountId = optionalId(q.value(1));
        e.state = OutboxState::Sent;
        e.reply = q.value(2).toString();
        entries.append(e);
    }
    return entries;
}

Result<qint64> Outbox::resend(qint64 campaignId, OutboxState from, qint64 nowMs)
{
    if (from != OutboxState::Unknown && from != OutboxState::Failed) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("Outbox", "Only unknown or failed recipients can be sent again, not %1.")
                .arg(outboxStateLabel(from))};
    }
    const QString reply = from == OutboxState::Unknown
                              ? QCoreApplication::translate("Outbox", "Sent again at the user's request (was unknown).")
                              : QCoreApplication::translate("Outbox", "Retried at the user's request (had failed).");
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("INSERT INTO outbox_log (outbox_id, at, account_id, state, reply)"
                             " SELECT id, ?, NULL, 0, ? FROM outbox WHERE campaign_id = ? AND state = ?"));
    q.addBindValue(nowMs);
    q.addBindValue(reply);
    q.addBindValue(campaignId);
    q.addBindValue(stateValue(from));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "queue recipients again"));
    }
    // queued_at starts again: the retry policy's give-up time counts from the user's click.
    q.prepare(QStringLiteral("UPDATE outbox SET state = 0, next_attempt_at = 0, claim_boot = '', queued_at = ?,"
                             " updated_at = ? WHERE campaign_id = ? AND state = ?"));
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(campaignId);
    q.addBindValue(stateValue(from));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "queue recipients again"));
    }
    return qint64(q.numRowsAffected());
}

Result<qint64> Outbox::cancelRemaining(qint64 campaignId, qint64 nowMs)
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("UPDATE outbox SET state = 8, next_attempt_at = 0, updated_at = ?"
                             " WHERE campaign_id = ? AND state IN (0, 4)"));
    q.addBindValue(nowMs);
    q.addBindValue(campaignId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "cancel the campaign's remaining recipients"));
    }
    return qint64(q.numRowsAffected());
}

Result<std::optional<qint64>> Outbox::nextDueAt(qint64 campaignId, qint64 nowMs)
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM outbox WHERE campaign_id = ? AND state = 0),"
                             " (SELECT min(next_attempt_at) FROM outbox WHERE campaign_id = ? AND state = 4)"));
    q.addBindValue(campaignId);
    q.addBindValue(campaignId);
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox"));
    }
    if (q.value(0).toBool()) {
        return std::optional<qint64>(nowMs);
    }
    if (q.value(1).isNull()) {
        return std::optional<qint64>();
    }
    return std::optional<qint64>(q.value(1).toLongLong());
}

Result<qint64> Outbox::claimable(qint64 campaignId, qint64 nowMs, qint64 limit)
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM outbox WHERE campaign_id = ? AND state = 0"
                             " UNION ALL SELECT 1 FROM outbox WHERE campaign_id = ? AND state = 4"
                             " AND next_attempt_at <= ? LIMIT ?)"));
    q.addBindValue(campaignId);
    q.addBindValue(campaignId);
    q.addBindValue(nowMs);
    q.addBindValue(limit);
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox"));
    }
    return q.value(0).toLongLong();
}
