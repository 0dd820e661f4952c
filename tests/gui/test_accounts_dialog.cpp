// Campaigns > Sender Accounts…: a person adds a Gmail account (the provider fills in the server
// and limits, the password goes into the vault), is told which field is wrong, edits an account
// without retyping its password, tests it (the server's dialogue shown, the password never) and
// deletes it after confirming.

#include "GuiTestWorkspace.h"

#include "core/delivery/AccountRepository.h"
#include "core/security/Vault.h"
#include "ui/AccountEditor.h"
#include "ui/AccountsDialog.h"
#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"
#include "ui/VaultSession.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSemaphore>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include <memory>

namespace {

constexpr int timeoutMs = 60000;
const QString passphrase = QStringLiteral("correct horse battery staple");
const QString password = QStringLiteral("wqxz kjhg 7731 abcd");

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAccountsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addsAGmailAccountWithItsPasswordInTheVault();
    void namesTheFieldAtFault();
    void editKeepsThePasswordWhenLeftEmpty();
    void testShowsTheServersDialogueAndNotThePassword();
    void cancelTestStopsWaitingAtOnce();
    void deletesOnlyWhenConfirmed();
    void trustsACertificateTheTestFoundWhenAsked();
    void remembersItsSize();

private:
    AccountsDialog* openDialog();
    AccountEditor* visibleEditor(AccountsDialog* dialog);
    // Presses Add…, picks the provider by keyboard, fills the fields and presses Save.
    AccountEditor* fillNewAccount(AccountsDialog* dialog, int presetDownPresses, const QString& name,
                                  const QString& user, const QString& secret);
    void save(AccountEditor* editor);
    Account stored(const QString& name);
    template <typename T>
    T* child(QObject* parent, const char* name) const
    {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestAccountsDialog::initTestCase()
{
    // No keychain: the vault is opened with the passphrase the test types.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    QStandardPaths::setTestModeEnabled(true);
    Dialogs::setWarningsSilent(true);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAccountsDialog::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    m_window->openInitialWorkspace(m_workspace->path());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
    Dialogs::clearLastWarning();
}

void TestAccountsDialog::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearPendingAnswers();
}

AccountsDialog* TestAccountsDialog::openDialog()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("senderAccountsAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    return m_window->findChild<AccountsDialog*>();
}

AccountEditor* TestAccountsDialog::visibleEditor(AccountsDialog* dialog)
{
    for (AccountEditor* candidate : dialog->findChildren<AccountEditor*>()) {
        if (candidate->isVisible()) {
            return candidate;
        }
    }
    return nullptr;
}

AccountEditor* TestAccountsDialog::fillNewAccount(AccountsDialog* dialog, int presetDownPresses, const QString& name,
                                                  const QString& user, const QString& secret)
{
    child<QPushButton>(dialog, "addButton")->click();
    AccountEditor* editor = visibleEditor(dialog);
    if (!editor) {
        return nullptr;
    }
    auto* preset = child<QComboBox>(editor, "presetComboBox");
    preset->setFocus();
    for (int i = 0; i < presetDownPresses; ++i) {
        QTest::keyClick(preset, Qt::Key_Down);
    }
    QTest::keyClicks(child<QLineEdit>(editor, "nameLineEdit"), name);
    QTest::keyClicks(child<QLineEdit>(editor, "userLineEdit"), user);
    QTest::keyClicks(child<QLineEdit>(editor, "passwordLineEdit"), secret);
    return editor;
}

void TestAccountsDialog::save(AccountEditor* editor)
{
    child<QDialogButtonBox>(editor, "buttonBox")->button(QDialogButtonBox::Save)->click();
}

Account TestAccountsDialog::stored(const QString& name)
{
    Result<Connection> connection = Connection::open(m_workspace->path());
    if (!connection) {
        return {};
    }
    Result<Account> account = AccountRepository(connection->database()).findByName(name);
    return account ? account.value() : Account();
}

void TestAccountsDialog::addsAGmailAccountWithItsPasswordInTheVault()
{
    AccountsDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(child<QLabel>(dialog, "emptyLabel")->isVisibleTo(dialog));
    QVERIFY(!child<QPushButton>(dialog, "testButton")->isEnabled());

    // Gmail is first; one step down is Google Workspace: its limits replace Gmail's.
    AccountEditor* editor =
        fillNewAccount(dialog, 1, QStringLiteral("Team"), QStringLiteral("anna@bakery.example"), password);
    QVERIFY(editor);
    QCOMPARE(child<QLineEdit>(editor, "hostLineEdit")->text(), QStringLiteral("smtp.gmail.com"));
    QCOMPARE(child<QSpinBox>(editor, "dailyLimitSpinBox")->value(), 2000);
    QVERIFY(child<QLabel>(editor, "presetNoteLabel")->text().contains(QStringLiteral("2,000")));
    QCOMPARE(child<QLineEdit>(editor, "passwordLineEdit")->echoMode(), QLineEdit::Password);
    // A new vault: the passphrase and its confirmation.
    Dialogs::setNextText(passphrase);
    Dialogs::setNextText(passphrase);
    save(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isVisible(), timeoutMs);
    QVERIFY(!Dialogs::hasPendingAnswers());

    auto* table = child<QTableWidget>(dialog, "accountsTableWidget");
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Team"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("smtp.gmail.com:587"));
    QVERIFY(!child<QLabel>(dialog, "emptyLabel")->isVisibleTo(dialog));

    const Account account = stored(QStringLiteral("Team"));
    QCOMPARE(account.preset, AccountPresetId::Workspace);
    QCOMPARE(account.dailyLimit, 2000);
    QCOMPARE(account.fromAddress, QStringLiteral("anna@bakery.example"));
    QVERIFY(account.hasSecret);
    const Vault* vault = m_window->vaultSession()->unlock(m_window.get());
    QVERIFY(vault);
    QCOMPARE(vault->get(QStringLiteral("account"), QString::number(account.id)).value(), password.toUtf8());
    const QByteArray bytes = fileBytes(m_workspace->path()) + fileBytes(m_workspace->path() + QStringLiteral("-wal"));
    QVERIFY(!bytes.contains(password.toUtf8()));
}

void TestAccountsDialog::namesTheFieldAtFault()
{
    AccountsDialog* dialog = openDialog();
    QVERIFY(dialog);
    // "Other SMTP server" (the last) has no host: Save says so and keeps the form open.
    AccountEditor* editor =
        fillNewAccount(dialog, 4, QStringLiteral("Own"), QStringLiteral("me@example.com"), password);
    QVERIFY(editor);
    QVERIFY(child<QLineEdit>(editor, "hostLineEdit")->text().isEmpty());
    save(editor);
    QVERIFY(editor->isVisible());
    QVERIFY2(editor->errorText().contains(QStringLiteral("host is empty")), qPrintable(editor->errorText()));

    QTest::keyClicks(child<QLineEdit>(editor, "hostLineEdit"), QStringLiteral("mail.example.com"));
    QTest::keyClicks(child<QLineEdit>(editor, "fingerprintLineEdit"), QStringLiteral("AB:CD"));
    save(editor);
    QVERIFY(editor->isVisible());
    QVERIFY2(editor->errorText().contains(QStringLiteral("64")), qPrintable(editor->errorText()));
    QVERIFY(stored(QStringLiteral("Own")).id == 0);
    editor->reject();
}

void TestAccountsDialog::editKeepsThePasswordWhenLeftEmpty()
{
    AccountsDialog* dialog = openDialog();
    QVERIFY(dialog);
    AccountEditor* editor =
        fillNewAccount(dialog, 0, QStringLiteral("Gmail"), QStringLiteral("anna@gmail.example"), password);
    Dialogs::setNextText(passphrase);
    Dialogs::setNextText(passphrase);
    save(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isVisible(), timeoutMs);

    child<QPushButton>(dialog, "editButton")->click();
    editor = visibleEditor(dialog);
    QVERIFY(editor);
    QVERIFY(child<QLineEdit>(editor, "passwordLineEdit")->text().isEmpty());
    QVERIFY(!child<QLineEdit>(editor, "passwordLineEdit")->placeholderText().isEmpty());
    auto* daily = child<QSpinBox>(editor, "dailyLimitSpinBox");
    daily->selectAll();
    QTest::keyClicks(daily, QStringLiteral("250"));
    save(editor);
    QTRY_VERIFY(!editor->isVisible());
    const Account account = stored(QStringLiteral("Gmail"));
    QCOMPARE(account.dailyLimit, 250);
    const Vault* vault = m_window->vaultSession()->unlock(m_window.get());
    QCOMPARE(vault->get(QStringLiteral("account"), QString::number(account.id)).value(), password.toUtf8());
    QVERIFY(child<QTableWidget>(dialog, "accountsTableWidget")->item(0, 3)->text().contains(QStringLiteral("250")));
}

void TestAccountsDialog::testShowsTheServersDialogueAndNotThePassword()
{
    AccountsDialog* dialog = openDialog();
    QVERIFY(dialog);
    AccountEditor* editor =
        fillNewAccount(dialog, 0, QStringLiteral("Gmail"), QStringLiteral("anna@gmail.example"), password);
    Dialogs::setNextText(passphrase);
    Dialogs::setNextText(passphrase);
    save(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isVisible(), timeoutMs);

    // A stand-in for the server: what the probe was given, and a refused login.
    auto given = std::make_shared<SmtpSettings>();
    dialog->setProbeForTesting([given](const SmtpSettings& settings) {
        *given = settings;
        SmtpProbeResult result;
        result.ok = false;
        result.failure = SmtpFailure::Auth;
        result.verdict = QStringLiteral("smtp.gmail.com:587 refused the sign-in: 535 5.7.8 Username and Password "
                                        "not accepted");
        result.transcript = {QStringLiteral("S: 220 smtp.gmail.com ESMTP"), QStringLiteral("C: EHLO host"),
                             QStringLiteral("C: AUTH PLAIN ****"),
                             QStringLiteral("S: 535 5.7.8 Username and Password not accepted")};
        return result;
    });
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isTesting(), timeoutMs);
    QCOMPARE(given->host, QStringLiteral("smtp.gmail.com"));
    QCOMPARE(given->user, QStringLiteral("anna@gmail.example"));
    QCOMPARE(given->secret, password.toUtf8());
    // A test gives up in seconds, not in RFC 5321's minutes.
    QVERIFY(given->timeouts.greetingMs <= 30000);

