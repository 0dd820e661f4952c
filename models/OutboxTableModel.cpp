#include "models/OutboxTableModel.h"

#include "models/OutboxLoader.h"

#include <QDateTime>
#include <QLocale>

OutboxTableModel::OutboxTableModel(OutboxLoader* loader, QObject* parent)
    : QAbstractTableModel(parent)
    , m_loader(loader)
{
    connect(m_loader, &OutboxLoader::pageLoaded, this, &OutboxTableModel::onPageLoaded);
    connect(m_loader, &OutboxLoader::pageFailed, this, [this](quint64 ticket, const QString& message) {
        if (ticket == m_pending) {
            m_pending = 0;
            m_pendingKind = Request::None;
            Q_EMIT errorOccurred(message);
        }
    });
}

OutboxTableModel::~OutboxTableModel() = default;

void OutboxTableModel::setCampaign(qint64 campaignId, std::optional<OutboxState> state)
{
    beginResetModel();
    m_campaignId = campaignId;
    m_state = state;
    m_rows.clear();
    m_atEnd = campaignId == 0;
    m_pending = 0;
    m_pendingKind = Request::None;
    m_refreshAgain = false;
    endResetModel();
    if (campaignId != 0) {
        request(Request::Append, 0, kPageSize);
    }
}

void OutboxTableModel::setAccountNames(const QHash<qint64, QString>& names)
{
    m_accountNames = names;
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, AccountColumn), index(int(m_rows.size()) - 1, AccountColumn));
    }
}

void OutboxTableModel::refresh()
{
    if (m_campaignId == 0) {
        return;
    }
    // One reload at a time: the engine may report changes ten times a second.
    if (m_pending != 0) {
        m_refreshAgain = true;
        return;
    }
    request(Request::Reload, 0, qMax(kPageSize, int(m_rows.size())));
}

void OutboxTableModel::request(Request kind, qint64 afterId, int limit)
{
    m_pending = ++m_ticket;
    m_pendingKind = kind;
    m_pendingLimit = limit;
    m_loader->loadPage(m_pending, m_campaignId, m_state, afterId, limit);
}

void OutboxTableModel::onPageLoaded(quint64 ticket, const QVector<OutboxItem>& rows)
{
    if (ticket != m_pending) {
        return; // for a campaign or filter no longer shown
    }
    const Request kind = m_pendingKind;
    const bool more = rows.size() >= m_pendingLimit;
    // Still pending while the rows go in: a view asked for more meanwhile would ask for the
    // page after the old last row.
    m_atEnd = true;
    if (kind == Request::Append) {
        if (!rows.isEmpty()) {
            beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
            m_rows += rows;
            endInsertRows();
        }
    } else {
        bool sameIds = rows.size() >= m_rows.size();
        for (int i = 0; sameIds && i < m_rows.size(); ++i) {
            sameIds = rows.at(i).id == m_rows.at(i).id;
        }
        if (sameIds) {
            // The rows keep their places (and the view its selection): only their cells change.
            const int old = int(m_rows.size());
            for (int i = 0; i < old; ++i) {
                m_rows[i] = rows.at(i);
            }
            if (old > 0) {
                Q_EMIT dataChanged(index(0, 0), index(old - 1, ColumnCount - 1));
            }
            if (rows.size() > old) {
                beginInsertRows(QModelIndex(), old, int(rows.size()) - 1);
                m_rows += rows.mid(old);
                endInsertRows();
            }
        } else {
            beginResetModel();
            m_rows = rows;
            endResetModel();
        }
    }
    m_pending = 0;
    m_pendingKind = Request::None;
    m_atEnd = !more;
    Q_EMIT loaded();
    if (m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
    }
}

int OutboxTableModel::rowOfItem(qint64 itemId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == itemId) {
            return i;
        }
    }
    return -1;
}

int OutboxTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OutboxTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const OutboxItem& row = m_rows.at(index.row());
    if (role == ItemIdRole) {
        return row.id;
    }
    if (role == StateRole) {
        return static_cast<int>(row.state);
    }
    if (role == Qt::ToolTipRole && index.column() == ReplyColumn) {
        return row.reply;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case EmailColumn:
        return row.email;
    case StateColumn:
        return outboxStateLabel(row.state);
    case AttemptsColumn:
        return row.attempts;
    case AccountColumn:
        return row.accountId ? m_accountNames.value(*row.accountId, QString::number(*row.accountId)) : QString();
    case UpdatedColumn:
        return row.updatedAt > 0
                   ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.updatedAt), QLocale::ShortFormat)
                   : QString();
    case ReplyColumn:
        return row.reply.simplified();
    default:
        return {};
    }
}

QVariant OutboxTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case EmailColumn:
        return tr("Email");
    case StateColumn:
        return tr("State");
    case AttemptsColumn:
        return tr("Attempts");
    case AccountColumn:
        return tr("Account");
    case UpdatedColumn:
        return tr("Updated");
    case ReplyColumn:
        return tr("Server reply");
    default:
        return {};
    }
}

bool OutboxTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && m_pending == 0;
}

void OutboxTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    request(Request::Append, m_rows.isEmpty() ? 0 : m_rows.constLast().id, kPageSize);
}
