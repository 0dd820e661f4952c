#include "ui/CampaignListDialog.h"
#include "ui_CampaignListDialog.h"

#include "ui/Dialogs.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/storage/Transaction.h"

#include <QHeaderView>
#include <QLocale>
#include <QPushButton>

namespace {

QString statusLabel(CampaignStatus status)
{
    switch (status) {
    case CampaignStatus::Draft:
        return CampaignListDialog::tr("Draft");
    case CampaignStatus::Rendered:
        return CampaignListDialog::tr("Sent to folder");
    case CampaignStatus::Scheduled:
        return CampaignListDialog::tr("Scheduled");
    case CampaignStatus::Sending:
        return CampaignListDialog::tr("Sending");
    case CampaignStatus::Paused:
        return CampaignListDialog::tr("Paused");
    case CampaignStatus::Done:
        return CampaignListDialog::tr("Done");
    case CampaignStatus::Cancelled:
        return CampaignListDialog::tr("Cancelled");
    }
    return QString();
}

} // namespace

CampaignListDialog::CampaignListDialog(QSqlDatabase db, std::function<bool(qint64)> closeEditor, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CampaignListDialog>())
    , m_db(std::move(db))
    , m_closeEditor(std::move(closeEditor))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("campaignListDialog"));
    m_ui->campaignsTreeWidget->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_ui->campaignsTreeWidget->header()->resizeSection(0, 220);
    m_ui->campaignsTreeWidget->header()->resizeSection(1, 260);
    connect(m_ui->campaignsTreeWidget, &QTreeWidget::itemSelectionChanged, this, &CampaignListDialog::updateButtons);
    connect(m_ui->campaignsTreeWidget, &QTreeWidget::itemActivated, this, &CampaignListDialog::openSelected);
    connect(m_ui->newButton, &QPushButton::clicked, this, &CampaignListDialog::newRequested);
    connect(m_ui->openButton, &QPushButton::clicked, this, &CampaignListDialog::openSelected);
    connect(m_ui->duplicateButton, &QPushButton::clicked, this, &CampaignListDialog::duplicateSelected);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &CampaignListDialog::deleteSelected);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &CampaignListDialog::reject);
    reload();
}

CampaignListDialog::~CampaignListDialog() = default;

qint64 CampaignListDialog::selectedId() const
{
    const QList<QTreeWidgetItem*> selected = m_ui->campaignsTreeWidget->selectedItems();
    return selected.isEmpty() ? 0 : selected.first()->data(0, Qt::UserRole).toLongLong();
}

void CampaignListDialog::selectCampaign(qint64 id)
{
    QTreeWidget* tree = m_ui->campaignsTreeWidget;
    for (int row = 0; row < tree->topLevelItemCount(); ++row) {
        if (tree->topLevelItem(row)->data(0, Qt::UserRole).toLongLong() == id) {
            tree->setCurrentItem(tree->topLevelItem(row));
            return;
        }
    }
}

void CampaignListDialog::reload()
{
    const qint64 selected = selectedId();
    QTreeWidget* tree = m_ui->campaignsTreeWidget;
    tree->clear();
    Result<QVector<Campaign>> campaigns = CampaignRepository(m_db).all();
    if (!campaigns) {
        Dialogs::warning(this, tr("Campaigns"), campaigns.error().message);
        return;
    }
    const QLocale locale;
    for (const Campaign& campaign : campaigns.value()) {
        auto* item = new QTreeWidgetItem(tree);
        item->setText(0, campaign.name);
        item->setText(1, campaign.subject);
        item->setText(2, statusLabel(campaign.status));
        item->setText(3, locale.toString(campaign.updatedAt.toLocalTime(), QLocale::ShortFormat));
        item->setData(0, Qt::UserRole, campaign.id);
    }
    if (selected) {
        selectCampaign(selected);
    }
    if (!tree->currentItem() && tree->topLevelItemCount() > 0) {
        tree->setCurrentItem(tree->topLevelItem(0));
    }
    updateButtons();
}

void CampaignListDialog::updateButtons()
{
    const bool selected = selectedId() != 0;
    m_ui->openButton->setEnabled(selected);
    m_ui->duplicateButton->setEnabled(selected);
    m_ui->deleteButton->setEnabled(selected);
}

void CampaignListDialog::openSelected()
{
    if (const qint64 id = selectedId()) {
        Q_EMIT openRequested(id);
    }
}

void CampaignListDialog::duplicateSelected()
{
    const qint64 id = selectedId();
    if (!id) {
        return;
    }
    CampaignRepository repository(m_db);
    Result<Campaign> original = repository.findById(id);
    if (!original) {
        Dialogs::warning(this, tr("Duplicate Campaign"), original.error().message);
        return;
    }
    Campaign copy = original.value();
    copy.id = 0;
    copy.status = CampaignStatus::Draft;
    copy.name = tr("%1 (copy)").arg(copy.name).left(200);
    // The copy and its files, or nothing.
    Transaction transaction(m_db);
    if (Status begun = transaction.begin(); !begun) {
        Dialogs::warning(this, tr("Duplicate Campaign"), begun.error().message);
        return;
    }
    Result<qint64> created = repository.create(copy);
    if (!created) {
        Dialogs::warning(this, tr("Duplicate Campaign"), created.error().message);
        return;
    }
    Result<QVector<CampaignAttachment>> files = repository.attachments(id);
    if (!files) {
        Dialogs::warning(this, tr("Duplicate Campaign"), files.error().message);
        return;
    }
    for (const CampaignAttachment& file : files.value()) {
        Result<QByteArray> content = repository.attachmentContent(file.id);
        if (!content) {
            Dialogs::warning(this, tr("Duplicate Campaign"), content.error().message);
            return;
        }
        if (auto added =
                repository.addAttachment(created.value(), file.fileName, file.mimeType, file.contentId, *content);
            !added) {
            Dialogs::warning(this, tr("Duplicate Campaign"), added.error().message);
            return;
        }
    }
    if (Status committed = transaction.commit(); !committed) {
        Dialogs::warning(this, tr("Duplicate Campaign"), committed.error().message);
        return;
    }
    reload();
    selectCampaign(created.value());
}

void CampaignListDialog::deleteSelected()
{
    const qint64 id = selectedId();
    if (!id) {
        return;
    }
    const QString name = m_ui->campaignsTreeWidget->selectedItems().first()->text(0);
    const QMessageBox::StandardButton answer =
        Dialogs::question(this, tr("Delete Campaign"),
                          tr("Delete the campaign “%1” and its attachments? This cannot be undone.").arg(name),
                          QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        return;
    }
    if (m_closeEditor && !m_closeEditor(id)) {
        return;
    }
    if (Status removed = CampaignRepository(m_db).remove(id); !removed) {
        Dialogs::warning(this, tr("Delete Campaign"), removed.error().message);
        return;
    }
    reload();
}
