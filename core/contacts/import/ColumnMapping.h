#pragma once

#include "core/Result.h"
#include "core/contacts/ContactColumn.h"
#include "core/contacts/CustomField.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

// Where one column of an import file goes.
struct ColumnTarget
{
    enum class Kind {
        Ignore,
        Column,      // a built-in column (see isImportableColumn)
        FullName,    // "Jane van Dam": split into first name and last name at the first space
        CustomField, // a custom field, created with fieldType when the workspace lacks it
        Tags,        // split on separator, each part a tag
        Lists,       // split on separator, each part a list
    };

    Kind kind = Kind::Ignore;
    ContactColumn column = ContactColumn::Email; // Kind::Column
    QString fieldName;                           // Kind::CustomField
    FieldType fieldType = FieldType::Text;       // Kind::CustomField
    QString separator = QStringLiteral(",");     // Kind::Tags and Kind::Lists

    static ColumnTarget ignore() { return {}; }
    static ColumnTarget toColumn(ContactColumn c);
    static ColumnTarget toFullName();
    static ColumnTarget toField(const QString& name, FieldType type);
    static ColumnTarget toTags(const QString& separator = QStringLiteral(","));
    static ColumnTarget toLists(const QString& separator = QStringLiteral(","));

    bool operator==(const ColumnTarget& o) const;
    bool operator!=(const ColumnTarget& o) const { return !(*this == o); }
};

// Built-in columns a file may fill: all but Tags and Lists (Kind::Tags/Lists do those, with a
// separator) and the timestamps Mailroom keeps itself (CreatedAt, UpdatedAt).
bool isImportableColumn(ContactColumn column);

// How the columns of one CSV file map onto contacts: one target per column of the file.
//
// guess() maps by header name, the way a user would: the headers of Google Contacts, Outlook
// and Apple Contacts exports and the usual names in English, German, French and Spanish
// ("E-Mail", "Vorname", "Nom", "Correo electrónico"...), compared without case, accents,
// punctuation or spacing. A built-in column is taken by the first header that names it (the
// later "E-mail 2 - Value" is ignored). A header nothing matches becomes a custom field: an
// existing one of that name, else a new one whose type is guessed from the sample values
// (number, date or yes/no when every non-empty sample parses as one, else text).
//
// A saved mapping (toJson) records targets by header name, so it applies to another file
// with the same headers in another order; applySaved() guesses columns it does not name.
struct ColumnMapping
{
    QStringList headers;           // the file's header row, or "Column 1", "Column 2"... without one
    QVector<ColumnTarget> targets; // targets[i] is where column i goes; same size as headers
    // ISO 3166 alpha-2 region ("DE") the user picked: phones are normalised to E.164, read as
    // numbers of this region when written without a country code, and kept as typed when they
    // do not parse. Empty: phones are kept as typed (so an export imports back unchanged).
    QString phoneRegion;

    static ColumnMapping guess(const QStringList& headers, const QVector<CustomField>& existingFields,
                               const QVector<QStringList>& sampleRows = {});
    // Applies a saved mapping (toJson) to a file with these headers.
    static Result<ColumnMapping> applySaved(const QJsonObject& saved, const QStringList& headers,
                                            const QVector<CustomField>& existingFields,
                                            const QVector<QStringList>& sampleRows = {});

    // Mapping problems, translated, each naming the column at fault: no column mapped to Email,
    // a built-in column mapped twice, a custom field name that validateFieldName() refuses or a
    // type that contradicts the existing field of that name, an empty separator, a phone region
    // that is not a known region code. Empty when the mapping can be used.
    QStringList problems(const QVector<CustomField>& existingFields) const;

    // {"version": 1, "phoneRegion": "DE", "columns": [{"header": "E-Mail", "target": "email"},
    //  {"header": "Geburtstag", "target": "field", "field": "Birthday", "type": "date"},
    //  {"header": "Gruppen", "target": "tags", "separator": ";"}, {"header": "Fax", "target": "ignore"}]}
    // Targets: "ignore", "full_name", "field", "tags", "lists" or a ContactColumn key ("email", ...).
    QJsonObject toJson() const;
};
