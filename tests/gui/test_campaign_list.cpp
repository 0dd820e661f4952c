// Campaigns > Campaigns…: the list a person sees, opening a campaign in its editor,
// duplicating one with its attachment, and deleting one only after saying yes.

#include "GuiTestWorkspace.h"

#include "core/campaigns/CampaignRepository.h"
#include "ui/AppSettings.h"
#include "ui/CampaignEditor.h"
#include "ui/CampaignListDialog.h"
#include "ui/CampaignWindows.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QAction>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <memory>

namespace {

constexpr int timeoutMs = 20000;

} // namespace

class TestCampaignList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void listsCampaignsMostRecentlyChangedFirst();
    void opensTheSelectedCampaign();
    void duplicatesWithAttachments();
    void deletesOnlyAfterConfirmation();

private:
    CampaignListDialog* openList();
    qint64 create(const QString& name, const QString& subject);
    QTreeWidget* tree(CampaignListDialog* dialog) const
    {
        return dialog->findChild<QTreeWidget*>(QStringLiteral("campaignsTreeWidget"));
    }
    QPushButton* button(CampaignListDialog* dialog, const char* name) const
    {
        return dialog->findChild<QPushButton*>(QString::fromLatin1(name));
    }
    QVector<Campaign> storedCampaigns() const
    {
        auto connection = Connection::open(m_workspace->path());
        if (!connection) {
            return {};
        }
        auto all = CampaignRepository(connection->database()).all();
        return all ? all.value() : QVector<Campaign>();
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestCampaignList::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    Dialogs::setWarningsSilent(true);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestCampaignList::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    m_window->openInitialWorkspace(m_workspace->path());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
}

void TestCampaignList::cleanup()
{
    for (CampaignEditor* editor : m_window->campaignWindows()->editors()) {
        Dialogs::setNextButton(QMessageBox::Discard);
        editor->close();
    }
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearPendingAnswers();
}

qint64 TestCampaignList::create(const QString& name, const QString& subject)
{
    auto connection = Connection::open(m_workspace->path());
    if (!connection) {
        return 0;
    }
    Campaign campaign;
    campaign.name = name;
    campaign.subject = subject;
    campaign.htmlBody = QStringLiteral("<html><body><p>Hi</p></body></html>");
    auto id = CampaignRepository(connection->database()).create(campaign);
    return id ? id.value() : 0;
}

CampaignListDialog* TestCampaignList::openList()
{
    QAction* action = m_window->findChild<QAction*>(QStringLiteral("campaignsAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    return m_window->campaignWindows()->campaignListDialog();
}

void TestCampaignList::listsCampaignsMostRecentlyChangedFirst()
{
    create(QStringLiteral("Spring"), QStringLiteral("New in spring"));
    create(QStringLiteral("Summer"), QStringLiteral("Summer sale"));
    CampaignListDialog* dialog = openList();
    QVERIFY(dialog);
    QTreeWidget* list = tree(dialog);
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Summer"));
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Summer sale"));
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("Draft"));
    QVERIFY(!list->topLevelItem(0)->text(3).isEmpty());
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("Spring"));
}

void TestCampaignList::opensTheSelectedCampaign()
{
    const qint64 id = create(QStringLiteral("Spring"), QStringLiteral("New in spring"));
    CampaignListDialog* dialog = openList();
    QVERIFY(dialog);
    tree(dialog)->setCurrentItem(tree(dialog)->topLevelItem(0));
    Dialogs::setNextText(std::nullopt); // the vault stays locked: not needed here
    button(dialog, "openButton")->click();
    CampaignEditor* editor = m_window->campaignWindows()->editor(id);
    QVERIFY(editor);
    QCOMPARE(editor->findChild<QLineEdit*>(QStringLiteral("subjectLineEdit"))->text(), QStringLiteral("New in spring"));
    // Opening it again raises the same window.
    button(dialog, "openButton")->click();
    QCOMPARE(m_window->campaignWindows()->editors().size(), 1);

    // A save in the editor shows in the list.
    QLineEdit* name = editor->findChild<QLineEdit*>(QStringLiteral("nameLineEdit"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Spring, revised"));
    QVERIFY(editor->save());
    QCOMPARE(tree(dialog)->topLevelItem(0)->text(0), QStringLiteral("Spring, revised"));
    QTRY_VERIFY_WITH_TIMEOUT(!Dialogs::hasPendingAnswers(), timeoutMs);
}

void TestCampaignList::duplicatesWithAttachments()
{
    const qint64 id = create(QStringLiteral("Spring"), QStringLiteral("New in spring"));
    {
        auto connection = Connection::open(m_workspace->path());
        QVERIFY(connection.ok());
        QVERIFY(CampaignRepository(connection->database())
                    .addAttachment(id, QStringLiteral("price-list.pdf"), QStringLiteral("application/pdf"), QString(),
                                   QByteArrayLiteral("%PDF-1.4 prices"))
                    .ok());
    }
    CampaignListDialog* dialog = openList();
    QVERIFY(dialog);
    tree(dialog)->setCurrentItem(tree(dialog)->topLevelItem(0));
    button(dialog, "duplicateButton")->click();
    QCOMPARE(tree(dialog)->topLevelItemCount(), 2);
    const QVector<Campaign> campaigns = storedCampaigns();
    QCOMPARE(campaigns.size(), 2);
    const auto copy =
        std::find_if(campaigns.cbegin(), campaigns.cend(), [id](const Campaign& c) { return c.id != id; });
    QCOMPARE(copy->name, QStringLiteral("Spring (copy)"));
    QCOMPARE(copy->subject, QStringLiteral("New in spring"));
    QCOMPARE(dialog->selectedId(), copy->id);
    auto connection = Connection::open(m_workspace->path());
    QVERIFY(connection.ok());
    auto files = CampaignRepository(connection->database()).attachments(copy->id);
    QVERIFY(files.ok());
    QCOMPARE(files->size(), 1);
    QCOMPARE(files->first().fileName, QStringLiteral("price-list.pdf"));
}

void TestCampaignList::deletesOnlyAfterConfirmation()
{
    create(QStringLiteral("Spring"), QStringLiteral("New in spring"));
    CampaignListDialog* dialog = openList();
    QVERIFY(dialog);
    tree(dialog)->setCurrentItem(tree(dialog)->topLevelItem(0));

    Dialogs::setNextButton(QMessageBox::No);
    button(dialog, "deleteButton")->click();
    QVERIFY(!Dialogs::hasPendingAnswers());
    QCOMPARE(storedCampaigns().size(), 1);
    QCOMPARE(tree(dialog)->topLevelItemCount(), 1);

    Dialogs::setNextButton(QMessageBox::Yes);
    button(dialog, "deleteButton")->click();
    QCOMPARE(storedCampaigns().size(), 0);
    QCOMPARE(tree(dialog)->topLevelItemCount(), 0);
    QVERIFY(!button(dialog, "deleteButton")->isEnabled());
}

QTEST_MAIN(TestCampaignList)
#include "test_campaign_list.moc"
