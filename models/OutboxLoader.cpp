#include "models/OutboxLoader.h"

#include "core/delivery/CampaignDelivery.h"
#include "core/storage/Connection.h"

#include <QCoreApplication>

#include <atomic>
#include <functional>
#include <optional>

// Lives in the loader's thread; its connection is opened there on first use.
struct OutboxLoader::Worker : QObject
{
    explicit Worker(QString p)
        : path(std::move(p))
    {}

    Result<QSqlDatabase> database()
    {
        if (!connection) {
            auto opened = Connection::open(path);
            if (!opened) {
                return opened.error();
            }
            connection.emplace(std::move(opened).value());
        }
        return connection->database();
    }

    QString path;
    std::optional<Connection> connection;
    std::atomic_bool stopping{false};
};

OutboxLoader::OutboxLoader(const QString& workspacePath, QObject* parent)
    : QObject(parent)
    , m_worker(new Worker(workspacePath))
{
    m_thread.setObjectName(QStringLiteral("OutboxLoader"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

OutboxLoader::~OutboxLoader()
{
    m_worker->stopping = true;
    // The connection closes in the thread that opened it, after the request running now (the
    // ones still queued see `stopping` and do nothing).
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->connection.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    // The thread has finished: nothing runs in it any more.
    delete m_worker;
}

void OutboxLoader::post(std::function<void(Worker&)> job)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, job = std::move(job)] {
            if (!worker->stopping) {
                job(*worker);
            }
        },
        Qt::QueuedConnection);
}

void OutboxLoader::loadStatus(qint64 campaignId, qint64 nowMs)
{
    post([this, campaignId, nowMs](Worker& w) {
        auto db = w.database();
        if (!db) {
            Q_EMIT statusFailed(campaignId, db.error().message);
            return;
        }
        auto status = DeliveryStatus::load(db.value(), campaignId, nowMs);
        if (!status) {
            Q_EMIT statusFailed(campaignId, status.error().message);
            return;
        }
        Q_EMIT statusLoaded(status.value());
    });
}

void OutboxLoader::loadPage(quint64 ticket, qint64 campaignId, std::optional<OutboxState> state, qint64 afterId,
                            int limit)
{
    post([this, ticket, campaignId, state, afterId, limit](Worker& w) {
        auto db = w.database();
        if (!db) {
            Q_EMIT pageFailed(ticket, db.error().message);
            return;
        }
        auto rows = Outbox(db.value()).page(campaignId, state, afterId, limit);
        if (!rows) {
            Q_EMIT pageFailed(ticket, rows.error().message);
            return;
        }
        Q_EMIT pageLoaded(ticket, rows.value());
    });
}

void OutboxLoader::loadLog(qint64 itemId)
{
    post([this, itemId](Worker& w) {
        auto db = w.database();
        if (!db) {
            return;
        }
        auto entries = Outbox(db.value()).log(itemId);
        Q_EMIT logLoaded(itemId, entries ? entries.value() : QVector<OutboxLogEntry>());
    });
}

void OutboxLoader::act(Action action, qint64 campaignId, qint64 nowMs)
{
    post([this, action, campaignId, nowMs](Worker& w) {
        auto db = w.database();
        if (!db) {
            Q_EMIT acted(action, campaignId, 0, db.error().message);
            return;
        }
        Result<qint64> done = qint64(0);
        switch (action) {
        case Action::Pause:
            if (auto s = CampaignDelivery::pause(db.value(), campaignId, nowMs); !s) {
                done = s.error();
            }
            break;
        case Action::Resume:
            if (auto s = CampaignDelivery::resume(db.value(), campaignId, nowMs); !s) {
                done = s.error();
            }
            break;
        case Action::Cancel:
            done = CampaignDelivery::cancel(db.value(), campaignId, nowMs);
            break;
        case Action::RetryFailed:
            done = CampaignDelivery::resend(db.value(), campaignId, OutboxState::Failed, nowMs);
            break;
        case Action::ResendUnknown:
            done = CampaignDelivery::resend(db.value(), campaignId, OutboxState::Unknown, nowMs);
            break;
        }
        Q_EMIT acted(action, campaignId, done ? done.value() : 0, done ? QString() : done.error().message);
    });
}
