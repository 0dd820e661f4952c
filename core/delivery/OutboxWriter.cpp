#include "core/delivery/OutboxWriter.h"

#include "core/storage/Connection.h"
#include "core/storage/SqlError.h"
#include "core/storage/SqliteStatement.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

struct OutboxWriter::Ticket
{
    std::mutex mutex;
    std::condition_variable done;
    std::optional<Status> status;

    void finish(const Status& s)
    {
        {
            std::lock_guard<std::mutex> lock(mutex);
            status = s;
        }
        done.notify_all();
    }
};

namespace {

struct Pending
{
    OutboxWriter::Job job;
    OutboxWriter::Durability durability;
    OutboxWriter::Handle ticket; // null for post()
};

constexpr int kBusyRetryMs = 50;

// The statements every transaction runs, prepared once: parsing them again for every message
// cost more than the work of some jobs.
struct Control
{
    std::unique_ptr<SqliteStatement> begin, commit, rollback, savepoint, release, rollbackTo, full, normal;

    Status prepare(QSqlDatabase db)
    {
        const std::pair<std::unique_ptr<SqliteStatement>*, const char*> all[] = {
            {&begin, "BEGIN IMMEDIATE"},
            {&commit, "COMMIT"},
            {&rollback, "ROLLBACK"},
            {&savepoint, "SAVEPOINT job"},
            {&release, "RELEASE job"},
            {&rollbackTo, "ROLLBACK TO job"},
            {&full, "PRAGMA synchronous = FULL"},
            {&normal, "PRAGMA synchronous = NORMAL"},
        };
        for (const auto& [statement, sql] : all) {
            auto prepared = SqliteStatement::prepare(db, QString::fromLatin1(sql),
                                                     QT_TRANSLATE_NOOP("SqlError", "record delivery in the outbox"));
            if (!prepared) {
                return prepared.error();
            }
            *statement = std::move(prepared).value();
        }
        return Ok{};
    }

    static Status run(SqliteStatement& statement)
    {
        auto stepped = statement.step();
        statement.reset();
        return stepped ? Status{} : Status{stepped.error()};
    }
};

} // namespace

struct OutboxWriter::Private
{
    QString path;
    std::unique_ptr<QThread> thread;

    mutable std::mutex mutex;
    std::condition_variable wake;
    std::deque<Pending> queue;
    bool stopping = false;
    bool hurry = false; // someone waits for what is queued

    // After queueing a job nobody waits for yet, under the mutex: whether the writer must be
    // woken. Only the first job ends its idle wait and only a full gathering its gathering
    // wait; waking it for every job cost a context switch a message.
    bool mustWake() const { return queue.size() == 1 || queue.size() >= size_t(OutboxWriter::kGatherJobs); }
    Status firstError;

    // Thread side.
    void loop(const Handle& opened);
    void runBatch(Control& control, QSqlDatabase db, std::deque<Pending>& batch, bool& full);
    void fail(const Status& status)
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (firstError) {
            firstError = status;
        }
    }
};

Result<std::unique_ptr<OutboxWriter>> OutboxWriter::start(const QString& workspacePath)
{
    auto d = std::make_unique<Private>();
    d->path = workspacePath;
    auto opened = std::make_shared<Ticket>();
    Private* raw = d.get();
    d->thread.reset(QThread::create([raw, opened] { raw->loop(opened); }));
    d->thread->setObjectName(QStringLiteral("OutboxWriter"));
    d->thread->start();
    {
        std::unique_lock<std::mutex> lock(opened->mutex);
        opened->done.wait(lock, [&] { return opened->status.has_value(); });
    }
    if (!*opened->status) {
        d->thread->wait();
        return opened->status->error();
    }
    return std::unique_ptr<OutboxWriter>(new OutboxWriter(std::move(d)));
}

OutboxWriter::OutboxWriter(std::unique_ptr<Private> dd)
    : d(std::move(dd))
{}

OutboxWriter::~OutboxWriter()
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_all();
    d->thread->wait();
}

