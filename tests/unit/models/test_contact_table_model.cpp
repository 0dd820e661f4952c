#include "models/ContactTableModel.h"

#include "ModelTestWorkspace.h"
#include "core/storage/Connection.h"
#include <QSqlQuery>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

namespace {

constexpr int kContacts = 3000; // 12 pages: the middle ones need the sparse index

QVector<qint64> sorted(QVector<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestContactTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void passesTheModelTester();
    void reportsTheTrueCountAndTheFirstPage();
    void showsTheLastRowWithoutWaitingForTheIndex();
    void loadsARowInTheMiddleAfterTheIndex();
    void rowsNotLoadedShowEmptyText();
    void sortsByLastNameLikeSqlite_data();
    void sortsByLastNameLikeSqlite();
    void ignoresSortOnTagsColumn();
    void filtersBySearchText();
    void filtersByTagListAndStatus();
    void showsAndSortsCustomFieldColumns();
    void showsStatusTagsAndListsAsText();
    void refreshShowsAnEditWithoutReset();
    void refreshAfterAddInsertsRows();
    void refreshStillDeliversPagesAskedForBeforeIt();
    void dropsResultsOfAnOldFilter();
    void resolvesIdsOfSelectedRanges();
    void resolvesSelectAllToEveryId();
    void scrollingThroughEveryPageEvictsOldOnes();
    void recountsWhenRowsVanishBeforeTheIndex();

private:
    std::unique_ptr<ContactTableModel> makeModel();
    static void waitReady(ContactTableModel& model, QSignalSpy& readySpy);
    static qint64 idAt(const ContactTableModel& model, int row)
    {
        return model.data(model.index(row, 0), ContactTableModel::ContactIdRole).toLongLong();
    }
    // Asks for the row until its page has arrived (data() queues the fetch).
    static bool waitForRow(ContactTableModel& model, int row)
    {
        return QTest::qWaitFor([&] { return model.data(model.index(row, 0), ContactTableModel::LoadedRole).toBool(); },
                               10000);
    }

    QTemporaryDir m_dir;
    QString m_path;
    ModelTestWorkspace m_ws;
    QVector<qint64> m_byLastName;
};

void TestContactTableModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("contacts.mailroom"));
    Result<ModelTestWorkspace> ws = ModelTestWorkspace::create(m_path, kContacts);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
    m_ws = std::move(ws).value();
}

void TestContactTableModel::init()
{
    m_byLastName = m_ws.idsInSqlOrder(QStringLiteral("c.last_name COLLATE NOCASE, c.id"));
}

void TestContactTableModel::cleanup() {}

std::unique_ptr<ContactTableModel> TestContactTableModel::makeModel()
{
    return std::make_unique<ContactTableModel>(m_path);
}

void TestContactTableModel::waitReady(ContactTableModel& model, QSignalSpy& readySpy)
{
    QVERIFY(readySpy.wait(10000) || readySpy.count() > 0);
    Q_UNUSED(model)
}

void TestContactTableModel::passesTheModelTester()
{
    auto model = makeModel();
    QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    QVERIFY(waitForRow(*model, 1500));
    model->sort(model->columnForBuiltin(ContactColumn::Email), Qt::DescendingOrder);
    QVERIFY(ready.wait(10000));
    ContactFilter filter;
    filter.search = QStringLiteral("mu");
    model->setFilter(filter);
    QVERIFY(ready.wait(10000));
    model->setCustomFields({m_ws.score});
    model->refresh();
    QVERIFY(ready.wait(10000));
    QTRY_VERIFY(!model->isLoading());
}

