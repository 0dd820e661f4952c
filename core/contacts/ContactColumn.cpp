#include "core/contacts/ContactColumn.h"

#include <QCoreApplication>

const QList<ContactColumnInfo>& contactColumns()
{
    // Sort expressions match the indexes of migration 1 exactly, so ORDER BY walks an index.
    static const QList<ContactColumnInfo> columns = {
        {ContactColumn::Email, "email", QT_TRANSLATE_NOOP("ContactColumn", "Email"), "c.email_key"},
        {ContactColumn::FirstName, "first_name", QT_TRANSLATE_NOOP("ContactColumn", "First name"),
         "c.first_name COLLATE NOCASE"},
        {ContactColumn::LastName, "last_name", QT_TRANSLATE_NOOP("ContactColumn", "Last name"),
         "c.last_name COLLATE NOCASE"},
        {ContactColumn::Company, "company", QT_TRANSLATE_NOOP("ContactColumn", "Company"), "c.company COLLATE NOCASE"},
        {ContactColumn::Phone, "phone", QT_TRANSLATE_NOOP("ContactColumn", "Phone"), "c.phone"},
        {ContactColumn::Street, "street", QT_TRANSLATE_NOOP("ContactColumn", "Street"), "c.street COLLATE NOCASE"},
        {ContactColumn::City, "city", QT_TRANSLATE_NOOP("ContactColumn", "City"), "c.city COLLATE NOCASE"},
        {ContactColumn::Region, "region", QT_TRANSLATE_NOOP("ContactColumn", "Region"), "c.region COLLATE NOCASE"},
        {ContactColumn::Postcode, "postcode", QT_TRANSLATE_NOOP("ContactColumn", "Postcode"), "c.postcode"},
        {ContactColumn::Country, "country", QT_TRANSLATE_NOOP("ContactColumn", "Country"), "c.country COLLATE NOCASE"},
        {ContactColumn::Status, "status", QT_TRANSLATE_NOOP("ContactColumn", "Status"), "c.status"},
        {ContactColumn::Tags, "tags", QT_TRANSLATE_NOOP("ContactColumn", "Tags"), nullptr},
        {ContactColumn::Lists, "lists", QT_TRANSLATE_NOOP("ContactColumn", "Lists"), nullptr},
        {ContactColumn::ConsentSource, "consent_source", QT_TRANSLATE_NOOP("ContactColumn", "Consent source"),
         "c.consent_source"},
        {ContactColumn::ConsentDate, "consent_date", QT_TRANSLATE_NOOP("ContactColumn", "Consent date"),
         "COALESCE(c.consent_at, '')"},
        {ContactColumn::Notes, "notes", QT_TRANSLATE_NOOP("ContactColumn", "Notes"), "c.notes"},
        {ContactColumn::CreatedAt, "created_at", QT_TRANSLATE_NOOP("ContactColumn", "Created"), "c.created_at"},
        {ContactColumn::UpdatedAt, "updated_at", QT_TRANSLATE_NOOP("ContactColumn", "Updated"), "c.updated_at"},
    };
    return columns;
}

const ContactColumnInfo& contactColumnInfo(ContactColumn column)
{
    return contactColumns().at(static_cast<int>(column));
}

std::optional<ContactColumn> contactColumnFromKey(const QString& key)
{
    for (const ContactColumnInfo& info : contactColumns()) {
        if (key == QLatin1String(info.key)) {
            return info.column;
        }
    }
    return std::nullopt;
}

QString contactColumnLabel(ContactColumn column)
{
    return QCoreApplication::translate("ContactColumn", contactColumnInfo(column).label);
}
