#include "core/contacts/ContactRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Bulk edits are one transaction each, cancellable, and report exactly what they
// changed so the window's undo can put back precisely that.
class TestContactBulk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_ws = std::move(Workspace::create(m_dir->filePath("b.mailroom"))).value();
        m_repo = std::make_unique<ContactRepository>(m_ws->database());
        m_ids.clear();
        QSqlQuery q(m_ws->database());
        // 12,000 contacts: enough for several batches.
        QVERIFY(q.exec("BEGIN"));
        q.prepare(
            "INSERT INTO contacts (email, email_key, last_name, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')");
        for (int i = 0; i < 12000; ++i) {
            const QString email = QString("c%1@example.com").arg(i);
            q.addBindValue(email);
            q.addBindValue(email);
            q.addBindValue(QString("Last%1").arg(i));
            QVERIFY(q.exec());
            m_ids.append(q.lastInsertId().toLongLong());
        }
        QVERIFY(q.exec("INSERT INTO contacts_fts (rowid, email, first_name, last_name, company, tags, notes)"
                       " SELECT id, email, first_name, last_name, company, '', notes FROM contacts"));
        QVERIFY(q.exec("COMMIT"));
    }
    void cleanup()
    {
        m_repo.reset();
        m_ws.reset();
    }

    void addTagReportsOnlyNewlyTaggedAndUndoesExactly()
    {
        const QVector<qint64> first = m_ids.mid(0, 100);
        QCOMPARE(m_repo->addTag(first, "vip")->changedIds.size(), 100);
        // Tag 0..10,999: the first 100 already have it.
        const QVector<qint64> many = m_ids.mid(0, 11000);
        int calls = 0;
        auto change = m_repo->addTag(many, "vip", [&calls](qint64 done, qint64 total) {
            ++calls;
            return done <= total;
        });
        QVERIFY(change.ok());
        QCOMPARE(change->changedIds.size(), 10900);
        QVERIFY(calls >= 3);
        QCOMPARE(tagCount("vip"), 11000);
        QCOMPARE(searchCount("vip"), 11000); // tags are searchable right after a bulk edit
        // Undo = remove the tag from exactly the changed ones: the first 100 keep it.
        QCOMPARE(m_repo->removeTag(change->changedIds, "vip")->changedIds.size(), 10900);
        QCOMPARE(tagCount("vip"), 100);
        QCOMPARE(searchCount("vip"), 100);
    }

    void reportsWhetherItCreatedTheTagAndDropsItOnlyWhenEmpty()
    {
        auto first = m_repo->addTag(m_ids.mid(0, 10), "fresh");
        QVERIFY(first.ok());
        QVERIFY(first->createdGroup);
        auto second = m_repo->addTag(m_ids.mid(10, 10), "Fresh");
        QVERIFY(second.ok());
        QVERIFY(!second->createdGroup);
        QVERIFY(m_repo->removeTag(first->changedIds, "fresh").ok());
        QVERIFY(m_repo->dropGroupIfEmpty(GroupKind::Tag, "fresh").ok());
        QCOMPARE(tagCount("fresh"), 10); // still used by the second edit: kept
        QVERIFY(m_repo->removeTag(second->changedIds, "fresh").ok());
        QVERIFY(m_repo->dropGroupIfEmpty(GroupKind::Tag, "fresh").ok());
        QCOMPARE(tagCount("fresh"), -1);
        QVERIFY(m_repo->dropGroupIfEmpty(GroupKind::List, "never existed").ok());
    }

    void cancelRollsBackEverything()
    {
        auto change = m_repo->addTag(m_ids, "sale", [](qint64 done, qint64) { return done < 10000; });
        QVERIFY(!change.ok());
        QCOMPARE(change.error().code, ErrorCode::Cancelled);
        QVERIFY2(!GroupRepository(m_ws->database(), GroupKind::Tag).findByName("sale").ok(),
                 "a cancelled bulk tag must not leave the new tag behind");
        QCOMPARE(searchCount("sale"), 0);
        auto status = m_repo->setStatus(m_ids, ContactStatus::Bounced, [](qint64, qint64) { return false; });
        QVERIFY(!status.ok());
        QCOMPARE(m_repo->statusCounts()->value(ContactStatus::Bounced), 0);
    }

    void listsAddAndRemove()
    {
        QCOMPARE(m_repo->addToList(m_ids.mid(0, 6000), "Spring sale")->changedIds.size(), 6000);
        QCOMPARE(GroupRepository(m_ws->database(), GroupKind::List).findByName("spring sale")->memberCount, 6000);
        QCOMPARE(m_repo->removeFromList(m_ids.mid(5000, 3000), "Spring sale")->changedIds.size(), 1000);
        QCOMPARE(GroupRepository(m_ws->database(), GroupKind::List).findByName("Spring sale")->memberCount, 5000);
        auto missing = m_repo->removeFromList(m_ids, "No such list");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void setStatusRemembersEachPreviousStatus()
    {
        QVERIFY(m_repo->setStatus(m_ids.mid(0, 10), ContactStatus::Unsubscribed).ok());
        auto change = m_repo->setStatus(m_ids.mid(0, 20), ContactStatus::Bounced);
        QVERIFY(change.ok());
        QCOMPARE(change->previousStatus.size(), 20);
        QCOMPARE(change->previousStatus.value(m_ids.at(3)), ContactStatus::Unsubscribed);
        QCOMPARE(change->previousStatus.value(m_ids.at(15)), ContactStatus::Subscribed);
        QCOMPARE(m_repo->statusCounts()->value(ContactStatus::Bounced), 20);
        QVERIFY(m_repo->restoreStatuses(change->previousStatus).ok());
        const auto counts = m_repo->statusCounts().value();
        QCOMPARE(counts.value(ContactStatus::Bounced), 0);
        QCOMPARE(counts.value(ContactStatus::Unsubscribed), 10);
    }

    void readingSnapshotsCanBeCancelled()
    {
        int calls = 0;
        auto found = m_repo->findByIds(m_ids, [&calls](qint64 done, qint64 total) {
            ++calls;
            return done < total / 2;
        });
        QVERIFY(!found.ok());
        QCOMPARE(found.error().code, ErrorCode::Cancelled);
        QVERIFY(calls > 1);
        QCOMPARE(m_repo->findByIds(m_ids.mid(0, 1200))->size(), 1200);
    }

    void deleteAndRestoreBringsBackEverything()
    {
        QVERIFY(m_repo->addTag(m_ids.mid(0, 50), "vip").ok());
        QVERIFY(m_repo->addToList(m_ids.mid(0, 50), "L").ok());
        const QVector<qint64> doomed = m_ids.mid(0, 7000);
        const auto snapshot = m_repo->findByIds(doomed).value();
        QCOMPARE(snapshot.size(), 7000);
        auto removed = m_repo->removeMany(doomed);
        QVERIFY(removed.ok());
        QCOMPARE(removed->changedIds.size(), 7000);
        QCOMPARE(m_repo->count({}).value(), 5000);
        QCOMPARE(tagCount("vip"), 0);
        QVERIFY(m_repo->restore(snapshot).ok());
        QCOMPARE(m_repo->count({}).value(), 12000);
        QCOMPARE(tagCount("vip"), 50);
        QCOMPARE(searchCount("vip"), 50);
        QCOMPARE(m_repo->findById(m_ids.at(7))->lists, QStringList{"L"});
        QCOMPARE(m_repo->findById(m_ids.at(7)).value(), snapshot.at(7));
    }

private:
    qint64 tagCount(const QString& name)
    {
        auto g = GroupRepository(m_ws->database(), GroupKind::Tag).findByName(name);
        return g.ok() ? g->memberCount : -1;
    }
    qint64 searchCount(const QString& text)
    {
        ContactFilter f;
        f.search = text;
        return m_repo->count(f).value();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<ContactRepository> m_repo;
    QVector<qint64> m_ids;
};

QTEST_GUILESS_MAIN(TestContactBulk)
#include "test_contact_bulk.moc"
