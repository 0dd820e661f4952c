#include "models/ContactTableModel.h"

#include "models/ContactPageLoader.h"

#include <QLocale>
#include <QMetaObject>

#include <algorithm>
#include <limits>

namespace {

// Requests queued in the loader cannot be taken back, so only a few are sent at a time; the
// rest wait in the model, where pages scrolled past fall out before costing a query.
constexpr int MaxPagesInFlight = 2;
constexpr int MaxWantedPages = 16;

QString joined(const QStringList& names)
{
    return names.join(QStringLiteral(", "));
}

QString localDate(const QDate& date)
{
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : QString();
}

QString localDate(const QDateTime& when)
{
    return when.isValid() ? localDate(when.toLocalTime().date()) : QString();
}

} // namespace

ContactTableModel::ContactTableModel(const QString& workspacePath, QObject* parent)
    : QAbstractTableModel(parent)
    , m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<ContactPage>("ContactPage");
    qRegisterMetaType<SortKey>("SortKey");
    qRegisterMetaType<QVector<SortKey>>("QVector<SortKey>");
    qRegisterMetaType<QVector<qint64>>("QVector<qint64>");

    m_loader = new ContactPageLoader(workspacePath, m_generation);
    m_loader->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("ContactPageLoader"));
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    connect(m_loader, &ContactPageLoader::opened, this, &ContactTableModel::onOpened);
    connect(m_loader, &ContactPageLoader::pageReady, this, &ContactTableModel::onPageReady);
    connect(m_loader, &ContactPageLoader::failed, this, &ContactTableModel::onFailed);

    m_indexLoader = new ContactPageLoader(workspacePath, m_generation);
    m_indexLoader->moveToThread(&m_indexThread);
    m_indexThread.setObjectName(QStringLiteral("ContactIndexLoader"));
    connect(&m_indexThread, &QThread::finished, m_indexLoader, &QObject::deleteLater);
    connect(m_indexLoader, &ContactPageLoader::sparseKeysReady, this, &ContactTableModel::onSparseKeysReady);
    connect(m_indexLoader, &ContactPageLoader::failed, this, &ContactTableModel::onFailed);
    connect(m_indexLoader, &ContactPageLoader::idsResolved, this, &ContactTableModel::onIdsResolved);

    m_indexTimer.setSingleShot(true);
    m_indexTimer.setInterval(IndexDelayMs);
    connect(&m_indexTimer, &QTimer::timeout, this, &ContactTableModel::requestIndex);

    m_thread.start();
    m_indexThread.start();

    reopen(std::nullopt);
}

ContactTableModel::~ContactTableModel()
{
    // Everything still queued in the loader becomes stale and is skipped; the loader (and its
    // connection) is deleted in its own thread when the thread finishes.
    m_generation->store(std::numeric_limits<quint64>::max(), std::memory_order_release);
    m_thread.quit();
    m_indexThread.quit();
    m_thread.wait();
    m_indexThread.wait();
}

int ContactTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid()) {
        return 0;
    }
    // A QAbstractItemView cannot address more rows than an int holds.
    return static_cast<int>(std::min<qint64>(m_count, std::numeric_limits<int>::max()));
}

int ContactTableModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid()) {
        return 0;
    }
    return static_cast<int>(contactColumns().size() + m_customFields.size());
}

QVariant ContactTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Contact* contact = contactAt(index.row());
    switch (role) {
    case LoadedRole:
        return contact != nullptr;
    case ContactIdRole:
        return contact ? contact->id : qint64(0);
    case Qt::DisplayRole:
    case Qt::EditRole:
        return contact ? displayText(*contact, index.column()) : QString();
    case Qt::ToolTipRole:
        if (contact) {
            const QString text = displayText(*contact, index.column());
            if (!text.isEmpty()) {
                return text;
            }
        }
        return {};
    case Qt::TextAlignmentRole: {
        const qint64 fieldId = customFieldForColumn(index.column());
        for (const CustomField& field : m_customFields) {
            if (field.id == fieldId && field.type == FieldType::Number) {
                return int(Qt::AlignRight | Qt::AlignVCenter);
            }
        }
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    case StatusRole:
        return contact ? QVariant(static_cast<int>(contact->status)) : QVariant();
    case EmailRole:
        return contact ? QVariant(contact->email) : QVariant();
    default:
        return {};
    }
}

