#include "models/SuppressionTableModel.h"

#include <QLocale>

SuppressionTableModel::SuppressionTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

SuppressionTableModel::~SuppressionTableModel() = default;

void SuppressionTableModel::setDatabase(QSqlDatabase db)
{
    m_db = std::move(db);
    reload();
}

void SuppressionTableModel::reload()
{
    // The first page is read inside the reset, so no rows are inserted while the reset is
    // still being announced.
    beginResetModel();
    m_resetting = true;
    m_rows.clear();
    m_lastError.clear();
    m_atEnd = !m_db.isOpen();
    if (!m_atEnd) {
        readPage();
        m_rows.swap(m_pending);
        m_pending.clear();
    }
    // Views that answer the reset by asking for more rows are refused until it is announced.
    endResetModel();
    m_resetting = false;
}

void SuppressionTableModel::readPage()
{
    const qint64 afterId = m_rows.isEmpty() ? 0 : m_rows.constLast().id;
    Result<QVector<Suppression>> page = SuppressionList(m_db).page(afterId, pageSize);
    if (!page) {
        m_lastError = page.error().message;
        m_atEnd = true;
        return;
    }
    m_atEnd = page->size() < pageSize;
    m_pending = page.value();
}

int SuppressionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SuppressionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SuppressionTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Suppression& entry = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PatternColumn:
            return entry.pattern;
        case KindColumn:
            return entry.kind == SuppressionKind::Domain ? tr("Domain") : tr("Email address");
        case ReasonColumn:
            return entry.reason;
        case AddedColumn:
            return QLocale().toString(entry.createdAt.toLocalTime(), QLocale::ShortFormat);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == PatternColumn && entry.kind == SuppressionKind::Domain) {
            return tr("Every address at %1 and its subdomains").arg(entry.pattern);
        }
        return {};
    case IdRole:
        return entry.id;
    case KindRole:
        return static_cast<int>(entry.kind);
    default:
        return {};
    }
}

QVariant SuppressionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case PatternColumn:
        return tr("Email address or domain");
    case KindColumn:
        return tr("Kind");
    case ReasonColumn:
        return tr("Reason");
    case AddedColumn:
        return tr("Added");
    default:
        return {};
    }
}

bool SuppressionTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !m_resetting;
}

void SuppressionTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    readPage();
    if (m_pending.isEmpty()) {
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + static_cast<int>(m_pending.size()) - 1);
    m_rows.append(m_pending);
    m_pending.clear();
    endInsertRows();
}