OutboxWriter::Handle OutboxWriter::submit(Job job, Durability durability)
{
    auto ticket = std::make_shared<Ticket>();
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        if (!d->firstError) {
            ticket->finish(d->firstError);
            return ticket;
        }
        d->queue.push_back(Pending{std::move(job), durability, ticket});
        d->hurry = true;
    }
    d->wake.notify_all();
    return ticket;
}

OutboxWriter::Handle OutboxWriter::submitLater(Job job)
{
    auto ticket = std::make_shared<Ticket>();
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        if (!d->firstError) {
            ticket->finish(d->firstError);
            return ticket;
        }
        d->queue.push_back(Pending{std::move(job), Durability::Normal, ticket});
        if (!d->mustWake()) {
            return ticket; // the writer is gathering and wakes by itself
        }
    }
    d->wake.notify_all();
    return ticket;
}

Status OutboxWriter::wait(const Handle& ticket)
{
    {
        std::lock_guard<std::mutex> lock(ticket->mutex);
        if (ticket->status) {
            return *ticket->status;
        }
    }
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->hurry = true;
    }
    d->wake.notify_all();
    std::unique_lock<std::mutex> lock(ticket->mutex);
    ticket->done.wait(lock, [&] { return ticket->status.has_value(); });
    return *ticket->status;
}

Status OutboxWriter::run(Job job, Durability durability)
{
    return wait(submit(std::move(job), durability));
}

void OutboxWriter::post(Job job)
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->queue.push_back(Pending{std::move(job), Durability::Normal, nullptr});
        if (!d->mustWake()) {
            return;
        }
    }
    d->wake.notify_all();
}

Status OutboxWriter::error() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->firstError;
}

void OutboxWriter::Private::loop(const Handle& opened)
{
    auto connection = Connection::open(path);
    if (!connection) {
        opened->finish(connection.error());
        return;
    }
    QSqlDatabase db = connection->database();
    Control control;
    if (Status s = control.prepare(db); !s) {
        opened->finish(s);
        return;
    }
    opened->finish(Status{});
    bool full = false;
    for (;;) {
        std::deque<Pending> batch;
        {
            std::unique_lock<std::mutex> lock(mutex);
            wake.wait(lock, [&] { return stopping || !queue.empty(); });
            if (queue.empty()) {
                break; // stopping, and everything queued has run
            }
            // What nobody waits for gathers: one commit for many outcomes.
            wake.wait_for(lock, std::chrono::milliseconds(OutboxWriter::kGatherMs),
                          [&] { return stopping || hurry || queue.size() >= size_t(OutboxWriter::kGatherJobs); });
            hurry = false;
            batch.swap(queue);
        }
        runBatch(control, db, batch, full);
    }
}

void OutboxWriter::Private::runBatch(Control& control, QSqlDatabase db, std::deque<Pending>& batch, bool& full)
{
    const bool durable =
        std::any_of(batch.begin(), batch.end(), [](const Pending& p) { return p.durability == Durability::Durable; });
    if (durable != full) {
        // Between transactions only: synchronous applies to the next commit.
        (void)Control::run(durable ? *control.full : *control.normal);
        full = durable;
    }
    // BEGIN IMMEDIATE waits on the connection's busy timeout; someone else holding the write
    // lock for longer (a big import) only delays delivery.
    for (;;) {
        const Status begun = Control::run(*control.begin);
        if (begun) {
            break;
        }
        if (begun.error().code != ErrorCode::WorkspaceLocked) {
            fail(begun);
            for (Pending& p : batch) {
                if (p.ticket) {
                    p.ticket->finish(begun);
                }
            }
            return;
        }
        QThread::msleep(kBusyRetryMs);
    }
    std::vector<Status> results;
    results.reserve(batch.size());
    for (Pending& p : batch) {
        (void)Control::run(*control.savepoint);
        Status s = p.job(db);
        if (!s) {
            (void)Control::run(*control.rollbackTo);
        }
        (void)Control::run(*control.release);
        results.push_back(s);
    }
    Status committed = Control::run(*control.commit);
    if (!committed) {
        (void)Control::run(*control.rollback);
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Status& s = committed ? results[i] : committed;
        if (batch[i].ticket) {
            batch[i].ticket->finish(s);
        } else if (!s) {
            fail(s);
        }
    }
}