QString ContactTableModel::displayText(const Contact& contact, int column) const
{
    if (const std::optional<ContactColumn> builtin = builtinForColumn(column)) {
        switch (*builtin) {
        case ContactColumn::Email:
            return contact.email;
        case ContactColumn::FirstName:
            return contact.firstName;
        case ContactColumn::LastName:
            return contact.lastName;
        case ContactColumn::Company:
            return contact.company;
        case ContactColumn::Phone:
            return contact.phone;
        case ContactColumn::Street:
            return contact.street;
        case ContactColumn::City:
            return contact.city;
        case ContactColumn::Region:
            return contact.region;
        case ContactColumn::Postcode:
            return contact.postcode;
        case ContactColumn::Country:
            return contact.country;
        case ContactColumn::Status:
            return contactStatusLabel(contact.status);
        case ContactColumn::Tags:
            return joined(contact.tags);
        case ContactColumn::Lists:
            return joined(contact.lists);
        case ContactColumn::ConsentSource:
            return contact.consentSource;
        case ContactColumn::ConsentDate:
            return localDate(contact.consentDate);
        case ContactColumn::Notes:
            return contact.notes;
        case ContactColumn::CreatedAt:
            return localDate(contact.createdAt);
        case ContactColumn::UpdatedAt:
            return localDate(contact.updatedAt);
        }
        return {};
    }
    const int fieldIndex = column - static_cast<int>(contactColumns().size());
    if (fieldIndex < 0 || fieldIndex >= m_customFields.size()) {
        return {};
    }
    const CustomField& field = m_customFields.at(fieldIndex);
    const QString value = contact.fields.value(field.name);
    switch (field.type) {
    case FieldType::Date:
        return value.isEmpty() ? value : localDate(QDate::fromString(value, Qt::ISODate));
    case FieldType::YesNo:
        if (value == QLatin1String("yes")) {
            return tr("Yes");
        }
        if (value == QLatin1String("no")) {
            return tr("No");
        }
        return value;
    case FieldType::Text:
    case FieldType::Number:
        return value;
    }
    return value;
}

QVariant ContactTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical || section < 0 || section >= columnCount()) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    if (const std::optional<ContactColumn> builtin = builtinForColumn(section)) {
        return contactColumnLabel(*builtin);
    }
    return m_customFields.at(section - static_cast<int>(contactColumns().size())).name;
}

QHash<int, QByteArray> ContactTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ContactIdRole, "contactId");
    names.insert(StatusRole, "status");
    names.insert(EmailRole, "email");
    names.insert(LoadedRole, "loaded");
    return names;
}

void ContactTableModel::setFilter(const ContactFilter& filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    m_refreshing = false;
    reopen(std::nullopt);
}

void ContactTableModel::sort(int column, Qt::SortOrder order)
{
    ContactSort sort;
    sort.order = order;
    if (column < 0) {
        // Qt's "no sort column" (QSortFilterProxyModel uses it too): the order contacts were added.
    } else if (const std::optional<ContactColumn> builtin = builtinForColumn(column)) {
        if (!contactColumnInfo(*builtin).sortSql) {
            return;
        }
        sort.column = *builtin;
    } else if (const qint64 fieldId = customFieldForColumn(column)) {
        sort.customFieldId = fieldId;
    } else {
        return;
    }
    if (sort == m_sort) {
        return;
    }
    m_sort = sort;
    m_refreshing = false;
    // A new order has the same rows: skip the count.
    reopen(m_opened ? std::optional<qint64>(m_count) : std::nullopt);
}

void ContactTableModel::setCustomFields(const QVector<CustomField>& fields)
{
    beginResetModel();
    m_customFields = fields;
    endResetModel();
    if (m_sort.customFieldId != 0) {
        const bool stillThere = std::any_of(m_customFields.cbegin(), m_customFields.cend(),
                                            [this](const CustomField& f) { return f.id == m_sort.customFieldId; });
        if (!stillThere) {
            m_sort = ContactSort::byColumn(ContactColumn::LastName);
            m_refreshing = false;
            reopen(m_opened ? std::optional<qint64>(m_count) : std::nullopt);
        }
    }
}

int ContactTableModel::columnForBuiltin(ContactColumn c) const
{
    const QList<ContactColumnInfo>& columns = contactColumns();
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).column == c) {
            return i;
        }
    }
    return -1;
}

std::optional<ContactColumn> ContactTableModel::builtinForColumn(int col) const
{
    const QList<ContactColumnInfo>& columns = contactColumns();
    if (col < 0 || col >= columns.size()) {
        return std::nullopt;
    }
    return columns.at(col).column;
}

