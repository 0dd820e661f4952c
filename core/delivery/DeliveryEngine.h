#pragma once

#include "core/Result.h"
#include "core/campaigns/CampaignRenderer.h"
#include "core/smtp/SmtpSettings.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class Clock;
class Vault;

struct DeliveryOptions
{
    // Rows a worker claims at once. Each claim is one fsync (a durable commit, ~5 ms here); a
    // power cut can leave up to this many rows per open connection unknown.
    int claimBatch = 100;
    // A worker whose account has no quota left for now keeps its SMTP session open and waits
    // when more frees within this time; else it closes the session and the dispatcher starts a
    // new one later.
    int keepAliveMs = 20'000;
    // How often the dispatcher looks for due work (campaigns started, paused, quota freed).
    int tickMs = 200;
    // How long an account rests after its server could not be reached or refused the login.
    int connectFailureCoolMs = 60'000;
    int authFailureCoolMs = 15 * 60'000;
    // Per-stage SMTP timeouts for every session instead of RFC 5321's (minutes long).
    std::optional<SmtpTimeouts> timeouts;
    CampaignRenderer::Options render;
};

// What the engine is doing, for the window and the command line.
struct DeliveryActivity
{
    int openSessions = 0;
    // Nothing can be sent now; when set, the time (ms since the epoch) it will try again:
    // quota frees, a deferred retry is due, a scheduled campaign starts, an account's rest ends.
    bool idle = false;
    std::optional<qint64> resumeAt;
    QString lastProblem; // the latest account that could not connect or log in, and why
};

// Delivers every campaign that is sending, over SMTP, within each account's limits: a
// dispatcher thread decides which account may open another session; a QThreadPool worker per
// session claims rows, renders, sends and records each outcome through the OutboxWriter. See
// docs/architecture.md, "Delivery: the engine", for the crash rules it keeps.
//
// One engine per workspace, in the process that holds the workspace (the window, or
// `mailroom-cli campaign send --wait` / `run --due`). Pause, resume, cancel and new campaigns
// are read from the database on every tick, so whoever changes them only calls wake().
class DeliveryEngine : public QObject
{
    Q_OBJECT

public:
    // Call in main(), before the application object exists. Worker threads run no event loop
    // (their sockets wait with waitFor*), yet each creates an event dispatcher for its socket:
    // glib's woke its thread twice for every socket write, ~5 % of a message's CPU. This makes
    // threads other than the main one use Qt's own dispatcher (QT_NO_THREADED_GLIB); the main
    // thread keeps glib's.
    static void prepareProcess();

    // Recovers what a previous run left in the outbox, then starts delivering. The vault
    // supplies account passwords and DKIM keys; the clock is the time quotas and schedules
    // follow.
    static Result<std::unique_ptr<DeliveryEngine>> start(const QString& workspacePath, const Vault& vault,
                                                         const Clock& clock, const DeliveryOptions& options = {});
    // Within about 100 ms: a session waiting for its server drops the connection (a message whose
    // dot was written is then in doubt); rows claimed and not sent go back to the queue.
    ~DeliveryEngine() override;

    // Look again now (a campaign started, paused or resumed; the test clock moved).
    void wake();

    DeliveryActivity activity() const;
    // The first error that stopped delivery (the workspace could not be written), if any.
    Status error() const;

    // Blocks until nothing can be sent now (done, or waiting for quota, a retry or a schedule),
    // calling `progress` about twice a second; returns early with Cancelled when it returns false.
    Result<DeliveryActivity> waitUntilIdle(const std::function<bool()>& progress = {});

Q_SIGNALS:
    // Something in the outbox changed; at most ten times a second.
    void changed();
    void campaignFinished(qint64 campaignId);
    // An account could not connect or log in (it rests and is tried again), or delivery stopped.
    void problem(const QString& message);

private:
    struct Private;
    explicit DeliveryEngine(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};
