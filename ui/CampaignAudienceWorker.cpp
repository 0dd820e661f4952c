#include "ui/CampaignAudienceWorker.h"

#include "core/storage/Connection.h"

namespace {

void cancelJob(std::shared_ptr<std::atomic_bool>& flag)
{
    if (flag) {
        flag->store(true);
        flag.reset();
    }
}

} // namespace

CampaignAudienceWorker::CampaignAudienceWorker(const QString& workspacePath, QObject* parent)
    : QObject(parent)
    , m_path(workspacePath)
{
    // A count and a page of recipients may run side by side; never more.
    m_pool.setMaxThreadCount(2);
}

CampaignAudienceWorker::~CampaignAudienceWorker()
{
    cancel();
    m_pool.waitForDone();
}

void CampaignAudienceWorker::cancel()
{
    cancelJob(m_countCancel);
    cancelJob(m_fetchCancel);
    ++m_countGeneration;
    ++m_fetchGeneration;
}

void CampaignAudienceWorker::count(const AudienceSpec& spec)
{
    cancelJob(m_countCancel);
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_countCancel = cancelled;
    const quint64 generation = ++m_countGeneration;
    m_pool.start([this, path = m_path, spec, cancelled, generation] {
        Result<AudienceCount> result = Error{ErrorCode::Cancelled, QString()};
        if (!cancelled->load()) {
            if (auto connection = Connection::open(path, Connection::Mode::ReadOnly)) {
                AudienceQuery query(connection->database(), spec);
                query.setCancelFlag(cancelled.get());
                result = query.count();
            } else {
                result = connection.error();
            }
        }
        // Posted to this object: dropped with it if the editor has gone meanwhile.
        QMetaObject::invokeMethod(
            this,
            [this, result, generation] {
                if (generation != m_countGeneration) {
                    return;
                }
                m_countCancel.reset();
                if (result) {
                    Q_EMIT counted(result.value());
                } else if (result.error().code != ErrorCode::Cancelled) {
                    Q_EMIT countFailed(result.error().message);
                }
            },
            Qt::QueuedConnection);
    });
}

void CampaignAudienceWorker::fetchRecipients(const AudienceSpec& spec, qint64 afterId, int limit)
{
    cancelJob(m_fetchCancel);
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_fetchCancel = cancelled;
    const quint64 generation = ++m_fetchGeneration;
    m_pool.start([this, path = m_path, spec, afterId, limit, cancelled, generation] {
        Result<QVector<AudienceRecipient>> result = Error{ErrorCode::Cancelled, QString()};
        if (!cancelled->load()) {
            if (auto connection = Connection::open(path, Connection::Mode::ReadOnly)) {
                AudienceQuery query(connection->database(), spec);
                query.setCancelFlag(cancelled.get());
                result = query.recipients(afterId, limit);
            } else {
                result = connection.error();
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, result, afterId, generation] {
                if (generation != m_fetchGeneration) {
                    return;
                }
                m_fetchCancel.reset();
                if (result) {
                    Q_EMIT recipientsFetched(afterId, result.value());
                } else if (result.error().code != ErrorCode::Cancelled) {
                    Q_EMIT recipientsFailed(result.error().message);
                }
            },
            Qt::QueuedConnection);
    });
}
