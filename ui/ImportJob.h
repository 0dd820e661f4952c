#pragma once

#include "core/Result.h"
#include "core/contacts/import/ContactImporter.h"

#include <QObject>
#include <QPointer>

#include <memory>

class BulkJobRunner;

// Runs ContactImporter on the window's worker thread with a connection of its own, as one
// transaction. When every row is applied the engine asks before it commits: the worker waits
// (summaryReady) until answer(true) commits or answer(false) rolls back, so the dry-run summary
// costs no second pass over the file. cancel(), the window closing, or destroying the job
// answer "no": the worker is always released and the workspace left as it was.
class ImportJob : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Running, AwaitingAnswer, Finishing };

    explicit ImportJob(BulkJobRunner* runner, QObject* parent = nullptr);
    ~ImportJob() override;

    // Refused (false) while the window runs another change.
    bool start(const ImportOptions& options);
    // The answer to summaryReady: true commits, false rolls back.
    void answer(bool commit);
    // Stops a running import or declines a waiting one; nothing is kept.
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const { return m_state != State::Idle; }
    // Import was confirmed and the commit is under way: it can no longer be cancelled.
    bool isCommitting() const { return m_state == State::Finishing && m_committing; }
    // Blocks until the worker has returned (for shutdown and tests); answer first, or cancel.
    void waitForDone();

Q_SIGNALS:
    void progressChanged(const ImportProgress& progress);
    void summaryReady(const ImportSummary& summary);
    // Committed (summary.committed), declined, cancelled (ErrorCode::Cancelled) or failed.
    void finished(const Result<ImportSummary>& result);

private:
    struct Gate;

    void onFinished(const Result<ImportSummary>& result);

    QPointer<BulkJobRunner> m_runner;
    State m_state = State::Idle;
    bool m_committing = false;
    std::shared_ptr<Gate> m_gate;
};
