// Campaign editor > Send…: a person picks the accounts, sends now (the campaign is Sending with
// every recipient in the outbox, and the outbox view opens on it) or schedules it for a time
// (Scheduled at that time), and is shown why a campaign with content errors cannot be sent.

#include "tests/unit/core/delivery/EngineFixture.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/delivery/AccountRepository.h"
#include "core/delivery/Clock.h"
#include "core/delivery/Outbox.h"
#include "core/storage/Connection.h"
#include "ui/AppSettings.h"
#include "ui/CampaignEditor.h"
#include "ui/CampaignSendDialog.h"
#include "ui/CampaignWindows.h"
#include "ui/DeliveryController.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/OutboxWindow.h"
#include "ui/Translations.h"
#include "ui/VaultSession.h"

#include <QAction>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSemaphore>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>

#include <memory>

namespace {

constexpr int timeoutMs = 30000;
// 2026-03-02 09:00 UTC: a Monday morning, whatever day the test runs.
constexpr qint64 startMs = 1772442000000;

} // namespace

class TestCampaignSendDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // No keychain: the vault asks for its passphrase, answered through the Dialogs seam.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    void init();
    void cleanup();

    void sendNowPutsEveryRecipientInTheOutboxFromTheCheckedAccount();
    void scheduleMakesTheCampaignScheduledAtTheChosenTime();
    void cancelWhileStartingLeavesTheCampaignADraft();
    void aCampaignWithContentErrorsIsRefusedWithTheErrorsListed();
    void theEditorsSendActionOpensTheDialogAndSaysWhileItSends();

private:
    void cleanupControllerOnly();
    CampaignSendDialog* openDialog(qint64 campaignId);
    QPushButton* okButton(CampaignSendDialog* dialog) const
    {
        return dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
    }

    EngineFixture m_fixture;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<VaultSession> m_vaultSession;
    std::unique_ptr<ManualClock> m_clock;
    DeliveryController* m_controller = nullptr;
};

void TestCampaignSendDialog::init()
{
    QVERIFY(m_fixture.create());
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<QWidget>();
    m_vaultSession = std::make_unique<VaultSession>();
    m_vaultSession->setWorkspace(m_fixture.db(), m_fixture.workspace->path());
    m_clock = std::make_unique<ManualClock>(startMs);
    m_controller = new DeliveryController(m_vaultSession.get(), m_settings.get(), m_window.get());
    m_controller->setClock(m_clock.get());
    DeliveryOptions options;
    options.connectFailureCoolMs = 3600'000; // nobody listens on the accounts' port: rest, quietly
    m_controller->setOptions(options);
    m_controller->setWorkspace(m_fixture.db(), m_fixture.workspace->path());
    Dialogs::clearPendingAnswers();
    Dialogs::clearLastWarning();
}

void TestCampaignSendDialog::cleanupControllerOnly()
{
    delete m_controller; // stops the engine before the workspace goes
    m_controller = nullptr;
    m_window.reset();
    m_vaultSession.reset();
}

void TestCampaignSendDialog::cleanup()
{
    Dialogs::clearPendingAnswers();
    cleanupControllerOnly();
    m_settings.reset();
    m_fixture.reset();
}

CampaignSendDialog* TestCampaignSendDialog::openDialog(qint64 campaignId)
{
    m_controller->showSendDialog(m_window.get(), campaignId);
    CampaignSendDialog* dialog = m_controller->sendDialog();
    // The audience is counted on a worker.
    for (QElapsedTimer t;
         dialog && !dialog->recipientCount() && (t.isValid() || (t.start(), true)) && t.elapsed() < timeoutMs;) {
        QTest::qWait(20);
    }
    return dialog && dialog->recipientCount() ? dialog : nullptr;
}