void TestContactTableModel::reportsTheTrueCountAndTheFirstPage()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    QSignalSpy count(model.get(), &ContactTableModel::countChanged);
    waitReady(*model, ready);
    QCOMPARE(model->rowCount(), kContacts);
    QCOMPARE(model->totalCount(), qint64(kContacts));
    QCOMPARE(count.count(), 1);
    QCOMPARE(count.first().first().toLongLong(), qint64(kContacts));
    QCOMPARE(model->columnCount(), contactColumns().size());
    // The first page is there as soon as the count is, in last-name order.
    for (int row = 0; row < ContactTableModel::PageSize; ++row) {
        QVERIFY(model->data(model->index(row, 0), ContactTableModel::LoadedRole).toBool());
        QCOMPARE(idAt(*model, row), m_byLastName.at(row));
    }
    const Contact& first = *std::find_if(m_ws.contacts.cbegin(), m_ws.contacts.cend(),
                                         [&](const Contact& c) { return c.id == m_byLastName.first(); });
    QCOMPARE(model->data(model->index(0, model->columnForBuiltin(ContactColumn::Email))).toString(), first.email);
    QCOMPARE(model->data(model->index(0, model->columnForBuiltin(ContactColumn::LastName))).toString(),
             QStringLiteral("Ahn"));
    QCOMPARE(model->contactId(0), first.id);
    QCOMPARE(model->data(model->index(0, 0), ContactTableModel::EmailRole).toString(), first.email);
    QCOMPARE(model->headerData(model->columnForBuiltin(ContactColumn::LastName), Qt::Horizontal).toString(),
             contactColumnLabel(ContactColumn::LastName));
}

void TestContactTableModel::showsTheLastRowWithoutWaitingForTheIndex()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    const int last = model->rowCount() - 1;
    QVERIFY(model->data(model->index(last, 0), ContactTableModel::LoadedRole).toBool());
    QCOMPARE(idAt(*model, last), m_byLastName.last());
    QCOMPARE(idAt(*model, last - 10), m_byLastName.at(last - 10));
}

void TestContactTableModel::loadsARowInTheMiddleAfterTheIndex()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    QSignalSpy pages(model.get(), &ContactTableModel::pageLoaded);
    waitReady(*model, ready);
    for (const int row : {1500, 256, 2047, 2048, 1000}) {
        QVERIFY(waitForRow(*model, row));
        QCOMPARE(idAt(*model, row), m_byLastName.at(row));
    }
    QVERIFY(model->isIndexReady());
    // The page of row 1500 (page 5) was announced with its rows.
    const bool announced = std::any_of(pages.cbegin(), pages.cend(), [](const QList<QVariant>& args) {
        return args.at(0).toInt() == 5 * 256 && args.at(1).toInt() == 256;
    });
    QVERIFY(announced);
}

void TestContactTableModel::rowsNotLoadedShowEmptyText()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    const QModelIndex middle = model->index(1300, 0);
    QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
    QCOMPARE(model->data(middle, ContactTableModel::LoadedRole).toBool(), false);
    QCOMPARE(model->data(middle).toString(), QString());
    QCOMPARE(model->contactId(1300), qint64(0));
    // Asking for it queued the fetch; its arrival repaints the row.
    QTRY_VERIFY_WITH_TIMEOUT(model->data(middle, ContactTableModel::LoadedRole).toBool(), 10000);
    QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [](const QList<QVariant>& args) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        return topLeft.row() <= 1300 && bottomRight.row() >= 1300;
    }));
    QVERIFY(!model->data(middle).toString().isEmpty());
}

void TestContactTableModel::sortsByLastNameLikeSqlite_data()
{
    QTest::addColumn<int>("order");
    QTest::addColumn<QString>("orderBy");
    QTest::newRow("descending") << int(Qt::DescendingOrder)
                                << QStringLiteral("c.last_name COLLATE NOCASE DESC, c.id DESC");
    QTest::newRow("ascending") << int(Qt::AscendingOrder) << QStringLiteral("c.last_name COLLATE NOCASE, c.id");
}

void TestContactTableModel::sortsByLastNameLikeSqlite()
{
    QFETCH(int, order);
    QFETCH(QString, orderBy);
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    // Start from another order so the last-name sort is a real change.
    model->sort(model->columnForBuiltin(ContactColumn::Email), Qt::AscendingOrder);
    QVERIFY(ready.wait(10000));
    model->sort(model->columnForBuiltin(ContactColumn::LastName), static_cast<Qt::SortOrder>(order));
    QVERIFY(ready.wait(10000));
    const QVector<qint64> expected = m_ws.idsInSqlOrder(orderBy);
    QCOMPARE(model->rowCount(), expected.size());
    for (const int row : {0, 1, 255, 256, 1000, 1777, 2999}) {
        QVERIFY(waitForRow(*model, row));
        QCOMPARE(idAt(*model, row), expected.at(row));
    }
    const QString firstLast = model->data(model->index(0, model->columnForBuiltin(ContactColumn::LastName))).toString();
    QCOMPARE(firstLast, order == Qt::DescendingOrder ? QStringLiteral("Zimmer") : QStringLiteral("Ahn"));
}

