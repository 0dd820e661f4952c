#include "core/contacts/ContactQuery.h"
#include "core/contacts/ContactRepository.h"
#include "core/storage/Connection.h"
#include "core/storage/Migrations.h"
#include "core/storage/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Every numbered migration is tested from every earlier schema: a workspace left at
// version N (with data written the way version N wrote it) opens at the latest
// version with its data intact and working.
class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionsAreNumberedInOrder()
    {
        int expected = 1;
        for (const Migration& step : Migrations::all()) {
            QCOMPARE(step.version, expected++);
        }
    }

    void upgradesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 1; v < Migrations::latestVersion(); ++v) {
            QTest::newRow(qPrintable(QString("from v%1").arg(v))) << v;
        }
    }
    void upgradesFromEveryEarlierVersion()
    {
        QFETCH(int, from);
        QTemporaryDir dir;
        const QString path = dir.filePath("old.mailroom");
        {
            auto conn = Connection::open(path);
            QVERIFY(conn.ok());
            QVERIFY(Migrations::migrate(conn->database(), from).ok());
            QCOMPARE(Migrations::currentVersion(conn->database()).value(), from);
            // Data as schema v1 stores it, written with plain SQL (no code of later versions).
            QSqlQuery q(conn->database());
            QVERIFY(q.exec("INSERT INTO contacts (id, email, email_key, first_name, last_name, created_at, updated_at)"
                           " VALUES (7, 'Zoë@example.com', 'zoë@example.com', 'Zoë', 'Brontë',"
                           " '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')"));
            QVERIFY(q.exec("INSERT INTO tags (id, name) VALUES (1, 'vip')"));
            QVERIFY(q.exec("INSERT INTO contact_tags (contact_id, tag_id) VALUES (7, 1)"));
            if (from >= 2) { // from v2 on, writers keep the search index themselves
                QVERIFY(q.exec("INSERT INTO contacts_fts (rowid, email, first_name, last_name, company, tags, notes)"
                               " VALUES (7, 'Zoë@example.com', 'Zoë', 'Brontë', '', 'vip', '')"));
            }
        }
        auto ws = Workspace::open(path);
        QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
        QCOMPARE(Migrations::currentVersion(ws.value()->database()).value(), Migrations::latestVersion());
        ContactRepository repo(ws.value()->database());
        auto zoe = repo.findById(7);
        QVERIFY(zoe.ok());
        QCOMPARE(zoe->lastName, QStringLiteral("Brontë"));
        QCOMPARE(zoe->tags, QStringList{"vip"});
        // Rows that existed before the search migration are searchable after it, tags included.
        ContactFilter byName;
        byName.search = "bront";
        QCOMPARE(repo.count(byName).value(), 1);
        ContactFilter byTag;
        byTag.search = "vip";
        QCOMPARE(repo.count(byTag).value(), 1);
    }

    void migrationIsAllOrNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("half.mailroom");
        auto conn = Connection::open(path);
        QVERIFY(conn.ok());
        QVERIFY(Migrations::migrate(conn->database(), 1).ok());
        // Sabotage step 2: its table name is taken, so the step must fail and leave v1 intact.
        QSqlQuery q(conn->database());
        QVERIFY(q.exec("CREATE TABLE contacts_fts (x)"));
        const Status upgraded = Migrations::migrate(conn->database());
        QVERIFY(!upgraded.ok());
        QCOMPARE(Migrations::currentVersion(conn->database()).value(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "test_migrations.moc"
