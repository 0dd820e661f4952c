// Campaigns > Outbox…: for a campaign whose recipients are in several states, the window shows
// the counts, each account's use and the recipients page by page (filtered by state), the
// selected recipient's attempts with the server's reply; Retry failed, Resend unknown, Pause,
// Resume and Cancel change the workspace, and a change the engine reports shows.

#include "tests/unit/core/delivery/EngineFixture.h"

#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/Outbox.h"
#include "models/OutboxTableModel.h"
#include "ui/AppSettings.h"
#include "ui/DeliveryController.h"
#include "ui/Dialogs.h"
#include "ui/OutboxWindow.h"
#include "ui/Translations.h"
#include "ui/VaultSession.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <memory>

namespace {

constexpr int timeoutMs = 30000;
constexpr qint64 startMs = 1772442000000; // 2026-03-02 09:00 UTC
constexpr int recipients = 600;

} // namespace

class TestOutboxWindow : public QObject
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

    void showsTheCountsTheAccountsAndTheRecipientsPageByPage();
    void showsTheSelectedRecipientsAttemptsWithTheServersReply();
    void showsWhatTheEngineReportsAsItHappens();
    void retryFailedAndResendUnknownPutThemBackInTheQueue();
    void pauseResumeAndCancelChangeTheCampaign();
    void screenshotOfTheOutbox();

private:
    QLabel* label(const char* name) const { return m_view->findChild<QLabel*>(QString::fromLatin1(name)); }
    QAction* action(const char* name) const { return m_view->findChild<QAction*>(QString::fromLatin1(name)); }
    // Waits until nothing the window asked for is on its way.
    bool settle() const
    {
        QTest::qWait(50);
        return QTest::qWaitFor([this] { return !m_view->isLoading(); }, timeoutMs);
    }

    EngineFixture m_fixture;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<VaultSession> m_vaultSession;
    std::unique_ptr<ManualClock> m_clock;
    DeliveryController* m_controller = nullptr;
    OutboxWindow* m_view = nullptr;
    qint64 m_campaignId = 0;
    qint64 m_accountId = 0;
    QVector<qint64> m_failedIds;
};

