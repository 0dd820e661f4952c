#include "ui/AccountEditor.h"
#include "ui_AccountEditor.h"

#include "ui/VaultSession.h"

#include "core/campaigns/DkimKeyRepository.h"
#include "core/delivery/AccountPresets.h"
#include "core/delivery/AccountRepository.h"

#include <QPushButton>
#include <QUrl>

AccountEditor::AccountEditor(QSqlDatabase db, VaultSession* vaultSession, const Account& account, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AccountEditor>())
    , m_db(std::move(db))
    , m_vaultSession(vaultSession)
    , m_account(account)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("accountEditor"));
    setWindowTitle(account.id == 0 ? tr("New Sender Account") : tr("Sender Account “%1”").arg(account.name));

    for (const AccountPreset& preset : AccountPresets::all()) {
        m_ui->presetComboBox->addItem(preset.title, static_cast<int>(preset.id));
    }
    m_ui->securityComboBox->addItem(tr("STARTTLS (port 587)"), static_cast<int>(SmtpSecurity::StartTls));
    m_ui->securityComboBox->addItem(tr("TLS (port 465)"), static_cast<int>(SmtpSecurity::ImplicitTls));
    m_ui->securityComboBox->addItem(tr("None (a local relay)"), static_cast<int>(SmtpSecurity::None));
    m_ui->authComboBox->addItem(tr("Password"), static_cast<int>(SmtpAuth::Password));
    m_ui->authComboBox->addItem(tr("OAuth token (XOAUTH2)"), static_cast<int>(SmtpAuth::XOAuth2));
    m_ui->authComboBox->addItem(tr("Nothing (the server trusts this computer)"), static_cast<int>(SmtpAuth::None));
    loadDkimKeys();

    m_ui->nameLineEdit->setText(account.name);
    m_ui->presetComboBox->setCurrentIndex(m_ui->presetComboBox->findData(static_cast<int>(account.preset)));
    m_ui->presetNoteLabel->setText(AccountPresets::of(account.preset).note);
    m_ui->hostLineEdit->setText(QUrl::fromAce(account.host.toLatin1()));
    m_ui->portSpinBox->setValue(account.port);
    m_ui->securityComboBox->setCurrentIndex(m_ui->securityComboBox->findData(static_cast<int>(account.security)));
    m_ui->authComboBox->setCurrentIndex(m_ui->authComboBox->findData(static_cast<int>(account.auth)));
    m_ui->userLineEdit->setText(account.user);
    m_ui->allowPlaintextCheckBox->setChecked(account.allowPlaintextAuth);
    m_ui->fromNameLineEdit->setText(account.fromName);
    m_ui->fromAddressLineEdit->setText(account.fromAddress);
    m_ui->dailyLimitSpinBox->setValue(account.dailyLimit);
    m_ui->perMinuteSpinBox->setValue(account.perMinute);
    m_ui->connectionsSpinBox->setValue(account.connections);
    m_ui->fingerprintLineEdit->setText(Account::fingerprintText(account.trustedCertificate));
    if (account.dkimKeyId) {
        m_ui->dkimKeyComboBox->setCurrentIndex(
            std::max(0, m_ui->dkimKeyComboBox->findData(QVariant::fromValue(*account.dkimKeyId))));
    }
    m_ui->passwordLineEdit->setPlaceholderText(account.hasSecret ? tr("Leave empty to keep the stored password")
                                                                 : QString());
    m_ui->errorLabel->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setDefault(true);
    updateAuthWidgets();

    connect(m_ui->presetComboBox, &QComboBox::activated, this, &AccountEditor::applyPreset);
    connect(m_ui->securityComboBox, &QComboBox::activated, this, &AccountEditor::onSecurityChanged);
    connect(m_ui->authComboBox, &QComboBox::currentIndexChanged, this, &AccountEditor::updateAuthWidgets);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AccountEditor::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &AccountEditor::reject);
}

AccountEditor::~AccountEditor() = default;

void AccountEditor::loadDkimKeys()
{
    m_ui->dkimKeyComboBox->addItem(tr("None (sign with the key of the From domain, if any)"), QVariant());
    Result<QVector<DkimKeyInfo>> keys = DkimKeyRepository(m_db).all();
    if (!keys) {
        return;
    }
    for (const DkimKeyInfo& key : keys.value()) {
        m_ui->dkimKeyComboBox->addItem(key.recordName(), QVariant::fromValue(key.id));
    }
}

