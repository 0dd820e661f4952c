#include "ui/ExportDialog.h"
#include "ui_ExportDialog.h"

#include "ui/AppSettings.h"
#include "ui/Dialogs.h"

#include "core/storage/Connection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QPushButton>

ExportDialog::ExportDialog(const QString& workspacePath, const ExportScope& scope, AppSettings* settings,
                           QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ExportDialog>())
    , m_workspacePath(workspacePath)
    , m_scope(scope)
    , m_settings(settings)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("exportDialog"));
    m_pool.setMaxThreadCount(1);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Export"));

    m_ui->sidebarRadioButton->setEnabled(scope.sidebarFilter.has_value());
    if (scope.sidebarFilter) {
        m_ui->sidebarRadioButton->setText(tr("Only %1").arg(scope.sidebarName));
    }
    m_ui->searchRadioButton->setEnabled(scope.searchFilter.has_value());
    if (scope.searchFilter) {
        m_ui->searchRadioButton->setText(tr("The current search result (“%1”)").arg(scope.searchFilter->search));
    }
    m_ui->selectionRadioButton->setEnabled(!scope.selectedIds.isEmpty());
    if (!scope.selectedIds.isEmpty()) {
        m_ui->selectionRadioButton->setText(
            tr("The %Ln selected contact(s)", nullptr, static_cast<int>(scope.selectedIds.size())));
    }
    // The narrowest scope that applies is most likely what the person means.
    if (!scope.selectedIds.isEmpty()) {
        m_ui->selectionRadioButton->setChecked(true);
    } else if (scope.searchFilter) {
        m_ui->searchRadioButton->setChecked(true);
    } else if (scope.sidebarFilter) {
        m_ui->sidebarRadioButton->setChecked(true);
    }

    m_ui->excelCheckBox->setChecked(m_settings->exportExcel());
    QString dir = m_settings->exportDirectory();
    if (dir.isEmpty()) {
        dir = QFileInfo(workspacePath).absolutePath();
    }
    m_ui->pathLineEdit->setText(
        QDir::toNativeSeparators(QDir(dir).filePath(QFileInfo(workspacePath).completeBaseName() + suffix())));
    m_ui->progressBar->hide();

    connect(m_ui->csvRadioButton, &QRadioButton::toggled, this, &ExportDialog::onFormatChanged);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    onFormatChanged();
}

ExportDialog::~ExportDialog()
{
    // A running export posts to this dialog: stop it first (its partial file is discarded).
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_pool.waitForDone();
}

QString ExportDialog::suffix() const
{
    return m_ui->vcardRadioButton->isChecked() ? QStringLiteral(".vcf") : QStringLiteral(".csv");
}

void ExportDialog::onFormatChanged()
{
    const bool csv = m_ui->csvRadioButton->isChecked();
    m_ui->excelCheckBox->setEnabled(csv);
    // A vCard always holds the whole card.
    m_ui->columnsGroupBox->setEnabled(csv);
    const QString path = m_ui->pathLineEdit->text();
    const QFileInfo info(path);
    const QString ext = info.suffix().toLower();
    if (ext == QLatin1String("csv") || ext == QLatin1String("vcf")) {
        m_ui->pathLineEdit->setText(path.left(path.size() - ext.size() - 1) + suffix());
    }
}

ExportOptions ExportDialog::options() const
{
    ExportOptions options;
    options.path = QDir::fromNativeSeparators(m_ui->pathLineEdit->text().trimmed());
    options.format = m_ui->vcardRadioButton->isChecked() ? ExportFormat::VCard : ExportFormat::Csv;
    options.excel = options.format == ExportFormat::Csv && m_ui->excelCheckBox->isChecked();
    if (m_ui->selectionRadioButton->isChecked() && !m_scope.selectedIds.isEmpty()) {
        options.ids = m_scope.selectedIds;
    } else if (m_ui->searchRadioButton->isChecked() && m_scope.searchFilter) {
        options.filter = *m_scope.searchFilter;
    } else if (m_ui->sidebarRadioButton->isChecked() && m_scope.sidebarFilter) {
        options.filter = *m_scope.sidebarFilter;
    }
    // A vCard always holds the whole card, custom fields included.
    if (options.format == ExportFormat::Csv && m_ui->visibleColumnsRadioButton->isChecked()) {
        options.columns = m_scope.visibleColumns;
        // Empty means every built-in column to the exporter; the email always identifies a contact.
        if (options.columns.isEmpty()) {
            options.columns = {ContactColumn::Email};
        }
        options.customFields = m_scope.visibleFields;
    }
    return options;
}