void TestOutboxWindow::init()
{
    QVERIFY(m_fixture.create());
    m_campaignId = m_fixture.makeCampaign(recipients);
    QVERIFY(m_campaignId > 0);
    m_accountId = m_fixture.addAccount(QStringLiteral("Main"), 9, 500, 60, 1);
    QVERIFY(m_accountId > 0);
    QSqlDatabase db = m_fixture.db();
    auto started = CampaignDelivery::start(db, m_campaignId, *m_fixture.vault, startMs);
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));

    // 5 sent, 3 failed, 2 deferred, 4 unknown; the rest queued.
    Outbox outbox(db);
    auto claimed = outbox.claim(m_campaignId, m_accountId, 14, startMs, Outbox::currentBootId());
    QVERIFY(claimed && claimed->size() == 14);
    m_failedIds.clear();
    for (int i = 0; i < 14; ++i) {
        const qint64 id = claimed->at(i).itemId;
        const qint64 at = startMs + i * 1000;
        if (i < 5) {
            QVERIFY(outbox.recordOutcome(id, OutboxState::Sent, m_accountId, QStringLiteral("250 2.0.0 Ok: queued"), 0,
                                         at));
        } else if (i < 8) {
            QVERIFY(outbox.recordOutcome(id, OutboxState::Failed, m_accountId,
                                         QStringLiteral("550 5.1.1 <nobody@example.org>: no such user"), 0, at));
            m_failedIds.append(id);
        } else if (i < 10) {
            QVERIFY(outbox.recordOutcome(id, OutboxState::Deferred, m_accountId,
                                         QStringLiteral("451 4.3.0 Try again later"), startMs + 3600'000, at));
        } else {
            QVERIFY(outbox.recordOutcome(id, OutboxState::Unknown, m_accountId,
                                         QStringLiteral("The connection dropped after the message was sent"), 0, at));
        }
    }

    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<QWidget>();
    m_vaultSession = std::make_unique<VaultSession>();
    m_vaultSession->setWorkspace(db, m_fixture.workspace->path());
    m_clock = std::make_unique<ManualClock>(startMs + 60'000);
    m_controller = new DeliveryController(m_vaultSession.get(), m_settings.get(), m_window.get());
    m_controller->setClock(m_clock.get());
    DeliveryOptions options;
    options.connectFailureCoolMs = 3600'000;
    m_controller->setOptions(options);
    m_controller->setWorkspace(db, m_fixture.workspace->path());
    Dialogs::clearPendingAnswers();
    Dialogs::clearLastWarning();

    m_view = m_controller->showOutbox(m_campaignId);
    QVERIFY(m_view);
    QVERIFY(settle());
}

void TestOutboxWindow::cleanup()
{
    Dialogs::clearPendingAnswers();
    delete m_controller; // the outbox view and the engine go first
    m_controller = nullptr;
    m_view = nullptr;
    m_window.reset();
    m_vaultSession.reset();
    m_settings.reset();
    m_fixture.reset();
}

void TestOutboxWindow::showsTheCountsTheAccountsAndTheRecipientsPageByPage()
{
    QCOMPARE(m_view->campaignId(), m_campaignId);
    QVERIFY(m_view->status().has_value());
    const QString counts = label("countsLabel")->text();
    for (const QString& expected :
         {QStringLiteral("Sent: 5"), QStringLiteral("Queued: 586"), QStringLiteral("Deferred: 2"),
          QStringLiteral("Failed: 3"), QStringLiteral("Unknown: 4"), QStringLiteral("Skipped: 0")}) {
        QVERIFY2(counts.contains(expected), qPrintable(counts + QStringLiteral(" lacks ") + expected));
    }
    QVERIFY2(label("rateLabel")->text().contains(QStringLiteral("600 recipients")),
             qPrintable(label("rateLabel")->text()));
    // No account may send before the engine runs, but the summary says when it would finish.
    QVERIFY2(!label("summaryLabel")->text().isEmpty(), "no summary");

    auto* accounts = m_view->findChild<QTreeWidget*>(QStringLiteral("accountsTreeWidget"));
    QCOMPARE(accounts->topLevelItemCount(), 1);
    QCOMPARE(accounts->topLevelItem(0)->text(0), QStringLiteral("Main"));
    // Every message that may have reached its recipient counts against the daily limit: the
    // 5 sent and the 4 unknown, not those the server refused.
    QCOMPARE(accounts->topLevelItem(0)->text(1), QStringLiteral("9 of 500"));

    // The recipients come a page at a time as the table scrolls.
    OutboxTableModel* model = m_view->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), OutboxTableModel::kPageSize);
    auto* table = m_view->findChild<QTableView*>(QStringLiteral("outboxTableView"));
    table->scrollToBottom();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2 * OutboxTableModel::kPageSize, timeoutMs);
    QVERIFY(settle());
    table->scrollToBottom();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), recipients, timeoutMs);
    QVERIFY(settle());
    QVERIFY(!model->canFetchMore(QModelIndex()));
    QCOMPARE(model->index(0, OutboxTableModel::EmailColumn).data().toString(), QStringLiteral("person0@example.org"));

    // Only the failed ones.
    auto* filter = m_view->findChild<QComboBox*>(QStringLiteral("stateFilterComboBox"));
    filter->setCurrentIndex(filter->findData(static_cast<int>(OutboxState::Failed)));
    QVERIFY(settle());
    QCOMPARE(model->rowCount(), 3);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->index(row, OutboxTableModel::StateColumn).data().toString(), QStringLiteral("Failed"));
        QVERIFY(model->index(row, OutboxTableModel::ReplyColumn).data().toString().startsWith(QStringLiteral("550")));
        QCOMPARE(model->index(row, OutboxTableModel::AccountColumn).data().toString(), QStringLiteral("Main"));
    }
}

