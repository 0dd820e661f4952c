#include "ui/AccountsDialog.h"
#include "ui_AccountsDialog.h"

#include "ui/AccountEditor.h"
#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/VaultSession.h"

#include "core/delivery/AccountPresets.h"
#include "core/delivery/AccountRepository.h"

#include <QAction>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTableWidgetItem>
#include <QThreadPool>

namespace {

enum Column { NameColumn, ServerColumn, UserColumn, LimitsColumn, ColumnCount };

// A test is a person waiting: fail within seconds, not RFC 5321's minutes.
SmtpTimeouts testTimeouts()
{
    SmtpTimeouts timeouts;
    timeouts.connectMs = 15'000;
    timeouts.greetingMs = 30'000;
    timeouts.commandMs = 30'000;
    return timeouts;
}

} // namespace

AccountsDialog::AccountsDialog(QSqlDatabase db, VaultSession* vaultSession, AppSettings* settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AccountsDialog>())
    , m_db(std::move(db))
    , m_vaultSession(vaultSession)
    , m_settings(settings)
    , m_probe(&SmtpSession::probe)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("accountsDialog"));
    m_ui->progressBar->setRange(0, 0);
    m_ui->progressBar->hide();
    m_ui->cancelTestButton->hide();

    QTableWidget* table = m_ui->accountsTableWidget;
    table->setColumnCount(ColumnCount);
    table->setHorizontalHeaderLabels({tr("Name"), tr("Server"), tr("User"), tr("Limits")});
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(ServerColumn, QHeaderView::Stretch);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->setTabKeyNavigation(false);

    connect(table, &QTableWidget::itemSelectionChanged, this, &AccountsDialog::onSelectionChanged);
    connect(table, &QTableWidget::itemActivated, this, &AccountsDialog::editSelected);
    connect(m_ui->addButton, &QPushButton::clicked, this, &AccountsDialog::addAccount);
    connect(m_ui->editButton, &QPushButton::clicked, this, &AccountsDialog::editSelected);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &AccountsDialog::deleteSelected);
    connect(m_ui->testButton, &QPushButton::clicked, this, &AccountsDialog::testSelected);
    connect(m_ui->cancelTestButton, &QPushButton::clicked, this, &AccountsDialog::cancelTest);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &AccountsDialog::reject);
    // The Delete key on the list does what the Delete button does (after the same question).
    auto* deleteAction = new QAction(tr("Delete Account"), this);
    deleteAction->setObjectName(QStringLiteral("deleteAccountAction"));
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    table->addAction(deleteAction);
    connect(deleteAction, &QAction::triggered, this, &AccountsDialog::deleteSelected);

    if (m_settings) {
        const QByteArray geometry = m_settings->value(AppSettings::Key::AccountsDialogGeometry).toByteArray();
        if (!geometry.isEmpty()) {
            restoreGeometry(geometry);
        }
    }
    reload();
}

AccountsDialog::~AccountsDialog() = default;

void AccountsDialog::setProbeForTesting(Probe probe)
{
    m_probe = std::move(probe);
}

void AccountsDialog::done(int result)
{
    if (m_settings) {
        m_settings->setValue(AppSettings::Key::AccountsDialogGeometry, saveGeometry());
    }
    // A test still running is abandoned: its result finds no dialog and is dropped.
    m_testId = 0;
    QDialog::done(result);
}

void AccountsDialog::reload()
{
    const qint64 keep = selectedId();
    Result<QVector<Account>> all = AccountRepository(m_db).list();
    if (!all) {
        m_ui->statusLabel->setText(all.error().message);
        m_accounts.clear();
    } else {
        m_accounts = all.value();
    }
    QTableWidget* table = m_ui->accountsTableWidget;
    const QSignalBlocker blocker(table);
    table->clearContents();
    table->setRowCount(static_cast<int>(m_accounts.size()));
    const QLocale locale;
    for (int row = 0; row < m_accounts.size(); ++row) {
        const Account& a = m_accounts.at(row);
        auto* name = new QTableWidgetItem(a.name);
        name->setData(Qt::UserRole, a.id);
        name->setToolTip(AccountPresets::of(a.preset).title);
        table->setItem(row, NameColumn, name);
        table->setItem(row, ServerColumn,
                       new QTableWidgetItem(QStringLiteral("%1:%2").arg(QUrl::fromAce(a.host.toLatin1())).arg(a.port)));
        table->setItem(row, UserColumn, new QTableWidgetItem(a.auth == SmtpAuth::None ? tr("(no sign-in)") : a.user));
        table->setItem(row, LimitsColumn,
                       new QTableWidgetItem(tr("%1 a day, %2 a minute, %n connection(s)", nullptr, a.connections)
                                                .arg(locale.toString(a.dailyLimit), locale.toString(a.perMinute))));
    }
    m_ui->emptyLabel->setVisible(m_accounts.isEmpty());
    selectAccount(keep);
    if (selectedId() == 0 && !m_accounts.isEmpty()) {
        table->selectRow(0);
    }
    onSelectionChanged();
}

void AccountsDialog::selectAccount(qint64 id)
{
    for (int row = 0; row < m_accounts.size(); ++row) {
        if (m_accounts.at(row).id == id) {
            m_ui->accountsTableWidget->selectRow(row);
            return;
        }
    }
}

qint64 AccountsDialog::selectedId() const
{
    const QList<QTableWidgetItem*> items = m_ui->accountsTableWidget->selectedItems();
    for (const QTableWidgetItem* item : items) {
        if (item->column() == NameColumn) {
            return item->data(Qt::UserRole).toLongLong();
        }
    }
    return 0;
}

const Account* AccountsDialog::selected() const
{
    const qint64 id = selectedId();
    for (const Account& a : m_accounts) {
        if (a.id == id) {
            return &a;
        }
    }
    return nullptr;
}