void AccountEditor::applyPreset()
{
    const auto id = static_cast<AccountPresetId>(m_ui->presetComboBox->currentData().toInt());
    const AccountPreset preset = AccountPresets::of(id);
    m_ui->presetNoteLabel->setText(preset.note);
    m_ui->hostLineEdit->setText(preset.host);
    m_ui->portSpinBox->setValue(preset.port);
    m_ui->securityComboBox->setCurrentIndex(m_ui->securityComboBox->findData(static_cast<int>(preset.security)));
    m_ui->authComboBox->setCurrentIndex(m_ui->authComboBox->findData(static_cast<int>(preset.auth)));
    m_ui->dailyLimitSpinBox->setValue(preset.dailyLimit);
    m_ui->perMinuteSpinBox->setValue(preset.perMinute);
    m_ui->connectionsSpinBox->setValue(preset.connections);
    if (preset.host.isEmpty()) {
        m_ui->hostLineEdit->setFocus();
    }
}

void AccountEditor::onSecurityChanged()
{
    // Follow the usual ports unless the person chose another one.
    const auto security = static_cast<SmtpSecurity>(m_ui->securityComboBox->currentData().toInt());
    if (security == SmtpSecurity::ImplicitTls && m_ui->portSpinBox->value() == 587) {
        m_ui->portSpinBox->setValue(465);
    } else if (security == SmtpSecurity::StartTls && m_ui->portSpinBox->value() == 465) {
        m_ui->portSpinBox->setValue(587);
    }
    updateAuthWidgets();
}

void AccountEditor::updateAuthWidgets()
{
    const auto auth = static_cast<SmtpAuth>(m_ui->authComboBox->currentData().toInt());
    const auto security = static_cast<SmtpSecurity>(m_ui->securityComboBox->currentData().toInt());
    const bool signsIn = auth != SmtpAuth::None;
    m_ui->userLineEdit->setEnabled(signsIn);
    m_ui->passwordLineEdit->setEnabled(signsIn);
    m_ui->passwordLabel->setText(auth == SmtpAuth::XOAuth2 ? tr("OAut&h token:") : tr("Pass&word:"));
    m_ui->allowPlaintextCheckBox->setEnabled(signsIn && security == SmtpSecurity::None);
}

Account AccountEditor::account() const
{
    Account a = m_account;
    a.name = m_ui->nameLineEdit->text();
    a.preset = static_cast<AccountPresetId>(m_ui->presetComboBox->currentData().toInt());
    a.host = m_ui->hostLineEdit->text();
    a.port = m_ui->portSpinBox->value();
    a.security = static_cast<SmtpSecurity>(m_ui->securityComboBox->currentData().toInt());
    a.auth = static_cast<SmtpAuth>(m_ui->authComboBox->currentData().toInt());
    a.user = a.auth == SmtpAuth::None ? QString() : m_ui->userLineEdit->text();
    a.allowPlaintextAuth = m_ui->allowPlaintextCheckBox->isChecked();
    a.fromName = m_ui->fromNameLineEdit->text();
    a.fromAddress = m_ui->fromAddressLineEdit->text();
    a.dailyLimit = m_ui->dailyLimitSpinBox->value();
    a.perMinute = m_ui->perMinuteSpinBox->value();
    a.connections = m_ui->connectionsSpinBox->value();
    const QVariant key = m_ui->dkimKeyComboBox->currentData();
    a.dkimKeyId = key.isValid() ? std::optional<qint64>(key.toLongLong()) : std::nullopt;
    return a;
}

QString AccountEditor::errorText() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

void AccountEditor::showError(const QString& message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->show();
}

void AccountEditor::accept()
{
    Account a = account();
    Result<QByteArray> fingerprint = AccountRepository::parseFingerprint(m_ui->fingerprintLineEdit->text());
    if (!fingerprint) {
        showError(fingerprint.error().message);
        m_ui->fingerprintLineEdit->setFocus();
        return;
    }
    a.trustedCertificate = fingerprint.value();
    const QByteArray secret = a.auth == SmtpAuth::None ? QByteArray() : m_ui->passwordLineEdit->text().toUtf8();
    AccountRepository repo(m_db);
    Result<Account> checked = repo.validate(a, !secret.isEmpty() || (a.id != 0 && m_account.hasSecret));
    if (!checked) {
        showError(checked.error().message);
        return;
    }
    const Vault* vault = nullptr;
    if (!secret.isEmpty()) {
        vault = m_vaultSession->unlock(this);
        if (!vault) {
            showError(tr("The account was not saved: its password goes into the vault, which stayed locked."));
            return;
        }
    }
    if (a.id == 0) {
        Result<qint64> id = repo.create(checked.value(), secret, vault);
        if (!id) {
            showError(id.error().message);
            return;
        }
        m_account = checked.value();
        m_account.id = id.value();
    } else {
        const std::optional<QByteArray> newSecret = secret.isEmpty() ? std::nullopt : std::optional<QByteArray>(secret);
        if (Status saved = repo.update(checked.value(), newSecret, vault); !saved) {
            showError(saved.error().message);
            return;
        }
        m_account = checked.value();
    }
    m_ui->passwordLineEdit->clear();
    QDialog::accept();
}