void TestOutboxWindow::showsTheSelectedRecipientsAttemptsWithTheServersReply()
{
    auto* filter = m_view->findChild<QComboBox*>(QStringLiteral("stateFilterComboBox"));
    filter->setCurrentIndex(filter->findData(static_cast<int>(OutboxState::Failed)));
    QVERIFY(settle());
    auto* table = m_view->findChild<QTableView*>(QStringLiteral("outboxTableView"));
    table->setFocus();
    table->selectRow(1);
    auto* log = m_view->findChild<QTreeWidget*>(QStringLiteral("logTreeWidget"));
    QTRY_VERIFY_WITH_TIMEOUT(log->topLevelItemCount() > 0, timeoutMs);
    const QTreeWidgetItem* last = log->topLevelItem(log->topLevelItemCount() - 1);
    QCOMPARE(last->text(1), QStringLiteral("Failed"));
    QCOMPARE(last->text(2), QStringLiteral("Main"));
    QCOMPARE(last->text(3), QStringLiteral("550 5.1.1 <nobody@example.org>: no such user"));
}

void TestOutboxWindow::showsWhatTheEngineReportsAsItHappens()
{
    QSignalSpy shown(m_view, &OutboxWindow::statusShown);
    // Two more sent behind the window's back; the engine says "changed".
    Outbox outbox(m_fixture.db());
    auto claimed = outbox.claim(m_campaignId, m_accountId, 2, startMs + 70'000, Outbox::currentBootId());
    QVERIFY(claimed && claimed->size() == 2);
    for (const OutboxClaim& row : claimed.value()) {
        QVERIFY(outbox.recordOutcome(row.itemId, OutboxState::Sent, m_accountId, QStringLiteral("250 Ok"), 0,
                                     startMs + 70'000));
    }
    // A burst of reports makes one load and, at most, one more after it.
    for (int i = 0; i < 20; ++i) {
        Q_EMIT m_controller->changed();
    }
    QVERIFY(settle());
    QVERIFY2(shown.size() >= 1 && shown.size() <= 2, qPrintable(QString::number(shown.size())));
    QVERIFY2(label("countsLabel")->text().contains(QStringLiteral("Sent: 7")),
             qPrintable(label("countsLabel")->text()));
    QVERIFY2(label("countsLabel")->text().contains(QStringLiteral("Queued: 584")),
             qPrintable(label("countsLabel")->text()));
    // The rows on screen show their new state.
    QCOMPARE(m_view->model()
                 ->index(claimed->at(0).itemId - m_view->model()->item(0).id, OutboxTableModel::StateColumn)
                 .data()
                 .toString(),
             QStringLiteral("Sent"));
}

void TestOutboxWindow::retryFailedAndResendUnknownPutThemBackInTheQueue()
{
    // Sending again needs the engine, and the engine the vault.
    Dialogs::setNextText(QStringLiteral("passphrase"));
    QVERIFY(m_vaultSession->unlock(m_window.get()));

    QVERIFY(action("retryFailedAction")->isEnabled());
    QVERIFY(action("resendUnknownAction")->isEnabled());
    action("retryFailedAction")->trigger();
    QVERIFY(settle());
    QCOMPARE(m_fixture.inState(m_campaignId, static_cast<int>(OutboxState::Failed)), 0);
    QVERIFY(!action("retryFailedAction")->isEnabled());
    QVERIFY(m_controller->isRunning());

    // Asked first: these people may get it twice. No: nothing changes.
    Dialogs::setNextButton(QMessageBox::No);
    action("resendUnknownAction")->trigger();
    QVERIFY(settle());
    QCOMPARE(m_fixture.inState(m_campaignId, static_cast<int>(OutboxState::Unknown)), 4);
    Dialogs::setNextButton(QMessageBox::Yes);
    action("resendUnknownAction")->trigger();
    QVERIFY(settle());
    QCOMPARE(m_fixture.inState(m_campaignId, static_cast<int>(OutboxState::Unknown)), 0);
    QVERIFY(!action("resendUnknownAction")->isEnabled());
    QVERIFY(Dialogs::lastWarning().isEmpty());
}

void TestOutboxWindow::pauseResumeAndCancelChangeTheCampaign()
{
    QVERIFY(action("pauseAction")->isEnabled());
    QVERIFY(!action("resumeAction")->isEnabled());
    action("pauseAction")->trigger();
    QVERIFY(settle());
    QCOMPARE(m_fixture.status(m_campaignId), CampaignStatus::Paused);
    QVERIFY(label("summaryLabel")->text().startsWith(QStringLiteral("Paused")));
    QVERIFY(!action("pauseAction")->isEnabled());
    QVERIFY(action("resumeAction")->isEnabled());

    Dialogs::setNextText(QStringLiteral("passphrase")); // resuming starts the engine
    action("resumeAction")->trigger();
    QVERIFY(settle());
    QCOMPARE(m_fixture.status(m_campaignId), CampaignStatus::Sending);

    // Cancel asks first; No changes nothing.
    Dialogs::setNextButton(QMessageBox::No);
    action("cancelCampaignAction")->trigger();
    QVERIFY(settle());
    QCOMPARE(m_fixture.status(m_campaignId), CampaignStatus::Sending);
    Dialogs::setNextButton(QMessageBox::Yes);
    action("cancelCampaignAction")->trigger();
    QVERIFY(settle());
    QCOMPARE(m_fixture.status(m_campaignId), CampaignStatus::Cancelled);
    // Queued and deferred recipients will not get it; the sent stay sent.
    QCOMPARE(m_fixture.inState(m_campaignId, static_cast<int>(OutboxState::Queued)), 0);
    QCOMPARE(m_fixture.inState(m_campaignId, static_cast<int>(OutboxState::Sent)), 5);
    QVERIFY(m_fixture.inState(m_campaignId, static_cast<int>(OutboxState::Cancelled)) >= 586);
    QVERIFY(label("countsLabel")->text().contains(QStringLiteral("Cancelled: ")));
    for (const char* name : {"pauseAction", "resumeAction", "cancelCampaignAction"}) {
        QVERIFY2(!action(name)->isEnabled(), name);
    }
}

// Not a check: writes docs/screenshots/outbox.png when MAILROOM_SCREENSHOT_DIR names a folder.
// Made under Xvfb so it looks like a desktop: MAILROOM_SCREENSHOT_DIR=docs/screenshots
// xvfb-run -a -s "-screen 0 1400x900x24" build/dev/tests/gui/test_outbox_window -platform xcb screenshotOfTheOutbox
void TestOutboxWindow::screenshotOfTheOutbox()
{
    const QString dir = qEnvironmentVariable("MAILROOM_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("Set MAILROOM_SCREENSHOT_DIR to write the screenshot.");
    }
    auto* filter = m_view->findChild<QComboBox*>(QStringLiteral("stateFilterComboBox"));
    m_view->resize(1100, 720);
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    auto* table = m_view->findChild<QTableView*>(QStringLiteral("outboxTableView"));
    table->setFocus();
    table->selectRow(6); // a failed recipient: its log shows the server's reply
    auto* log = m_view->findChild<QTreeWidget*>(QStringLiteral("logTreeWidget"));
    QTRY_VERIFY_WITH_TIMEOUT(log->topLevelItemCount() > 0, timeoutMs);
    QCOMPARE(filter->currentIndex(), 0);
    QTest::qWait(300);
    QVERIFY(m_view->grab().save(QDir(dir).filePath(QStringLiteral("outbox.png"))));
}

QTEST_MAIN(TestOutboxWindow)
#include "test_outbox_window.moc"
