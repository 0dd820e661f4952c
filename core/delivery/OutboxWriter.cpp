#include "core/delivery/OutboxWriter.h"

#include "core/storage/Connection.h"
#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace {

struct Ticket
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

struct Pending
{
    OutboxWriter::Job job;
    OutboxWriter::Durability durability;
    std::shared_ptr<Ticket> ticket; // null for post()
};

constexpr int kBusyRetryMs = 50;

} // namespace

struct OutboxWriter::Private
{
    QString path;
    std::unique_ptr<QThread> thread;

    mutable std::mutex mutex;
    std::condition_variable wake;
    std::deque<Pending> queue;
    bool stopping = false;
    Status firstError;

    // Thread side.
    void loop(const std::shared_ptr<Ticket>& opened);
    void runBatch(QSqlDatabase db, std::deque<Pending>& batch, bool& full);
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

Status OutboxWriter::run(Job job, Durability durability)
{
    auto ticket = std::make_shared<Ticket>();
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        if (!d->firstError) {
            return d->firstError;
        }
        d->queue.push_back(Pending{std::move(job), durability, ticket});
    }
    d->wake.notify_all();
    std::unique_lock<std::mutex> lock(ticket->mutex);
    ticket->done.wait(lock, [&] { return ticket->status.has_value(); });
    return *ticket->status;
}

void OutboxWriter::post(Job job)
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->queue.push_back(Pending{std::move(job), Durability::Normal, nullptr});
    }
    d->wake.notify_all();
}

Status OutboxWriter::error() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->firstError;
}

void OutboxWriter::Private::loop(const std::shared_ptr<Ticket>& opened)
{
    auto connection = Connection::open(path);
    if (!connection) {
        opened->finish(connection.error());
        return;
    }
    opened->finish(Status{});
    QSqlDatabase db = connection->database();
    bool full = false;
    for (;;) {
        std::deque<Pending> batch;
        {
            std::unique_lock<std::mutex> lock(mutex);
            wake.wait(lock, [&] { return stopping || !queue.empty(); });
            if (queue.empty()) {
                break; // stopping, and everything queued has run
            }
            batch.swap(queue);
        }
        runBatch(db, batch, full);
    }
}

void OutboxWriter::Private::runBatch(QSqlDatabase db, std::deque<Pending>& batch, bool& full)
{
    const bool durable =
        std::any_of(batch.begin(), batch.end(), [](const Pending& p) { return p.durability == Durability::Durable; });
    QSqlQuery q(db);
    if (durable != full) {
        // Between transactions only: synchronous applies to the next commit.
        q.exec(durable ? QStringLiteral("PRAGMA synchronous = FULL") : QStringLiteral("PRAGMA synchronous = NORMAL"));
        full = durable;
    }
    // BEGIN IMMEDIATE waits on the connection's busy timeout; someone else holding the write
    // lock for longer (a big import) only delays delivery.
    while (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        if (q.lastError().nativeErrorCode() != QLatin1String("5") /* SQLITE_BUSY */) {
            const Status failed = sqlError(q, QT_TRANSLATE_NOOP("SqlError", "record delivery in the outbox"));
            fail(failed);
            for (Pending& p : batch) {
                if (p.ticket) {
                    p.ticket->finish(failed);
                }
            }
            return;
        }
        QThread::msleep(kBusyRetryMs);
    }
    std::vector<Status> results;
    results.reserve(batch.size());
    for (Pending& p : batch) {
        q.exec(QStringLiteral("SAVEPOINT job"));
        Status s = p.job(db);
        if (!s) {
            q.exec(QStringLiteral("ROLLBACK TO job"));
        }
        q.exec(QStringLiteral("RELEASE job"));
        results.push_back(s);
    }
    Status committed;
    if (!q.exec(QStringLiteral("COMMIT"))) {
        committed = sqlError(q, QT_TRANSLATE_NOOP("SqlError", "record delivery in the outbox"));
        q.exec(QStringLiteral("ROLLBACK"));
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