    const QString status = child<QLabel>(dialog, "statusLabel")->text();
    QVERIFY2(status.contains(QStringLiteral("535 5.7.8")), qPrintable(status));
    const QString transcript = child<QPlainTextEdit>(dialog, "transcriptPlainTextEdit")->toPlainText();
    QVERIFY(transcript.contains(QStringLiteral("S: 220 smtp.gmail.com ESMTP")));
    QVERIFY(!transcript.contains(password));
    QVERIFY(child<QPushButton>(dialog, "testButton")->isEnabled());
}

void TestAccountsDialog::cancelTestStopsWaitingAtOnce()
{
    AccountsDialog* dialog = openDialog();
    QVERIFY(dialog);
    AccountEditor* editor =
        fillNewAccount(dialog, 0, QStringLiteral("Gmail"), QStringLiteral("anna@gmail.example"), password);
    Dialogs::setNextText(passphrase);
    Dialogs::setNextText(passphrase);
    save(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isVisible(), timeoutMs);

    // A server that never answers until the test lets it.
    auto release = std::make_shared<QSemaphore>();
    dialog->setProbeForTesting([release](const SmtpSettings&) {
        release->acquire();
        SmtpProbeResult result;
        result.ok = true;
        result.verdict = QStringLiteral("late answer");
        return result;
    });
    child<QPushButton>(dialog, "testButton")->click();
    QVERIFY(dialog->isTesting());
    auto* cancel = child<QPushButton>(dialog, "cancelTestButton");
    QVERIFY(cancel->isVisible());
    QVERIFY(!child<QPushButton>(dialog, "testButton")->isEnabled());
    cancel->click();
    QVERIFY(!dialog->isTesting());
    QVERIFY(!cancel->isVisible());
    QVERIFY(child<QPushButton>(dialog, "testButton")->isEnabled());
    // The late answer of the abandoned test is not shown.
    release->release();
    QTest::qWait(200);
    QVERIFY(!child<QLabel>(dialog, "statusLabel")->text().contains(QStringLiteral("late answer")));
}