qint64 ContactTableModel::customFieldForColumn(int col) const
{
    const int fieldIndex = col - static_cast<int>(contactColumns().size());
    if (fieldIndex < 0 || fieldIndex >= m_customFields.size()) {
        return 0;
    }
    return m_customFields.at(fieldIndex).id;
}

qint64 ContactTableModel::contactId(int row) const
{
    const Contact* contact = contactAt(row);
    return contact ? contact->id : 0;
}

bool ContactTableModel::isRowLoaded(int row) const
{
    return contactAt(row) != nullptr;
}

void ContactTableModel::setMaxCachedPages(int pages)
{
    m_maxCachedPages = std::max(4, pages);
    evictPages();
}

void ContactTableModel::refresh()
{
    m_refreshing = true;
    reopen(std::nullopt);
}

void ContactTableModel::resolveIds(const QVector<QPair<int, int>>& rowRanges, QObject* context,
                                   std::function<void(QVector<qint64>)> done)
{
    const quint64 requestId = m_nextResolveId++;
    m_resolves.insert(requestId, PendingResolve{context, std::move(done)});

    // Rows the user selected among those on screen are usually all cached: answer from
    // what the view shows, without a query (still asynchronously, as promised).
    QVector<qint64> cached;
    bool allCached = m_opened;
    QVector<QPair<int, int>> ranges = rowRanges;
    std::sort(ranges.begin(), ranges.end());
    int nextRow = 0;
    for (const auto& range : ranges) {
        for (int row = std::max(range.first, nextRow); allCached && row <= range.second; ++row) {
            if (row >= m_count) {
                break;
            }
            const Contact* contact = contactAt(row);
            if (!contact) {
                allCached = false;
                break;
            }
            cached.append(contact->id);
        }
        nextRow = std::max(nextRow, range.second + 1);
        if (!allCached) {
            break;
        }
    }
    if (allCached) {
        QMetaObject::invokeMethod(
            this, [this, requestId, cached] { onIdsResolved(requestId, cached, QString()); }, Qt::QueuedConnection);
        return;
    }

    const QVector<SortKey> sparse = m_sparseReady ? m_sparse : QVector<SortKey>();
    QMetaObject::invokeMethod(
        m_indexLoader,
        [loader = m_indexLoader, requestId, filter = m_filter, sort = m_sort, rowRanges, count = m_count, sparse] {
            loader->resolveIds(requestId, filter, sort, rowRanges, count, sparse, PageSize);
        },
        Qt::QueuedConnection);
}

void ContactTableModel::reopen(std::optional<qint64> knownCount)
{
    const quint64 generation = m_generation->fetch_add(1, std::memory_order_acq_rel) + 1;
    m_opened = false;
    m_sparseReady = false;
    m_indexRequested = false;
    m_indexTimer.stop();
    m_sparse.clear();
    if (m_refreshing) {
        // Pages on their way for the old generation will be dropped: ask for them again,
        // since the view will not (it asked once and is waiting for dataChanged).
        for (const int page : std::as_const(m_inFlight)) {
            if (!m_wanted.contains(page)) {
                m_wanted.append(page);
            }
        }
    } else {
        m_wanted.clear();
    }
    m_inFlight.clear();
    if (m_refreshing) {
        const QList<int> cached = m_pages.keys();
        m_stale = QSet<int>(cached.cbegin(), cached.cend());
    } else {
        m_stale.clear();
    }
    QMetaObject::invokeMethod(
        m_loader,
        [loader = m_loader, generation, filter = m_filter, sort = m_sort, knownCount] {
            loader->open(generation, filter, sort, knownCount, PageSize);
        },
        Qt::QueuedConnection);
    updateLoading();
}

const Contact* ContactTableModel::contactAt(int row) const
{
    if (row < 0 || row >= m_count) {
        return nullptr;
    }
    const int pageIndex = row / PageSize;
    const auto it = m_pages.constFind(pageIndex);
    if (it == m_pages.constEnd()) {
        requestPage(pageIndex);
        return nullptr;
    }
    const int offset = row % PageSize;
    if (offset >= it->contacts.size()) {
        return nullptr;
    }
    it->lastUse = ++m_useClock;
    return &it->contacts.at(offset);
}

