#include "ui/BulkJobRunner.h"

#include "core/storage/Connection.h"

#include <QElapsedTimer>
#include <QProgressDialog>

#include <utility>

BulkJobRunner::BulkJobRunner(QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
{
    m_pool.setMaxThreadCount(1);
}

BulkJobRunner::~BulkJobRunner()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
    if (m_heldJob) {
        m_pool.start(std::exchange(m_heldJob, {}));
    }
    m_pool.waitForDone();
    delete m_dialog;
}

bool BulkJobRunner::run(const QString& label, Job job, Done done)
{
    if (m_busy) {
        return false;
    }
    m_busy = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);

    m_dialog = new QProgressDialog(label, tr("Cancel"), 0, 0, m_dialogParent);
    m_dialog->setWindowTitle(tr("Mailroom"));
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setAutoReset(false);
    m_dialog->setAutoClose(false);
    // Quick jobs finish before the dialog would flash up.
    m_dialog->setMinimumDuration(400);
    m_dialog->setValue(0);
    connect(m_dialog, &QProgressDialog::canceled, this, &BulkJobRunner::cancel);

    Q_EMIT busyChanged(true);

    const QString path = m_workspacePath;
    const std::shared_ptr<std::atomic_bool> cancelFlag = m_cancel;
    std::function<void()> task = [this, path, job = std::move(job), done = std::move(done), cancelFlag]() {
        Result<BulkChange> result = Error{ErrorCode::Database, QString()};
        {
            Result<Connection> connection = Connection::open(path);
            if (!connection) {
                result = connection.error();
            } else {
                QElapsedTimer sinceReport;
                sinceReport.start();
                const ProgressCallback progress = [this, &sinceReport, cancelFlag](qint64 doneCount, qint64 total) {
                    // Batched: at most ~10 updates a second reach the window.
                    if (sinceReport.elapsed() >= 100 || doneCount >= total) {
                        sinceReport.restart();
                        QMetaObject::invokeMethod(
                            this, [this, doneCount, total] { onProgress(doneCount, total); }, Qt::QueuedConnection);
                    }
                    return !cancelFlag->load();
                };
                result = job(connection->database(), progress);
            }
        }
        QMetaObject::invokeMethod(
            this, [this, result, done] { finish(result, done); }, Qt::QueuedConnection);
    };
    if (m_holdJobs) {
        m_heldJob = std::move(task);
    } else {
        m_pool.start(std::move(task));
    }
    return true;
}

bool BulkJobRunner::runInBackground(BackgroundJob job, std::function<void()> done)
{
    if (m_busy) {
        return false;
    }
    m_busy = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    Q_EMIT busyChanged(true);

    const std::shared_ptr<std::atomic_bool> cancelFlag = m_cancel;
    std::function<void()> task = [this, job = std::move(job), done = std::move(done), cancelFlag]() {
        job(*cancelFlag);
        QMetaObject::invokeMethod(
            this,
            [this, done] {
                finish(Error{ErrorCode::Cancelled, QString()}, [done](const Result<BulkChange>&) {
                    if (done) {
                        done();
                    }
                });
            },
            Qt::QueuedConnection);
    };
    if (m_holdJobs) {
        m_heldJob = std::move(task);
    } else {
        m_pool.start(std::move(task));
    }
    return true;
}

void BulkJobRunner::setHoldJobs(bool hold)
{
    m_holdJobs = hold;
    if (!hold && m_heldJob) {
        m_pool.start(std::exchange(m_heldJob, {}));
    }
}

void BulkJobRunner::waitForIdle()
{
    m_pool.waitForDone();
}

void BulkJobRunner::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
    if (m_dialog) {
        m_dialog->setLabelText(tr("Cancelling…"));
    }
}

void BulkJobRunner::onProgress(qint64 done, qint64 total)
{
    if (m_dialog && total > 0) {
        // QProgressDialog counts in int; scale large totals down.
        const int scale = total > 1000000 ? static_cast<int>(total / 1000000) + 1 : 1;
        m_dialog->setMaximum(static_cast<int>(total / scale));
        m_dialog->setValue(static_cast<int>(done / scale));
    }
    Q_EMIT progressChanged(done, total);
}

void BulkJobRunner::finish(const Result<BulkChange>& result, const Done& done)
{
    m_busy = false;
    m_cancel.reset();
    if (m_dialog) {
        m_dialog->hide();
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
    Q_EMIT busyChanged(false);
    if (done) {
        done(result);
    }
}
