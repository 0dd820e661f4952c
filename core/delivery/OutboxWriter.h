#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

// The one thread that writes delivery state. Workers hand it small jobs (claim these rows,
// that one was sent); it runs every job waiting at that moment in one transaction and commits
// once: a group commit. Jobs nobody waits for yet (outcomes) gather for up to kGatherMs or
// kGatherJobs before that commit, so a thousand messages a second cost a few dozen commits. One writer means delivery
// never fights itself for SQLite's write lock, and a busy workspace (an import in the window) only delays it: a
// transaction that cannot begin is retried until it can, never failed as "database is locked".
//
// Commits use synchronous=NORMAL (WAL, no fsync: a killed process loses nothing committed). A
// job posted as Durable makes its commit synchronous=FULL, which also makes every earlier
// commit durable: claims are durable, so a power cut can lose only marks made since the last
// claim.
class OutboxWriter
{
public:
    using Job = std::function<Status(QSqlDatabase)>;
    enum class Durability { Normal, Durable };
    static constexpr int kGatherMs = 20;
    static constexpr int kGatherJobs = 256;

    // Opens its own connection to the workspace in its own thread.
    static Result<std::unique_ptr<OutboxWriter>> start(const QString& workspacePath);
    ~OutboxWriter(); // runs what is queued, then stops

    OutboxWriter(const OutboxWriter&) = delete;
    OutboxWriter& operator=(const OutboxWriter&) = delete;

    // A job handed over with submit(), to wait for with wait().
    struct Ticket;
    using Handle = std::shared_ptr<Ticket>;

    // Queues the job for the next transaction (inside its own savepoint: a failing job undoes
    // only its own work), which begins at once, and returns; wait() gives its status once
    // committed.
    Handle submit(Job job, Durability durability = Durability::Normal);
    // Like submit(), but the transaction may gather other jobs first (up to kGatherMs).
    Handle submitLater(Job job);
    // Blocks until the job's transaction is committed: the job's status or the commit's error.
    // A job submitted later is committed without further gathering.
    Status wait(const Handle& handle);
    // submit() and wait().
    Status run(Job job, Durability durability = Durability::Normal);
    // Queues the job like submitLater() without a handle. A failure is kept and returned by
    // error() (and by the next run() of any thread: delivery stops on it).
    void post(Job job);
    // The first failure of a posted job or of a commit, if any.
    Status error() const;

private:
    struct Private;
    explicit OutboxWriter(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};
