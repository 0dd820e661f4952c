#pragma once

#include "core/contacts/Contact.h"
#include "core/contacts/ContactColumn.h"

#include <QMetaType>
#include <QString>
#include <QVariant>
#include <QVector>

#include <optional>

// Which contacts: the search box plus the sidebar's tag / list / status filters.
struct ContactFilter
{
    QString search; // free text; each word matches as a prefix
    std::optional<qint64> tagId;
    std::optional<qint64> listId;
    std::optional<ContactStatus> status;

    bool operator==(const ContactFilter& o) const
    {
        return search == o.search && tagId == o.tagId && listId == o.listId && status == o.status;
    }
    bool operator!=(const ContactFilter& o) const { return !(*this == o); }
};

// In which order: the order contacts were added (the default: newest first, like the
// audience views of Mailchimp or listmonk), a built-in column, or a custom field.
struct ContactSort
{
    std::optional<ContactColumn> column; // nullopt: the order added (by id)
    qint64 customFieldId = 0;            // when non-zero, sort by this custom field instead
    Qt::SortOrder order = Qt::DescendingOrder;

    static ContactSort byColumn(ContactColumn c, Qt::SortOrder o = Qt::AscendingOrder)
    {
        ContactSort sort;
        sort.column = c;
        sort.order = o;
        return sort;
    }

    bool operator==(const ContactSort& o) const
    {
        return column == o.column && customFieldId == o.customFieldId && order == o.order;
    }
    bool operator!=(const ContactSort& o) const { return !(*this == o); }
};

// A position in a sorted result: the sort value and the id that breaks ties.
// Pages are fetched after (or before) a key, never with OFFSET.
struct SortKey
{
    QVariant value;
    qint64 id = 0;
};

struct ContactPageRequest
{
    ContactFilter filter;
    ContactSort sort;
    std::optional<SortKey> from; // start here (inclusive); nullopt = from the first row
    bool fromEnd = false;        // ignore `from` and return the last `limit` rows, in order
    int limit = 256;
    // How many contacts match the filter, if the caller already counted (saves a count);
    // -1 = unknown. It picks the search plan, never the result.
    qint64 matchCountHint = -1;
};

struct ContactPage
{
    QVector<Contact> contacts; // with tags, lists and custom fields filled in
    QVector<SortKey> keys;     // keys[i] is the sort key of contacts[i]
};

// Turns what a user typed into an FTS5 query: every word becomes a quoted prefix term,
// so punctuation and FTS operators in the input are matched literally, never parsed.
QString ftsQueryFor(const QString& userText);

Q_DECLARE_METATYPE(ContactFilter)
Q_DECLARE_METATYPE(ContactSort)
Q_DECLARE_METATYPE(SortKey)
