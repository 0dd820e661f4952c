#include "models/SidebarModel.h"

#include "ModelTestWorkspace.h"
#include "core/contacts/GroupRepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

constexpr int kContacts = 420;

} // namespace

class TestSidebarModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void passesTheModelTester();
    void countsEveryGroup();
    void itemsBecomeFilters();
    void refreshPicksUpNewGroupsAndCounts();
    void refreshWithSameGroupsKeepsItems();

private:
    QTemporaryDir m_dir;
    QString m_path;
    ModelTestWorkspace m_ws;
};

void TestSidebarModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("sidebar.mailroom"));
    Result<ModelTestWorkspace> ws = ModelTestWorkspace::create(m_path, kContacts);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
    m_ws = std::move(ws).value();
}

void TestSidebarModel::passesTheModelTester()
{
    SidebarModel model(m_path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &SidebarModel::countsLoaded);
    QVERIFY(loaded.wait(10000));
    model.refresh();
    QVERIFY(loaded.wait(10000));
}

void TestSidebarModel::countsEveryGroup()
{
    SidebarModel model(m_path);
    QSignalSpy loaded(&model, &SidebarModel::countsLoaded);
    // The items are there at once; the counts follow from the background.
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(model.isLoading());
    QCOMPARE(model.data(model.indexFor(SidebarModel::Kind::All), SidebarModel::CountRole), QVariant());
    QVERIFY(loaded.wait(10000));
    QVERIFY(!model.isLoading());

    const QModelIndex all = model.indexFor(SidebarModel::Kind::All);
    QCOMPARE(all.data().toString(), QStringLiteral("All contacts"));
    QCOMPARE(all.data(SidebarModel::CountRole).toLongLong(), qint64(kContacts));
    QCOMPARE(model.index(all.row(), SidebarModel::CountColumn).data().toString(), QLocale().toString(kContacts));

    const QModelIndex lists = model.indexFor(SidebarModel::Kind::ListsSection);
    QCOMPARE(model.rowCount(lists), 1);
    const QModelIndex newsletter = model.index(0, 0, lists);
    QCOMPARE(newsletter.data().toString(), QStringLiteral("Newsletter"));
    QCOMPARE(newsletter.data(SidebarModel::CountRole).toLongLong(), qint64(kContacts / 5));
    QCOMPARE(newsletter.data(SidebarModel::KindRole).toInt(), int(SidebarModel::Kind::List));
    QCOMPARE(newsletter.data(SidebarModel::IdRole).toLongLong(), m_ws.groupId("lists", QStringLiteral("Newsletter")));

    const QModelIndex tags = model.indexFor(SidebarModel::Kind::TagsSection);
    QCOMPARE(model.rowCount(tags), 1);
    QCOMPARE(model.index(0, 0, tags).data(SidebarModel::CountRole).toLongLong(), qint64(kContacts / 3));

    const QModelIndex statuses = model.indexFor(SidebarModel::Kind::StatusSection);
    QCOMPARE(model.rowCount(statuses), 4);
    qint64 expected[4] = {0, 0, 0, 0};
    for (const Contact& c : m_ws.contacts) {
        ++expected[static_cast<int>(c.status)];
    }
    for (int row = 0; row < 4; ++row) {
        const QModelIndex item = model.index(row, 0, statuses);
        const auto status = static_cast<ContactStatus>(item.data(SidebarModel::StatusRole).toInt());
        QCOMPARE(item.data().toString(), contactStatusLabel(status));
        QCOMPARE(item.data(SidebarModel::CountRole).toLongLong(), expected[static_cast<int>(status)]);
    }
    QCOMPARE(model.indexFor(SidebarModel::Kind::Status, int(ContactStatus::Unsubscribed))
                 .data(SidebarModel::CountRole)
                 .toLongLong(),
             qint64(kContacts / 7));

    // Section headings are not selectable and carry no count.
    QVERIFY(!(model.flags(lists) & Qt::ItemIsSelectable));
    QVERIFY(model.flags(newsletter) & Qt::ItemIsSelectable);
    QCOMPARE(lists.data(SidebarModel::CountRole), QVariant());
}

