#include "TestWorkspaces.h"
#include "core/contacts/ContactRepository.h"
#include "core/storage/Migrations.h"
#include "core/storage/Workspace.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void createsWithWalForeignKeysAndLatestSchema()
    {
        const QString path = m_dir.filePath("new.mailroom");
        auto ws = Workspace::create(path);
        QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
        QSqlQuery q(ws.value()->database());
        QVERIFY(q.exec("PRAGMA journal_mode") && q.next());
        QCOMPARE(q.value(0).toString(), QString("wal"));
        QVERIFY(q.exec("PRAGMA foreign_keys") && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(Migrations::currentVersion(ws.value()->database()).value(), Migrations::latestVersion());
        QVERIFY(q.exec("SELECT count(*) FROM contacts_fts"));
    }

    void createRefusesToOverwrite()
    {
        const QString path = m_dir.filePath("exists.mailroom");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("my precious spreadsheet");
        f.close();
        const QByteArray before = fileDigest(path);
        auto ws = Workspace::create(path);
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, ErrorCode::WorkspaceExists);
        QVERIFY(ws.error().message.contains(path));
        QCOMPARE(fileDigest(path), before);
    }

    void missingWorkspaceIsNotCreated()
    {
        const QString path = m_dir.filePath("missing.mailroom");
        auto ws = Workspace::open(path);
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, ErrorCode::WorkspaceMissing);
        QVERIFY(ws.error().message.contains(path));
        QVERIFY(!QFile::exists(path));
    }

    void secondOpenIsRefusedWhileLocked()
    {
        const QString path = m_dir.filePath("locked.mailroom");
        auto first = Workspace::create(path);
        QVERIFY(first.ok());
        auto second = Workspace::open(path);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::WorkspaceLocked);
        QVERIFY2(second.error().message.contains("another Mailroom"), qPrintable(second.error().message));
        first.value().reset();
        auto third = Workspace::open(path);
        QVERIFY2(third.ok(), "the lock must be released when the first workspace closes");
    }

    void readersNeedNoLockAndCannotWrite()
    {
        const QString path = m_dir.filePath("shared.mailroom");
        auto writer = Workspace::create(path);
        QVERIFY(writer.ok());
        QVERIFY(ContactRepository(writer.value()->database()).add(contact("w@example.com")).ok());
        auto reader = Workspace::openForReading(path);
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error().message));
        QVERIFY(reader.value()->isReadOnly());
        ContactRepository readerRepo(reader.value()->database());
        QCOMPARE(readerRepo.count({}).value(), 1);
        // The reader sees the writer's later commits.
        QVERIFY(ContactRepository(writer.value()->database()).add(contact("w2@example.com")).ok());
        QCOMPARE(readerRepo.count({}).value(), 2);
        auto written = readerRepo.add(contact("r@example.com"));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, ErrorCode::WorkspaceReadOnly);
        QCOMPARE(ContactRepository(writer.value()->database()).count({}).value(), 2);
    }

    void readerRefusesASchemaThatNeedsAnUpgrade()
    {
        const QString path = m_dir.filePath("old.mailroom");
        {
            auto conn = Connection::open(path);
            QVERIFY(conn.ok());
            QVERIFY(Migrations::migrate(conn->database(), 1).ok());
        }
        const QByteArray before = fileDigest(path);
        auto reader = Workspace::openForReading(path);
        QVERIFY(!reader.ok());
        QCOMPARE(reader.error().code, ErrorCode::WorkspaceNeedsUpgrade);
        QCOMPARE(fileDigest(path), before);
    }

    void readOnlyWorkspaceIsRefusedUntouched()
    {
        const QString path = m_dir.filePath("ro.mailroom");
        {
            auto ws = Workspace::create(path);
            QVERIFY(ws.ok());
            QVERIFY(ContactRepository(ws.value()->database()).add(contact("a@example.com")).ok());
        }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        const QByteArray before = fileDigest(path);
        auto ws = Workspace::open(path);
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, ErrorCode::WorkspaceReadOnly);
        QVERIFY(ws.error().message.contains("read-only"));
        QCOMPARE(fileDigest(path), before);
        // It can still be read.
        auto reader = Workspace::openForReading(path);
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error().message));
        QCOMPARE(ContactRepository(reader.value()->database()).count({}).value(), 1);
        reader.value().reset();
        QCOMPARE(fileDigest(path), before);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void garbageFileIsRefusedUntouched_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("csv") << QByteArray("email,name\njane@example.com,Jane\n") << "not a Mailroom workspace";
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("sqlite header then junk")
            << QByteArray("SQLite format 3\0", 16) + QByteArray(5000, '\x5a') << "workspace";
    }
    void garbageFileIsRefusedUntouched()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        const QString path = m_dir.filePath("garbage.mailroom");
        QFile::remove(path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        const QByteArray before = fileDigest(path);
        auto ws = Workspace::open(path);
        QVERIFY(!ws.ok());
        QVERIFY2(ws.error().message.contains(mentions, Qt::CaseInsensitive), qPrintable(ws.error().message));
        QCOMPARE(fileDigest(path), before);
    }

    void truncatedWorkspaceGivesAnErrorNotACrash()
    {
        const QString path = m_dir.filePath("truncated.mailroom");
        {
            auto ws = Workspace::create(path);
            QVERIFY(ws.ok());
            ContactRepository repo(ws.value()->database());
            for (int i = 0; i < 300; ++i) {
                QVERIFY(repo.add(contact(QString("p%1@example.com").arg(i))).ok());
            }
            QSqlQuery q(ws.value()->database());
            QVERIFY(q.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 8192);
        // Keep the header page, smash the pages after it.
        f.seek(4096);
        f.write(QByteArray(8192, '\xff'));
        f.close();
        auto ws = Workspace::open(path);
        if (ws.ok()) {
            // The schema page survived; reading the damaged pages must fail cleanly.
            auto counted = ContactRepository(ws.value()->database()).count({});
            QVERIFY(!counted.ok());
            QCOMPARE(counted.error().code, ErrorCode::WorkspaceCorrupt);
        } else {
            QCOMPARE(ws.error().code, ErrorCode::WorkspaceCorrupt);
            QVERIFY(ws.error().message.contains("damaged") || ws.error().message.contains("not"));
        }
    }

    void foreignDatabaseIsRefused()
    {
        const QString path = m_dir.filePath("other.sqlite");
        {
            auto conn = Connection::open(path);
            QVERIFY(conn.ok());
            QSqlQuery q(conn->database());
            QVERIFY(q.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"));
        }
        const QByteArray before = fileDigest(path);
        auto ws = Workspace::open(path);
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, ErrorCode::WorkspaceCorrupt);
        QVERIFY(ws.error().message.contains("not a Mailroom workspace"));
        QCOMPARE(fileDigest(path), before);
    }

    void newerWorkspaceIsRefusedUntouched()
    {
        const QString path = m_dir.filePath("future.mailroom");
        {
            auto ws = Workspace::create(path);
            QVERIFY(ws.ok());
            QSqlQuery q(ws.value()->database());
            QVERIFY(q.exec("UPDATE workspace_info SET value = '99' WHERE key = 'schema_version'"));
            QVERIFY(q.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
            QVERIFY(q.exec("PRAGMA journal_mode = DELETE"));
        }
        const QByteArray before = fileDigest(path);
        auto ws = Workspace::open(path);
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, ErrorCode::WorkspaceTooNew);
        QVERIFY(ws.error().message.contains("newer Mailroom"));
        QVERIFY(ws.error().message.contains("99"));
        QCOMPARE(fileDigest(path), before);
        QVERIFY2(!QFile::exists(path + "-wal"), "a refused workspace must not be switched to WAL");
    }

private:
    static Contact contact(const QString& email)
    {
        Contact c;
        c.email = email;
        return c;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
