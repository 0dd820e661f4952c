#pragma once

#include "core/Result.h"
#include "core/contacts/ContactRepository.h"

#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

class QProgressDialog;
class QWidget;

// Runs one long database job at a time off the UI thread. The job gets its own
// connection to the workspace (Qt SQL connections never cross threads), reports
// progress at most ten times a second, and stops when the person presses Cancel
// (the repository then rolls the whole operation back). The window stays responsive.
class BulkJobRunner : public QObject
{
    Q_OBJECT

public:
    using Job = std::function<Result<BulkChange>(QSqlDatabase db, const ProgressCallback& progress)>;
    using Done = std::function<void(const Result<BulkChange>& result)>;

    explicit BulkJobRunner(QWidget* dialogParent, QObject* parent = nullptr);
    ~BulkJobRunner() override;

    void setWorkspacePath(const QString& path) { m_workspacePath = path; }
    QString workspacePath() const { return m_workspacePath; }
    bool isBusy() const { return m_busy; }

    // Starts the job; `done` runs on the UI thread with its result. Refused while busy.
    bool run(const QString& label, Job job, Done done);
    // A job that shows its own progress and asks its own questions (the import wizard): no
    // progress dialog, and the job opens its own connection. The runner is busy until the job
    // returns, so the window refuses other changes meanwhile; cancel() (Cancel, closing the
    // window, destroying the runner) sets `cancelled`, which the job must poll, also while it
    // waits for an answer. `done` runs on the UI thread once the runner is idle again.
    using BackgroundJob = std::function<void(const std::atomic_bool& cancelled)>;
    bool runInBackground(BackgroundJob job, std::function<void()> done);
    // Waits for the running job to finish (for shutdown and tests).
    void waitForIdle();
    // Test seam: while held, a started job waits before it touches the database, so a test can
    // press Cancel at a known moment. Releasing starts the held job.
    void setHoldJobs(bool hold);

Q_SIGNALS:
    void busyChanged(bool busy);
    void progressChanged(qint64 done, qint64 total);

public Q_SLOTS:
    void cancel();

private:
    void onProgress(qint64 done, qint64 total);
    void finish(const Result<BulkChange>& result, const Done& done);

    QPointer<QWidget> m_dialogParent;
    QString m_workspacePath;
    QThreadPool m_pool;
    bool m_busy = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QPointer<QProgressDialog> m_dialog;
    bool m_holdJobs = false;
    std::function<void()> m_heldJob;
};
