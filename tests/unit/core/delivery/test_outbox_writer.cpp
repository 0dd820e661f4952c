#include "core/delivery/OutboxWriter.h"
#include "core/storage/Connection.h"
#include "core/storage/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

// The delivery writer: many threads' jobs land, each job is all or nothing, a failed posted
// job is reported, and a workspace held busy by another writer only delays it.
class TestOutboxWriter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;

    qint64 count(const QString& sql)
    {
        QSqlQuery q(m_ws->database());
        if (!q.exec(sql) || !q.next()) {
            return -1;
        }
        return q.value(0).toLongLong();
    }

    static OutboxWriter::Job insert(int value)
    {
        return [value](QSqlDatabase db) -> Status {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO workspace_info (key, value) VALUES (?, 'x')"));
            q.addBindValue(QStringLiteral("k%1").arg(value));
            if (!q.exec()) {
                return Error{ErrorCode::Database, q.lastError().text()};
            }
            return Ok{};
        };
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath("w.mailroom"));
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
    }
    void cleanup()
    {
        m_ws.reset();
        m_dir.reset();
    }

    void jobsFromManyThreadsAllLand()
    {
        auto writer = OutboxWriter::start(m_ws->path());
        QVERIFY(writer.ok());
        OutboxWriter* w = writer.value().get();
        std::atomic<int> failures{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([w, t, &failures] {
                for (int i = 0; i < 250; ++i) {
                    const int value = t * 1000 + i;
                    if (i % 2) {
                        w->post(insert(value));
                    } else if (!w->run(insert(value),
                                       i % 10 ? OutboxWriter::Durability::Normal : OutboxWriter::Durability::Durable)) {
                        ++failures;
                    }
                }
            }));
            threads.back()->start();
        }
        for (auto& t : threads) {
            QVERIFY(t->wait(60000));
        }
        writer.value().reset(); // runs what is still queued
        QCOMPARE(failures.load(), 0);
        QCOMPARE(count("SELECT count(*) FROM workspace_info WHERE key LIKE 'k%'"), 1000);
    }

    void aFailingJobUndoesOnlyItself()
    {
        auto writer = OutboxWriter::start(m_ws->path());
        QVERIFY(writer.ok());
        QVERIFY(writer.value()->run(insert(1)));
        // Half-done work of a failing job (the first insert) must not land; the next job's must.
        const auto halfThenFail = [](QSqlDatabase db) -> Status {
            if (auto s = insert(2)(db); !s) {
                return s;
            }
            return insert(1)(db); // duplicate key
        };
        const Status failed = writer.value()->run(halfThenFail);
        QVERIFY(!failed);
        // The same for a job that may gather with others (an outcome): its caller learns of it.
        const OutboxWriter::Handle later = writer.value()->submitLater(halfThenFail);
        const OutboxWriter::Handle fine = writer.value()->submitLater(insert(3));
        QVERIFY(!writer.value()->wait(later));
        QVERIFY(writer.value()->wait(fine));
        QVERIFY(writer.value()->error()); // run() failures are the caller's, not the writer's
        QCOMPARE(count("SELECT count(*) FROM workspace_info WHERE key IN ('k1', 'k2', 'k3')"), 2);
        QCOMPARE(count("SELECT count(*) FROM workspace_info WHERE key = 'k2'"), 0);

        writer.value()->post(insert(1)); // a posted job has no caller to tell: the writer keeps it
        QTRY_VERIFY(!writer.value()->error());
        QVERIFY(writer.value()->error().error().message.contains("UNIQUE"));
        QVERIFY(!writer.value()->run(insert(4))); // and delivery stops on it
    }

    void aBusyWorkspaceOnlyDelaysIt()
    {
        auto writer = OutboxWriter::start(m_ws->path());
        QVERIFY(writer.ok());
        auto other = Connection::open(m_ws->path());
        QVERIFY(other.ok());
        QSqlQuery hold(other->database());
        QVERIFY(hold.exec("BEGIN IMMEDIATE"));
        std::atomic<bool> done{false};
        std::unique_ptr<QThread> t(QThread::create([&] { done = bool(writer.value()->run(insert(7))); }));
        t->start();
        QTest::qWait(300);
        QVERIFY(!done.load());
        QVERIFY(hold.exec("COMMIT"));
        QVERIFY(t->wait(20000));
        QVERIFY(done.load());
        QCOMPARE(count("SELECT count(*) FROM workspace_info WHERE key = 'k7'"), 1);
    }
};

QTEST_GUILESS_MAIN(TestOutboxWriter)
#include "test_outbox_writer.moc"
