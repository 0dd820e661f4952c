#include "core/delivery/DeliveryEngine.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/contacts/ContactRepository.h"
#include "core/delivery/AccountRepository.h"
#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/DeliveryJournal.h"
#include "core/delivery/Outbox.h"
#include "core/delivery/OutboxWriter.h"
#include "core/delivery/QuotaLedger.h"
#include "core/delivery/ReplyPolicy.h"
#include "core/security/Vault.h"
#include "core/smtp/SmtpSession.h"
#include "core/storage/Connection.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QRunnable>
#include <QScopeGuard>
#include <QSet>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace {

constexpr qint64 kRenderRetryMs = 30'000;

// A campaign's renderer for the accounts signing with one DKIM key (0: the From domain's).
using RendererKey = std::pair<qint64, qint64>;

// What a worker got from one claim.
struct Claimed
{
    qint64 campaignId = 0;
    QVector<OutboxClaim> rows;
    // Nothing claimed because the account's quota is spent for now: when more frees.
    std::optional<qint64> quotaAt;
};

DeliveryAttempt attemptFrom(const SmtpSendResult& result, const OutboxClaim& row)
{
    DeliveryAttempt attempt;
    switch (result.stage) {
    case SmtpSendResult::Stage::Connection:
        attempt.stage = DeliveryAttempt::Stage::Connection;
        break;
    case SmtpSendResult::Stage::Mail:
        attempt.stage = DeliveryAttempt::Stage::Mail;
        break;
    case SmtpSendResult::Stage::Rcpt:
        attempt.stage = DeliveryAttempt::Stage::Rcpt;
        break;
    case SmtpSendResult::Stage::Data:
        attempt.stage = DeliveryAttempt::Stage::Data;
        break;
    case SmtpSendResult::Stage::Body:
        attempt.stage = DeliveryAttempt::Stage::Body;
        break;
    }
    attempt.dotSent = result.dotSent;
    if (result.reply) {
        attempt.code = result.reply->code();
        attempt.enhancedCode = result.reply->enhancedStatus();
        attempt.text = result.reply->text();
    }
    switch (result.failure) {
    case SmtpFailure::None:
    case SmtpFailure::Rejected:
        attempt.failure = DeliveryAttempt::Failure::None;
        break;
    case SmtpFailure::Network:
        attempt.failure = DeliveryAttempt::Failure::Network;
        break;
    case SmtpFailure::Timeout:
        attempt.failure = DeliveryAttempt::Failure::Timeout;
        break;
    case SmtpFailure::MessageTooBig:
    case SmtpFailure::NeedsEightBitMime:
    case SmtpFailure::NeedsSmtpUtf8:
    case SmtpFailure::InvalidAddress:
        attempt.failure = DeliveryAttempt::Failure::Unsendable;
        break;
    default:
        attempt.failure = DeliveryAttempt::Failure::Other;
        break;
    }
    attempt.error = result.error;
    attempt.attempts = row.attempts;
    attempt.requeues = row.requeues;
    attempt.queuedAt = row.queuedAt;
    return attempt;
}

} // namespace

struct DeliveryEngine::Private
{
    QString path;
    const Clock& clock;
    DeliveryOptions options;
    QString bootId;
    std::unique_ptr<OutboxWriter> writer;
    std::unique_ptr<DeliveryJournal> journal;
    // Used only inside writer jobs (the writer's thread and connection).
    std::unique_ptr<Outbox> writerOutbox;

    std::unique_ptr<QThread> dispatcher;
    QThreadPool pool;

