#include "core/campaigns/MergeFields.h"

#include "core/contacts/CustomFieldRepository.h"

namespace {

const QHash<QString, ContactColumn>& builtInColumns()
{
    static const QHash<QString, ContactColumn> columns = [] {
        QHash<QString, ContactColumn> byKey;
        for (const ContactColumnInfo& info : contactColumns()) {
            byKey.insert(QString::fromLatin1(info.key), info.column);
        }
        return byKey;
    }();
    return columns;
}

} // namespace

Result<MergeFields> MergeFields::load(QSqlDatabase db)
{
    auto fields = CustomFieldRepository(db).all();
    if (!fields) {
        return fields.error();
    }
    MergeFields merge;
    for (const CustomField& field : fields.value()) {
        const QString key = MergeTemplate::keyFor(field.name);
        if (!builtInColumns().contains(key) && !campaignNames().contains(key)) {
            merge.m_customByKey.insert(key, field.name);
        }
    }
    return merge;
}

QStringList MergeFields::campaignNames()
{
    return {QStringLiteral("unsubscribe_url"), QStringLiteral("postal_address"), QStringLiteral("campaign_name"),
            QStringLiteral("from_name"), QStringLiteral("from_address")};
}

QSet<QString> MergeFields::knownNames() const
{
    QSet<QString> names;
    for (auto it = builtInColumns().cbegin(); it != builtInColumns().cend(); ++it) {
        names.insert(it.key());
    }
    for (auto it = m_customByKey.cbegin(); it != m_customByKey.cend(); ++it) {
        names.insert(it.key());
    }
    for (const QString& name : campaignNames()) {
        names.insert(name);
    }
    return names;
}

MergeTemplate::Lookup MergeFields::lookupFor(const Contact& contact,
                                             const QHash<QString, QString>& campaignValues) const
{
    return [this, &contact, &campaignValues](const QString& name) -> std::optional<QString> {
        if (auto column = builtInColumns().constFind(name); column != builtInColumns().cend()) {
            return contactColumnText(contact, column.value());
        }
        if (auto value = campaignValues.constFind(name); value != campaignValues.cend()) {
            return value.value();
        }
        if (auto field = m_customByKey.constFind(name); field != m_customByKey.cend()) {
            return contact.fields.value(field.value());
        }
        return std::nullopt;
    };
}
