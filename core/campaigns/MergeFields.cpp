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
    // In the order a lookup tries them: built-in columns, the campaign's values, custom fields.
    for (auto it = builtInColumns().cbegin(); it != builtInColumns().cend(); ++it) {
        merge.m_sources.insert(it.key(), Source{Source::Kind::Column, it.value(), {}});
    }
    for (const QString& name : campaignNames()) {
        if (!merge.m_sources.contains(name)) {
            merge.m_sources.insert(name, Source{Source::Kind::Campaign, {}, {}});
        }
    }
    for (auto it = merge.m_customByKey.cbegin(); it != merge.m_customByKey.cend(); ++it) {
        merge.m_sources.insert(it.key(), Source{Source::Kind::Custom, {}, it.value()});
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
        const auto source = m_sources.constFind(name);
        if (source != m_sources.cend()) {
            switch (source->kind) {
            case Source::Kind::Column:
                return contactColumnText(contact, source->column);
            case Source::Kind::Custom:
                // A custom key is never one of campaignNames(), the only names campaignValues holds.
                return contact.fields.value(source->customField);
            case Source::Kind::Campaign:
                break;
            }
        }
        if (auto value = campaignValues.constFind(name); value != campaignValues.cend()) {
            return value.value();
        }
        return std::nullopt;
    };
}
