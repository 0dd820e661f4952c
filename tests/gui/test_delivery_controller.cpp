// The window's delivery: a workspace opened with a campaign still sending (the app was closed
// mid-way) delivers it to a real SMTP server (Postfix's smtp-sink) once the vault is unlocked,
// everybody exactly once, and says so when it finishes; the main window has Campaigns > Outbox…
// and a status-bar indicator.

#include "tests/unit/core/delivery/EngineFixture.h"
#include "tests/unit/core/delivery/SmtpSink.h"

#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/Outbox.h"
#include "ui/AppSettings.h"
#include "ui/DeliveryController.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/OutboxWindow.h"
#include "ui/Translations.h"
#include "ui/VaultSession.h"

#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

#include <memory>

namespace {

constexpr int timeoutMs = 60000;
constexpr int recipients = 40;

} // namespace

class TestDeliveryController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void deliversASendingCampaignToTheServerAndNotifiesWhenDone();
    void theMainWindowResumesDeliveryWhenItOpensTheWorkspace();

private:
    qint64 prepareSendingCampaign();

    EngineFixture m_fixture;
    SmtpSink m_sink;
    std::unique_ptr<QTemporaryDir> m_sinkDir;
};

void TestDeliveryController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // No keychain: the vault asks for its passphrase, answered through the Dialogs seam.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    if (!QFile::exists(QStringLiteral("/usr/sbin/smtp-sink"))) {
        QSKIP("Postfix's smtp-sink is not installed");
    }
}

void TestDeliveryController::cleanup()
{
    Dialogs::clearPendingAnswers();
    m_sink.stop();
    m_fixture.reset();
    m_sinkDir.reset();
}

qint64 TestDeliveryController::prepareSendingCampaign()
{
    m_sinkDir = std::make_unique<QTemporaryDir>();
    if (!m_fixture.create() || !m_sink.start(m_sinkDir->filePath(QStringLiteral("sink")))) {
        return 0;
    }
    const qint64 campaignId = m_fixture.makeCampaign(recipients);
    if (campaignId == 0 || m_fixture.addAccount(QStringLiteral("Sink"), m_sink.port(), 10000, 6000, 2) == 0) {
        return 0;
    }
    auto started = CampaignDelivery::start(m_fixture.db(), campaignId, *m_fixture.vault, SystemClock().nowMs());
    return started ? campaignId : 0;
}

void TestDeliveryController::deliversASendingCampaignToTheServerAndNotifiesWhenDone()
{
    const qint64 campaignId = prepareSendingCampaign();
    QVERIFY(campaignId > 0);
    auto settings = AppSettings::createTemporary();
    QWidget window;
    VaultSession vaultSession;
    vaultSession.setWorkspace(m_fixture.db(), m_fixture.workspace->path());
    auto* controller = new DeliveryController(&vaultSession, settings.get(), &window);
    controller->setWorkspace(m_fixture.db(), m_fixture.workspace->path());
    QSignalSpy finished(controller, &DeliveryController::campaignFinished);
    QSignalSpy messages(controller, &DeliveryController::statusMessage);

    // The person declines the passphrase: nothing is sent, and the window says why.
    Dialogs::setNextText(std::nullopt);
    controller->startIfNeeded();
    QVERIFY(!controller->isRunning());
    QVERIFY(!messages.isEmpty());
    QVERIFY(messages.constLast().at(0).toString().contains(QStringLiteral("vault")));
    QCOMPARE(controller->indicatorText(), QStringLiteral("Sending waits for the vault"));

    // Unlocking the vault (for anything) lets delivery start.
    Dialogs::setNextText(QStringLiteral("passphrase"));
    QVERIFY(vaultSession.unlock(&window));
    QTRY_VERIFY_WITH_TIMEOUT(controller->isRunning(), timeoutMs);
    OutboxWindow* outbox = controller->showOutbox(campaignId);
    QVERIFY(outbox);

    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, timeoutMs);
    QCOMPARE(finished.at(0).at(0).toLongLong(), campaignId);
    QCOMPARE(m_fixture.status(campaignId), CampaignStatus::Done);
    QCOMPARE(controller->lastNotification(),
             QStringLiteral("“Spring newsletter (sample)” has been sent to everyone it could reach."));
    // The status bar hears it too (the tray is not there offscreen).
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(messages.cbegin(), messages.cend(),
                                         [controller](const QList<QVariant>& m) {
                                             return m.at(0).toString() == controller->lastNotification();
                                         }),
                             timeoutMs);

    // Everybody got exactly one message.
    QTRY_COMPARE_WITH_TIMEOUT(m_sink.countsByRecipient().size(), recipients, timeoutMs);
    const QHash<QString, int> counts = m_sink.countsByRecipient();
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
    }
    QCOMPARE(m_fixture.inState(campaignId, static_cast<int>(OutboxState::Sent)), recipients);
    // The outbox view shows it done.
    QTRY_VERIFY_WITH_TIMEOUT(outbox->status() && outbox->status()->status == CampaignStatus::Done, timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(outbox->status()->counts.of(OutboxState::Sent) == recipients, timeoutMs);

    // Closing the workspace stops the engine and the outbox view.
    controller->setWorkspace(QSqlDatabase(), QString());
    QVERIFY(!controller->isRunning());
    QVERIFY(controller->outboxWindow() == nullptr);
    delete controller;
}

void TestDeliveryController::theMainWindowResumesDeliveryWhenItOpensTheWorkspace()
{
    const qint64 campaignId = prepareSendingCampaign();
    QVERIFY(campaignId > 0);
    const QString path = m_fixture.workspace->path();
    // The app was closed while it was sending: the window opens the file anew.
    m_fixture.vault.reset();
    m_fixture.workspace.reset();

    auto settings = AppSettings::createTemporary();
    auto window = std::make_unique<MainWindow>(settings.get());
    Dialogs::setNextText(QStringLiteral("passphrase"));
    QVERIFY(window->openWorkspace(path));
    DeliveryController* controller = window->deliveryController();
    QVERIFY(controller);
    QTRY_VERIFY_WITH_TIMEOUT(controller->isRunning(), timeoutMs);
    QVERIFY(window->outboxAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(window->deliveryLabel()->isVisibleTo(window.get()), timeoutMs);

    QTRY_COMPARE_WITH_TIMEOUT(m_sink.countsByRecipient().size(), recipients, timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->statusBar()->currentMessage().contains(QStringLiteral("has been sent")),
                             timeoutMs);

    window->outboxAction()->trigger();
    QVERIFY(controller->outboxWindow());
    QTRY_VERIFY_WITH_TIMEOUT(controller->outboxWindow()->status().has_value(), timeoutMs);
    QCOMPARE(controller->outboxWindow()->campaignId(), campaignId);
    window.reset(); // stops the engine, then closes the workspace
}

QTEST_MAIN(TestDeliveryController)
#include "test_delivery_controller.moc"