    mutable std::mutex mutex;
    std::condition_variable wakeDispatcher;
    std::condition_variable wakeWorkers; // a worker waiting for quota, or for the engine to stop
    bool stopping = false;
    // The same, read by SMTP sessions while they wait for a server: they drop the connection.
    std::atomic<bool> stopNow{false};
    bool woken = false;
    Status failure;
    DeliveryActivity activity;
    // Campaigns being sent and the renderer each one's rows go through (shared with workers).
    std::map<RendererKey, std::shared_ptr<const CampaignRenderer>> renderers;
    // Per account: the campaigns it may claim from now, and its open sessions.
    QHash<qint64, QVector<qint64>> campaignsOf;
    QHash<qint64, int> sessionsOf;
    // Fewer sessions than the account allows, after its server said "too many connections".
    QHash<qint64, int> sessionCap;
    ReplyPolicy policy;
    // Dispatcher only: campaigns whose renderer could not be prepared, and until when not to try.
    QHash<qint64, qint64> unrenderableUntil;
    // Dispatcher only: the campaigns.updated_at each campaign's renderers were prepared from.
    QHash<qint64, QString> renderedVersion;
    int sessions = 0;
    std::atomic<bool> dirty{false};

    Private(const QString& p, const Clock& c, const DeliveryOptions& o)
        : path(p)
        , clock(c)
        , options(o)
    {}

    Outbox& outboxOn(QSqlDatabase db)
    {
        if (!writerOutbox) {
            writerOutbox = std::make_unique<Outbox>(db);
        }
        return *writerOutbox;
    }

    bool isStopping() const
    {
        std::lock_guard<std::mutex> lock(mutex);
        return stopping;
    }
    bool campaignActive(qint64 campaignId) const
    {
        std::lock_guard<std::mutex> lock(mutex);
        const auto it = renderers.lower_bound(RendererKey{campaignId, 0});
        return !stopping && it != renderers.end() && it->first.first == campaignId;
    }
    std::shared_ptr<const CampaignRenderer> rendererFor(qint64 campaignId, qint64 dkimKeyId) const
    {
        std::lock_guard<std::mutex> lock(mutex);
        const auto it = renderers.find(RendererKey{campaignId, dkimKeyId});
        return it == renderers.end() ? nullptr : it->second;
    }
    void fail(const Status& status)
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (failure) {
            failure = status;
        }
    }
    // Says it once: the dispatcher meets the same problem on every tick until it is fixed.
    void report(DeliveryEngine* engine, const QString& message)
    {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (activity.lastProblem == message) {
                return;
            }
            activity.lastProblem = message;
        }
        Q_EMIT engine->problem(message);
    }

    // Worker side.
    Claimed claim(const Account& account);
    void sendFrom(const Account& account, const SmtpSettings& settings, DeliveryEngine* engine);
    void release(qint64 campaignId, const QVector<OutboxClaim>& rows, int from);
    void waitUntil(qint64 atMs);

    // Dispatcher side.
    void dispatch(DeliveryEngine* engine, const Vault& vault, std::promise<Status>& ready);
    qint64 tick(QSqlDatabase db, const Vault& vault, DeliveryEngine* engine, std::optional<qint64>& resumeAt);
};

