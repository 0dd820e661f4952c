#include "models/SidebarModel.h"

#include <QLocale>
#include <QMetaObject>

#include <algorithm>
#include <limits>

namespace {

// Children hold their section's top-level row + 1 as internal id; top-level items hold 0.
constexpr quintptr TopLevelId = 0;

bool sameGroups(const QVector<Group>& a, const QVector<Group>& b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [](const Group& x, const Group& y) { return x.id == y.id && x.name == y.name; });
}

} // namespace

SidebarModel::SidebarModel(const QString& workspacePath, QObject* parent)
    : QAbstractItemModel(parent)
{
    qRegisterMetaType<SidebarCounts>("SidebarCounts");
    m_loader = new SidebarLoader(workspacePath);
    m_loader->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("SidebarLoader"));
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    connect(m_loader, &SidebarLoader::loaded, this, &SidebarModel::onLoaded);
    connect(m_loader, &SidebarLoader::failed, this, &SidebarModel::onFailed);
    m_thread.start();
    for (const ContactStatus status : allContactStatuses()) {
        m_counts.statuses.insert(status, 0);
    }
    startLoad();
}

SidebarModel::~SidebarModel()
{
    m_thread.quit();
    m_thread.wait();
}

QModelIndex SidebarModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, TopLevelId);
    }
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex SidebarModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == TopLevelId) {
        return {};
    }
    return createIndex(static_cast<int>(child.internalId() - 1), 0, TopLevelId);
}

int SidebarModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return TopRowCount;
    }
    if (parent.column() != 0 || parent.internalId() != TopLevelId) {
        return 0;
    }
    switch (parent.row()) {
    case ListsRow:
        return m_counts.lists.size();
    case TagsRow:
        return m_counts.tags.size();
    case StatusRow:
        return allContactStatuses().size();
    default:
        return 0;
    }
}

int SidebarModel::columnCount(const QModelIndex& parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

SidebarModel::Kind SidebarModel::kindOf(const QModelIndex& index) const
{
    if (index.internalId() == TopLevelId) {
        switch (index.row()) {
        case ListsRow:
            return Kind::ListsSection;
        case TagsRow:
            return Kind::TagsSection;
        case StatusRow:
            return Kind::StatusSection;
        default:
            return Kind::All;
        }
    }
    switch (static_cast<int>(index.internalId() - 1)) {
    case ListsRow:
        return Kind::List;
    case TagsRow:
        return Kind::Tag;
    default:
        return Kind::Status;
    }
}

QString SidebarModel::nameOf(const QModelIndex& index) const
{
    switch (kindOf(index)) {
    case Kind::All:
        return tr("All contacts");
    case Kind::ListsSection:
        return tr("Lists");
    case Kind::TagsSection:
        return tr("Tags");
    case Kind::StatusSection:
        return tr("Status");
    case Kind::List:
        return m_counts.lists.at(index.row()).name;
    case Kind::Tag:
        return m_counts.tags.at(index.row()).name;
    case Kind::Status:
        return contactStatusLabel(allContactStatuses().at(index.row()));
    }
    return {};
}

// -1 where there is no count (section headings).
qint64 SidebarModel::countOf(const QModelIndex& index) const
{
    switch (kindOf(index)) {
    case Kind::All:
        return m_counts.total;
    case Kind::List:
        return m_counts.lists.at(index.row()).memberCount;
    case Kind::Tag:
        return m_counts.tags.at(index.row()).memberCount;
    case Kind::Status:
        return m_counts.statuses.value(allContactStatuses().at(index.row()));
    case Kind::ListsSection:
    case Kind::TagsSection:
    case Kind::StatusSection:
        return -1;
    }
    return -1;
}

QString SidebarModel::countText(qint64 count) const
{
    return count >= 0 && m_hasCounts ? QLocale().toString(count) : QString();
}

QVariant SidebarModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Kind kind = kindOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? nameOf(index) : countText(countOf(index));
    case Qt::ToolTipRole: {
        const qint64 count = countOf(index);
        if (count < 0 || !m_hasCounts) {
            return {};
        }
        const int n = static_cast<int>(std::min<qint64>(count, std::numeric_limits<int>::max()));
        return tr("%1: %n contact(s)", nullptr, n).arg(nameOf(index));
    }
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                             : int(Qt::AlignLeft | Qt::AlignVCenter);
    case KindRole:
        return static_cast<int>(kind);
    case IdRole:
        if (kind == Kind::List) {
            return m_counts.lists.at(index.row()).id;
        }
        if (kind == Kind::Tag) {
            return m_counts.tags.at(index.row()).id;
        }
        return {};
    case StatusRole:
        if (kind == Kind::Status) {
            return static_cast<int>(allContactStatuses().at(index.row()));
        }
        return {};
    case NameRole:
        return nameOf(index);
    case CountRole: {
        const qint64 count = countOf(index);
        return count >= 0 && m_hasCounts ? QVariant(count) : QVariant();
    }
    default:
        return {};
    }
}

