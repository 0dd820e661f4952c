// Tools > DKIM Keys…: a person makes a key (the vault asks for its passphrase once), sees the
// exact TXT record to publish, copies it, and removes the key after confirming. The record the
// dialog shows is compared with the one DkimKey itself writes for the stored key.

#include "GuiTestWorkspace.h"

#include "core/campaigns/DkimKeyRepository.h"
#include "core/security/Vault.h"
#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/DkimKeysDialog.h"
#include "ui/MainWindow.h"
#include "ui/NewDkimKeyDialog.h"
#include "ui/Translations.h"
#include "ui/VaultSession.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include <memory>

namespace {

constexpr int timeoutMs = 60000;
const QString passphrase = QStringLiteral("correct horse battery staple");

} // namespace

class TestDkimKeysDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void generatesAKeyAndShowsItsRecord_data();
    void generatesAKeyAndShowsItsRecord();
    void refusesAWrongDomainWithTheEnginesMessage();
    void removesAKeyOnlyWhenConfirmed();

private:
    DkimKeysDialog* openDialog();
    // Presses New Key…, fills the form and generates; answers the vault's questions.
    bool generate(DkimKeysDialog* dialog, const QString& domain, const QString& selector, int algorithmIndex);
    template <typename T>
    T* child(QObject* dialog, const char* name) const
    {
        return dialog->findChild<T*>(QString::fromLatin1(name));
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestDkimKeysDialog::initTestCase()
{
    // No keychain: the vault is opened with the passphrase the test types.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    QStandardPaths::setTestModeEnabled(true);
    Dialogs::setWarningsSilent(true);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestDkimKeysDialog::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    m_window->openInitialWorkspace(m_workspace->path());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
    Dialogs::clearLastWarning();
}

void TestDkimKeysDialog::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearPendingAnswers();
}

DkimKeysDialog* TestDkimKeysDialog::openDialog()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("dkimKeysAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    return m_window->findChild<DkimKeysDialog*>();
}

bool TestDkimKeysDialog::generate(DkimKeysDialog* dialog, const QString& domain, const QString& selector,
                                  int algorithmIndex)
{
    child<QPushButton>(dialog, "newKeyButton")->click();
    // The form of an earlier key may still be waiting for deletion: take the one shown.
    NewDkimKeyDialog* form = nullptr;
    for (NewDkimKeyDialog* candidate : dialog->findChildren<NewDkimKeyDialog*>()) {
        if (candidate->isVisible()) {
            form = candidate;
        }
    }
    if (!form) {
        return false;
    }
    // Typed as a person types it (QTest cannot press keys for non-ASCII letters).
    child<QLineEdit>(form, "domainLineEdit")->insert(domain);
    auto* selectorEdit = child<QLineEdit>(form, "selectorLineEdit");
    selectorEdit->clear();
    QTest::keyClicks(selectorEdit, selector);
    child<QComboBox>(form, "algorithmComboBox")->setCurrentIndex(algorithmIndex);
    if (!m_window->vaultSession()->isUnlocked()) {
        // A new vault: the passphrase and its confirmation.
        Dialogs::setNextText(passphrase);
        Dialogs::setNextText(passphrase);
    }
    QPushButton* ok = child<QDialogButtonBox>(form, "buttonBox")->button(QDialogButtonBox::Ok);
    if (!ok->isEnabled()) {
        return false;
    }
    ok->click();
    return QTest::qWaitFor([dialog] { return !dialog->isGenerating(); }, timeoutMs) && !Dialogs::hasPendingAnswers();
}

void TestDkimKeysDialog::generatesAKeyAndShowsItsRecord_data()
{
    QTest::addColumn<int>("algorithmIndex");
    QTest::addColumn<QString>("tag");
    QTest::newRow("ed25519") << 1 << QStringLiteral("k=ed25519");
    QTest::newRow("rsa") << 0 << QStringLiteral("k=rsa");
}