void ExportDialog::browse()
{
    const QString filter = m_ui->vcardRadioButton->isChecked() ? tr("vCard files (*.vcf);;All files (*)")
                                                               : tr("CSV files (*.csv);;All files (*)");
    std::optional<QString> path = Dialogs::saveFileName(this, tr("Export Contacts"), filter,
                                                        QDir::fromNativeSeparators(m_ui->pathLineEdit->text()));
    if (path) {
        m_ui->pathLineEdit->setText(QDir::toNativeSeparators(*path));
    }
}

void ExportDialog::setRunning(bool running)
{
    for (QWidget* widget : {static_cast<QWidget*>(m_ui->scopeGroupBox), static_cast<QWidget*>(m_ui->formatGroupBox),
                            static_cast<QWidget*>(m_ui->pathLineEdit), static_cast<QWidget*>(m_ui->browseButton)}) {
        widget->setEnabled(!running);
    }
    m_ui->columnsGroupBox->setEnabled(!running && m_ui->csvRadioButton->isChecked());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!running);
    m_ui->progressBar->setVisible(running);
    m_ui->progressBar->setRange(0, 0);
}

void ExportDialog::accept()
{
    if (m_cancel) {
        return;
    }
    const ExportOptions exportOptions = options();
    if (exportOptions.path.isEmpty()) {
        m_ui->statusLabel->setText(tr("Choose the file to export to."));
        return;
    }
    if (QFileInfo::exists(exportOptions.path)) {
        const QMessageBox::StandardButton answer =
            Dialogs::question(this, tr("Export Contacts"),
                              tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(exportOptions.path)),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            return;
        }
    }
    m_settings->setExportDirectory(QFileInfo(exportOptions.path).absolutePath());
    m_settings->setExportExcel(m_ui->excelCheckBox->isChecked());

    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_ui->statusLabel->setText(tr("Exporting…"));
    setRunning(true);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const QString workspace = m_workspacePath;
    m_pool.start([this, cancel, workspace, exportOptions] {
        Result<ExportSummary> result = Error{ErrorCode::Cancelled, QString()};
        {
            Result<Connection> connection = Connection::open(workspace, Connection::Mode::ReadOnly);
            if (!connection) {
                result = connection.error();
            } else {
                QElapsedTimer sinceReport;
                sinceReport.start();
                result = ContactExporter(connection->database())
                             .run(exportOptions, [this, cancel, &sinceReport](qint64 done, qint64 total) {
                                 // Batched: at most ~10 updates a second reach the window.
                                 if (sinceReport.elapsed() >= 100) {
                                     sinceReport.restart();
                                     QMetaObject::invokeMethod(
                                         this, [this, done, total] { onProgress(done, total); }, Qt::QueuedConnection);
                                 }
                                 return !cancel->load();
                             });
            }
        }
        QMetaObject::invokeMethod(
            this, [this, result] { onFinished(result); }, Qt::QueuedConnection);
    });
}

void ExportDialog::reject()
{
    if (m_cancel) {
        // Stop, then close once the worker has let go of the file.
        m_cancel->store(true);
        m_closeWhenDone = true;
        m_ui->statusLabel->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

void ExportDialog::onProgress(qint64 done, qint64 total)
{
    if (total <= 0) {
        return;
    }
    // QProgressBar counts in int.
    m_ui->progressBar->setRange(0, 1000);
    m_ui->progressBar->setValue(static_cast<int>(done * 1000 / total));
    m_ui->statusLabel->setText(
        tr("Exported %1 of %2 contacts…").arg(QLocale().toString(done), QLocale().toString(total)));
}

void ExportDialog::onFinished(const Result<ExportSummary>& result)
{
    m_cancel.reset();
    setRunning(false);
    if (result) {
        Q_EMIT exported(*result);
        QDialog::accept();
        return;
    }
    if (m_closeWhenDone) {
        QDialog::reject();
        return;
    }
    m_ui->statusLabel->setText(result.error().code == ErrorCode::Cancelled ? tr("Cancelled: no file was written.")
                                                                           : result.error().message);
}
