#include "ui/DkimKeysDialog.h"
#include "ui_DkimKeysDialog.h"

#include "ui/Dialogs.h"
#include "ui/NewDkimKeyDialog.h"
#include "ui/VaultSession.h"

#include "core/security/Vault.h"
#include "core/storage/Connection.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableWidgetItem>

namespace {

enum Column { RecordColumn, AlgorithmColumn, CreatedColumn };

bool isEd25519(const DkimKeyInfo& key)
{
    return key.algorithmKind() == DkimKey::Algorithm::Ed25519;
}

} // namespace

DkimKeysDialog::DkimKeysDialog(QSqlDatabase db, const QString& workspacePath, VaultSession* vaultSession,
                               QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DkimKeysDialog>())
    , m_db(std::move(db))
    , m_workspacePath(workspacePath)
    , m_vaultSession(vaultSession)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("dkimKeysDialog"));
    m_pool.setMaxThreadCount(1);
    m_ui->progressBar->setRange(0, 0);
    m_ui->progressBar->hide();

    QTableWidget* table = m_ui->keysTableWidget;
    table->setColumnCount(3);
    table->setHorizontalHeaderLabels({tr("DNS record"), tr("Algorithm"), tr("Created")});
    table->horizontalHeader()->setSectionResizeMode(RecordColumn, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(AlgorithmColumn, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(CreatedColumn, QHeaderView::ResizeToContents);
    table->verticalHeader()->hide();

    connect(table, &QTableWidget::itemSelectionChanged, this, &DkimKeysDialog::onSelectionChanged);
    connect(m_ui->newKeyButton, &QPushButton::clicked, this, &DkimKeysDialog::newKey);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &DkimKeysDialog::removeSelected);
    const auto copyFrom = [](const QString& text) { QGuiApplication::clipboard()->setText(text); };
    connect(m_ui->copyNameButton, &QPushButton::clicked, this,
            [this, copyFrom] { copyFrom(m_ui->recordNameLineEdit->text()); });
    connect(m_ui->copyValueButton, &QPushButton::clicked, this,
            [this, copyFrom] { copyFrom(m_ui->recordValuePlainTextEdit->toPlainText()); });
    connect(m_ui->copyZoneLineButton, &QPushButton::clicked, this,
            [this, copyFrom] { copyFrom(m_ui->zoneLinePlainTextEdit->toPlainText()); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &DkimKeysDialog::reject);

    reload();
}

DkimKeysDialog::~DkimKeysDialog()
{
    m_pool.waitForDone();
}

void DkimKeysDialog::reload()
{
    const qint64 selected = selectedId();
    Result<QVector<DkimKeyInfo>> all = DkimKeyRepository(m_db).all();
    if (!all) {
        m_ui->statusLabel->setText(all.error().message);
        m_keys.clear();
    } else {
        m_keys = all.value();
    }
    QTableWidget* table = m_ui->keysTableWidget;
    const QSignalBlocker blocker(table);
    table->clearContents();
    table->setRowCount(static_cast<int>(m_keys.size()));
    for (int row = 0; row < m_keys.size(); ++row) {
        const DkimKeyInfo& key = m_keys.at(row);
        auto* name = new QTableWidgetItem(key.recordName());
        name->setData(Qt::UserRole, key.id);
        table->setItem(row, RecordColumn, name);
        table->setItem(row, AlgorithmColumn, new QTableWidgetItem(isEd25519(key) ? tr("Ed25519") : tr("RSA")));
        table->setItem(row, CreatedColumn,
                       new QTableWidgetItem(QLocale().toString(key.createdAt.toLocalTime(), QLocale::ShortFormat)));
    }
    m_ui->emptyLabel->setVisible(m_keys.isEmpty());
    selectKey(selected);
    if (selectedId() == 0 && !m_keys.isEmpty()) {
        table->selectRow(0);
    }
    onSelectionChanged();
}

void DkimKeysDialog::selectKey(qint64 id)
{
    for (int row = 0; row < m_keys.size(); ++row) {
        if (m_keys.at(row).id == id) {
            m_ui->keysTableWidget->selectRow(row);
            return;
        }
    }
}

qint64 DkimKeysDialog::selectedId() const
{
    const QList<QTableWidgetItem*> items = m_ui->keysTableWidget->selectedItems();
    for (const QTableWidgetItem* item : items) {
        if (item->column() == RecordColumn) {
            return item->data(Qt::UserRole).toLongLong();
        }
    }
    return 0;
}

void DkimKeysDialog::onSelectionChanged()
{
    const qint64 id = selectedId();
    const DkimKeyInfo* key = nullptr;
    for (const DkimKeyInfo& candidate : std::as_const(m_keys)) {
        if (candidate.id == id) {
            key = &candidate;
        }
    }
    m_ui->recordGroupBox->setEnabled(key != nullptr);
    m_ui->removeButton->setEnabled(key != nullptr && !m_generating);
    if (!key) {
        m_ui->recordNameLineEdit->clear();
        m_ui->recordValuePlainTextEdit->clear();
        m_ui->zoneLinePlainTextEdit->clear();
        m_ui->recordGroupBox->setTitle(tr("DNS record to publish"));
        return;
    }
    m_ui->recordGroupBox->setTitle(tr("DNS record to publish for %1").arg(key->domain));
    m_ui->recordNameLineEdit->setText(key->recordName());
    m_ui->recordValuePlainTextEdit->setPlainText(key->recordValue());
    const Result<QString> zoneLine = key->zoneLine();
    m_ui->zoneLinePlainTextEdit->setPlainText(zoneLine ? zoneLine.value() : zoneLine.error().message);
}

void DkimKeysDialog::newKey()
{
    if (m_generating) {
        return;
    }
    auto* dialog = new NewDkimKeyDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { generate(dialog->domain(), dialog->selector(), dialog->algorithm()); });
    dialog->open();
}