void TestDkimKeysDialog::generatesAKeyAndShowsItsRecord()
{
    QFETCH(int, algorithmIndex);
    QFETCH(QString, tag);
    DkimKeysDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(child<QLabel>(dialog, "emptyLabel")->isVisibleTo(dialog));
    QVERIFY(!child<QPushButton>(dialog, "removeButton")->isEnabled());

    // An international domain: the record names its ASCII form.
    QVERIFY(generate(dialog, QStringLiteral("bücher.example"), QStringLiteral("news1"), algorithmIndex));
    QVERIFY2(Dialogs::lastWarning().isEmpty(), qPrintable(Dialogs::lastWarning()));
    auto* table = child<QTableWidget>(dialog, "keysTableWidget");
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("news1._domainkey.xn--bcher-kva.example"));
    QVERIFY(!child<QLabel>(dialog, "emptyLabel")->isVisibleTo(dialog));

    const QString name = child<QLineEdit>(dialog, "recordNameLineEdit")->text();
    const QString value = child<QPlainTextEdit>(dialog, "recordValuePlainTextEdit")->toPlainText();
    const QString zoneLine = child<QPlainTextEdit>(dialog, "zoneLinePlainTextEdit")->toPlainText();
    QCOMPARE(name, QStringLiteral("news1._domainkey.xn--bcher-kva.example"));
    QVERIFY(value.contains(tag));

    // What DkimKey writes for the stored key pair, its private half read back from the vault.
    Result<Connection> connection = Connection::open(m_workspace->path());
    QVERIFY(connection);
    const Vault* sessionVault = m_window->vaultSession()->unlock(m_window.get());
    QVERIFY(sessionVault);
    Result<Vault> vault = sessionVault->openOn(connection->database());
    QVERIFY(vault);
    DkimKeyRepository repository(connection->database());
    Result<QVector<DkimKeyInfo>> keys = repository.all();
    QVERIFY(keys);
    QCOMPARE(keys->size(), 1);
    Result<DkimKey> key = repository.keyFor(vault.value(), keys->constFirst());
    QVERIFY(key);
    QCOMPARE(value, key->dnsRecordValue());
    Result<QString> record = key->dnsRecord(QStringLiteral("news1"), QStringLiteral("bücher.example"));
    QVERIFY(record);
    QCOMPARE(zoneLine, record.value());

    // Copy puts exactly the value on the clipboard, for pasting into a DNS panel.
    child<QPushButton>(dialog, "copyValueButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), key->dnsRecordValue());
    child<QPushButton>(dialog, "copyNameButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), name);

    // A second key for the same selector is refused with the engine's message; the vault is not asked again.
    QVERIFY(generate(dialog, QStringLiteral("bücher.example"), QStringLiteral("news1"), algorithmIndex));
    QVERIFY(Dialogs::lastWarning().contains(QLatin1String("news1")));
    QCOMPARE(table->rowCount(), 1);
}

void TestDkimKeysDialog::refusesAWrongDomainWithTheEnginesMessage()
{
    DkimKeysDialog* dialog = openDialog();
    QVERIFY(dialog);
    child<QPushButton>(dialog, "newKeyButton")->click();
    auto* form = dialog->findChild<NewDkimKeyDialog*>();
    QVERIFY(form);
    QTest::keyClicks(child<QLineEdit>(form, "domainLineEdit"), QStringLiteral("localhost"));
    QCOMPARE(child<QLabel>(form, "errorLabel")->text(),
             DkimKeyRepository::asciiDomain(QStringLiteral("localhost")).error().message);
    QPushButton* ok = child<QDialogButtonBox>(form, "buttonBox")->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    child<QLineEdit>(form, "domainLineEdit")->setText(QStringLiteral("example.com"));
    child<QLineEdit>(form, "selectorLineEdit")->setText(QStringLiteral("bad selector"));
    QVERIFY(child<QLabel>(form, "errorLabel")->text().contains(QLatin1String("bad selector")));
    QVERIFY(!ok->isEnabled());
    child<QLineEdit>(form, "selectorLineEdit")->setText(QStringLiteral("s2024"));
    QVERIFY(ok->isEnabled());
    form->reject();
    // Nothing was made, and the vault was never asked for.
    QVERIFY(!m_window->vaultSession()->isUnlocked());
    QCOMPARE(child<QTableWidget>(dialog, "keysTableWidget")->rowCount(), 0);
}

void TestDkimKeysDialog::removesAKeyOnlyWhenConfirmed()
{
    DkimKeysDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(generate(dialog, QStringLiteral("example.com"), QStringLiteral("s1"), 1));
    auto* table = child<QTableWidget>(dialog, "keysTableWidget");
    QCOMPARE(table->rowCount(), 1);
    QPushButton* remove = child<QPushButton>(dialog, "removeButton");
    QVERIFY(remove->isEnabled());

    Dialogs::setNextButton(QMessageBox::No);
    remove->click();
    QVERIFY(!Dialogs::hasPendingAnswers());
    QCOMPARE(table->rowCount(), 1);

    Dialogs::setNextButton(QMessageBox::Yes);
    remove->click();
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(child<QLineEdit>(dialog, "recordNameLineEdit")->text().isEmpty());
    Result<Connection> connection = Connection::open(m_workspace->path());
    QVERIFY(connection);
    QVERIFY(DkimKeyRepository(connection->database()).all()->isEmpty());
}

QTEST_MAIN(TestDkimKeysDialog)
#include "test_dkim_keys_dialog.moc"