void TestContactTableModel::ignoresSortOnTagsColumn()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
    model->sort(model->columnForBuiltin(ContactColumn::Tags), Qt::DescendingOrder);
    QCOMPARE(model->contactSort().column, ContactColumn::LastName);
    QVERIFY(!ready.wait(300));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(idAt(*model, 0), m_byLastName.first());
}

void TestContactTableModel::filtersBySearchText()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);

    ContactFilter filter;
    filter.search = QStringLiteral("mul");
    model->setFilter(filter);
    QVERIFY(ready.wait(10000));
    const QVector<qint64> mullins = m_ws.idsInSqlOrder(QStringLiteral("c.last_name COLLATE NOCASE, c.id"),
                                                       QStringLiteral("c.last_name = 'Mullins'"));
    QVERIFY(!mullins.isEmpty());
    QCOMPARE(model->rowCount(), mullins.size());
    QCOMPARE(model->filter().search, QStringLiteral("mul"));
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY(waitForRow(*model, row));
        QCOMPARE(idAt(*model, row), mullins.at(row));
    }

    // "mu" also matches Mueller and Murphy; two words must both match.
    filter.search = QStringLiteral("mu");
    model->setFilter(filter);
    QVERIFY(ready.wait(10000));
    const QVector<qint64> mu = m_ws.idsInSqlOrder(QStringLiteral("c.id"), QStringLiteral("c.last_name LIKE 'mu%'"));
    QCOMPARE(model->rowCount(), mu.size());
    QVERIFY(mu.size() > 2 * ContactTableModel::PageSize);
    // A search's last page is fetched when it is wanted, not with every keystroke.
    const QVector<qint64> muSorted = m_ws.idsInSqlOrder(QStringLiteral("c.last_name COLLATE NOCASE, c.id"),
                                                        QStringLiteral("c.last_name LIKE 'mu%'"));
    const int lastRow = model->rowCount() - 1;
    QVERIFY(waitForRow(*model, lastRow));
    QCOMPARE(idAt(*model, lastRow), muSorted.last());
    QVERIFY(waitForRow(*model, ContactTableModel::PageSize + 3));
    QCOMPARE(idAt(*model, ContactTableModel::PageSize + 3), muSorted.at(ContactTableModel::PageSize + 3));
    filter.search = QStringLiteral("mu anna");
    model->setFilter(filter);
    QVERIFY(ready.wait(10000));
    const QVector<qint64> muAnna =
        m_ws.idsInSqlOrder(QStringLiteral("c.id"), QStringLiteral("c.last_name LIKE 'mu%' AND c.first_name = 'Anna'"));
    QVERIFY(!muAnna.isEmpty());
    QCOMPARE(model->rowCount(), muAnna.size());

    filter.search = QStringLiteral("nobodyhasthisname");
    model->setFilter(filter);
    QVERIFY(ready.wait(10000));
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(model->totalCount(), qint64(0));

    model->setFilter(ContactFilter());
    QVERIFY(ready.wait(10000));
    QCOMPARE(model->rowCount(), kContacts);
}

