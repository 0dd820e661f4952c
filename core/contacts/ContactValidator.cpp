#include "core/contacts/ContactValidator.h"

#include "core/contacts/ContactColumn.h"
#include "core/contacts/EmailAddress.h"
#include "core/contacts/GroupRepository.h"

#include <QCoreApplication>
#include <QRegularExpression>

// The messages keep the "ContactRepository" translation context they had before the rules
// moved here, so existing translations stay valid.
namespace {

bool hasControlCharacter(const QString& s, bool allowNewlines)
{
    for (QChar c : s) {
        if (c.category() == QChar::Other_Control) {
            if (allowNewlines && (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))) {
                continue;
            }
            return true;
        }
    }
    return false;
}

} // namespace

Contact ContactValidator::normalized(Contact c)
{
    for (QString* s : {&c.email, &c.firstName, &c.lastName, &c.company, &c.phone, &c.street, &c.city, &c.region,
                       &c.postcode, &c.country, &c.consentSource}) {
        *s = s->trimmed().normalized(QString::NormalizationForm_C);
    }
    c.notes = c.notes.trimmed().normalized(QString::NormalizationForm_C);
    QStringList tags;
    for (const QString& t : std::as_const(c.tags)) {
        if (!t.trimmed().isEmpty() && !tags.contains(t.trimmed(), Qt::CaseInsensitive)) {
            tags << t.trimmed();
        }
    }
    c.tags = tags;
    QStringList lists;
    for (const QString& l : std::as_const(c.lists)) {
        if (!l.trimmed().isEmpty() && !lists.contains(l.trimmed(), Qt::CaseInsensitive)) {
            lists << l.trimmed();
        }
    }
    c.lists = lists;
    return c;
}

QVector<QPair<QString, QString>> ContactValidator::problems(const Contact& contact,
                                                            const QHash<QString, CustomField>& known)
{
    QVector<QPair<QString, QString>> found;
    if (auto email = EmailAddress::parse(contact.email); !email) {
        found.append({QStringLiteral("email"), email.error().message});
    }
    const QList<QPair<ContactColumn, const QString*>> singleLine = {
        {ContactColumn::FirstName, &contact.firstName}, {ContactColumn::LastName, &contact.lastName},
        {ContactColumn::Company, &contact.company},     {ContactColumn::Phone, &contact.phone},
        {ContactColumn::Street, &contact.street},       {ContactColumn::City, &contact.city},
        {ContactColumn::Region, &contact.region},       {ContactColumn::Postcode, &contact.postcode},
        {ContactColumn::Country, &contact.country},     {ContactColumn::ConsentSource, &contact.consentSource},
    };
    for (const auto& [column, value] : singleLine) {
        // Names end up in mail headers later: no line breaks or control characters, ever.
        if (hasControlCharacter(*value, false)) {
            found.append(
                {QString::fromLatin1(contactColumnInfo(column).key),
                 QCoreApplication::translate("ContactRepository", "%1 contains a line break or control character.")
                     .arg(contactColumnLabel(column))});
        } else if (value->size() > 200) {
            found.append({QString::fromLatin1(contactColumnInfo(column).key),
                          QCoreApplication::translate("ContactRepository", "%1 is longer than 200 characters.")
                              .arg(contactColumnLabel(column))});
        }
    }
    thread_local const QRegularExpression phonePattern(
        QStringLiteral("^\\+?[0-9 ().\\-/]*[0-9][0-9 ().\\-/]*((ext\\.?|x|#) ?[0-9]+)?$"),
        QRegularExpression::CaseInsensitiveOption);
    if (!contact.phone.isEmpty() && !phonePattern.match(contact.phone).hasMatch()) {
        found.append({QStringLiteral("phone"),
                      QCoreApplication::translate(
                          "ContactRepository", "\"%1\" is not a phone number: use digits, spaces, + ( ) - . / and ext.")
                          .arg(contact.phone)});
    }
    if (contact.notes.size() > 10000) {
        found.append({QStringLiteral("notes"),
                      QCoreApplication::translate("ContactRepository", "Notes are longer than 10,000 characters.")});
    }
    if (contact.consentDate.isValid() && contact.consentDate > QDate::currentDate().addDays(1)) {
        found.append({QStringLiteral("consent_date"),
                      QCoreApplication::translate("ContactRepository", "The consent date is in the future.")});
    }
    for (const QString& tag : contact.tags) {
        if (auto s = GroupRepository::validateName(GroupKind::Tag, tag); !s) {
            found.append({QStringLiteral("tags"), s.error().message});
        }
    }
    for (const QString& list : contact.lists) {
        if (auto s = GroupRepository::validateName(GroupKind::List, list); !s) {
            found.append({QStringLiteral("lists"), s.error().message});
        }
    }
    for (auto it = contact.fields.cbegin(); it != contact.fields.cend(); ++it) {
        const QString key = QStringLiteral("field:") + it.key();
        const auto field = known.constFind(it.key().toLower());
        if (field == known.cend()) {
            found.append(
                {key, QCoreApplication::translate("ContactRepository", "There is no custom field named \"%1\".")
                          .arg(it.key())});
        } else if (auto v = field->canonicalValue(it.value()); !v) {
            found.append({key, v.error().message});
        }
    }
    return found;
}
