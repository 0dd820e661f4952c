#pragma once

#include "core/campaigns/AudienceQuery.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QVector>

#include <atomic>
#include <memory>

// The campaign editor's audience questions, answered off the UI thread: how many recipients
// the audience has (and who is left out), and pages of recipients to step through. Each job
// opens its own connection to the workspace. Asking again cancels the job still running for
// the old audience (SQLite stops mid-statement), and its answer is dropped: the window only
// ever hears about the latest question.
class CampaignAudienceWorker : public QObject
{
    Q_OBJECT

public:
    explicit CampaignAudienceWorker(const QString& workspacePath, QObject* parent = nullptr);
    ~CampaignAudienceWorker() override;

    void count(const AudienceSpec& spec);
    // Up to `limit` recipients with a contact id above `afterId` (keyset paging).
    void fetchRecipients(const AudienceSpec& spec, qint64 afterId, int limit);
    void cancel();

    bool isCounting() const { return m_countCancel != nullptr; }
    bool isFetching() const { return m_fetchCancel != nullptr; }

Q_SIGNALS:
    void counted(const AudienceCount& count);
    void countFailed(const QString& message);
    void recipientsFetched(qint64 afterId, const QVector<AudienceRecipient>& recipients);
    void recipientsFailed(const QString& message);

private:
    QString m_path;
    std::shared_ptr<std::atomic_bool> m_countCancel;
    std::shared_ptr<std::atomic_bool> m_fetchCancel;
    quint64 m_countGeneration = 0;
    quint64 m_fetchGeneration = 0;
    // Last: destroyed first, waiting for running jobs (cancelled) before the rest goes.
    QThreadPool m_pool;
};
