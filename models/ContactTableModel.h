#pragma once

#include "core/contacts/ContactColumn.h"
#include "core/contacts/ContactQuery.h"
#include "core/contacts/CustomField.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QTimer>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class ContactPageLoader;

// The contacts table over a workspace of any size. It never loads the whole table:
// it reports the true row count (so the scroll bar is honest), keeps a small LRU cache of
// 256-row pages around what the view shows, and fetches a missing page in a background
// thread when data() first asks for it (data() itself never touches the database).
// A row not loaded yet shows empty text (LoadedRole false) until its page arrives and
// dataChanged is emitted. Page N starts at the sparse key of row N * 256, so a jump
// into the middle of a million rows is one indexed query, never an OFFSET.
class ContactTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role { ContactIdRole = Qt::UserRole + 1, StatusRole, EmailRole, LoadedRole };

    static constexpr int PageSize = 256;
    static constexpr int DefaultMaxCachedPages = 64;
    static constexpr int IndexDelayMs = 150;

    explicit ContactTableModel(const QString& workspacePath, QObject* parent = nullptr);
    ~ContactTableModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setFilter(const ContactFilter& filter);
    ContactFilter filter() const { return m_filter; }
    // Sorts in SQL; columns that cannot be sorted (Tags, Lists) are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    ContactSort contactSort() const { return m_sort; }
    // Extra columns after the built-in ones, headed by the field name.
    void setCustomFields(const QVector<CustomField>& fields);
    QVector<CustomField> customFields() const { return m_customFields; }

    int columnForBuiltin(ContactColumn c) const;
    std::optional<ContactColumn> builtinForColumn(int col) const;
    qint64 customFieldForColumn(int col) const; // 0 for a built-in column

    qint64 contactId(int row) const; // 0 while the row's page is not loaded
    bool isRowLoaded(int row) const;

    // Re-counts and reloads the cached pages after an edit, keeping the filter and sort.
    // The table does not blank out: old rows stay until the new ones arrive.
    void refresh();

    bool isLoading() const { return m_loading; }
    qint64 totalCount() const { return m_count; }
    // True once the sparse index is built (or not needed): any row can then be fetched.
    bool isIndexReady() const { return m_sparseReady; }
    // How many pages the cache keeps (at least 4); a seam for tests of eviction.
    void setMaxCachedPages(int pages);

    // Resolves rows to contact ids off the UI thread ([first, last] inclusive ranges). Each id
    // comes once, in no promised order; `done` runs on the UI thread unless context is gone by then.
    // On failure done gets an empty list and errorOccurred is emitted.
    void resolveIds(const QVector<QPair<int, int>>& rowRanges, QObject* context,
                    std::function<void(QVector<qint64>)> done);

Q_SIGNALS:
    void countChanged(qint64 count);
    void loadingChanged(bool loading);
    void errorOccurred(const QString& message);
    // The count and first page of the current filter and sort are in.
    void ready();
    void pageLoaded(int firstRow, int rowCount);
    void indexReady();

private:
    struct CachedPage
    {
        QVector<Contact> contacts;
        mutable quint64 lastUse = 0;
    };
    struct PendingResolve
    {
        QPointer<QObject> context;
        std::function<void(QVector<qint64>)> done;
    };

    void reopen(std::optional<qint64> knownCount);
    const Contact* contactAt(int row) const;
    void requestPage(int pageIndex) const;
    void dispatchRequests();
    bool sendPageRequest(int pageIndex);
    void updateLoading();
    int pageCount() const;
    int pageRowCount(int pageIndex) const;
    void storePage(int pageIndex, const ContactPage& page);
    void evictPages();
    void emitPageChanged(int pageIndex);
    QString displayText(const Contact& contact, int column) const;

    void onOpened(quint64 generation, qint64 count, const ContactPage& firstPage, const ContactPage& lastPage);
    void onSparseKeysReady(quint64 generation, const QVector<SortKey>& keys);
    void onPageReady(quint64 generation, int pageIndex, const ContactPage& page);
    void onFailed(quint64 generation, const QString& message);
    void onIdsResolved(quint64 requestId, const QVector<qint64>& ids, const QString& error);

    void requestIndex();

    // Pages come from one thread; the sparse index and id resolution, which can take a second
    // on a million rows, from another, so they never hold up the page the user is looking at.
    QThread m_thread;
    ContactPageLoader* m_loader = nullptr; // lives in m_thread; deleted when it finishes
    QThread m_indexThread;
    ContactPageLoader* m_indexLoader = nullptr; // lives in m_indexThread
    // The index is built once the filter has stayed put a moment (typing changes it per key),
    // or at once when a page in the middle is wanted.
    QTimer m_indexTimer;
    bool m_indexRequested = false;
    std::shared_ptr<std::atomic<quint64>> m_generation;

    ContactFilter m_filter;
    ContactSort m_sort = ContactSort::byColumn(ContactColumn::LastName);
    QVector<CustomField> m_customFields;

    qint64 m_count = 0;
    bool m_opened = false;     // the current generation's count has arrived
    bool m_refreshing = false; // a refresh keeps showing the old pages until the new count arrives
    bool m_loading = false;
    bool m_sparseReady = false;
    QVector<SortKey> m_sparse;

    QHash<int, CachedPage> m_pages;
    int m_maxCachedPages = DefaultMaxCachedPages;
    mutable quint64 m_useClock = 0;
    // Pages data() asked for and not yet requested from the loader, most recent last.
    mutable QVector<int> m_wanted;
    mutable bool m_dispatchQueued = false;
    QSet<int> m_inFlight; // pages requested from the loader in this generation
    QSet<int> m_stale;    // cached pages a refresh re-fetches (they stay on screen meanwhile)

    quint64 m_nextResolveId = 1;
    QHash<quint64, PendingResolve> m_resolves;
};
