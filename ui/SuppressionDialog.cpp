#include "ui/SuppressionDialog.h"
#include "ui_SuppressionDialog.h"

#include "ui/Dialogs.h"

#include "core/storage/Connection.h"
#include "models/SuppressionTableModel.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLocale>
#include <QPushButton>

#include <algorithm>

namespace {

// The report lists this many unreadable lines; the rest are counted.
constexpr int maximumProblemsShown = 200;

int clampToInt(qint64 n)
{
    return static_cast<int>(std::min<qint64>(n, INT_MAX));
}

} // namespace

SuppressionDialog::SuppressionDialog(QSqlDatabase db, const QString& workspacePath, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SuppressionDialog>())
    , m_db(std::move(db))
    , m_workspacePath(workspacePath)
    , m_model(new SuppressionTableModel(this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("suppressionDialog"));
    m_pool.setMaxThreadCount(1);
    m_ui->progressBar->setRange(0, 0);
    m_ui->progressBar->hide();
    m_ui->reportPlainTextEdit->hide();

    QTableView* view = m_ui->suppressionsTableView;
    view->setModel(m_model);
    // Fixed row heights: a long list is never asked for every row's size.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->resizeSection(SuppressionTableModel::PatternColumn, 260);
    m_model->setDatabase(m_db);

    connect(m_ui->addLineEdit, &QLineEdit::returnPressed, this, &SuppressionDialog::add);
    connect(m_ui->addLineEdit, &QLineEdit::textChanged, this, &SuppressionDialog::updateButtons);
    connect(m_ui->addButton, &QPushButton::clicked, this, &SuppressionDialog::add);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &SuppressionDialog::removeSelected);
    connect(m_ui->importButton, &QPushButton::clicked, this, &SuppressionDialog::import);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SuppressionDialog::updateButtons);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SuppressionDialog::reject);
    // Enter in the field adds (returnPressed); no button of the dialog may take it as a click
    // (the .ui turns autoDefault off on the others), least of all Remove or Close.
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setAutoDefault(false);

    updateCounts();
    updateButtons();
}

SuppressionDialog::~SuppressionDialog()
{
    m_pool.waitForDone();
}

void SuppressionDialog::updateCounts()
{
    Result<SuppressionCounts> counts = SuppressionList(m_db).counts();
    if (!counts) {
        m_ui->countsLabel->setText(counts.error().message);
        return;
    }
    m_ui->countsLabel->setText(tr("%1 and %2 are never mailed.")
                                   .arg(tr("%Ln email address(es)", nullptr, clampToInt(counts->emails)),
                                        tr("%Ln domain(s)", nullptr, clampToInt(counts->domains))));
}

void SuppressionDialog::updateButtons()
{
    const bool idle = !m_importing;
    m_ui->addButton->setEnabled(idle && !m_ui->addLineEdit->text().trimmed().isEmpty());
    m_ui->removeButton->setEnabled(idle && m_ui->suppressionsTableView->selectionModel()->hasSelection());
    m_ui->importButton->setEnabled(idle);
}

void SuppressionDialog::add()
{
    if (m_importing) {
        return;
    }
    const QString text = m_ui->addLineEdit->text().trimmed();
    Result<std::pair<SuppressionKind, QString>> normalized = SuppressionList::normalize(text);
    if (!normalized) {
        m_ui->statusLabel->setText(normalized.error().message);
        return;
    }
    Result<Suppression> added = SuppressionList(m_db).add(text, m_ui->reasonLineEdit->text());
    if (!added) {
        m_ui->statusLabel->setText(added.error().message);
        return;
    }
    m_ui->statusLabel->setText(added->kind == SuppressionKind::Domain
                                   ? tr("Nobody at %1 will be mailed.").arg(added->pattern)
                                   : tr("%1 will not be mailed.").arg(added->pattern));
    m_ui->addLineEdit->clear();
    m_model->reload();
    updateCounts();
    // Show it when it is on the first page; a long list is not read to its end for this.
    for (int row = m_model->rowCount() - 1; row >= 0; --row) {
        if (m_model->suppressionAt(row).id == added->id) {
            m_ui->suppressionsTableView->scrollTo(m_model->index(row, 0));
            m_ui->suppressionsTableView->selectRow(row);
            break;
        }
    }
}

