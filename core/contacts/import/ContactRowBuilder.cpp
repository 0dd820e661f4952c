#include "core/contacts/import/ContactRowBuilder.h"

#include "core/contacts/ContactValidator.h"
#include "core/contacts/EmailAddress.h"

#include <QCoreApplication>
#include <QDate>
#include <QRegularExpression>

namespace {

// Dates as spreadsheets write them besides ISO 8601: "31.03.2024" (German, day first with
// dots, never ambiguous) and "2024/03/31". "03/04/2024" is left alone: day or month first
// cannot be told apart, and a wrong guess would be silent.
QString isoDateOf(const QString& value)
{
    const QString v = value.trimmed();
    if (QDate::fromString(v, Qt::ISODate).isValid()) {
        return v;
    }
    for (const char* format : {"d.M.yyyy", "yyyy/M/d"}) {
        const QDate date = QDate::fromString(v, QLatin1String(format));
        if (date.isValid()) {
            return date.toString(Qt::ISODate);
        }
    }
    return v;
}

// "12,5" from a spreadsheet with a decimal comma.
QString numberOf(const QString& value)
{
    const QString v = value.trimmed();
    if (v.count(QLatin1Char(',')) == 1 && !v.contains(QLatin1Char('.'))) {
        return QString(v).replace(QLatin1Char(','), QLatin1Char('.'));
    }
    return v;
}

std::optional<ContactStatus> statusOf(const QString& value)
{
    const QString v = value.trimmed().toLower();
    if (auto status = contactStatusFromName(v)) {
        return status;
    }
    // What other tools export: Mailchimp's "cleaned" is a bounced address; opt-outs.
    static const QList<QPair<QLatin1String, ContactStatus>> synonyms = {
        {QLatin1String("active"), ContactStatus::Subscribed},
        {QLatin1String("enabled"), ContactStatus::Subscribed},
        {QLatin1String("opted in"), ContactStatus::Subscribed},
        {QLatin1String("unsubscribe"), ContactStatus::Unsubscribed},
        {QLatin1String("opted out"), ContactStatus::Unsubscribed},
        {QLatin1String("opt-out"), ContactStatus::Unsubscribed},
        {QLatin1String("blocklisted"), ContactStatus::Unsubscribed},
        {QLatin1String("cleaned"), ContactStatus::Bounced},
        {QLatin1String("bounce"), ContactStatus::Bounced},
        {QLatin1String("complaint"), ContactStatus::Complained},
        {QLatin1String("spam"), ContactStatus::Complained},
    };
    for (const auto& [name, status] : synonyms) {
        if (v == name) {
            return status;
        }
    }
    return std::nullopt;
}

QStringList splitGroups(const QString& cell, const QString& separator)
{
    QStringList names;
    for (const QString& part : cell.split(separator, Qt::SkipEmptyParts)) {
        QString name = part.trimmed();
        // Mailchimp writes TAGS as "A","B": the quotes are not part of the names.
        if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"'))) {
            name = name.mid(1, name.size() - 2).trimmed();
        }
        // Google Contacts' system groups ("* myContacts", "* starred") are not the user's labels.
        if (!name.isEmpty() && !name.startsWith(QLatin1String("* "))) {
            names.append(name);
        }
    }
    return names;
}

QString* textColumn(Contact& c, ContactColumn column)
{
    switch (column) {
    case ContactColumn::Email:
        return &c.email;
    case ContactColumn::FirstName:
        return &c.firstName;
    case ContactColumn::LastName:
        return &c.lastName;
    case ContactColumn::Company:
        return &c.company;
    case ContactColumn::Phone:
        return &c.phone;
    case ContactColumn::Street:
        return &c.street;
    case ContactColumn::City:
        return &c.city;
    case ContactColumn::Region:
        return &c.region;
    case ContactColumn::Postcode:
        return &c.postcode;
    case ContactColumn::Country:
        return &c.country;
    case ContactColumn::ConsentSource:
        return &c.consentSource;
    case ContactColumn::Notes:
        return &c.notes;
    default:
        return nullptr;
    }
}

} // namespace

ContactRowBuilder::ContactRowBuilder(const ColumnMapping& mapping, const QVector<CustomField>& fields)
    : m_mapping(mapping)
    , m_phones(mapping.phoneRegion)
{
    for (const CustomField& field : fields) {
        m_fields.insert(field.name.toLower(), field);
    }
}

