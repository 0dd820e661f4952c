#pragma once

#include "core/Result.h"
#include "core/contacts/import/ContactImporter.h"

#include <QWizardPage>

class ImportWizard;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

// Step 5: the import itself. It runs at once, on a worker, in one transaction; when every
// row is applied the page shows the summary (new, updated, unchanged, invalid, duplicates in
// the file, unsubscribed contacts kept so, the first problems) while the transaction waits.
// Import commits it; Back, Cancel or closing the wizard roll it back. The dry run is the
// import: no second pass.
class ImportRunPage : public QWizardPage
{
    Q_OBJECT

public:
    enum class Phase { Idle, Running, Summary, Committing, Done, Failed };

    explicit ImportRunPage(ImportWizard* wizard);
    ~ImportRunPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    Phase phase() const { return m_phase; }
    ImportSummary summary() const { return m_summary; }

private:
    void start();
    void setPhase(Phase phase);
    void onProgress(const ImportProgress& progress);
    void onSummary(const ImportSummary& summary);
    void onFinished(const Result<ImportSummary>& result);
    void openReport();

    ImportWizard* m_wizard;
    QLabel* m_statusLabel;
    QProgressBar* m_progressBar;
    QLabel* m_rateLabel;
    QWidget* m_summaryWidget;
    QLabel* m_rowsReadLabel;
    QLabel* m_createdLabel;
    QLabel* m_updatedLabel;
    QLabel* m_unchangedLabel;
    QLabel* m_invalidLabel;
    QLabel* m_duplicatesLabel;
    QLabel* m_unsubscribedLabel;
    QLabel* m_fieldsLabel;
    QTreeWidget* m_problemsTree;
    QPushButton* m_openReportButton;
    Phase m_phase = Phase::Idle;
    ImportSummary m_summary;
    // Back then Next while the previous run still rolls back: start once it has.
    bool m_startWanted = false;
};