Claimed DeliveryEngine::Private::claim(const Account& account)
{
    QVector<qint64> campaigns;
    {
        std::lock_guard<std::mutex> lock(mutex);
        campaigns = campaignsOf.value(account.id);
    }
    Claimed claimed;
    const qint64 now = clock.nowMs();
    // Claims are durable (one fsync per batch): after a power cut the claim is still there
    // with its boot id, so recovery knows those rows may have gone.
    const Status s = writer->run(
        [&](QSqlDatabase db) -> Status {
            QuotaLedger quota(db);
            auto available = quota.available(account.id, now);
            if (!available) {
                return available.error();
            }
            if (available.value() <= 0) {
                auto next = quota.nextAvailableAt(account.id, now);
                if (!next) {
                    return next.error();
                }
                claimed.quotaAt = next.value();
                return Ok{};
            }
            Outbox& outbox = outboxOn(db);
            const int limit = std::min<qint64>(options.claimBatch, available.value());
            for (qint64 campaignId : campaigns) {
                auto rows = outbox.claim(campaignId, account.id, limit, now, bootId);
                if (!rows) {
                    return rows.error();
                }
                if (rows->isEmpty()) {
                    continue;
                }
                if (auto taken = quota.take(account.id, int(rows->size()), now); !taken) {
                    return taken;
                }
                // Checked again just before sending: who unsubscribed or was suppressed since.
                QVector<qint64> ids;
                for (const OutboxClaim& r : rows.value()) {
                    ids.append(r.itemId);
                }
                auto skipped = outbox.skipDisallowed(ids, now);
                if (!skipped) {
                    return skipped.error();
                }
                QSet<qint64> gone;
                for (const OutboxSkip& skip : skipped.value()) {
                    gone.insert(skip.itemId);
                }
                claimed.campaignId = campaignId;
                for (const OutboxClaim& r : rows.value()) {
                    if (!gone.contains(r.itemId)) {
                        claimed.rows.append(r);
                    }
                }
                if (!claimed.rows.isEmpty()) {
                    return Ok{};
                }
            }
            return Ok{};
        },
        OutboxWriter::Durability::Durable);
    if (!s) {
        fail(s);
        return {};
    }
    if (!claimed.rows.isEmpty()) {
        // Rotate: the next claim of this account starts with another campaign.
        std::lock_guard<std::mutex> lock(mutex);
        QVector<qint64>& order = campaignsOf[account.id];
        if (order.removeOne(claimed.campaignId)) {
            order.append(claimed.campaignId);
        }
    }
    return claimed;
}

void DeliveryEngine::Private::release(qint64 campaignId, const QVector<OutboxClaim>& rows, int from)
{
    QVector<qint64> ids;
    for (int i = from; i < rows.size(); ++i) {
        ids.append(rows[i].itemId);
    }
    if (ids.isEmpty()) {
        return;
    }
    const qint64 now = clock.nowMs();
    writer->post([this, campaignId, ids, now](QSqlDatabase db) -> Status {
        Outbox& outbox = outboxOn(db);
        auto released = outbox.release(ids, now);
        if (!released) {
            return released.error();
        }
        // Rows a worker held while the campaign was cancelled are cancelled with the rest.
        auto campaign = CampaignRepository(db).findById(campaignId);
        if (campaign && campaign->status == CampaignStatus::Cancelled) {
            auto cancelled = outbox.cancelRemaining(campaignId, now);
            if (!cancelled) {
                return cancelled.error();
            }
        }
        return Ok{};
    });
}

void DeliveryEngine::Private::waitUntil(qint64 atMs)
{
    // Real time passes in small steps so a test clock that jumps is noticed, and a stop or a
    // pause within the step.
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping && clock.nowMs() < atMs) {
        const qint64 left = atMs - clock.nowMs();
        wakeWorkers.wait_for(lock, std::chrono::milliseconds(std::min<qint64>(left, 200)));
    }
}

