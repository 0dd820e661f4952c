#include "app/cli/ContactPrinter.h"

#include "core/contacts/ContactColumn.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ContactPrinter", text);
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
            object.insert(key, contactColumnText(contact, info.column));
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
        QString text = contactColumnText(contact, info.column);
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
