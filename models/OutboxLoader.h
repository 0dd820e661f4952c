#pragma once

#include "core/delivery/DeliveryStatus.h"
#include "core/delivery/Outbox.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

// The outbox view's reads and the person's clicks (pause, resume, cancel, retry, resend), on a
// thread of its own with its own connection: a status load over a big outbox, or cancelling a
// million queued rows, never stalls the window while the engine writes at full rate. Requests
// run in the order made; results come back as queued signals.
class OutboxLoader : public QObject
{
    Q_OBJECT

public:
    enum class Action { Pause, Resume, Cancel, RetryFailed, ResendUnknown };
    Q_ENUM(Action)

    explicit OutboxLoader(const QString& workspacePath, QObject* parent = nullptr);
    // Waits for the request running now; the rest are dropped.
    ~OutboxLoader() override;

    void loadStatus(qint64 campaignId, qint64 nowMs);
    // Keyset page: up to `limit` rows with id > afterId, in `state` if given. `ticket` comes
    // back with the rows so the caller can drop answers it no longer wants.
    void loadPage(quint64 ticket, qint64 campaignId, std::optional<OutboxState> state, qint64 afterId, int limit);
    void loadLog(qint64 itemId);
    void act(Action action, qint64 campaignId, qint64 nowMs);

Q_SIGNALS:
    void statusLoaded(const DeliveryStatus& status);
    void statusFailed(qint64 campaignId, const QString& message);
    void pageLoaded(quint64 ticket, const QVector<OutboxItem>& rows);
    void pageFailed(quint64 ticket, const QString& message);
    void logLoaded(qint64 itemId, const QVector<OutboxLogEntry>& entries);
    // `count`: rows cancelled or queued again; `error` empty on success.
    void acted(OutboxLoader::Action action, qint64 campaignId, qint64 count, const QString& error);

private:
    struct Worker;
    void post(std::function<void(Worker&)> job);

    QThread m_thread;
    Worker* m_worker = nullptr; // lives in m_thread
};