void DeliveryEngine::Private::sendFrom(const Account& account, const SmtpSettings& settings, DeliveryEngine* engine)
{
    auto connection = Connection::open(path, Connection::Mode::ReadOnly);
    if (!connection) {
        fail(connection.error());
        return;
    }
    ContactRepository contacts(connection->database());
    SmtpSession session(settings);
    session.setStopFlag(&stopNow);
    const QString envelopeFrom = account.fromAddress;
    // This session's lane of the journal, and per slot the commit of what the slot records: a
    // slot is written again only once the database holds its outcome.
    const std::unique_ptr<DeliveryJournal::Lane> lane = journal->takeLane();
    if (!lane) {
        fail(Error{ErrorCode::InvalidInput, tr("More than %1 sending sessions at once.").arg(DeliveryJournal::kLanes)});
        return;
    }
    std::vector<OutboxWriter::Handle> slotCommit(DeliveryJournal::kSlotsPerLane);
    const auto journalWrite = [&](const DeliveryJournal::Record& record) -> int {
        const int slot = lane->nextSlot();
        if (OutboxWriter::Handle previous = std::exchange(slotCommit[size_t(slot)], nullptr)) {
            if (const Status s = writer->wait(previous); !s) {
                fail(s);
                return -1;
            }
        }
        lane->write(record);
        return slot;
    };
    // The lane goes back only once the database holds everything it recorded.
    const auto settle = qScopeGuard([&] {
        for (const OutboxWriter::Handle& h : slotCommit) {
            if (h) {
                if (const Status s = writer->wait(h); !s) {
                    fail(s);
                }
            }
        }
    });

    while (!isStopping()) {
        Claimed claimed = claim(account);
        if (claimed.rows.isEmpty()) {
            if (claimed.quotaAt && *claimed.quotaAt - clock.nowMs() <= options.keepAliveMs) {
                waitUntil(*claimed.quotaAt);
                continue;
            }
            break;
        }
        if (!session.isOpen()) {
            const Status opened = session.open();
            if (!opened) {
                release(claimed.campaignId, claimed.rows, 0);
                const bool refused = session.lastFailure() == SmtpFailure::Auth; // the server said no
                const qint64 until =
                    clock.nowMs() + (refused ? options.authFailureCoolMs : options.connectFailureCoolMs);
                const QString why = tr("%1: %2").arg(account.name, opened.error().message);
                const qint64 accountId = account.id;
                writer->post([accountId, until, why](QSqlDatabase db) -> Status {
                    return QuotaLedger(db).coolDown(accountId, until, why);
                });
                report(engine, why);
                break;
            }
        }
        QVector<qint64> ids;
        for (const OutboxClaim& r : claimed.rows) {
            ids.append(r.contactId);
        }
        auto loaded = contacts.findByIds(ids);
        if (!loaded) {
            release(claimed.campaignId, claimed.rows, 0);
            fail(loaded.error());
            break;
        }
        QHash<qint64, const Contact*> byId;
        for (const Contact& c : loaded.value()) {
            byId.insert(c.id, &c);
        }
        const auto renderer = rendererFor(claimed.campaignId, account.dkimKeyId.value_or(0));
        // Row i's message: rendered while the server answers row i-1 (awaitingReply below).
        const auto render = [&](int i) -> std::optional<Result<RenderedMessage>> {
            const Contact* contact = byId.value(claimed.rows[i].contactId);
            if (!contact || !renderer) {
                return std::nullopt;
            }
            return renderer->render(*contact);
        };
        std::optional<Result<RenderedMessage>> next;
        bool stop = false;
        for (int i = 0; i < claimed.rows.size() && !stop; ++i) {
            const OutboxClaim& row = claimed.rows[i];
            std::optional<Result<RenderedMessage>> message = next ? std::move(next) : render(i);
            next.reset();
            if (!renderer || !campaignActive(claimed.campaignId)) {
                release(claimed.campaignId, claimed.rows, i); // paused or cancelled: within a message
                break;
            }
            const qint64 now = clock.nowMs();
            if (!message) {
                writer->post([this, row, account, now](QSqlDatabase db) -> Status {
                    return outboxOn(db).recordOutcome(row.itemId, OutboxState::Skipped, account.id,
                                                      tr("The contact was deleted."), 0, now);
                });
                continue;
            }
            if (!*message) {
                const QString why = message->error().message;
                writer->post([this, row, account, now, why](QSqlDatabase db) -> Status {
                    return outboxOn(db).recordOutcome(row.itemId, OutboxState::Failed, account.id, why, 0, now);
                });
                continue;
            }
            // Just before the final ".": from here on the message may have gone.
            int markSlot = -1;
            SmtpSendHooks hooks;
            hooks.beforeFinalDot = [&]() -> bool {
                DeliveryJournal::Record mark;
                mark.itemId = row.itemId;
                mark.attempt = row.attempts;
                mark.accountId = account.id;
                mark.at = clock.nowMs();
                markSlot = journalWrite(mark);
                return markSlot >= 0;
            };
            hooks.awaitingReply = [&] {
                if (i + 1 < claimed.rows.size()) {
                    next = render(i + 1);
                }
            };
            const SmtpSendResult result = session.send(envelopeFrom, row.email, (*message)->bytes, hooks);
            if (!result.dotSent && result.failure == SmtpFailure::Aborted) {
                // Stopping (or the mark could not be written): this one and the rest were not sent.
                release(claimed.campaignId, claimed.rows, i);
                stop = true;
                break;
            }
            const qint64 after = clock.nowMs();
            const ReplyDecision decision = policy.decide(attemptFrom(result, row), after);
            const qint64 accountId = account.id;
            OutboxWriter::Job outcome = [this, row, accountId, decision, after](QSqlDatabase db) -> Status {
                if (decision.kind == ReplyDecision::Kind::AccountLimit) {
                    if (auto s = QuotaLedger(db).coolDown(accountId, decision.coolUntil, decision.reply); !s) {
                        return s;
                    }
                }
                return outboxOn(db).recordOutcome(row.itemId, decision.rowState, accountId, decision.reply,
                                                  decision.retryAt, after);
            };
            if (markSlot >= 0) {
                // The outcome goes to the journal first: a kill before the writer commits it
                // loses nothing.
                DeliveryJournal::Record settled;
                settled.itemId = row.itemId;
                settled.attempt = row.attempts;
                settled.accountId = accountId;
                settled.at = after;
                settled.outcome = decision.rowState;
                settled.retryAt = decision.retryAt;
                settled.reply = decision.reply;
                const int outcomeSlot = journalWrite(settled);
                if (outcomeSlot < 0) {
                    stop = true;
                    break;
                }
                const OutboxWriter::Handle committed = writer->submitLater(std::move(outcome));
                slotCommit[size_t(markSlot)] = committed;
                slotCommit[size_t(outcomeSlot)] = committed;
            } else {
                writer->post(std::move(outcome));
            }
            dirty = true;
            if (decision.kind == ReplyDecision::Kind::AccountLimit) {
                const QString why = tr("%1: %2").arg(account.name, decision.reply);
                report(engine, why);
                if (decision.fewerConnections) {
                    std::lock_guard<std::mutex> lock(mutex);
                    const int open = sessionsOf.value(account.id);
                    sessionCap[account.id] = std::max(1, open - 1);
                }
                release(claimed.campaignId, claimed.rows, i + 1);
                stop = true;
            } else if (!result.sessionUsable()) {
                session.abort();
                if (i + 1 < claimed.rows.size()) {
                    if (!session.open()) {
                        release(claimed.campaignId, claimed.rows, i + 1);
                        stop = true;
                    }
                }
            }
        }
        if (stop) {
            break;
        }
    }
    session.quit();
}