void SuppressionDialog::removeSelected()
{
    if (m_importing) {
        return;
    }
    QVector<Suppression> chosen;
    const QModelIndexList rows = m_ui->suppressionsTableView->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        chosen.append(m_model->suppressionAt(index.row()));
    }
    if (chosen.isEmpty()) {
        return;
    }
    const QString question =
        chosen.size() == 1
            ? tr("Take %1 off the suppression list? Campaigns can then mail it again.").arg(chosen.constFirst().pattern)
            : tr("Take %Ln entries off the suppression list? Campaigns can then mail them again.", nullptr,
                 static_cast<int>(chosen.size()));
    if (Dialogs::question(this, tr("Remove from the Suppression List"), question, QMessageBox::Yes | QMessageBox::No,
                          QMessageBox::No) != QMessageBox::Yes) {
        return;
    }
    SuppressionList list(m_db);
    int removed = 0;
    for (const Suppression& entry : std::as_const(chosen)) {
        if (Status s = list.remove(entry.id); !s) {
            m_ui->statusLabel->setText(s.error().message);
            break;
        }
        ++removed;
    }
    if (removed > 0) {
        m_ui->statusLabel->setText(tr("Removed %Ln entries.", nullptr, removed));
    }
    m_model->reload();
    updateCounts();
    updateButtons();
}

void SuppressionDialog::import()
{
    if (m_importing) {
        return;
    }
    std::optional<QString> file =
        Dialogs::openFileName(this, tr("Import Suppressions"), tr("Text and CSV files (*.txt *.csv);;All files (*)"));
    if (!file) {
        return;
    }
    SuppressionImportOptions options;
    options.reason = m_ui->reasonLineEdit->text().trimmed();
    options.refuseIfAnyInvalid = m_ui->refuseInvalidCheckBox->isChecked();
    setImporting(true);
    m_ui->statusLabel->setText(tr("Importing %1…").arg(QFileInfo(*file).fileName()));
    const QString workspace = m_workspacePath;
    const QString path = *file;
    // A big file is read and written on a worker with a connection of its own; it is one transaction.
    m_pool.start([this, workspace, path, options] {
        Result<SuppressionImportReport> result = Error{ErrorCode::Database, QString()};
        {
            Result<Connection> connection = Connection::open(workspace);
            if (!connection) {
                result = connection.error();
            } else {
                result = SuppressionList(connection->database()).importFile(path, options);
            }
        }
        QMetaObject::invokeMethod(
            this, [this, path, result] { onImported(QFileInfo(path).fileName(), result); }, Qt::QueuedConnection);
    });
}

void SuppressionDialog::onImported(const QString& fileName, const Result<SuppressionImportReport>& result)
{
    setImporting(false);
    if (!result) {
        m_ui->statusLabel->setText(result.error().message);
        m_ui->reportPlainTextEdit->hide();
        return;
    }
    const SuppressionImportReport& report = result.value();
    const bool refused = m_ui->refuseInvalidCheckBox->isChecked() && !report.problems.isEmpty();
    QString summary;
    if (refused) {
        summary = tr("Nothing from %1 was added: %Ln line(s) could not be read.", nullptr,
                     static_cast<int>(report.problems.size()))
                      .arg(fileName);
    } else {
        summary = tr("From %1: %Ln added", nullptr, clampToInt(report.added)).arg(fileName) +
                  tr(", %Ln already on the list", nullptr, clampToInt(report.alreadySuppressed));
        if (!report.problems.isEmpty()) {
            summary += tr(", %Ln line(s) could not be read", nullptr, static_cast<int>(report.problems.size()));
        }
        summary += QLatin1Char('.');
    }
    m_ui->statusLabel->setText(summary);
    QStringList lines;
    for (const SuppressionImportProblem& problem : report.problems) {
        if (lines.size() == maximumProblemsShown) {
            lines.append(
                tr("… and %Ln more.", nullptr, static_cast<int>(report.problems.size()) - maximumProblemsShown));
            break;
        }
        lines.append(problem.message);
    }
    m_ui->reportPlainTextEdit->setPlainText(lines.join(QLatin1Char('\n')));
    m_ui->reportPlainTextEdit->setVisible(!lines.isEmpty());
    m_model->reload();
    updateCounts();
}

void SuppressionDialog::setImporting(bool importing)
{
    m_importing = importing;
    m_ui->progressBar->setVisible(importing);
    m_ui->addLineEdit->setEnabled(!importing);
    m_ui->reasonLineEdit->setEnabled(!importing);
    m_ui->refuseInvalidCheckBox->setEnabled(!importing);
    updateButtons();
}

void SuppressionDialog::reject()
{
    // The import is one transaction on its way; it finishes (or rolls back) before the dialog goes.
    if (m_importing) {
        return;
    }
    QDialog::reject();
}
