#pragma once

#include "core/Result.h"
#include "core/contacts/Contact.h"
#include "core/contacts/ContactQuery.h"
#include "core/contacts/CustomField.h"
#include "core/contacts/Group.h"

#include <QHash>
#include <QSqlDatabase>
#include <QVector>

#include <functional>

// Called between batches of a bulk operation with (done, total); return false to cancel.
// A cancelled operation is rolled back whole and returns ErrorCode::Cancelled.
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

// The outcome of a bulk edit, enough to undo it exactly.
struct BulkChange
{
    QVector<qint64> changedIds;                  // contacts the operation actually changed
    QHash<qint64, ContactStatus> previousStatus; // for setStatus: each changed contact's old status
    bool createdGroup = false;                   // addTag / addToList made the tag or list
};

// All contact SQL lives here (and in GroupRepository / CustomFieldRepository): widgets and
// models never build queries. One instance per connection, so per thread. Every write is a
// single transaction: validated first, applied whole or not at all.
class ContactRepository
{
public:
    explicit ContactRepository(QSqlDatabase db);

    // Validates, refuses duplicates (naming the existing contact) and unknown custom fields,
    // creates missing tags and lists. Returns the new id.
    Result<qint64> add(const Contact& contact);
    // Replaces the stored contact with this one (tags, lists and fields included).
    Status update(const Contact& contact);
    Status remove(qint64 id);

    Result<Contact> findById(qint64 id);
    Result<Contact> findByEmail(const QString& email);
    // `progress` is called between batches; returning false cancels (ErrorCode::Cancelled).
    Result<QVector<Contact>> findByIds(const QVector<qint64>& ids, const ProgressCallback& progress = {});

    Result<qint64> count(const ContactFilter& filter);
    Result<QHash<ContactStatus, qint64>> statusCounts();
    Result<ContactPage> page(const ContactPageRequest& request);
    // The sort key of every `stride`-th row (rows 0, stride, 2*stride...), for jumping to row N.
    Result<QVector<SortKey>> sparseKeys(const ContactFilter& filter, const ContactSort& sort, int stride = 256);
    // Ids of rows [first, first+count) in this order, starting the scan at `from` (the key of row `fromRow`).
    Result<QVector<qint64>> idsInRange(const ContactFilter& filter, const ContactSort& sort,
                                       const std::optional<SortKey>& from, qint64 skip, qint64 count);
    Result<QVector<qint64>> allIds(const ContactFilter& filter);

    // Bulk edits: one transaction, batches of a few thousand, cancellable.
    Result<BulkChange> addTag(const QVector<qint64>& ids, const QString& tag, const ProgressCallback& progress = {});
    Result<BulkChange> removeTag(const QVector<qint64>& ids, const QString& tag, const ProgressCallback& progress = {});
    Result<BulkChange> addToList(const QVector<qint64>& ids, const QString& list,
                                 const ProgressCallback& progress = {});
    Result<BulkChange> removeFromList(const QVector<qint64>& ids, const QString& list,
                                      const ProgressCallback& progress = {});
    Result<BulkChange> setStatus(const QVector<qint64>& ids, ContactStatus status,
                                 const ProgressCallback& progress = {});
    // Deletes the tag or list if no contact is in it (the undo of an edit that created it).
    Status dropGroupIfEmpty(GroupKind kind, const QString& name);
    // Restores each contact's own previous status (the undo of setStatus).
    Status restoreStatuses(const QHash<qint64, ContactStatus>& statuses, const ProgressCallback& progress = {});
    Result<BulkChange> removeMany(const QVector<qint64>& ids, const ProgressCallback& progress = {});
    // Puts deleted contacts back with their original ids and timestamps (the undo of a delete).
    Status restore(const QVector<Contact>& contacts, const ProgressCallback& progress = {});

    // Validation shared by add/update and the editor: problems keyed by column key ("email",
    // "phone", ...) or "field:NAME" for custom fields. Empty when the contact is valid.
    QVector<QPair<QString, QString>> problems(const Contact& contact);

private:
    Status validate(const Contact& contact);
    Status writeMemberships(qint64 id, const Contact& contact);
    Status reindex(qint64 id);
    Result<QHash<QString, CustomField>> fieldsByName();
    Status checkDuplicate(const QString& emailKey, qint64 exceptId);
    Result<BulkChange> bulkGroup(const QVector<qint64>& ids, GroupKind kind, const QString& name, bool add,
                                 const ProgressCallback& progress);
    Status fillDetails(QVector<Contact>& contacts);

    QSqlDatabase m_db;
};
