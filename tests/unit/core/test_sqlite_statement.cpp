#include "core/storage/SqliteStatement.h"
#include "core/storage/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// The import's per-row statements run on SQLite's own handle: binding (including empty and
// null strings), rows, changes and ids, and errors worded like every other database error.
class TestSqliteStatement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindsRunsAndReadsBack()
    {
        QTemporaryDir dir;
        auto ws = Workspace::create(dir.filePath("s.mailroom"));
        QVERIFY(ws.ok());
        QSqlDatabase db = ws.value()->database();
        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, note TEXT)"));

        auto insert = SqliteStatement::prepare(db, "INSERT INTO t (name, note) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                               QT_TRANSLATE_NOOP("SqlError", "add the contact"));
        QVERIFY(insert.ok());
        const QString name = QStringLiteral("Zoë 😀");
        insert.value()->bindText(1, name);
        insert.value()->bindText(2, QString()); // a null QString is stored as '', not NULL
        QCOMPARE(insert.value()->step().value(), false);
        insert.value()->reset();
        QCOMPARE(insert.value()->changes(), 1);
        const qint64 id = insert.value()->lastInsertId();
        insert.value()->bindText(1, name); // the same name again: nothing inserted
        insert.value()->bindNull(2);
        QCOMPARE(insert.value()->step().value(), false);
        insert.value()->reset();
        QCOMPARE(insert.value()->changes(), 0);

        auto find = SqliteStatement::prepare(db, "SELECT id FROM t WHERE name = ? AND note = ''",
                                             QT_TRANSLATE_NOOP("SqlError", "look up a contact"));
        QVERIFY(find.ok());
        find.value()->bindText(1, name);
        QCOMPARE(find.value()->step().value(), true);
        QCOMPARE(find.value()->columnInt(0), id);
        find.value()->reset();
    }

    void errorsSayWhatWasBeingDone()
    {
        QTemporaryDir dir;
        auto ws = Workspace::create(dir.filePath("s.mailroom"));
        QVERIFY(ws.ok());
        QSqlDatabase db = ws.value()->database();
        auto bad = SqliteStatement::prepare(db, "INSERT INTO nowhere VALUES (?)",
                                            QT_TRANSLATE_NOOP("SqlError", "prepare the import"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::Database);
        QVERIFY2(bad.error().message.contains("prepare the import") && bad.error().message.contains("nowhere"),
                 qPrintable(bad.error().message));

        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE t (name TEXT NOT NULL)"));
        auto insert = SqliteStatement::prepare(db, "INSERT INTO t (name) VALUES (?)",
                                               QT_TRANSLATE_NOOP("SqlError", "add the contact"));
        QVERIFY(insert.ok());
        insert.value()->bindNull(1);
        auto stepped = insert.value()->step();
        QVERIFY(!stepped.ok());
        QVERIFY2(stepped.error().message.contains("add the contact"), qPrintable(stepped.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "test_sqlite_statement.moc"
