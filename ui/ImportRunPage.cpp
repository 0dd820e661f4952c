#include "ui/ImportRunPage.h"

#include "ui/ImportJob.h"
#include "ui/ImportWizard.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace {

QLabel* valueLabel(QWidget* parent, const char* objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ImportRunPage::ImportRunPage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(QStringLiteral("importRunPage"));
    setTitle(tr("Review and Import"));
    setSubTitle(tr("The file is read and checked in full. Nothing is kept until you click Import."));
    setCommitPage(false);

    auto* layout = new QVBoxLayout(this);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("runStatusLabel"));
    m_statusLabel->setWordWrap(true);
    layout->addWidget(m_statusLabel);
    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(QStringLiteral("importProgressBar"));
    m_progressBar->setRange(0, 1000);
    m_progressBar->setTextVisible(false);
    layout->addWidget(m_progressBar);
    m_rateLabel = new QLabel(this);
    m_rateLabel->setObjectName(QStringLiteral("rateLabel"));
    layout->addWidget(m_rateLabel);

    m_summaryWidget = new QWidget(this);
    auto* summaryLayout = new QVBoxLayout(m_summaryWidget);
    summaryLayout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    m_rowsReadLabel = valueLabel(m_summaryWidget, "rowsReadLabel");
    m_createdLabel = valueLabel(m_summaryWidget, "createdLabel");
    m_updatedLabel = valueLabel(m_summaryWidget, "updatedLabel");
    m_unchangedLabel = valueLabel(m_summaryWidget, "unchangedLabel");
    m_invalidLabel = valueLabel(m_summaryWidget, "invalidLabel");
    m_duplicatesLabel = valueLabel(m_summaryWidget, "duplicatesLabel");
    form->addRow(tr("Rows read:"), m_rowsReadLabel);
    form->addRow(tr("New contacts:"), m_createdLabel);
    form->addRow(tr("Updated contacts:"), m_updatedLabel);
    form->addRow(tr("Unchanged contacts:"), m_unchangedLabel);
    form->addRow(tr("Invalid rows (not imported):"), m_invalidLabel);
    form->addRow(tr("Duplicates within the file:"), m_duplicatesLabel);
    summaryLayout->addLayout(form);
    m_unsubscribedLabel = valueLabel(m_summaryWidget, "unsubscribedLabel");
    m_unsubscribedLabel->setWordWrap(true);
    summaryLayout->addWidget(m_unsubscribedLabel);
    m_fieldsLabel = valueLabel(m_summaryWidget, "createdFieldsLabel");
    m_fieldsLabel->setWordWrap(true);
    summaryLayout->addWidget(m_fieldsLabel);
    m_problemsTree = new QTreeWidget(m_summaryWidget);
    m_problemsTree->setObjectName(QStringLiteral("problemsTreeWidget"));
    m_problemsTree->setHeaderLabels({tr("Line"), tr("Problem")});
    m_problemsTree->setRootIsDecorated(false);
    m_problemsTree->setUniformRowHeights(true);
    m_problemsTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_problemsTree->setAccessibleName(tr("Rows that will not be imported"));
    summaryLayout->addWidget(m_problemsTree, 1);
    auto* reportRow = new QHBoxLayout;
    m_openReportButton = new QPushButton(tr("&Open Error Report"), m_summaryWidget);
    m_openReportButton->setObjectName(QStringLiteral("openReportButton"));
    reportRow->addWidget(m_openReportButton);
    reportRow->addStretch(1);
    summaryLayout->addLayout(reportRow);
    layout->addWidget(m_summaryWidget, 1);
    m_summaryWidget->hide();

    ImportJob* job = m_wizard->job();
    connect(job, &ImportJob::progressChanged, this, &ImportRunPage::onProgress);
    connect(job, &ImportJob::summaryReady, this, &ImportRunPage::onSummary);
    connect(job, &ImportJob::finished, this, &ImportRunPage::onFinished);
    connect(m_openReportButton, &QPushButton::clicked, this, &ImportRunPage::openReport);
}

ImportRunPage::~ImportRunPage() = default;

void ImportRunPage::initializePage()
{
    m_summary = ImportSummary{};
    m_summaryWidget->hide();
    m_progressBar->setValue(0);
    m_rateLabel->clear();
    if (m_wizard->job()->isRunning()) {
        // The previous run is still rolling back.
        m_startWanted = true;
        m_statusLabel->setText(tr("Waiting for the previous run to stop…"));
        setPhase(Phase::Idle);
        return;
    }
    start();
}

void ImportRunPage::start()
{
    m_startWanted = false;
    if (!m_wizard->job()->start(m_wizard->importOptions())) {
        m_statusLabel->setText(tr("Another change is running in the window. Wait until it has finished, then go "
                                  "back and try again."));
        setPhase(Phase::Failed);
        return;
    }
    m_statusLabel->setText(tr("Reading and checking %1…").arg(QFileInfo(m_wizard->filePath()).fileName()));
    setPhase(Phase::Running);
}

void ImportRunPage::cleanupPage()
{
    // Back: roll back whatever ran.
    m_startWanted = false;
    m_wizard->job()->cancel();
    setPhase(Phase::Idle);
}

void ImportRunPage::setPhase(Phase phase)
{
    m_phase = phase;
    m_progressBar->setVisible(phase == Phase::Running || phase == Phase::Committing);
    m_rateLabel->setVisible(phase == Phase::Running);
    if (phase == Phase::Committing) {
        m_progressBar->setRange(0, 0);
    } else {
        m_progressBar->setRange(0, 1000);
    }
    wizard()->button(QWizard::BackButton)->setEnabled(phase != Phase::Committing);
    Q_EMIT completeChanged();
}