void AccountsDialog::onSelectionChanged()
{
    const bool any = selected() != nullptr;
    m_ui->editButton->setEnabled(any);
    m_ui->deleteButton->setEnabled(any && !isTesting());
    m_ui->testButton->setEnabled(any && !isTesting());
}

void AccountsDialog::addAccount()
{
    auto* editor = new AccountEditor(m_db, m_vaultSession, AccountPresets::newAccount(AccountPresetId::Gmail), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        reload();
        selectAccount(editor->savedId());
        m_ui->statusLabel->setText(
            tr("Added %1. Press Test to check that it can sign in.").arg(editor->account().name));
    });
    editor->open();
}

void AccountsDialog::editSelected()
{
    const Account* account = selected();
    if (!account) {
        return;
    }
    auto* editor = new AccountEditor(m_db, m_vaultSession, *account, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this] { reload(); });
    editor->open();
}

void AccountsDialog::deleteSelected()
{
    const Account* account = selected();
    if (!account || isTesting()) {
        return;
    }
    const QString name = account->name;
    const qint64 id = account->id;
    const QMessageBox::StandardButton answer =
        Dialogs::question(this, tr("Delete Sender Account"),
                          tr("Delete the account %1? Its stored password is deleted too. A campaign that listed only "
                             "this account will send from every account.")
                              .arg(name),
                          QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        return;
    }
    if (Status removed = AccountRepository(m_db).remove(id); !removed) {
        Dialogs::warning(this, tr("Delete Sender Account"), removed.error().message);
        return;
    }
    m_ui->statusLabel->setText(tr("Deleted %1.").arg(name));
    reload();
}

void AccountsDialog::testSelected()
{
    const Account* selectedAccount = selected();
    if (!selectedAccount || isTesting()) {
        return;
    }
    const Account account = *selectedAccount;
    SmtpSettings settings;
    if (account.auth == SmtpAuth::None) {
        settings.host = account.host;
        settings.port = static_cast<quint16>(account.port);
        settings.security = account.security;
        settings.auth = SmtpAuth::None;
        settings.trustedCertificateSha256 = account.trustedCertificate;
    } else {
        const Vault* vault = m_vaultSession->unlock(this);
        if (!vault) {
            m_ui->statusLabel->setText(tr("Not tested: the account's password is in the vault, which stayed locked."));
            return;
        }
        Result<SmtpSettings> withSecret = AccountRepository(m_db).smtpSettings(account, *vault);
        if (!withSecret) {
            m_ui->statusLabel->setText(withSecret.error().message);
            return;
        }
        settings = withSecret.value();
    }
    settings.timeouts = testTimeouts();

    const quint64 testId = m_nextTestId++;
    m_testId = testId;
    setTesting(true);
    m_ui->transcriptPlainTextEdit->clear();
    m_ui->statusLabel->setText(
        tr("Testing %1: connecting to %2:%3…").arg(account.name, account.host).arg(account.port));
    // The worker gets value copies only; its result comes back through the application object and
    // reaches this dialog only if it still exists and still waits for this test.
    QPointer<AccountsDialog> self(this);
    const Probe probe = m_probe;
    const QString name = account.name;
    QThreadPool::globalInstance()->start([self, probe, settings, testId, name]() mutable {
        const SmtpProbeResult result = probe(settings);
        settings.secret.fill('\0');
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, result, testId, name] {
                if (self) {
                    self->onTested(testId, result, name);
                }
            },
            Qt::QueuedConnection);
    });
}

void AccountsDialog::cancelTest()
{
    if (!isTesting()) {
        return;
    }
    m_testId = 0;
    setTesting(false);
    m_ui->statusLabel->setText(tr("Test cancelled."));
}

void AccountsDialog::onTested(quint64 testId, const SmtpProbeResult& result, const QString& accountName)
{
    if (testId != m_testId) {
        return;
    }
    m_testId = 0;
    setTesting(false);
    m_ui->transcriptPlainTextEdit->setPlainText(result.transcript.join(QLatin1Char('\n')));
    m_ui->statusLabel->setText(result.ok ? tr("%1: %2").arg(accountName, result.verdict)
                                         : tr("%1 failed: %2").arg(accountName, result.verdict));
    if (result.ok || result.failure != SmtpFailure::Certificate || result.certificateSha256.size() != 32) {
        return;
    }
    // A self-hosted server's own certificate: offer to trust exactly this one, for this account.
    Result<Account> account = AccountRepository(m_db).findByName(accountName);
    if (!account) {
        return;
    }
    const QString fingerprint = Account::fingerprintText(result.certificateSha256);
    const QMessageBox::StandardButton answer = Dialogs::question(
        this, tr("Trust Certificate"),
        tr("The certificate of %1 did not verify. If it is your own server's certificate, Mailroom can trust exactly "
           "this one for the account %2 (SHA-256 %3). Trust it?")
            .arg(account->host, accountName, fingerprint),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        return;
    }
    Account trusted = account.value();
    trusted.trustedCertificate = result.certificateSha256;
    if (Status saved = AccountRepository(m_db).update(trusted, std::nullopt, nullptr); !saved) {
        Dialogs::warning(this, tr("Trust Certificate"), saved.error().message);
        return;
    }
    m_ui->statusLabel->setText(tr("%1 now trusts the certificate %2. Test again.").arg(accountName, fingerprint));
    reload();
}

void AccountsDialog::setTesting(bool testing)
{
    m_ui->progressBar->setVisible(testing);
    m_ui->cancelTestButton->setVisible(testing);
    if (testing) {
        m_ui->cancelTestButton->setFocus();
    }
    onSelectionChanged();
}
