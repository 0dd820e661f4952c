#include "core/campaigns/SegmentRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestSegmentRepository : public QObject
{
    Q_OBJECT

private:
    Segment berliners(const QString& name = "Berliners") const
    {
        Segment s;
        s.name = name;
        s.conditions = {SegmentCondition::onColumn(ContactColumn::City, SegmentOperator::Is, "Berlin"),
                        SegmentCondition::onTag(SegmentOperator::Has, m_vip)};
        return s;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<SegmentRepository> m_repo;
    qint64 m_vip = 0;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath("t.mailroom"));
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
        m_repo = std::make_unique<SegmentRepository>(m_ws->database());
        m_vip = GroupRepository(m_ws->database(), GroupKind::Tag).create("vip").value();
    }
    void cleanup()
    {
        m_repo.reset();
        m_ws.reset();
    }

    void savesAndReadsBack()
    {
        auto id = m_repo->create(berliners(" Berliners "));
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
        auto back = m_repo->find(id.value());
        QVERIFY(back.ok());
        QCOMPARE(back->name, QString("Berliners"));
        QVERIFY(back->sameRules(berliners()));
        QVERIFY(back->createdAt.isValid());
        auto byName = m_repo->findByName("BERLINERS");
        QVERIFY(byName.ok());
        QCOMPARE(byName->id, id.value());
        QVERIFY(m_repo->create(berliners("Austrians")).ok());
        auto all = m_repo->all();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).name, QString("Austrians"));
    }

    void namesAreUniqueIgnoringCase()
    {
        QVERIFY(m_repo->create(berliners("VIPs")).ok());
        auto dup = m_repo->create(berliners("vips"));
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, ErrorCode::Duplicate);
        QCOMPARE(dup.error().message, QString("A segment named \"VIPs\" already exists."));
        auto other = m_repo->create(berliners("Others"));
        Segment renamed = m_repo->find(other.value()).value();
        renamed.name = "Vips";
        QCOMPARE(m_repo->update(renamed).error().code, ErrorCode::Duplicate);
        renamed.name = "Others"; // its own name is not a duplicate
        QVERIFY(m_repo->update(renamed).ok());
    }

    void refusesBadNamesAndRulesNamingTheSegment()
    {
        auto unnamed = m_repo->create(berliners("  "));
        QCOMPARE(unnamed.error().code, ErrorCode::InvalidInput);
        QCOMPARE(unnamed.error().message, QString("A segment needs a name."));
        QVERIFY(!m_repo->create(berliners(QString(101, 'x'))).ok());
        Segment bad = berliners("Broken");
        bad.conditions.append(SegmentCondition::onList(SegmentOperator::Has, 4242));
        auto refused = m_repo->create(bad);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains("The segment \"Broken\": Condition 3: there is no list with id 4242"),
                 qPrintable(refused.error().message));
        QCOMPARE(m_repo->all()->size(), 0);
    }

    void updatesRulesAndName()
    {
        const qint64 id = m_repo->create(berliners()).value();
        Segment s = m_repo->find(id).value();
        s.name = "Hamburgers";
        s.match = SegmentMatch::Any;
        s.conditions[0].value = "Hamburg";
        QVERIFY(m_repo->update(s).ok());
        auto back = m_repo->find(id);
        QCOMPARE(back->name, QString("Hamburgers"));
        QVERIFY(back->sameRules(s));
        s.id = 999;
        QCOMPARE(m_repo->update(s).error().code, ErrorCode::NotFound);
    }

    // Reading gives a segment back as stored even when a tag it names was deleted since:
    // the audience query says what is wrong when the segment is used.
    void readsSegmentsWhoseTagWasDeleted()
    {
        const qint64 id = m_repo->create(berliners()).value();
        QVERIFY(GroupRepository(m_ws->database(), GroupKind::Tag).remove(m_vip).ok());
        auto back = m_repo->find(id);
        QVERIFY(back.ok());
        QCOMPARE(back->conditions.size(), 2);
    }

    void aDamagedRulesColumnIsReportedByName()
    {
        QSqlQuery q(m_ws->database());
        QVERIFY(q.exec("INSERT INTO segments (name, rules, created_at, updated_at)"
                       " VALUES ('Hand-edited', '{\"match\":\"most\"}', '2024', '2024')"));
        auto all = m_repo->all();
        QVERIFY(!all.ok());
        QVERIFY2(all.error().message.contains("The segment \"Hand-edited\" is damaged: The segment's \"match\""),
                 qPrintable(all.error().message));
    }

    // Deleting a segment a campaign uses would widen the campaign to its whole lists.
    void refusesToDeleteASegmentInUse()
    {
        const qint64 id = m_repo->create(berliners()).value();
        QSqlQuery q(m_ws->database());
        q.prepare(
            "INSERT INTO campaigns (name, segment_id, created_at, updated_at) VALUES ('Spring sale', ?, 'x', 'x')");
        q.addBindValue(id);
        QVERIFY(q.exec());
        auto refused = m_repo->remove(id);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains("\"Spring sale\""), qPrintable(refused.error().message));
        QVERIFY(m_repo->find(id).ok());
        QVERIFY(q.exec("DELETE FROM campaigns"));
        QVERIFY(m_repo->remove(id).ok());
        QCOMPARE(m_repo->find(id).error().code, ErrorCode::NotFound);
        QCOMPARE(m_repo->remove(id).error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestSegmentRepository)
#include "test_segment_repository.moc"
