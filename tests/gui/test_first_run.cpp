// The first start: no workspace given and none used before, so the window makes the demo
// workspace (10,000 synthetic contacts) in the background and opens it; the next start
// opens the last workspace used. QStandardPaths test mode keeps all of it away from the
// user's own data folder.

#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "models/ContactTableModel.h"
#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"

#include "core/storage/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

class TestFirstRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void makesAndOpensTheDemo();
    void reopensTheLastWorkspace();

private:
    static void removeDemo();
    std::unique_ptr<AppSettings> m_settings = AppSettings::createTemporary();
};

void TestFirstRun::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Dialogs::setWarningsSilent(true);
    QVERIFY(Workspace::demoPath().contains(QLatin1String("qttest")));
    removeDemo();
}

void TestFirstRun::cleanupTestCase()
{
    removeDemo();
}

void TestFirstRun::removeDemo()
{
    const QString demo = Workspace::demoPath();
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral(".lock")}) {
        QFile::remove(demo + suffix);
    }
}

void TestFirstRun::makesAndOpensTheDemo()
{
    MainWindow window(m_settings.get());
    window.show();
    window.openInitialWorkspace(QString());
    QTRY_VERIFY_WITH_TIMEOUT(window.contactModel() != nullptr, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 60000);
    QCOMPARE(window.workspacePath(), QFileInfo(Workspace::demoPath()).absoluteFilePath());
    QCOMPARE(window.contactModel()->totalCount(), 10000);
    QCOMPARE(m_settings->lastWorkspace(), window.workspacePath());
    // A sample campaign to open from the Campaigns menu, sendable as it is but for DKIM.
    {
        auto reader = Workspace::openForReading(window.workspacePath());
        QVERIFY(reader);
        const auto campaigns = CampaignRepository(reader.value()->database()).all();
        QVERIFY(campaigns);
        QCOMPARE(campaigns->size(), 1);
        QCOMPARE(campaigns->first().listIds.size(), 1);
        QVERIFY(!SenderSettings::load(reader.value()->database()).value().postalAddress.isEmpty());
    }
}

void TestFirstRun::reopensTheLastWorkspace()
{
    QTemporaryDir dir;
    const QString other = dir.filePath(QStringLiteral("shop.mailroom"));
    QVERIFY(Workspace::create(other).ok());
    m_settings->setLastWorkspace(other);

    MainWindow window(m_settings.get());
    window.openInitialWorkspace(QString());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 60000);
    QCOMPARE(window.workspacePath(), other);
    QCOMPARE(window.contactModel()->totalCount(), 0);
}

QTEST_MAIN(TestFirstRun)
#include "test_first_run.moc"