void TestCampaignSendDialog::sendNowPutsEveryRecipientInTheOutboxFromTheCheckedAccount()
{
    const qint64 campaignId = m_fixture.makeCampaign(7);
    QVERIFY(campaignId > 0);
    const qint64 first = m_fixture.addAccount(QStringLiteral("First"), 9, 500, 60, 1);
    const qint64 second = m_fixture.addAccount(QStringLiteral("Second"), 9, 200, 60, 1);
    QVERIFY(first > 0 && second > 0);

    CampaignSendDialog* dialog = openDialog(campaignId);
    QVERIFY(dialog);
    QCOMPARE(*dialog->recipientCount(), 7);
    // Every account by default: both daily limits count.
    QVERIFY2(dialog->summary().contains(QStringLiteral("7 recipients")), qPrintable(dialog->summary()));
    QVERIFY2(dialog->summary().contains(QStringLiteral("700 messages a day")), qPrintable(dialog->summary()));
    QVERIFY2(dialog->summary().contains(QStringLiteral("Finishes around")), qPrintable(dialog->summary()));

    auto* accounts = dialog->findChild<QListWidget*>(QStringLiteral("accountsListWidget"));
    QCOMPARE(accounts->count(), 2);
    QVERIFY(accounts->item(1)->text().startsWith(QStringLiteral("Second")));
    accounts->item(1)->setCheckState(Qt::Checked);
    QVERIFY2(dialog->summary().contains(QStringLiteral("200 messages a day")), qPrintable(dialog->summary()));
    QCOMPARE(okButton(dialog)->text(), QStringLiteral("Send &Now"));

    // No keychain here: the vault asks for its passphrase.
    Dialogs::setNextText(QStringLiteral("passphrase"));
    okButton(dialog)->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->sendDialog() == nullptr, timeoutMs);

    QCOMPARE(m_fixture.status(campaignId), CampaignStatus::Sending);
    QCOMPARE(Outbox(m_fixture.db()).counts(campaignId)->total(), 7);
    QCOMPARE(AccountRepository(m_fixture.db()).campaignAccounts(campaignId).value(), QVector<qint64>{second});
    // The engine runs, and the outbox view shows the campaign.
    QVERIFY(m_controller->isRunning());
    QVERIFY(m_controller->outboxWindow());
    QCOMPARE(m_controller->outboxWindow()->campaignId(), campaignId);
    QVERIFY(m_controller->outboxWindow()->isVisible());
}

void TestCampaignSendDialog::scheduleMakesTheCampaignScheduledAtTheChosenTime()
{
    const qint64 campaignId = m_fixture.makeCampaign(3);
    QVERIFY(m_fixture.addAccount(QStringLiteral("Main"), 9, 500, 60, 1) > 0);
    CampaignSendDialog* dialog = openDialog(campaignId);
    QVERIFY(dialog);

    dialog->findChild<QRadioButton*>(QStringLiteral("scheduleRadioButton"))->click();
    QCOMPARE(okButton(dialog)->text(), QStringLiteral("&Schedule"));
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(startMs + 26 * 3600'000LL); // tomorrow, 11:00 UTC
    auto* edit = dialog->findChild<QDateTimeEdit*>(QStringLiteral("scheduleDateTimeEdit"));
    QVERIFY(edit->isEnabled());
    edit->setDateTime(at);
    QVERIFY2(dialog->summary().contains(QStringLiteral("3 recipients")), qPrintable(dialog->summary()));

    Dialogs::setNextText(QStringLiteral("passphrase"));
    okButton(dialog)->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->sendDialog() == nullptr, timeoutMs);

    const Campaign stored = CampaignRepository(m_fixture.db()).findById(campaignId).value();
    QCOMPARE(stored.status, CampaignStatus::Scheduled);
    QVERIFY(stored.scheduledAt.has_value());
    QCOMPARE(*stored.scheduledAt, at.toMSecsSinceEpoch());
    // Nothing is queued before its time.
    QCOMPARE(Outbox(m_fixture.db()).counts(campaignId)->total(), 0);
}

void TestCampaignSendDialog::cancelWhileStartingLeavesTheCampaignADraft()
{
    const qint64 campaignId = m_fixture.makeCampaign(3);
    QVERIFY(m_fixture.addAccount(QStringLiteral("Main"), 9, 500, 60, 1) > 0);
    // Unlocked beforehand, so the click starts at once.
    Dialogs::setNextText(QStringLiteral("passphrase"));
    QVERIFY(m_vaultSession->unlock(m_window.get()));
    CampaignSendDialog* dialog = openDialog(campaignId);
    QVERIFY(dialog);
    QSemaphore gate;
    CampaignSendDialog::setStartGateForTests(&gate);
    okButton(dialog)->click();
    QVERIFY(dialog->isStarting());
    QVERIFY(!okButton(dialog)->isEnabled());
    dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Cancel)->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->sendDialog() == nullptr, timeoutMs);
    // The snapshot runs to its end on the worker, and is rolled back.
    gate.release();
    QThreadPool::globalInstance()->waitForDone();
    CampaignSendDialog::setStartGateForTests(nullptr);
    QCOMPARE(m_fixture.status(campaignId), CampaignStatus::Draft);
    QCOMPARE(Outbox(m_fixture.db()).counts(campaignId)->total(), 0);
    QVERIFY(!m_controller->isRunning());
}