void ContactTableModel::requestPage(int pageIndex) const
{
    if (m_inFlight.contains(pageIndex)) {
        return;
    }
    m_wanted.removeOne(pageIndex);
    m_wanted.append(pageIndex);
    if (m_wanted.size() > MaxWantedPages) {
        m_wanted.remove(0, m_wanted.size() - MaxWantedPages);
    }
    if (!m_dispatchQueued && m_opened) {
        m_dispatchQueued = true;
        // data() is const and must stay cheap: send the requests once the view has finished painting.
        auto* self = const_cast<ContactTableModel*>(this);
        QMetaObject::invokeMethod(self, &ContactTableModel::dispatchRequests, Qt::QueuedConnection);
    }
}

void ContactTableModel::dispatchRequests()
{
    m_dispatchQueued = false;
    if (!m_opened) {
        return;
    }
    const int lastPage = pageCount() - 1;
    // Most recently wanted first: that is what the user is looking at now.
    for (int i = m_wanted.size() - 1; i >= 0 && m_inFlight.size() < MaxPagesInFlight; --i) {
        const int pageIndex = m_wanted.at(i);
        if (pageIndex > lastPage || (m_pages.contains(pageIndex) && !m_stale.contains(pageIndex)) ||
            m_inFlight.contains(pageIndex)) {
            m_wanted.remove(i);
            continue;
        }
        if (sendPageRequest(pageIndex)) {
            m_wanted.remove(i);
        }
    }
    // Then the pages a refresh left stale on screen.
    const QList<int> stale = m_stale.values();
    for (const int pageIndex : stale) {
        if (m_inFlight.size() >= MaxPagesInFlight) {
            break;
        }
        if (pageIndex > lastPage || !m_pages.contains(pageIndex)) {
            m_stale.remove(pageIndex);
            continue;
        }
        if (!m_inFlight.contains(pageIndex)) {
            sendPageRequest(pageIndex);
        }
    }
    updateLoading();
}

bool ContactTableModel::sendPageRequest(int pageIndex)
{
    const int lastPage = pageCount() - 1;
    std::optional<SortKey> from;
    bool fromEnd = false;
    if (pageIndex == lastPage && pageIndex > 0) {
        fromEnd = true;
    } else if (pageIndex > 0) {
        if (!m_sparseReady || pageIndex >= m_sparse.size()) {
            requestIndex();
            return false; // waits for the sparse index
        }
        from = m_sparse.at(pageIndex);
    }
    m_inFlight.insert(pageIndex);
    const quint64 generation = m_generation->load(std::memory_order_acquire);
    QMetaObject::invokeMethod(
        m_loader,
        [loader = m_loader, generation, pageIndex, filter = m_filter, sort = m_sort, from, fromEnd,
         limit = pageRowCount(pageIndex),
         count = m_count] { loader->loadPage(generation, pageIndex, filter, sort, from, fromEnd, limit, count); },
        Qt::QueuedConnection);
    return true;
}

void ContactTableModel::updateLoading()
{
    const bool loading = !m_opened || !m_inFlight.isEmpty() || !m_wanted.isEmpty() || !m_stale.isEmpty();
    if (loading != m_loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

int ContactTableModel::pageCount() const
{
    return static_cast<int>((m_count + PageSize - 1) / PageSize);
}

int ContactTableModel::pageRowCount(int pageIndex) const
{
    const qint64 first = qint64(pageIndex) * PageSize;
    return static_cast<int>(std::clamp<qint64>(m_count - first, 0, PageSize));
}

void ContactTableModel::storePage(int pageIndex, const ContactPage& page)
{
    CachedPage cached;
    cached.contacts = page.contacts;
    cached.lastUse = ++m_useClock;
    m_pages.insert(pageIndex, std::move(cached));
}

void ContactTableModel::evictPages()
{
    while (m_pages.size() > m_maxCachedPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUse < oldest->lastUse) {
                oldest = it;
            }
        }
        m_stale.remove(oldest.key());
        m_pages.erase(oldest);
    }
}

void ContactTableModel::emitPageChanged(int pageIndex)
{
    const int first = pageIndex * PageSize;
    const int last = std::min(first + PageSize, rowCount()) - 1;
    if (first > last || columnCount() == 0) {
        return;
    }
    Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
    Q_EMIT pageLoaded(first, last - first + 1);
}