void TestAccountsDialog::deletesOnlyWhenConfirmed()
{
    AccountsDialog* dialog = openDialog();
    QVERIFY(dialog);
    AccountEditor* editor =
        fillNewAccount(dialog, 0, QStringLiteral("Gmail"), QStringLiteral("anna@gmail.example"), password);
    Dialogs::setNextText(passphrase);
    Dialogs::setNextText(passphrase);
    save(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isVisible(), timeoutMs);
    const qint64 id = stored(QStringLiteral("Gmail")).id;
    QVERIFY(id > 0);

    Dialogs::setNextButton(QMessageBox::No);
    child<QPushButton>(dialog, "deleteButton")->click();
    QCOMPARE(child<QTableWidget>(dialog, "accountsTableWidget")->rowCount(), 1);
    QCOMPARE(stored(QStringLiteral("Gmail")).id, id);

    // The Delete key on the list asks the same question.
    auto* table = child<QTableWidget>(dialog, "accountsTableWidget");
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    table->setFocus();
    Dialogs::setNextButton(QMessageBox::Yes);
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(!Dialogs::hasPendingAnswers());
    QCOMPARE(table->rowCount(), 0);
    QCOMPARE(stored(QStringLiteral("Gmail")).id, 0);
    const Vault* vault = m_window->vaultSession()->unlock(m_window.get());
    QVERIFY(!vault->get(QStringLiteral("account"), QString::number(id)));
}

