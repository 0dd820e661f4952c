#include "models/ContactPageLoader.h"

#include "core/contacts/ContactRepository.h"

#include <QCoreApplication>

#include <algorithm>

ContactPageLoader::ContactPageLoader(QString workspacePath,
                                     std::shared_ptr<const std::atomic<quint64>> latestGeneration)
    : m_path(std::move(workspacePath))
    , m_latestGeneration(std::move(latestGeneration))
{}

// Runs in the loader thread (deleted on QThread::finished), so the connection closes where it was opened.
ContactPageLoader::~ContactPageLoader() = default;

bool ContactPageLoader::isStale(quint64 generation) const
{
    return generation != m_latestGeneration->load(std::memory_order_acquire);
}

std::optional<QString> ContactPageLoader::ensureConnection()
{
    if (m_connection) {
        return std::nullopt;
    }
    Result<Connection> connection = Connection::open(m_path, Connection::Mode::ReadOnly);
    if (!connection) {
        return connection.error().message;
    }
    m_connection.emplace(std::move(connection).value());
    return std::nullopt;
}

void ContactPageLoader::open(quint64 generation, const ContactFilter& filter, const ContactSort& sort,
                             std::optional<qint64> knownCount, int pageSize)
{
    if (isStale(generation)) {
        return;
    }
    if (const auto error = ensureConnection()) {
        Q_EMIT failed(generation, *error);
        return;
    }
    ContactRepository repository(m_connection->database());

    qint64 count = 0;
    if (knownCount) {
        count = *knownCount;
    } else {
        const Result<qint64> counted = repository.count(filter);
        if (!counted) {
            Q_EMIT failed(generation, counted.error().message);
            return;
        }
        count = counted.value();
    }

    ContactPage first;
    ContactPage last;
    const qint64 lastPageIndex = count > 0 ? (count - 1) / pageSize : 0;
    if (count > 0) {
        ContactPageRequest request;
        request.filter = filter;
        request.sort = sort;
        request.limit = static_cast<int>(std::min<qint64>(pageSize, count));
        request.matchCountHint = count;
        Result<ContactPage> page = repository.page(request);
        if (!page) {
            Q_EMIT failed(generation, page.error().message);
            return;
        }
        first = std::move(page).value();
    }
    // The last page comes from the end of the index, so "jump to the last row" never waits
    // for the sparse index. Not for a search, though: there it is a second sort of every
    // match, paid on each keystroke; the model fetches it from the end when it is wanted.
    if (lastPageIndex > 0 && ftsQueryFor(filter.search).isEmpty()) {
        ContactPageRequest request;
        request.filter = filter;
        request.sort = sort;
        request.fromEnd = true;
        request.limit = static_cast<int>(count - lastPageIndex * pageSize);
        request.matchCountHint = count;
        Result<ContactPage> page = repository.page(request);
        if (!page) {
            Q_EMIT failed(generation, page.error().message);
            return;
        }
        last = std::move(page).value();
    }
    Q_EMIT opened(generation, count, first, last);
}

void ContactPageLoader::buildIndex(quint64 generation, const ContactFilter& filter, const ContactSort& sort,
                                   int pageSize)
{
    if (isStale(generation)) {
        return;
    }
    if (const auto error = ensureConnection()) {
        Q_EMIT failed(generation, *error);
        return;
    }
    ContactRepository repository(m_connection->database());
    const Result<QVector<SortKey>> keys = repository.sparseKeys(filter, sort, pageSize);
    if (!keys) {
        Q_EMIT failed(generation, keys.error().message);
        return;
    }
    Q_EMIT sparseKeysReady(generation, keys.value());
}

void ContactPageLoader::loadPage(quint64 generation, int pageIndex, const ContactFilter& filter,
                                 const ContactSort& sort, const std::optional<SortKey>& from, bool fromEnd, int limit,
                                 qint64 rowCount)
{
    if (isStale(generation)) {
        return;
    }
    if (const auto error = ensureConnection()) {
        Q_EMIT failed(generation, *error);
        return;
    }
    ContactRepository repository(m_connection->database());
    ContactPageRequest request;
    request.filter = filter;
    request.sort = sort;
    request.from = from;
    request.fromEnd = fromEnd;
    request.limit = limit;
    request.matchCountHint = rowCount;
    Result<ContactPage> page = repository.page(request);
    if (!page) {
        Q_EMIT failed(generation, page.error().message);
        return;
    }
    Q_EMIT pageReady(generation, pageIndex, page.value());
}

void ContactPageLoader::resolveIds(quint64 requestId, const ContactFilter& filter, const ContactSort& sort,
                                   const QVector<QPair<int, int>>& ranges, qint64 rowCount,
                                   const QVector<SortKey>& sparse, int pageSize)
{
    if (const auto error = ensureConnection()) {
        Q_EMIT idsResolved(requestId, {}, *error);
        return;
    }
    ContactRepository repository(m_connection->database());

    // Clamp, sort and merge the ranges so each row is read once.
    QVector<QPair<qint64, qint64>> merged;
    {
        QVector<QPair<qint64, qint64>> clamped;
        for (const auto& range : ranges) {
            const qint64 first = std::max<qint64>(0, std::min(range.first, range.second));
            const qint64 last = std::min<qint64>(rowCount - 1, std::max(range.first, range.second));
            if (first <= last) {
                clamped.append({first, last});
            }
        }
        std::sort(clamped.begin(), clamped.end());
        for (const auto& range : clamped) {
            if (!merged.isEmpty() && range.first <= merged.last().second + 1) {
                merged.last().second = std::max(merged.last().second, range.second);
            } else {
                merged.append(range);
            }
        }
    }

    // "Select all" on a million rows: no need to walk the sort order.
    if (merged.size() == 1 && merged.first().first == 0 && merged.first().second == rowCount - 1) {
        Result<QVector<qint64>> all = repository.allIds(filter);
        if (!all) {
            Q_EMIT idsResolved(requestId, {}, all.error().message);
            return;
        }
        Q_EMIT idsResolved(requestId, all.value(), QString());
        return;
    }

    QVector<qint64> ids;
    for (const auto& range : merged) {
        const qint64 pageIndex = range.first / pageSize;
        std::optional<SortKey> from;
        qint64 skip = range.first;
        if (pageIndex < sparse.size()) {
            from = sparse.at(pageIndex);
            skip = range.first - pageIndex * pageSize;
        }
        Result<QVector<qint64>> part = repository.idsInRange(filter, sort, from, skip, range.second - range.first + 1);
        if (!part) {
            Q_EMIT idsResolved(requestId, {}, part.error().message);
            return;
        }
        ids += part.value();
    }
    Q_EMIT idsResolved(requestId, ids, QString());
}