void TestSidebarModel::itemsBecomeFilters()
{
    SidebarModel model(m_path);
    QSignalSpy loaded(&model, &SidebarModel::countsLoaded);
    QVERIFY(loaded.wait(10000));

    QCOMPARE(model.filterFor(model.indexFor(SidebarModel::Kind::All)), ContactFilter());
    QCOMPARE(model.filterFor(model.indexFor(SidebarModel::Kind::TagsSection)), std::nullopt);

    const qint64 vip = m_ws.groupId("tags", QStringLiteral("vip"));
    const std::optional<ContactFilter> byTag = model.filterFor(model.indexFor(SidebarModel::Kind::Tag, vip));
    QVERIFY(byTag);
    QCOMPARE(byTag->tagId, std::optional<qint64>(vip));
    QVERIFY(!byTag->listId && !byTag->status && byTag->search.isEmpty());

    const qint64 newsletter = m_ws.groupId("lists", QStringLiteral("Newsletter"));
    QCOMPARE(model.filterFor(model.indexFor(SidebarModel::Kind::List, newsletter))->listId,
             std::optional<qint64>(newsletter));
    QCOMPARE(model.filterFor(model.indexFor(SidebarModel::Kind::Status, int(ContactStatus::Bounced)))->status,
             std::optional<ContactStatus>(ContactStatus::Bounced));
    QVERIFY(!model.indexFor(SidebarModel::Kind::List, 999999).isValid());
}

void TestSidebarModel::refreshPicksUpNewGroupsAndCounts()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("small.mailroom"));
    Result<ModelTestWorkspace> ws = ModelTestWorkspace::create(path, 30);
    QVERIFY(ws.ok());
    SidebarModel model(path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &SidebarModel::countsLoaded);
    QVERIFY(loaded.wait(10000));

    ContactRepository repository(ws.value().workspace->database());
    const QVector<qint64> ids = {ws.value().contacts.at(0).id, ws.value().contacts.at(1).id};
    QVERIFY(repository.addTag(ids, QStringLiteral("Autumn fair")).ok());

    model.refresh();
    model.refresh(); // folded into the one running
    QVERIFY(loaded.wait(10000));
    QTRY_VERIFY(!model.isLoading());
    const QModelIndex tags = model.indexFor(SidebarModel::Kind::TagsSection);
    QCOMPARE(model.rowCount(tags), 2);
    const QModelIndex autumn = model.index(0, 0, tags); // sorted by name
    QCOMPARE(autumn.data().toString(), QStringLiteral("Autumn fair"));
    QCOMPARE(autumn.data(SidebarModel::CountRole).toLongLong(), qint64(2));
}

void TestSidebarModel::refreshWithSameGroupsKeepsItems()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("small.mailroom"));
    Result<ModelTestWorkspace> ws = ModelTestWorkspace::create(path, 30);
    QVERIFY(ws.ok());
    SidebarModel model(path);
    QSignalSpy loaded(&model, &SidebarModel::countsLoaded);
    QVERIFY(loaded.wait(10000));
    const QPersistentModelIndex vip = model.index(0, 0, model.indexFor(SidebarModel::Kind::TagsSection));
    QCOMPARE(vip.data(SidebarModel::CountRole).toLongLong(), qint64(10));

    ContactRepository repository(ws.value().workspace->database());
    QVERIFY(repository.addTag({ws.value().contacts.at(0).id}, QStringLiteral("vip")).ok());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.refresh();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(reset.count(), 0);
    QVERIFY(vip.isValid());
    QCOMPARE(vip.data(SidebarModel::CountRole).toLongLong(), qint64(11));
    QCOMPARE(model.indexFor(SidebarModel::Kind::All).data(SidebarModel::CountRole).toLongLong(), qint64(30));
}

QTEST_GUILESS_MAIN(TestSidebarModel)
#include "test_sidebar_model.moc"