void DeliveryEngine::Private::dispatch(DeliveryEngine* engine, const Vault& vault, std::promise<Status>& ready)
{
    auto connection = Connection::open(path);
    if (!connection) {
        ready.set_value(connection.error());
        return;
    }
    QSqlDatabase db = connection->database();
    auto ownVault = vault.openOn(db);
    if (!ownVault) {
        ready.set_value(ownVault.error());
        return;
    }
    ready.set_value(Ok{});
    for (;;) {
        std::optional<qint64> resumeAt;
        const qint64 started = tick(db, ownVault.value(), engine, resumeAt);
        std::unique_lock<std::mutex> lock(mutex);
        activity.openSessions = sessions;
        activity.idle = sessions == 0 && started == 0;
        activity.resumeAt = resumeAt;
        if (stopping) {
            break;
        }
        wakeDispatcher.wait_for(lock, std::chrono::milliseconds(options.tickMs), [&] { return stopping || woken; });
        woken = false;
    }
}

qint64 DeliveryEngine::Private::tick(QSqlDatabase db, const Vault& vault, DeliveryEngine* engine,
                                     std::optional<qint64>& resumeAt)
{
    const qint64 now = clock.nowMs();
    const auto later = [&resumeAt](qint64 at) {
        if (!resumeAt || at < *resumeAt) {
            resumeAt = at;
        }
    };
    auto dueCampaigns = CampaignDelivery::dueCampaigns(db, now);
    if (!dueCampaigns) {
        fail(dueCampaigns.error());
        return 0;
    }
    CampaignRepository campaigns(db);
    Outbox outbox(db);
    QuotaLedger quota(db);
    AccountRepository accounts(db);
    auto accountList = accounts.list();
    if (!accountList) {
        fail(accountList.error());
        return 0;
    }
    QHash<qint64, Account> accountsById;
    for (const Account& a : accountList.value()) {
        accountsById.insert(a.id, a);
    }
    std::map<RendererKey, std::shared_ptr<const CampaignRenderer>> renderers;
    QHash<qint64, QVector<qint64>> campaignsOf; // per account: the campaigns it may claim from now
    QSqlQuery version(db);
    version.prepare(QStringLiteral("SELECT updated_at FROM campaigns WHERE id = ?"));
    for (const DueCampaign& dueCampaign : dueCampaigns.value()) {
        if (dueCampaign.status == CampaignStatus::Scheduled) {
            // Its time has come: the audience is snapshotted now.
            auto started = CampaignDelivery::start(db, dueCampaign.id, vault, now, options.render);
            if (!started) {
                const QString why = tr("A scheduled campaign could not start: %1").arg(started.error().message);
                report(engine, why);
                continue;
            }
            dirty = true;
        }
        auto next = outbox.nextDueAt(dueCampaign.id, now);
        if (!next) {
            fail(next.error());
            return 0;
        }
        if (!next->has_value()) {
            // Nothing left to claim: done once nothing is in flight either.
            auto finished = CampaignDelivery::finishIfDone(db, dueCampaign.id, now);
            if (finished && finished.value()) {
                Q_EMIT engine->campaignFinished(dueCampaign.id);
                dirty = true;
            }
            continue;
        }
        auto allowed = quota.accountsFor(dueCampaign.id);
        if (!allowed) {
            fail(allowed.error());
            return 0;
        }
        // A campaign edited while it sends: the recipients still to go get the saved version.
        version.bindValue(0, dueCampaign.id);
        const QString savedAt = version.exec() && version.next() ? version.value(0).toString() : QString();
        const bool edited = renderedVersion.value(dueCampaign.id) != savedAt;
        // A renderer per DKIM key the campaign's accounts sign with (most often just one).
        bool ready = true;
        for (qint64 accountId : allowed.value()) {
            const qint64 keyId = accountsById.value(accountId).dkimKeyId.value_or(0);
            const RendererKey key{dueCampaign.id, keyId};
            if (renderers.count(key)) {
                continue;
            }
            std::shared_ptr<const CampaignRenderer> renderer = edited ? nullptr : rendererFor(dueCampaign.id, keyId);
            if (!renderer && unrenderableUntil.value(dueCampaign.id) > now) {
                ready = false; // failed a moment ago; try again in a while, not on every tick
                break;
            }
            if (!renderer) {
                auto campaign = campaigns.findById(dueCampaign.id);
                if (!campaign) {
                    ready = false; // deleted meanwhile
                    break;
                }
                CampaignRenderer::Options renderOptions = options.render;
                if (keyId) {
                    renderOptions.dkimKeyId = keyId;
                }
                auto prepared = CampaignRenderer::prepare(db, campaign.value(), vault, renderOptions);
                if (!prepared) {
                    const QString why =
                        tr("Campaign “%1” cannot be rendered: %2").arg(campaign->name, prepared.error().message);
                    report(engine, why);
                    unrenderableUntil[dueCampaign.id] = now + kRenderRetryMs;
                    ready = false;
                    break;
                }
                renderer = std::make_shared<const CampaignRenderer>(std::move(prepared).value());
            }
            renderers[key] = renderer;
        }
        if (!ready) {
            continue;
        }
        renderedVersion[dueCampaign.id] = savedAt;
        if (**next > now) {
            later(**next); // a deferred retry
            continue;
        }
        for (qint64 accountId : allowed.value()) {
            campaignsOf[accountId].append(dueCampaign.id);
        }
    }

    {
        std::lock_guard<std::mutex> lock(mutex);
        this->renderers.swap(renderers);
        // Keep each account's rotation where it is, for the campaigns still due.
        for (auto it = campaignsOf.begin(); it != campaignsOf.end(); ++it) {
            QVector<qint64> order;
            for (qint64 id : this->campaignsOf.value(it.key())) {
                if (it.value().contains(id)) {
                    order.append(id);
                }
            }
            for (qint64 id : it.value()) {
                if (!order.contains(id)) {
                    order.append(id);
                }
            }
            it.value() = order;
        }
        this->campaignsOf = campaignsOf;
    }
    wakeWorkers.notify_all(); // a worker waiting for quota of a paused campaign stops waiting

    qint64 opened = 0;
    for (auto it = campaignsOf.cbegin(); it != campaignsOf.cend(); ++it) {
        const auto account = accountsById.constFind(it.key());
        if (account == accountsById.cend()) {
            continue; // deleted meanwhile
        }
        int open = 0;
        int cap = account->connections;
        {
            std::lock_guard<std::mutex> lock(mutex);
            open = sessionsOf.value(account->id);
            cap = std::min(cap, sessionCap.value(account->id, cap));
        }
        if (open >= cap) {
            continue;
        }
        auto available = quota.available(account->id, now);
        if (!available) {
            fail(available.error());
            return opened;
        }
        if (available.value() <= 0) {
            if (open == 0) {
                auto next = quota.nextAvailableAt(account->id, now);
                if (next) {
                    later(next.value());
                }
            }
            continue;
        }
        // One more session for every claim batch of work the quota lets through, up to the cap:
        // a big campaign opens them all at once, a small one or a slow rate only what it needs.
        const qint64 wanted = qint64(cap - open) * options.claimBatch;
        qint64 due = 0;
        for (qint64 campaignId : it.value()) {
            auto rows = outbox.claimable(campaignId, now, wanted - due);
            if (!rows) {
                fail(rows.error());
                return opened;
            }
            due += rows.value();
            if (due >= wanted) {
                break;
            }
        }
        // available() already leaves out what the open sessions hold. A first session opens for
        // any work; another only for a whole batch the open ones are not about to take.
        const qint64 work = std::min<qint64>(due, available.value());
        const qint64 batches =
            open == 0 ? (work + options.claimBatch - 1) / options.claimBatch : work / options.claimBatch;
        const int more = int(std::min<qint64>(cap - open, batches));
        if (more <= 0) {
            continue; // the open sessions can take what is left
        }
        auto settings = accounts.smtpSettings(account.value(), vault);
        if (!settings) {
            const QString why = tr("%1: %2").arg(account->name, settings.error().message);
            report(engine, why);
            continue;
        }
        const Account a = account.value();
        SmtpSettings s = settings.value();
        if (options.timeouts) {
            s.timeouts = *options.timeouts;
        }
        for (int i = 0; i < more; ++i) {
            {
                std::lock_guard<std::mutex> lock(mutex);
                ++sessionsOf[account->id];
                ++sessions;
            }
            ++opened;
            pool.start([this, a, s, engine] {
                sendFrom(a, s, engine);
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    --sessionsOf[a.id];
                    --sessions;
                    woken = true;
                }
                dirty = true;
                wakeDispatcher.notify_all();
            });
        }
    }
    return opened;
}