void TestContactTableModel::filtersByTagListAndStatus()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);

    ContactFilter byTag;
    byTag.tagId = m_ws.groupId("tags", QStringLiteral("vip"));
    model->setFilter(byTag);
    QVERIFY(ready.wait(10000));
    QCOMPARE(model->rowCount(), kContacts / 3);
    QVERIFY(model->data(model->index(0, model->columnForBuiltin(ContactColumn::Tags)))
                .toString()
                .contains(QStringLiteral("vip")));

    ContactFilter byList;
    byList.listId = m_ws.groupId("lists", QStringLiteral("Newsletter"));
    model->setFilter(byList);
    QVERIFY(ready.wait(10000));
    QCOMPARE(model->rowCount(), kContacts / 5);
    const int last = model->rowCount() - 1;
    QCOMPARE(model->data(model->index(last, model->columnForBuiltin(ContactColumn::Lists))).toString(),
             QStringLiteral("Newsletter"));

    ContactFilter byStatus;
    byStatus.status = ContactStatus::Unsubscribed;
    model->setFilter(byStatus);
    QVERIFY(ready.wait(10000));
    QCOMPARE(model->rowCount(), kContacts / 7);
    QCOMPARE(model->data(model->index(0, 0), ContactTableModel::StatusRole).toInt(), int(ContactStatus::Unsubscribed));

    // Filters combine: vip and unsubscribed = every 21st.
    ContactFilter both = byTag;
    both.status = ContactStatus::Unsubscribed;
    model->setFilter(both);
    QVERIFY(ready.wait(10000));
    QCOMPARE(model->rowCount(), kContacts / 21);
    const QVector<qint64> expected =
        m_ws.idsInSqlOrder(QStringLiteral("c.last_name COLLATE NOCASE, c.id"), QStringLiteral("c.id % 21 = 0"));
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(idAt(*model, row), expected.at(row));
    }
}

void TestContactTableModel::showsAndSortsCustomFieldColumns()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    model->setCustomFields({m_ws.score});
    const int scoreColumn = static_cast<int>(contactColumns().size());
    QCOMPARE(model->columnCount(), scoreColumn + 1);
    QCOMPARE(model->headerData(scoreColumn, Qt::Horizontal).toString(), QStringLiteral("Score"));
    QCOMPARE(model->customFieldForColumn(scoreColumn), m_ws.score.id);
    QCOMPARE(model->builtinForColumn(scoreColumn), std::nullopt);
    QCOMPARE(model->customFieldForColumn(0), qint64(0));
    QCOMPARE(model->data(model->index(0, scoreColumn), Qt::TextAlignmentRole).toInt() & Qt::AlignRight,
             int(Qt::AlignRight));

    // Highest score first: numeric, not text, order.
    model->sort(scoreColumn, Qt::DescendingOrder);
    QVERIFY(ready.wait(10000));
    int best = -1;
    for (const Contact& c : m_ws.contacts) {
        if (c.fields.contains(QStringLiteral("Score"))) {
            best = std::max(best, c.fields.value(QStringLiteral("Score")).toInt());
        }
    }
    QCOMPARE(model->data(model->index(0, scoreColumn)).toString(), QString::number(best));
    const Contact& top = *std::find_if(m_ws.contacts.cbegin(), m_ws.contacts.cend(),
                                       [&](const Contact& c) { return c.id == idAt(*model, 0); });
    QCOMPARE(top.fields.value(QStringLiteral("Score")).toInt(), best);
    // Contacts without a score come last.
    const int last = model->rowCount() - 1;
    QCOMPARE(model->data(model->index(last, scoreColumn)).toString(), QString());

    // Removing the field drops the column and falls back to the default order.
    model->setCustomFields({});
    QCOMPARE(model->columnCount(), scoreColumn);
    QVERIFY(ready.wait(10000));
    QCOMPARE(idAt(*model, 0), m_byLastName.first());
}

void TestContactTableModel::showsStatusTagsAndListsAsText()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    ContactFilter filter;
    filter.status = ContactStatus::Unsubscribed;
    filter.tagId = m_ws.groupId("tags", QStringLiteral("vip"));
    filter.listId = m_ws.groupId("lists", QStringLiteral("Newsletter"));
    model->setFilter(filter);
    QVERIFY(ready.wait(10000));
    QCOMPARE(model->rowCount(), kContacts / 105); // multiples of 3, 5 and 7
    QCOMPARE(model->data(model->index(0, model->columnForBuiltin(ContactColumn::Status))).toString(),
             contactStatusLabel(ContactStatus::Unsubscribed));
    QCOMPARE(model->data(model->index(0, model->columnForBuiltin(ContactColumn::Tags))).toString(),
             QStringLiteral("vip"));
    QCOMPARE(model->data(model->index(0, model->columnForBuiltin(ContactColumn::Lists))).toString(),
             QStringLiteral("Newsletter"));
    const QString created = model->data(model->index(0, model->columnForBuiltin(ContactColumn::CreatedAt))).toString();
    QCOMPARE(created, QLocale().toString(QDate::currentDate(), QLocale::ShortFormat));
}

