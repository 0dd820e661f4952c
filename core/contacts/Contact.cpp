#include "core/contacts/Contact.h"

#include <QCoreApplication>

QString contactStatusName(ContactStatus status)
{
    switch (status) {
    case ContactStatus::Subscribed:
        return QStringLiteral("subscribed");
    case ContactStatus::Unsubscribed:
        return QStringLiteral("unsubscribed");
    case ContactStatus::Bounced:
        return QStringLiteral("bounced");
    case ContactStatus::Complained:
        return QStringLiteral("complained");
    }
    return QStringLiteral("subscribed");
}

std::optional<ContactStatus> contactStatusFromName(const QString& name)
{
    for (ContactStatus status : allContactStatuses()) {
        if (name.compare(contactStatusName(status), Qt::CaseInsensitive) == 0) {
            return status;
        }
    }
    return std::nullopt;
}

QString contactStatusLabel(ContactStatus status)
{
    switch (status) {
    case ContactStatus::Subscribed:
        return QCoreApplication::translate("ContactStatus", "Subscribed");
    case ContactStatus::Unsubscribed:
        return QCoreApplication::translate("ContactStatus", "Unsubscribed");
    case ContactStatus::Bounced:
        return QCoreApplication::translate("ContactStatus", "Bounced");
    case ContactStatus::Complained:
        return QCoreApplication::translate("ContactStatus", "Complained");
    }
    return {};
}

QList<ContactStatus> allContactStatuses()
{
    return {ContactStatus::Subscribed, ContactStatus::Unsubscribed, ContactStatus::Bounced, ContactStatus::Complained};
}

bool Contact::operator==(const Contact& other) const
{
    auto sorted = [](QStringList list) {
        list.sort(Qt::CaseInsensitive);
        return list;
    };
    return id == other.id && email == other.email && firstName == other.firstName && lastName == other.lastName &&
           company == other.company && phone == other.phone && street == other.street && city == other.city &&
           region == other.region && postcode == other.postcode && country == other.country && notes == other.notes &&
           status == other.status && consentSource == other.consentSource && consentDate == other.consentDate &&
           sorted(tags) == sorted(other.tags) && sorted(lists) == sorted(other.lists) && fields == other.fields;
}

QString contactColumnText(const Contact& c, ContactColumn column)
{
    const auto isoTime = [](const QDateTime& when) {
        return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : QString();
    };
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
        return c.tags.join(QLatin1Char(','));
    case ContactColumn::Lists:
        return c.lists.join(QLatin1Char(','));
    case ContactColumn::ConsentSource:
        return c.consentSource;
    case ContactColumn::ConsentDate:
        return c.consentDate.isValid() ? c.consentDate.toString(Qt::ISODate) : QString();
    case ContactColumn::Notes:
        return c.notes;
    case ContactColumn::CreatedAt:
        return isoTime(c.createdAt);
    case ContactColumn::UpdatedAt:
        return isoTime(c.updatedAt);
    }
    return QString();
}
