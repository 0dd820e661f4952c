#include "ui/ImportJob.h"

#include "ui/BulkJobRunner.h"

#include "core/storage/Connection.h"

#include <QElapsedTimer>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

// What the worker and the window share for one run: the answer to "commit?".
struct ImportJob::Gate
{
    std::mutex mutex;
    std::condition_variable answered;
    std::optional<bool> commit;

    void set(bool value)
    {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (!commit) {
                commit = value;
            }
        }
        answered.notify_all();
    }
};

ImportJob::ImportJob(BulkJobRunner* runner, QObject* parent)
    : QObject(parent)
    , m_runner(runner)
{}

ImportJob::~ImportJob()
{
    // The worker posts to this object; it must be gone before this object is.
    cancel();
    waitForDone();
}

bool ImportJob::start(const ImportOptions& options)
{
    if (!m_runner || m_state != State::Idle) {
        return false;
    }
    auto gate = std::make_shared<Gate>();
    auto result = std::make_shared<std::optional<Result<ImportSummary>>>();
    const QString path = m_runner->workspacePath();
    auto work = [this, gate, result, path, options](const std::atomic_bool& cancelled) {
        Result<Connection> connection = Connection::open(path);
        if (!connection) {
            *result = connection.error();
            return;
        }
        QElapsedTimer sinceReport;
        sinceReport.start();
        const auto progress = [this, &sinceReport, &cancelled](const ImportProgress& report) {
            // Batched: at most ~10 updates a second reach the window; the switch to indexing always does.
            if (report.indexing || sinceReport.elapsed() >= 100) {
                sinceReport.restart();
                QMetaObject::invokeMethod(
                    this, [this, report] { Q_EMIT progressChanged(report); }, Qt::QueuedConnection);
            }
            return !cancelled.load();
        };
        const auto confirm = [this, &gate, &cancelled](const ImportSummary& summary) {
            QMetaObject::invokeMethod(
                this,
                [this, summary] {
                    if (m_state == State::Running) {
                        m_state = State::AwaitingAnswer;
                        Q_EMIT summaryReady(summary);
                    }
                },
                Qt::QueuedConnection);
            std::unique_lock<std::mutex> lock(gate->mutex);
            // The runner's cancel flag is polled too: closing the window cancels through it.
            while (!gate->commit && !cancelled.load()) {
                gate->answered.wait_for(lock, std::chrono::milliseconds(50));
            }
            return gate->commit.value_or(false) && !cancelled.load();
        };
        ContactImporter importer(connection->database());
        *result = importer.run(options, progress, confirm);
    };
    QPointer<ImportJob> self(this);
    const bool started = m_runner->runInBackground(std::move(work), [self, result] {
        if (self) {
            self->onFinished(result->value_or(Error{ErrorCode::Cancelled, QString()}));
        }
    });
    if (!started) {
        return false;
    }
    m_gate = gate;
    m_state = State::Running;
    m_committing = false;
    return true;
}

void ImportJob::answer(bool commit)
{
    if (m_state != State::AwaitingAnswer || !m_gate) {
        return;
    }
    m_state = State::Finishing;
    m_committing = commit;
    m_gate->set(commit);
}

void ImportJob::cancel()
{
    if (m_state == State::Idle) {
        return;
    }
    if (m_gate) {
        m_gate->set(false);
    }
    if (m_runner) {
        m_runner->cancel();
    }
    m_state = State::Finishing;
}

void ImportJob::waitForDone()
{
    // When the runner is gone, its destructor already waited for the worker.
    if (m_runner && m_state != State::Idle) {
        m_runner->waitForIdle();
    }
}

void ImportJob::onFinished(const Result<ImportSummary>& result)
{
    m_state = State::Idle;
    m_gate.reset();
    Q_EMIT finished(result);
}