QVector<CustomField> ContactRowBuilder::fieldsToCreate(const ColumnMapping& mapping,
                                                       const QVector<CustomField>& existing)
{
    QVector<CustomField> created;
    auto known = [&](const QString& name) {
        const auto same = [&](const CustomField& f) { return f.name.compare(name, Qt::CaseInsensitive) == 0; };
        return std::any_of(existing.cbegin(), existing.cend(), same) ||
               std::any_of(created.cbegin(), created.cend(), same);
    };
    for (const ColumnTarget& target : mapping.targets) {
        if (target.kind == ColumnTarget::Kind::CustomField && !known(target.fieldName.trimmed())) {
            created.append(CustomField{0, target.fieldName.trimmed(), target.fieldType});
        }
    }
    return created;
}

ContactRowBuilder::Built ContactRowBuilder::build(const QStringList& rowFields) const
{
    Built built;
    Contact& c = built.contact;
    QString fullName;
    QVector<QPair<QString, QString>> early;
    const int count = int(std::min(rowFields.size(), m_mapping.targets.size()));
    for (int i = 0; i < count; ++i) {
        const ColumnTarget& target = m_mapping.targets.at(i);
        if (target.kind == ColumnTarget::Kind::Ignore) {
            continue;
        }
        const QString& value = rowFields.at(i);
        if (value.trimmed().isEmpty()) {
            continue;
        }
        switch (target.kind) {
        case ColumnTarget::Kind::Ignore:
            break;
        case ColumnTarget::Kind::Column:
            if (QString* text = textColumn(c, target.column)) {
                // Google Contacts puts several addresses or numbers in one cell: "a@x ::: b@y".
                const bool multiValued = target.column == ContactColumn::Email || target.column == ContactColumn::Phone;
                *text = multiValued ? value.section(QLatin1String(" ::: "), 0, 0) : value;
            } else if (target.column == ContactColumn::Status) {
                if (auto status = statusOf(value)) {
                    c.status = *status;
                } else {
                    early.append({QStringLiteral("status"),
                                  QCoreApplication::translate(
                                      "ContactRowBuilder",
                                      "Status \"%1\" is not one of subscribed, unsubscribed, bounced or complained.")
                                      .arg(value.trimmed())});
                }
            } else if (target.column == ContactColumn::ConsentDate) {
                c.consentDate = QDate::fromString(isoDateOf(value), Qt::ISODate);
                if (!c.consentDate.isValid()) {
                    early.append({QStringLiteral("consent_date"),
                                  QCoreApplication::translate("ContactRowBuilder",
                                                              "Consent date \"%1\" is not a date; write it as "
                                                              "YYYY-MM-DD.")
                                      .arg(value.trimmed())});
                }
            }
            break;
        case ColumnTarget::Kind::FullName:
            fullName = value.trimmed();
            break;
        case ColumnTarget::Kind::CustomField: {
            const auto field = m_fields.constFind(target.fieldName.trimmed().toLower());
            QString v = value;
            if (field != m_fields.cend() && field->type == FieldType::Date) {
                v = isoDateOf(value);
            } else if (field != m_fields.cend() && field->type == FieldType::Number) {
                v = numberOf(value);
            }
            c.fields.insert(field != m_fields.cend() ? field->name : target.fieldName.trimmed(), v);
            break;
        }
        case ColumnTarget::Kind::Tags:
            c.tags += splitGroups(value, target.separator);
            break;
        case ColumnTarget::Kind::Lists:
            c.lists += splitGroups(value, target.separator);
            break;
        }
    }
    if (!fullName.isEmpty() && c.firstName.trimmed().isEmpty() && c.lastName.trimmed().isEmpty()) {
        const qsizetype space = fullName.indexOf(QLatin1Char(' '));
        c.firstName = space < 0 ? fullName : fullName.left(space);
        c.lastName = space < 0 ? QString() : fullName.mid(space + 1);
    }
    // Outlook and vCard ADR put a second street line on a new line; the street is one line.
    thread_local const QRegularExpression lineBreaks(QStringLiteral("\\s*[\\r\\n]+\\s*"));
    c.street = c.street.trimmed().replace(lineBreaks, QStringLiteral(", "));
    c = ContactValidator::normalized(std::move(c));
    // Only when the user picked a country: without one an export must import back unchanged.
    if (!c.phone.isEmpty() && !m_phones.defaultRegion().isEmpty()) {
        if (auto e164 = m_phones.toE164(c.phone)) {
            c.phone = *e164;
        }
    }
    if (auto email = EmailAddress::parse(c.email)) {
        c.email = email->normalized();
        built.emailKey = email->key();
    }
    built.problems = early + ContactValidator::problems(c, m_fields);
    if (built.problems.isEmpty()) {
        for (auto it = c.fields.begin(); it != c.fields.end(); ++it) {
            it.value() = m_fields.value(it.key().toLower()).canonicalValue(it.value()).value();
        }
    }
    return built;
}
