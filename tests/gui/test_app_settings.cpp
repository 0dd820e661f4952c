// The typed settings wrapper: defaults from its one table, values that persist in its
// backing file, a changed signal, and temporary instances that never touch the user's settings.

#include "ui/AppSettings.h"

#include <QSignalSpy>
#include <QTest>

class TestAppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsComeFromTheTable();
    void valuesPersistAndSignal();
    void temporaryInstancesAreIndependent();
};

void TestAppSettings::defaultsComeFromTheTable()
{
    std::unique_ptr<AppSettings> settings = AppSettings::createTemporary();
    QCOMPARE(settings->lastWorkspace(), QString());
    QVERIFY(settings->hiddenColumns().contains(QStringLiteral("notes")));
    QVERIFY(!settings->hiddenColumns().contains(QStringLiteral("email")));
    QVERIFY(settings->columnWidths().isEmpty());
}

void TestAppSettings::valuesPersistAndSignal()
{
    std::unique_ptr<AppSettings> settings = AppSettings::createTemporary();
    QSignalSpy changed(settings.get(), &AppSettings::changed);
    settings->setLastWorkspace(QStringLiteral("/tmp/shop.mailroom"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<AppSettings::Key>(), AppSettings::Key::LastWorkspace);
    // Setting the same value again is not a change.
    settings->setLastWorkspace(QStringLiteral("/tmp/shop.mailroom"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(settings->lastWorkspace(), QStringLiteral("/tmp/shop.mailroom"));

    settings->setColumnWidths({{QStringLiteral("email"), 250}});
    settings->sync();
    QCOMPARE(settings->columnWidths().value(QStringLiteral("email")).toInt(), 250);

    settings->reset(AppSettings::Key::LastWorkspace);
    QCOMPARE(settings->lastWorkspace(), QString());
}

void TestAppSettings::temporaryInstancesAreIndependent()
{
    std::unique_ptr<AppSettings> first = AppSettings::createTemporary();
    std::unique_ptr<AppSettings> second = AppSettings::createTemporary();
    first->setHiddenColumns({QStringLiteral("company")});
    QCOMPARE(first->hiddenColumns(), QStringList{QStringLiteral("company")});
    QVERIFY(!second->hiddenColumns().contains(QStringLiteral("company")));
}

QTEST_MAIN(TestAppSettings)
#include "test_app_settings.moc"