bool ImportRunPage::isComplete() const
{
    return m_phase == Phase::Summary;
}

bool ImportRunPage::validatePage()
{
    // QWizard asks again when the page closes the wizard after the commit.
    if (m_phase == Phase::Done) {
        return true;
    }
    // Import: commit, and close the wizard when the commit is done.
    if (m_phase == Phase::Summary) {
        m_statusLabel->setText(tr("Importing…"));
        setPhase(Phase::Committing);
        m_wizard->job()->answer(true);
    }
    return false;
}

void ImportRunPage::onProgress(const ImportProgress& progress)
{
    if (m_phase != Phase::Running) {
        return;
    }
    if (progress.indexing) {
        // Every row is in; the search index is built before the summary (no fraction to show).
        m_statusLabel->setText(tr("Every row is read; updating the search index…"));
        m_progressBar->setRange(0, 0);
    } else if (progress.bytesTotal > 0) {
        m_progressBar->setValue(static_cast<int>(progress.bytesRead * 1000 / progress.bytesTotal));
    }
    const QLocale locale;
    const qint64 perSecond = progress.elapsedMs > 0 ? progress.rows * 1000 / progress.elapsedMs : 0;
    m_rateLabel->setText(tr("%1 rows · %2 of %3 · %4 rows/s")
                             .arg(locale.toString(progress.rows), locale.formattedDataSize(progress.bytesRead),
                                  locale.formattedDataSize(progress.bytesTotal), locale.toString(perSecond)));
}

void ImportRunPage::onSummary(const ImportSummary& summary)
{
    if (m_phase != Phase::Running) {
        return;
    }
    m_summary = summary;
    const QLocale locale;
    m_rowsReadLabel->setText(locale.toString(summary.rowsRead));
    m_createdLabel->setText(locale.toString(summary.created));
    m_updatedLabel->setText(locale.toString(summary.updated));
    m_unchangedLabel->setText(locale.toString(summary.unchanged));
    m_invalidLabel->setText(locale.toString(summary.invalid));
    m_duplicatesLabel->setText(locale.toString(summary.duplicatesInFile));
    m_unsubscribedLabel->setText(summary.keptUnsubscribed > 0
                                     ? tr("%Ln row(s) matched unsubscribed contacts and were left unsubscribed.",
                                          nullptr,
                                          static_cast<int>(std::min<qint64>(summary.keptUnsubscribed, INT_MAX)))
                                     : QString());
    m_unsubscribedLabel->setVisible(summary.keptUnsubscribed > 0);
    m_fieldsLabel->setText(summary.createdFields.isEmpty()
                               ? QString()
                               : tr("New custom fields: %1").arg(summary.createdFields.join(QStringLiteral(", "))));
    m_fieldsLabel->setVisible(!summary.createdFields.isEmpty());
    m_problemsTree->clear();
    for (const auto& [line, reason] : summary.sampleProblems) {
        auto* item = new QTreeWidgetItem(m_problemsTree, {locale.toString(line), reason});
        item->setToolTip(1, reason);
    }
    // Rows read with a compromise (a vCard value cut for length...) are imported; say so.
    for (const auto& [line, warning] : summary.sampleWarnings) {
        const QString text = tr("Imported, but: %1").arg(warning);
        auto* item = new QTreeWidgetItem(m_problemsTree, {locale.toString(line), text});
        item->setToolTip(1, text);
    }
    m_problemsTree->setVisible(!summary.sampleProblems.isEmpty() || !summary.sampleWarnings.isEmpty());
    const bool hasReport = !summary.errorReportPath.isEmpty() && QFileInfo::exists(summary.errorReportPath);
    m_openReportButton->setVisible(hasReport);
    m_openReportButton->setToolTip(QDir::toNativeSeparators(summary.errorReportPath));

    if (summary.created + summary.updated == 0) {
        m_statusLabel->setText(tr("Checked in full. This file would not add or change any contact."));
    } else if (summary.invalid + summary.duplicatesInFile > 0) {
        // Invalid rows and repeats of an earlier row alike are left out and reported.
        m_statusLabel->setText(
            tr("Checked in full. Click Import to keep the valid rows; %Ln row(s) will be left out.", nullptr,
               static_cast<int>(std::min<qint64>(summary.invalid + summary.duplicatesInFile, INT_MAX))));
    } else {
        m_statusLabel->setText(tr("Checked in full. Click Import to keep it."));
    }
    m_progressBar->setRange(0, 1000);
    m_progressBar->setValue(1000);
    m_summaryWidget->show();
    setPhase(Phase::Summary);
}

void ImportRunPage::onFinished(const Result<ImportSummary>& result)
{
    const Phase was = m_phase;
    if (m_startWanted) {
        start();
        return;
    }
    if (was == Phase::Committing && result && result->committed) {
        m_summary = *result;
        setPhase(Phase::Done);
        Q_EMIT m_wizard->imported(*result);
        m_wizard->accept();
        return;
    }
    if (!result && result.error().code != ErrorCode::Cancelled) {
        m_statusLabel->setText(tr("The import failed; nothing was changed. %1").arg(result.error().message));
        m_summaryWidget->hide();
        setPhase(Phase::Failed);
        return;
    }
    if (was == Phase::Running || was == Phase::Summary || was == Phase::Committing) {
        m_statusLabel->setText(tr("Cancelled: nothing was changed."));
        setPhase(Phase::Idle);
    }
}

void ImportRunPage::openReport()
{
    if (!m_summary.errorReportPath.isEmpty()) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_summary.errorReportPath));
    }
}
