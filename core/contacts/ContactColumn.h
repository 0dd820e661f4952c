#pragma once

#include <QList>
#include <QString>

#include <optional>

// The built-in contact columns: one table that the SQL (sorting, paging), the table
// model's headers and the CLI's JSON keys all read, so a new column is added once.
enum class ContactColumn {
    Email,
    FirstName,
    LastName,
    Company,
    Phone,
    Street,
    City,
    Region,
    Postcode,
    Country,
    Status,
    Tags,
    Lists,
    ConsentSource,
    ConsentDate,
    Notes,
    CreatedAt,
    UpdatedAt,
};

struct ContactColumnInfo
{
    ContactColumn column;
    const char* key;     // stable, untranslated: JSON keys, settings, CLI
    const char* label;   // translated with QCoreApplication::translate("ContactColumn", label)
    const char* sortSql; // SQL expression the table sorts by; nullptr when not sortable
};

const QList<ContactColumnInfo>& contactColumns();
const ContactColumnInfo& contactColumnInfo(ContactColumn column);
std::optional<ContactColumn> contactColumnFromKey(const QString& key);
QString contactColumnLabel(ContactColumn column);
