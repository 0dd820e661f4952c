#include "ui/SenderSettingsDialog.h"
#include "ui_SenderSettingsDialog.h"

#include <QPlainTextEdit>
#include <QPushButton>

SenderSettingsDialog::SenderSettingsDialog(QSqlDatabase db, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SenderSettingsDialog>())
    , m_db(std::move(db))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("senderSettingsDialog"));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setDefault(true);
    // The postal address is several lines: Tab must move on, not type a tab.
    m_ui->postalAddressPlainTextEdit->setTabChangesFocus(true);

    Result<SenderSettings> stored = SenderSettings::load(m_db);
    if (stored) {
        m_ui->postalAddressPlainTextEdit->setPlainText(stored->postalAddress);
        m_ui->unsubscribeUrlLineEdit->setText(stored->unsubscribeUrlTemplate);
        m_ui->unsubscribeAddressLineEdit->setText(stored->unsubscribeMailto);
    } else {
        m_ui->errorLabel->setText(stored.error().message);
    }

    connect(m_ui->postalAddressPlainTextEdit, &QPlainTextEdit::textChanged, this, &SenderSettingsDialog::revalidate);
    connect(m_ui->unsubscribeUrlLineEdit, &QLineEdit::textChanged, this, &SenderSettingsDialog::revalidate);
    connect(m_ui->unsubscribeAddressLineEdit, &QLineEdit::textChanged, this, &SenderSettingsDialog::revalidate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SenderSettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SenderSettingsDialog::reject);
    if (stored) {
        revalidate();
    }
}

SenderSettingsDialog::~SenderSettingsDialog() = default;

SenderSettings SenderSettingsDialog::settings() const
{
    SenderSettings settings;
    settings.postalAddress = m_ui->postalAddressPlainTextEdit->toPlainText().trimmed();
    settings.unsubscribeUrlTemplate = m_ui->unsubscribeUrlLineEdit->text().trimmed();
    settings.unsubscribeMailto = m_ui->unsubscribeAddressLineEdit->text().trimmed();
    return settings;
}

void SenderSettingsDialog::revalidate()
{
    const Status valid = settings().validate();
    m_ui->errorLabel->setText(valid ? QString() : valid.error().message);
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(valid.ok());
    // Not an error (the settings can be saved half done), but the content checks will refuse to send.
    m_ui->noteLabel->setVisible(settings().postalAddress.isEmpty());
}

void SenderSettingsDialog::accept()
{
    const Status saved = settings().save(m_db);
    if (!saved) {
        m_ui->errorLabel->setText(saved.error().message);
        return;
    }
    QDialog::accept();
}