void TestAccountsDialog::trustsACertificateTheTestFoundWhenAsked()
{
    AccountsDialog* dialog = openDialog();
    QVERIFY(dialog);
    AccountEditor* editor =
        fillNewAccount(dialog, 4, QStringLiteral("Own"), QStringLiteral("me@example.com"), password);
    QTest::keyClicks(child<QLineEdit>(editor, "hostLineEdit"), QStringLiteral("mail.example.com"));
    Dialogs::setNextText(passphrase);
    Dialogs::setNextText(passphrase);
    save(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isVisible(), timeoutMs);
    QVERIFY(stored(QStringLiteral("Own")).trustedCertificate.isEmpty());

    // A self-signed certificate: the test offers to trust exactly that one.
    const QByteArray sha256 = QByteArray::fromHex("3f1ab29c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8");
    dialog->setProbeForTesting([sha256](const SmtpSettings&) {
        SmtpProbeResult result;
        result.failure = SmtpFailure::Certificate;
        result.verdict = QStringLiteral("mail.example.com:587: STARTTLS: the server's certificate was not accepted");
        result.certificateSha256 = sha256;
        return result;
    });
    Dialogs::setNextButton(QMessageBox::No);
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isTesting(), timeoutMs);
    QTRY_VERIFY(!Dialogs::hasPendingAnswers());
    QVERIFY(stored(QStringLiteral("Own")).trustedCertificate.isEmpty());

    Dialogs::setNextButton(QMessageBox::Yes);
    child<QPushButton>(dialog, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isTesting(), timeoutMs);
    QTRY_COMPARE(stored(QStringLiteral("Own")).trustedCertificate, sha256);
    QVERIFY(child<QLabel>(dialog, "statusLabel")->text().contains(QStringLiteral("3F:1A:B2")));
}

void TestAccountsDialog::remembersItsSize()
{
    AccountsDialog* dialog = openDialog();
    QVERIFY(dialog);
    dialog->resize(1000, 700);
    dialog->reject();
    QVERIFY(!m_settings->value(AppSettings::Key::AccountsDialogGeometry).toByteArray().isEmpty());
    AccountsDialog again(QSqlDatabase(), nullptr, m_settings.get());
    QCOMPARE(again.size(), QSize(1000, 700));
}

QTEST_MAIN(TestAccountsDialog)
#include "test_accounts_dialog.moc"