void ContactTableModel::onOpened(quint64 generation, qint64 count, const ContactPage& firstPage,
                                 const ContactPage& lastPage)
{
    if (generation != m_generation->load(std::memory_order_acquire)) {
        return;
    }
    const qint64 previousCount = m_count;
    const int newLastPage = count > 0 ? static_cast<int>((count - 1) / PageSize) : 0;
    // A search's last page is not read ahead (see ContactPageLoader::open).
    const bool haveLastPage = newLastPage > 0 && !lastPage.contacts.isEmpty();

    if (m_refreshing) {
        // Keep the old rows on screen while their fresh copies load: no reset, no blank flash.
        m_refreshing = false;
        if (count < m_count) {
            beginRemoveRows(QModelIndex(), static_cast<int>(count), rowCount() - 1);
            m_count = count;
            for (auto it = m_pages.begin(); it != m_pages.end();) {
                it = it.key() > newLastPage ? m_pages.erase(it) : std::next(it);
            }
            endRemoveRows();
        } else if (count > m_count) {
            beginInsertRows(QModelIndex(), rowCount(), static_cast<int>(count) - 1);
            m_count = count;
            endInsertRows();
        }
        // Pages 0 and the last one arrive fresh with the count; the others are re-fetched
        // once the new sparse index is in (with fewer than three pages there is no other).
        for (auto it = m_stale.begin(); it != m_stale.end();) {
            const bool fresh = *it == 0 || *it > newLastPage || (*it == newLastPage && haveLastPage);
            it = fresh ? m_stale.erase(it) : std::next(it);
        }
        if (count > 0) {
            storePage(0, firstPage);
        }
        if (haveLastPage) {
            storePage(newLastPage, lastPage);
        }
        m_opened = true;
        m_sparseReady = newLastPage < 2;
        emitPageChanged(0);
        if (haveLastPage) {
            emitPageChanged(newLastPage);
        }
        evictPages();
    } else {
        beginResetModel();
        m_pages.clear();
        m_wanted.clear();
        m_count = count;
        if (count > 0) {
            storePage(0, firstPage);
        }
        if (haveLastPage) {
            storePage(newLastPage, lastPage);
        }
        m_opened = true;
        m_sparseReady = newLastPage < 2;
        endResetModel();
    }

    if (!m_sparseReady) {
        m_indexTimer.start();
    }
    if (m_count != previousCount) {
        Q_EMIT countChanged(m_count);
    }
    Q_EMIT ready();
    dispatchRequests();
}

void ContactTableModel::requestIndex()
{
    m_indexTimer.stop();
    if (m_indexRequested || m_sparseReady || !m_opened) {
        return;
    }
    m_indexRequested = true;
    const quint64 generation = m_generation->load(std::memory_order_acquire);
    QMetaObject::invokeMethod(
        m_indexLoader,
        [loader = m_indexLoader, generation, filter = m_filter, sort = m_sort] {
            loader->buildIndex(generation, filter, sort, PageSize);
        },
        Qt::QueuedConnection);
}

void ContactTableModel::onSparseKeysReady(quint64 generation, const QVector<SortKey>& keys)
{
    if (generation != m_generation->load(std::memory_order_acquire)) {
        return;
    }
    if (keys.size() < pageCount() - 1) {
        // Another writer committed between the count and the index, so pages past the index's
        // end could never be fetched: count and index again rather than leave rows blank.
        refresh();
        return;
    }
    m_sparse = keys;
    m_sparseReady = true;
    // Refreshed pages still on screen are fetched again first, then whatever data() asked for.
    Q_EMIT indexReady();
    dispatchRequests();
}

void ContactTableModel::onPageReady(quint64 generation, int pageIndex, const ContactPage& page)
{
    if (generation != m_generation->load(std::memory_order_acquire)) {
        return;
    }
    m_inFlight.remove(pageIndex);
    m_stale.remove(pageIndex);
    storePage(pageIndex, page);
    emitPageChanged(pageIndex);
    evictPages();
    dispatchRequests();
}

void ContactTableModel::onFailed(quint64 generation, const QString& message)
{
    if (generation != m_generation->load(std::memory_order_acquire)) {
        return;
    }
    m_inFlight.clear();
    m_wanted.clear();
    m_stale.clear();
    updateLoading();
    Q_EMIT errorOccurred(message);
}

void ContactTableModel::onIdsResolved(quint64 requestId, const QVector<qint64>& ids, const QString& error)
{
    const PendingResolve pending = m_resolves.take(requestId);
    if (!error.isEmpty()) {
        Q_EMIT errorOccurred(error);
    }
    if (pending.context && pending.done) {
        pending.done(error.isEmpty() ? ids : QVector<qint64>());
    }
}
