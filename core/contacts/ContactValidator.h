#pragma once

#include "core/contacts/Contact.h"
#include "core/contacts/CustomField.h"

#include <QHash>
#include <QPair>
#include <QString>
#include <QVector>

// The contact rules, in one place for the editor, the repository and the import engine.
// No database access: the caller supplies the custom fields, so an import checks a million
// rows without a query each.
class ContactValidator
{
public:
    // Trimmed, Unicode NFC, tags and lists without blanks or case-insensitive repeats.
    static Contact normalized(Contact contact);

    // What is wrong with an already normalized contact: (column key or "field:NAME",
    // translated message). `fieldsByLowerName`: the custom fields, keyed by lower-case name.
    // Empty when the contact is valid.
    static QVector<QPair<QString, QString>> problems(const Contact& contact,
                                                     const QHash<QString, CustomField>& fieldsByLowerName);
};
