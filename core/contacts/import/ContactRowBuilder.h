#pragma once

#include "core/contacts/Contact.h"
#include "core/contacts/CustomField.h"
#include "core/contacts/import/ColumnMapping.h"
#include "core/contacts/import/PhoneNormalizer.h"

#include <QHash>
#include <QPair>
#include <QStringList>
#include <QVector>

// Turns the fields of one import row into a normalised contact and what is wrong with it, with
// the same rules as the contact editor (ContactValidator): trimmed, Unicode NFC, the email's
// domain lower-cased, the phone in E.164 when it parses, custom field values in canonical form.
// No database access, so the wizard's preview and the import engine use the same code.
class ContactRowBuilder
{
public:
    // `fields`: the workspace's custom fields plus those the mapping will create.
    ContactRowBuilder(const ColumnMapping& mapping, const QVector<CustomField>& fields);

    struct Built
    {
        Contact contact;
        QString emailKey; // EmailAddress::key() of the contact's email, when it is valid
        // (column key or "field:NAME", translated message), as ContactValidator reports them.
        QVector<QPair<QString, QString>> problems;
        bool ok() const { return problems.isEmpty(); }
    };

    Built build(const QStringList& rowFields) const;

    // The custom fields of `mapping` that `existing` lacks, with the mapping's types.
    static QVector<CustomField> fieldsToCreate(const ColumnMapping& mapping, const QVector<CustomField>& existing);

private:
    ColumnMapping m_mapping;
    QHash<QString, CustomField> m_fields; // by lower-case name
    PhoneNormalizer m_phones;
};