void DkimKeysDialog::generate(const QString& domain, const QString& selector, DkimKey::Algorithm algorithm)
{
    const Vault* vault = m_vaultSession->unlock(this);
    if (!vault) {
        m_ui->statusLabel->setText(tr("The key was not made: the vault that keeps it is locked."));
        return;
    }
    setGenerating(true);
    m_ui->statusLabel->setText(tr("Making the key…"));
    const QString path = m_workspacePath;
    // RSA key generation takes a moment; the worker writes through a connection of its own.
    m_pool.start([this, vault, path, domain, selector, algorithm] {
        Result<DkimKeyInfo> result = Error{ErrorCode::Database, QString()};
        {
            Result<Connection> connection = Connection::open(path);
            if (!connection) {
                result = connection.error();
            } else if (Result<Vault> here = vault->openOn(connection->database()); !here) {
                result = here.error();
            } else {
                result = DkimKeyRepository(connection->database()).generate(here.value(), domain, selector, algorithm);
            }
        }
        QMetaObject::invokeMethod(
            this, [this, result] { onGenerated(result); }, Qt::QueuedConnection);
    });
}

void DkimKeysDialog::onGenerated(const Result<DkimKeyInfo>& result)
{
    setGenerating(false);
    if (!result) {
        m_ui->statusLabel->setText(result.error().message);
        Dialogs::warning(this, tr("New DKIM Key"), result.error().message);
        return;
    }
    m_ui->statusLabel->setText(
        tr("Publish this TXT record in the DNS of %1; receivers check signatures against it.").arg(result->domain));
    reload();
    selectKey(result->id);
}

void DkimKeysDialog::removeSelected()
{
    const qint64 id = selectedId();
    if (id == 0 || m_generating) {
        return;
    }
    QString name;
    for (const DkimKeyInfo& key : std::as_const(m_keys)) {
        if (key.id == id) {
            name = key.recordName();
        }
    }
    const QMessageBox::StandardButton answer = Dialogs::question(
        this, tr("Remove DKIM Key"),
        tr("Remove the key %1? Its private half is deleted from the vault and cannot be brought back; messages "
           "are no longer signed with it.")
            .arg(name),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        return;
    }
    const Vault* vault = m_vaultSession->unlock(this);
    if (!vault) {
        return;
    }
    if (Status removed = DkimKeyRepository(m_db).remove(*vault, id); !removed) {
        Dialogs::warning(this, tr("Remove DKIM Key"), removed.error().message);
        return;
    }
    m_ui->statusLabel->setText(tr("Removed %1. Delete its TXT record from your DNS as well.").arg(name));
    reload();
}

void DkimKeysDialog::setGenerating(bool generating)
{
    m_generating = generating;
    m_ui->newKeyButton->setEnabled(!generating);
    m_ui->progressBar->setVisible(generating);
    onSelectionChanged();
}

void DkimKeysDialog::reject()
{
    // The key being made finishes first: it is already on its way into the vault.
    if (m_generating) {
        return;
    }
    QDialog::reject();
}