void TestCampaignSendDialog::aCampaignWithContentErrorsIsRefusedWithTheErrorsListed()
{
    const qint64 campaignId = m_fixture.makeCampaign(3);
    QVERIFY(m_fixture.addAccount(QStringLiteral("Main"), 9, 500, 60, 1) > 0);
    Campaign campaign = CampaignRepository(m_fixture.db()).findById(campaignId).value();
    campaign.subject.clear();
    QVERIFY(CampaignRepository(m_fixture.db()).update(campaign));

    for (const bool schedule : {false, true}) {
        CampaignSendDialog* dialog = openDialog(campaignId);
        QVERIFY(dialog);
        if (schedule) {
            dialog->findChild<QRadioButton*>(QStringLiteral("scheduleRadioButton"))->click();
        }
        if (!m_vaultSession->isUnlocked()) {
            Dialogs::setNextText(QStringLiteral("passphrase"));
        }
        okButton(dialog)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->issues().isEmpty(), timeoutMs);
        // Still open, saying what is wrong.
        QCOMPARE(m_controller->sendDialog(), dialog);
        QVERIFY(dialog->findChild<QListWidget*>(QStringLiteral("issuesListWidget"))->isVisible());
        QVERIFY2(dialog->issues().join(QLatin1Char('\n')).contains(QStringLiteral("subject"), Qt::CaseInsensitive),
                 qPrintable(dialog->issues().join(QLatin1Char('\n'))));
        QCOMPARE(m_fixture.status(campaignId), CampaignStatus::Draft);
        QCOMPARE(Outbox(m_fixture.db()).counts(campaignId)->total(), 0);
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->sendDialog() == nullptr, timeoutMs);
    }
    QVERIFY(!m_controller->isRunning());
}

void TestCampaignSendDialog::theEditorsSendActionOpensTheDialogAndSaysWhileItSends()
{
    const qint64 campaignId = m_fixture.makeCampaign(4);
    QVERIFY(m_fixture.addAccount(QStringLiteral("Main"), 9, 500, 60, 1) > 0);
    const QString path = m_fixture.workspace->path();
    // The window opens the file itself.
    cleanupControllerOnly();
    m_fixture.vault.reset();
    m_fixture.workspace.reset();

    auto settings = AppSettings::createTemporary();
    auto window = std::make_unique<MainWindow>(settings.get());
    window->show();
    QVERIFY(window->openWorkspace(path));
    DeliveryController* controller = window->deliveryController();
    QVERIFY(!controller->isRunning()); // nothing was sending

    Dialogs::setNextText(QStringLiteral("passphrase")); // the editor's preview asks for the vault
    CampaignEditor* editor = window->campaignWindows()->openEditor(campaignId);
    QVERIFY(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!Dialogs::hasPendingAnswers(), timeoutMs);
    auto* send = editor->findChild<QAction*>(QStringLiteral("sendAction"));
    QVERIFY(send && send->isEnabled());
    // An unsaved edit is saved first: the dialog sends what is stored.
    editor->findChild<QLineEdit*>(QStringLiteral("subjectLineEdit"))->setText(QStringLiteral("Spring is here"));
    send->trigger();
    CampaignSendDialog* dialog = controller->sendDialog();
    QVERIFY(dialog);
    QVERIFY(!editor->isModified());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->recipientCount().has_value(), timeoutMs);
    okButton(dialog)->click();
    QTRY_VERIFY_WITH_TIMEOUT(controller->sendDialog() == nullptr, timeoutMs);

    {
        Result<Connection> connection = Connection::open(path);
        QVERIFY(connection.ok());
        const Campaign stored = CampaignRepository(connection->database()).findById(campaignId).value();
        QCOMPARE(stored.status, CampaignStatus::Sending);
        QCOMPARE(stored.subject, QStringLiteral("Spring is here"));
        QCOMPARE(Outbox(connection->database()).counts(campaignId)->total(), 4);
    }
    // The editor says the campaign is being sent and does not offer to send it again.
    QVERIFY(!send->isEnabled());
    QVERIFY(
        editor->findChild<QLabel*>(QStringLiteral("deliveryLabel"))->text().startsWith(QStringLiteral("Being sent")));
    QVERIFY(controller->isRunning());
    QVERIFY(controller->outboxWindow());
    window->campaignWindows()->closeAll();
    window.reset();
}

QTEST_MAIN(TestCampaignSendDialog)
#include "test_campaign_send_dialog.moc"