QVariant SidebarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case CountColumn:
        return tr("Contacts");
    default:
        return {};
    }
}

Qt::ItemFlags SidebarModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return Qt::NoItemFlags;
    }
    switch (kindOf(index)) {
    case Kind::ListsSection:
    case Kind::TagsSection:
    case Kind::StatusSection:
        return Qt::ItemIsEnabled;
    default:
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    }
}

QHash<int, QByteArray> SidebarModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(IdRole, "groupId");
    names.insert(StatusRole, "status");
    names.insert(NameRole, "name");
    names.insert(CountRole, "count");
    return names;
}

void SidebarModel::refresh()
{
    if (m_loading) {
        m_reloadWanted = true;
        return;
    }
    startLoad();
}

std::optional<ContactFilter> SidebarModel::filterFor(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return std::nullopt;
    }
    ContactFilter filter;
    switch (kindOf(index)) {
    case Kind::All:
        return filter;
    case Kind::List:
        filter.listId = m_counts.lists.at(index.row()).id;
        return filter;
    case Kind::Tag:
        filter.tagId = m_counts.tags.at(index.row()).id;
        return filter;
    case Kind::Status:
        filter.status = allContactStatuses().at(index.row());
        return filter;
    case Kind::ListsSection:
    case Kind::TagsSection:
    case Kind::StatusSection:
        return std::nullopt;
    }
    return std::nullopt;
}

QModelIndex SidebarModel::indexFor(Kind kind, qint64 id) const
{
    const auto findGroup = [this, id](const QVector<Group>& groups, TopRow section) -> QModelIndex {
        for (int row = 0; row < groups.size(); ++row) {
            if (groups.at(row).id == id) {
                return index(row, 0, index(section, 0));
            }
        }
        return {};
    };
    switch (kind) {
    case Kind::All:
        return index(AllRow, 0);
    case Kind::ListsSection:
        return index(ListsRow, 0);
    case Kind::TagsSection:
        return index(TagsRow, 0);
    case Kind::StatusSection:
        return index(StatusRow, 0);
    case Kind::List:
        return findGroup(m_counts.lists, ListsRow);
    case Kind::Tag:
        return findGroup(m_counts.tags, TagsRow);
    case Kind::Status: {
        const int row = allContactStatuses().indexOf(static_cast<ContactStatus>(id));
        return row >= 0 ? index(row, 0, index(StatusRow, 0)) : QModelIndex();
    }
    }
    return {};
}

void SidebarModel::startLoad()
{
    m_reloadWanted = false;
    const quint64 generation = ++m_generation;
    setLoading(true);
    QMetaObject::invokeMethod(
        m_loader, [loader = m_loader, generation] { loader->load(generation); }, Qt::QueuedConnection);
}

void SidebarModel::setLoading(bool loading)
{
    if (loading != m_loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

void SidebarModel::onLoaded(quint64 generation, const SidebarCounts& counts)
{
    if (generation != m_generation) {
        return;
    }
    const bool sameShape = sameGroups(m_counts.lists, counts.lists) && sameGroups(m_counts.tags, counts.tags);
    if (sameShape) {
        // Only numbers changed: keep the selection and expansion, repaint the counts.
        m_counts = counts;
        m_hasCounts = true;
        Q_EMIT dataChanged(index(AllRow, 0), index(StatusRow, CountColumn));
        for (const TopRow section : {ListsRow, TagsRow, StatusRow}) {
            const QModelIndex parentIndex = index(section, 0);
            const int rows = rowCount(parentIndex);
            if (rows > 0) {
                Q_EMIT dataChanged(index(0, 0, parentIndex), index(rows - 1, CountColumn, parentIndex));
            }
        }
    } else {
        beginResetModel();
        m_counts = counts;
        m_hasCounts = true;
        endResetModel();
    }
    setLoading(false);
    Q_EMIT countsLoaded();
    if (m_reloadWanted) {
        startLoad();
    }
}

void SidebarModel::onFailed(quint64 generation, const QString& message)
{
    if (generation != m_generation) {
        return;
    }
    setLoading(false);
    Q_EMIT errorOccurred(message);
    if (m_reloadWanted) {
        startLoad();
    }
}