void TestContactTableModel::refreshShowsAnEditWithoutReset()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    QVERIFY(waitForRow(*model, 1200));
    const qint64 firstId = idAt(*model, 0);
    const qint64 middleId = idAt(*model, 1200);

    ContactRepository repository(m_ws.workspace->database());
    for (const qint64 id : {firstId, middleId}) {
        Contact c = repository.findById(id).value();
        c.company = QStringLiteral("Renamed Ltd");
        QVERIFY(repository.update(c).ok());
    }

    QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
    model->refresh();
    const int company = model->columnForBuiltin(ContactColumn::Company);
    // Until the fresh copy arrives the old one stays on screen: no blank flash.
    QVERIFY(model->data(model->index(1200, 0), ContactTableModel::LoadedRole).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(model->data(model->index(0, company)).toString(), QStringLiteral("Renamed Ltd"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(model->data(model->index(1200, company)).toString(), QStringLiteral("Renamed Ltd"),
                              10000);
    QTRY_VERIFY(!model->isLoading());
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(model->rowCount(), kContacts);
}

void TestContactTableModel::refreshAfterAddInsertsRows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("small.mailroom"));
    Result<ModelTestWorkspace> ws = ModelTestWorkspace::create(path, 20);
    QVERIFY(ws.ok());
    ContactTableModel model(path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy ready(&model, &ContactTableModel::ready);
    QVERIFY(ready.wait(10000));
    QCOMPARE(model.rowCount(), 20);

    ContactRepository repository(ws.value().workspace->database());
    Contact added;
    added.email = QStringLiteral("aaron@example.com");
    added.lastName = QStringLiteral("Aardvark");
    const Result<qint64> id = repository.add(added);
    QVERIFY(id.ok());

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy count(&model, &ContactTableModel::countChanged);
    model.refresh();
    QVERIFY(ready.wait(10000));
    QCOMPARE(model.rowCount(), 21);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(count.count(), 1);
    QCOMPARE(idAt(model, 0), id.value());
    QCOMPARE(model.data(model.index(0, model.columnForBuiltin(ContactColumn::LastName))).toString(),
             QStringLiteral("Aardvark"));

    QVERIFY(repository.remove(id.value()).ok());
    QVERIFY(repository.remove(ws.value().contacts.first().id).ok());
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.refresh();
    QVERIFY(ready.wait(10000));
    QCOMPARE(model.rowCount(), 19);
    QCOMPARE(removed.count(), 1);
}

void TestContactTableModel::refreshStillDeliversPagesAskedForBeforeIt()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    QSignalSpy pages(model.get(), &ContactTableModel::pageLoaded);
    // The view asked for row 1500 once and waits for dataChanged; an edit elsewhere refreshes.
    QCOMPARE(model->data(model->index(1500, 0), ContactTableModel::LoadedRole).toBool(), false);
    model->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(pages.cbegin(), pages.cend(),
                                         [](const QList<QVariant>& args) { return args.at(0).toInt() == 5 * 256; }),
                             10000);
    QCOMPARE(idAt(*model, 1500), m_byLastName.at(1500));
}

void TestContactTableModel::dropsResultsOfAnOldFilter()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    ready.clear();
    QSignalSpy count(model.get(), &ContactTableModel::countChanged);
    QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);

    ContactFilter first;
    first.status = ContactStatus::Unsubscribed; // 428 rows
    ContactFilter second;
    second.listId = m_ws.groupId("lists", QStringLiteral("Newsletter")); // 600 rows
    model->setFilter(first);
    model->setFilter(second);
    QVERIFY(ready.wait(10000));
    QVERIFY(!ready.wait(300)); // nothing else arrives later
    QCOMPARE(ready.count(), 1);
    QCOMPARE(model->rowCount(), kContacts / 5);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(count.count(), 1);
    QCOMPARE(count.first().first().toLongLong(), qint64(kContacts / 5));
    QCOMPARE(model->data(model->index(0, model->columnForBuiltin(ContactColumn::Lists))).toString(),
             QStringLiteral("Newsletter"));
}

