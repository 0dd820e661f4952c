#pragma once

#include "core/contacts/ContactQuery.h"
#include "core/storage/Connection.h"

#include <QObject>
#include <QPair>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>
#include <optional>

// The contacts table's database side. It lives in its own thread with its own
// connection and answers the ContactTableModel's requests one at a time. Every request
// carries the model's generation (bumped on each new filter or sort); a request whose
// generation is already stale when its turn comes is skipped without touching the
// database, so typing fast in the search box queues no work. Results travel back as
// queued signals carrying value types.
class ContactPageLoader : public QObject
{
    Q_OBJECT

public:
    ContactPageLoader(QString workspacePath, std::shared_ptr<const std::atomic<quint64>> latestGeneration);
    ~ContactPageLoader() override;

    // These run in the loader's thread (the model calls them through queued invocations).

    // Counts the rows (unless knownCount is given) and reads the first and the last page.
    void open(quint64 generation, const ContactFilter& filter, const ContactSort& sort,
              std::optional<qint64> knownCount, int pageSize);
    // Builds the sparse key index (the key of every pageSize-th row) for jumps into the middle.
    void buildIndex(quint64 generation, const ContactFilter& filter, const ContactSort& sort, int pageSize);
    void loadPage(quint64 generation, int pageIndex, const ContactFilter& filter, const ContactSort& sort,
                  const std::optional<SortKey>& from, bool fromEnd, int limit, qint64 rowCount);
    // Ids of the rows in each [first, last] range; sparse may be empty (then rows are skipped to).
    void resolveIds(quint64 requestId, const ContactFilter& filter, const ContactSort& sort,
                    const QVector<QPair<int, int>>& ranges, qint64 rowCount, const QVector<SortKey>& sparse,
                    int pageSize);

Q_SIGNALS:
    void opened(quint64 generation, qint64 count, const ContactPage& firstPage, const ContactPage& lastPage);
    void sparseKeysReady(quint64 generation, const QVector<SortKey>& keys);
    void pageReady(quint64 generation, int pageIndex, const ContactPage& page);
    // Always answered; error is empty on success, else ids is empty and error says why.
    void idsResolved(quint64 requestId, const QVector<qint64>& ids, const QString& error);
    void failed(quint64 generation, const QString& message);

private:
    bool isStale(quint64 generation) const;
    // Opens the connection on first use, in this thread; the error message on failure.
    std::optional<QString> ensureConnection();

    QString m_path;
    std::shared_ptr<const std::atomic<quint64>> m_latestGeneration;
    std::optional<Connection> m_connection;
};
