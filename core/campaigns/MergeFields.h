#pragma once

#include "core/Result.h"
#include "core/contacts/Contact.h"
#include "core/mail/template/MergeTemplate.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

// The names a campaign's merge tags can use in a workspace, and their values for one
// recipient: every built-in contact column by its key ({{ first_name }}, {{ created_at }}),
// every custom field by MergeTemplate::keyFor of its name ({{ loyalty_tier }}), and the
// campaign's own values ({{ unsubscribe_url }}, {{ postal_address }}, {{ from_name }}...).
// A custom field whose key equals a built-in one is reached only through the built-in.
class MergeFields
{
public:
    static Result<MergeFields> load(QSqlDatabase db);

    // The names the campaign itself fills in, the same for every workspace.
    static QStringList campaignNames();

    QSet<QString> knownNames() const;
    // A custom field's name for a tag key ("loyalty_tier" -> "Loyalty tier"), empty if none.
    QString customFieldFor(const QString& key) const { return m_customByKey.value(key); }

    // The lookup MergeTemplate::render asks: `campaignValues` holds one value per campaignNames().
    MergeTemplate::Lookup lookupFor(const Contact& contact, const QHash<QString, QString>& campaignValues) const;

private:
    // Where a tag's value comes from, all names in one table so that a lookup (one per merge
    // tag per recipient) hashes its name once instead of trying three tables in turn.
    struct Source
    {
        enum class Kind { Column, Campaign, Custom } kind;
        ContactColumn column; // Kind::Column
        QString customField;  // Kind::Custom
    };

    QHash<QString, QString> m_customByKey; // tag key -> custom field name
    QHash<QString, Source> m_sources;      // every known name
};