void TestContactTableModel::resolvesIdsOfSelectedRanges()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);

    QVector<qint64> expected;
    const QVector<QPair<int, int>> ranges = {{0, 9}, {1000, 1009}, {1005, 1020}, {2990, 2999}};
    for (int row = 0; row <= 9; ++row) {
        expected << m_byLastName.at(row);
    }
    for (int row = 1000; row <= 1020; ++row) {
        expected << m_byLastName.at(row);
    }
    for (int row = 2990; row <= 2999; ++row) {
        expected << m_byLastName.at(row);
    }
    // Once before the index is built (rows reached by skipping), once after.
    for (int attempt = 0; attempt < 2; ++attempt) {
        QVector<qint64> ids;
        bool called = false;
        model->resolveIds(ranges, this, [&](const QVector<qint64>& result) {
            ids = result;
            called = true;
        });
        QVERIFY(!called); // always asynchronous
        QTRY_VERIFY_WITH_TIMEOUT(called, 10000);
        QCOMPARE(sorted(ids), sorted(expected));
        QTRY_VERIFY_WITH_TIMEOUT(model->isIndexReady(), 10000);
    }

    // Rows on screen resolve from the cache, still through the callback.
    QVector<qint64> visible;
    model->resolveIds({{3, 5}}, this, [&](const QVector<qint64>& result) { visible = result; });
    QTRY_COMPARE(visible, (QVector<qint64>{m_byLastName.at(3), m_byLastName.at(4), m_byLastName.at(5)}));

    // No callback once its context is gone.
    bool calledAfterDelete = false;
    auto* context = new QObject;
    model->resolveIds({{100, 2000}}, context, [&](const QVector<qint64>&) { calledAfterDelete = true; });
    delete context;
    QVector<qint64> probe;
    model->resolveIds({{100, 2000}}, this, [&](const QVector<qint64>& result) { probe = result; });
    QTRY_COMPARE_WITH_TIMEOUT(probe.size(), 1901, 10000);
    QVERIFY(!calledAfterDelete);
}

void TestContactTableModel::resolvesSelectAllToEveryId()
{
    auto model = makeModel();
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    QVector<qint64> ids;
    model->resolveIds({{0, kContacts - 1}}, this, [&](const QVector<qint64>& result) { ids = result; });
    QTRY_COMPARE_WITH_TIMEOUT(ids.size(), kContacts, 10000);
    QCOMPARE(sorted(ids), sorted(m_byLastName));
}

void TestContactTableModel::scrollingThroughEveryPageEvictsOldOnes()
{
    auto model = makeModel();
    model->setMaxCachedPages(4);
    QSignalSpy ready(model.get(), &ContactTableModel::ready);
    waitReady(*model, ready);
    for (int row = 0; row < kContacts; row += ContactTableModel::PageSize) {
        QVERIFY(waitForRow(*model, row));
        QCOMPARE(idAt(*model, row), m_byLastName.at(row));
    }
    // Only the last few pages stay cached; the first comes back on demand.
    QVERIFY(!model->isRowLoaded(300));
    QVERIFY(waitForRow(*model, 300));
    QCOMPARE(idAt(*model, 300), m_byLastName.at(300));
}

QTEST_GUILESS_MAIN(TestContactTableModel)
#include "test_contact_table_model.moc"

void TestContactTableModel::recountsWhenRowsVanishBeforeTheIndex()
{
    // Another writer deletes rows after the model counted but before it built its sparse
    // index: the index is then too short for the pages the count promised. The model must
    // count again, not leave the rows past the index blank forever.
    const QString path = m_dir.filePath(QStringLiteral("shrinking.mailroom"));
    Result<ModelTestWorkspace> ws = ModelTestWorkspace::create(path, 900);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
    ContactTableModel model(path);
    QSignalSpy ready(&model, &ContactTableModel::ready);
    waitReady(model, ready);
    QCOMPARE(model.rowCount(), 900);
    QVERIFY(!model.isIndexReady());
    {
        Result<Connection> other = Connection::open(path);
        QVERIFY(other.ok());
        QSqlQuery q(other->database());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM contacts WHERE id IN (SELECT id FROM contacts LIMIT 600)")));
    }
    model.data(model.index(600, 0)); // a middle page: asks for the index
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 300, 10000);
}
