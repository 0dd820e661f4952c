// Tools > Sender Settings…: a person types the postal address and the unsubscribe URL, sees the
// engine's message for a wrong URL beside the fields, saves, and finds the settings stored in
// the workspace; Cancel stores nothing.

#include "GuiTestWorkspace.h"

#include "core/campaigns/SenderSettings.h"
#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/SenderSettingsDialog.h"
#include "ui/Translations.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

constexpr int timeoutMs = 20000;

} // namespace

class TestSenderSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void savesWhatWasTyped();
    void showsTheEnginesMessageForAWrongUrl();
    void cancelStoresNothing();

private:
    SenderSettingsDialog* openDialog();
    SenderSettings stored() const;
    template <typename T>
    T* child(QWidget* dialog, const char* name) const
    {
        return dialog->findChild<T*>(QString::fromLatin1(name));
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestSenderSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Dialogs::setWarningsSilent(true);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSenderSettings::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    m_window->openInitialWorkspace(m_workspace->path());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
}

void TestSenderSettings::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearPendingAnswers();
}

SenderSettingsDialog* TestSenderSettings::openDialog()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("senderSettingsAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    return m_window->findChild<SenderSettingsDialog*>();
}

SenderSettings TestSenderSettings::stored() const
{
    Result<Connection> connection = Connection::open(m_workspace->path());
    if (!connection) {
        return {};
    }
    return SenderSettings::load(connection->database()).value();
}

void TestSenderSettings::savesWhatWasTyped()
{
    SenderSettingsDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    // Nothing set yet: the person is told sending needs the postal address.
    QVERIFY(child<QLabel>(dialog, "noteLabel")->isVisibleTo(dialog));

    auto* address = child<QPlainTextEdit>(dialog, "postalAddressPlainTextEdit");
    address->setFocus();
    QTest::keyClicks(address, QStringLiteral("Blue Door Bakery"));
    QTest::keyClick(address, Qt::Key_Return);
    QTest::keyClicks(address, QStringLiteral("12 Harbour Street, Bristol"));
    QVERIFY(!child<QLabel>(dialog, "noteLabel")->isVisibleTo(dialog));
    QTest::keyClicks(child<QLineEdit>(dialog, "unsubscribeUrlLineEdit"),
                     QStringLiteral("https://bluedoor.example/unsubscribe?t={token}"));
    QTest::keyClicks(child<QLineEdit>(dialog, "unsubscribeAddressLineEdit"),
                     QStringLiteral("unsubscribe@bluedoor.example"));
    QVERIFY(child<QLabel>(dialog, "errorLabel")->text().isEmpty());

    QPushButton* save = child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save);
    QVERIFY(save->isEnabled());
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<SenderSettingsDialog*>() == nullptr, timeoutMs);

    const SenderSettings settings = stored();
    QCOMPARE(settings.postalAddress, QStringLiteral("Blue Door Bakery\n12 Harbour Street, Bristol"));
    QCOMPARE(settings.unsubscribeUrlTemplate, QStringLiteral("https://bluedoor.example/unsubscribe?t={token}"));
    QCOMPARE(settings.unsubscribeMailto, QStringLiteral("unsubscribe@bluedoor.example"));

    // Opened again, the dialog shows what is stored.
    dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(child<QPlainTextEdit>(dialog, "postalAddressPlainTextEdit")->toPlainText(), settings.postalAddress);
    QCOMPARE(child<QLineEdit>(dialog, "unsubscribeUrlLineEdit")->text(), settings.unsubscribeUrlTemplate);
    dialog->reject();
}

void TestSenderSettings::showsTheEnginesMessageForAWrongUrl()
{
    SenderSettingsDialog* dialog = openDialog();
    QVERIFY(dialog);
    auto* url = child<QLineEdit>(dialog, "unsubscribeUrlLineEdit");
    auto* error = child<QLabel>(dialog, "errorLabel");
    QPushButton* save = child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save);

    QTest::keyClicks(url, QStringLiteral("http://bluedoor.example/u?t={token}"));
    SenderSettings expected;
    expected.unsubscribeUrlTemplate = QStringLiteral("http://bluedoor.example/u?t={token}");
    QCOMPARE(error->text(), expected.validate().error().message);
    QVERIFY(error->text().contains(QLatin1String("https://")));
    QVERIFY(!save->isEnabled());

    // https, but no {token}: the engine says why that matters.
    url->setText(QStringLiteral("https://bluedoor.example/unsubscribe"));
    QVERIFY(error->text().contains(QLatin1String("{token}")));
    QVERIFY(!save->isEnabled());

    url->setText(QStringLiteral("https://bluedoor.example/u/{token}"));
    QVERIFY(error->text().isEmpty());
    QTest::keyClicks(child<QLineEdit>(dialog, "unsubscribeAddressLineEdit"), QStringLiteral("not an address"));
    QVERIFY(error->text().contains(QLatin1String("not an address")));
    QVERIFY(!save->isEnabled());
    dialog->reject();
    QCOMPARE(stored().unsubscribeUrlTemplate, QString());
}

void TestSenderSettings::cancelStoresNothing()
{
    SenderSettingsDialog* dialog = openDialog();
    QVERIFY(dialog);
    QTest::keyClicks(child<QPlainTextEdit>(dialog, "postalAddressPlainTextEdit"), QStringLiteral("Somewhere 1"));
    child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Cancel)->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<SenderSettingsDialog*>() == nullptr, timeoutMs);
    QCOMPARE(stored().postalAddress, QString());
}

QTEST_MAIN(TestSenderSettings)
#include "test_sender_settings.moc"