void DeliveryEngine::prepareProcess()
{
    qputenv("QT_NO_THREADED_GLIB", "1");
}

Result<std::unique_ptr<DeliveryEngine>> DeliveryEngine::start(const QString& workspacePath, const Vault& vault,
                                                              const Clock& clock, const DeliveryOptions& options)
{
    auto d = std::make_unique<Private>(workspacePath, clock, options);
    d->bootId = Outbox::currentBootId();
    auto writer = OutboxWriter::start(workspacePath);
    if (!writer) {
        return writer.error();
    }
    d->writer = std::move(writer).value();
    Private* p = d.get();
    // What a previous run left: the outcomes its journal kept; in doubt -> unknown; claimed but
    // not sent -> queued again. Durable before the old journal is replaced.
    const QString journalPath = DeliveryJournal::pathFor(workspacePath);
    auto left = DeliveryJournal::read(journalPath);
    if (!left) {
        return left.error();
    }
    const Status recovered = d->writer->run(
        [p, &left](QSqlDatabase db) -> Status {
            auto r = p->outboxOn(db).recover(p->bootId, left.value(), p->clock.nowMs());
            return r ? Status{} : Status{r.error()};
        },
        OutboxWriter::Durability::Durable);
    if (!recovered) {
        return recovered.error();
    }
    auto journal = DeliveryJournal::create(journalPath);
    if (!journal) {
        return journal.error();
    }
    d->journal = std::move(journal).value();
    d->pool.setMaxThreadCount(64);
    std::unique_ptr<DeliveryEngine> engine(new DeliveryEngine(std::move(d)));
    DeliveryEngine* e = engine.get();
    // The dispatcher opens its own connection and its own handle on the vault before start()
    // returns: the caller's vault is only borrowed until then.
    auto ready = std::make_shared<std::promise<Status>>();
    std::future<Status> opened = ready->get_future();
    e->d->dispatcher.reset(QThread::create([e, &vault, ready] { e->d->dispatch(e, vault, *ready); }));
    e->d->dispatcher->setObjectName(QStringLiteral("DeliveryDispatcher"));
    e->d->dispatcher->start();
    if (const Status s = opened.get(); !s) {
        e->d->dispatcher->wait();
        e->d->dispatcher.reset();
        return s.error();
    }
    auto* timer = new QTimer(e);
    timer->setInterval(100);
    QObject::connect(timer, &QTimer::timeout, e, [e] {
        if (e->d->dirty.exchange(false)) {
            Q_EMIT e->changed();
        }
    });
    timer->start();
    return engine;
}

