#include "ui/CampaignNewDialog.h"
#include "ui_CampaignNewDialog.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/StarterTemplates.h"

#include <QPushButton>

namespace {

const QString blankId()
{
    return QStringLiteral("blank");
}

// A page to write on: the slots the renderer fills (preheader after <body>, footer before
// </body>) need the body element.
const QString blankHtml()
{
    return QStringLiteral("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n</head>\n<body>\n"
                          "<p>Hello {{ first_name | default: \"there\" }},</p>\n\n</body>\n</html>\n");
}

} // namespace

CampaignNewDialog::CampaignNewDialog(QSqlDatabase db, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CampaignNewDialog>())
    , m_db(std::move(db))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("campaignNewDialog"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Create"));
    for (const StarterTemplate& starter : StarterTemplates::all()) {
        auto* item = new QListWidgetItem(starter.title, m_ui->templateListWidget);
        item->setData(Qt::UserRole, starter.id);
    }
    auto* blank = new QListWidgetItem(tr("Blank"), m_ui->templateListWidget);
    blank->setData(Qt::UserRole, blankId());
    m_ui->templateListWidget->setCurrentRow(0);
    m_ui->errorLabel->hide();
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CampaignNewDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &CampaignNewDialog::reject);
    connect(m_ui->templateListWidget, &QListWidget::itemActivated, this, &CampaignNewDialog::accept);
}

CampaignNewDialog::~CampaignNewDialog() = default;

void CampaignNewDialog::accept()
{
    const QListWidgetItem* chosen = m_ui->templateListWidget->currentItem();
    const QString starterId = chosen ? chosen->data(Qt::UserRole).toString() : blankId();
    Campaign campaign;
    campaign.name = m_ui->nameLineEdit->text().trimmed();
    campaign.htmlBody = starterId == blankId() ? blankHtml() : StarterTemplates::byId(starterId).html;
    campaign.footerHtml = StarterTemplates::defaultFooter();
    CampaignRepository repository(m_db);
    // The sender rarely changes from one campaign to the next.
    if (Result<QVector<Campaign>> existing = repository.all(); existing && !existing->isEmpty()) {
        campaign.fromName = existing->first().fromName;
        campaign.fromAddress = existing->first().fromAddress;
        campaign.replyTo = existing->first().replyTo;
    }
    Result<qint64> id = repository.create(campaign);
    if (!id) {
        m_ui->errorLabel->setText(id.error().message);
        m_ui->errorLabel->show();
        m_ui->nameLineEdit->setFocus(Qt::OtherFocusReason);
        return;
    }
    Q_EMIT created(id.value());
    QDialog::accept();
}
