#include "app/cli/ContactPrinter.h"

#include "core/contacts/ContactColumn.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ContactPrinter", text);
}

QString timestamp(const QDateTime& when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// The text of a built-in column, as stored; tags and lists comma-separated.
QString columnText(const Contact& c, ContactColumn column)
{
    switch (column) {
    case ContactColumn::Email:
        return c.email;
    case ContactColumn::FirstName:
        return c.firstName;
    case ContactColumn::LastName:
        return c.lastName;
    case ContactColumn::Company:
        return c.company;
    case ContactColumn::Phone:
        return c.phone;
    case ContactColumn::Street:
        return c.street;
    case ContactColumn::City:
        return c.city;
    case ContactColumn::Region:
        return c.region;
    case ContactColumn::Postcode:
        return c.postcode;
    case ContactColumn::Country:
        return c.country;
    case ContactColumn::Status:
        return contactStatusName(c.status);
    case ContactColumn::Tags:
        return c.tags.join(QStringLiteral(", "));
    case ContactColumn::Lists:
        return c.lists.join(QStringLiteral(", "));
    case ContactColumn::ConsentSource:
        return c.consentSource;
    case ContactColumn::ConsentDate:
        return c.consentDate.isValid() ? c.consentDate.toString(Qt::ISODate) : QString();
    case ContactColumn::Notes:
        return c.notes;
    case ContactColumn::CreatedAt:
        return timestamp(c.createdAt);
    case ContactColumn::UpdatedAt:
        return timestamp(c.updatedAt);
    }
    return {};
}

QStringList sortedCopy(QStringList list)
{
    list.sort(Qt::CaseInsensitive);
    return list;
}

} // namespace

QJsonObject ContactPrinter::toJson(const Contact& contact)
{
    QJsonObject object;
    object.insert(QStringLiteral("id"), contact.id);
    for (const ContactColumnInfo& info : contactColumns()) {
        const QString key = QString::fromLatin1(info.key);
        if (info.column == ContactColumn::Tags) {
            object.insert(key, QJsonArray::fromStringList(sortedCopy(contact.tags)));
        } else if (info.column == ContactColumn::Lists) {
            object.insert(key, QJsonArray::fromStringList(sortedCopy(contact.lists)));
        } else if (info.column == ContactColumn::ConsentDate && !contact.consentDate.isValid()) {
            object.insert(key, QJsonValue::Null);
        } else {
            object.insert(key, columnText(contact, info.column));
        }
    }
    QJsonObject fields;
    for (auto it = contact.fields.cbegin(); it != contact.fields.cend(); ++it) {
        fields.insert(it.key(), it.value());
    }
    object.insert(QStringLiteral("fields"), fields);
    return object;
}

QList<QPair<QString, QString>> ContactPrinter::toLines(const Contact& contact)
{
    QList<QPair<QString, QString>> lines;
    for (const ContactColumnInfo& info : contactColumns()) {
        QString text = columnText(contact, info.column);
        if (info.column == ContactColumn::Status) {
            text = contactStatusLabel(contact.status);
        } else if (info.column == ContactColumn::Tags || info.column == ContactColumn::Lists) {
            text = sortedCopy(info.column == ContactColumn::Tags ? contact.tags : contact.lists)
                       .join(QStringLiteral(", "));
        }
        if (!text.isEmpty()) {
            lines.append({contactColumnLabel(info.column), text});
        }
    }
    for (auto it = contact.fields.cbegin(); it != contact.fields.cend(); ++it) {
        lines.append({it.key(), it.value()});
    }
    return lines;
}

QStringList ContactPrinter::searchHeaders()
{
    return {tr("Email"), tr("Name"), tr("Company"), tr("Status"), tr("Tags")};
}

QStringList ContactPrinter::toSearchRow(const Contact& contact)
{
    const QString name = QStringList{contact.firstName, contact.lastName}.join(QLatin1Char(' ')).trimmed();
    return {contact.email, name, contact.company, contactStatusName(contact.status),
            sortedCopy(contact.tags).join(QStringLiteral(", "))};
}