DeliveryEngine::DeliveryEngine(std::unique_ptr<Private> dd)
    : d(std::move(dd))
{}

DeliveryEngine::~DeliveryEngine()
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->stopping = true;
    }
    d->stopNow = true;
    d->wakeDispatcher.notify_all();
    d->wakeWorkers.notify_all();
    if (d->dispatcher) {
        d->dispatcher->wait();
    }
    d->pool.waitForDone();
    // The writer's Outbox holds prepared statements on the writer's connection.
    Private* p = d.get();
    const Status drained = d->writer->run([p](QSqlDatabase) -> Status {
        p->writerOutbox.reset();
        return Ok{};
    });
    const bool clean = drained && d->writer->error();
    d->writer.reset();
    d->journal.reset();
    if (clean) {
        // Every outcome the journal recorded is committed: nothing is left to recover.
        QFile::remove(DeliveryJournal::pathFor(d->path));
    }
}

void DeliveryEngine::wake()
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->woken = true;
    }
    d->wakeDispatcher.notify_all();
    d->wakeWorkers.notify_all();
}

DeliveryActivity DeliveryEngine::activity() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->activity;
}

Status DeliveryEngine::error() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    if (!d->failure) {
        return d->failure;
    }
    return d->writer->error();
}

Result<DeliveryActivity> DeliveryEngine::waitUntilIdle(const std::function<bool()>& progress)
{
    int idleTicks = 0;
    for (int round = 1;; ++round) {
        QThread::msleep(100);
        if (auto s = error(); !s) {
            return s.error();
        }
        const DeliveryActivity now = activity();
        // Idle twice in a row: the dispatcher looked again after the last session ended.
        idleTicks = now.idle ? idleTicks + 1 : 0;
        if (idleTicks >= 3) {
            return now;
        }
        if (progress && round % 5 == 0 && !progress()) {
            return Error{ErrorCode::Cancelled, tr("Stopped waiting.")};
        }
    }
}
