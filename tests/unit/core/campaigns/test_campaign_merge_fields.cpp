#include "core/campaigns/MergeFields.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/storage/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

// What a merge tag says for one recipient: its contact column, the campaign's own value or
// its custom field, in that order when a custom field's key is also one of the others.
class TestMergeFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath(QStringLiteral("t.mailroom")));
        QVERIFY(ws);
        m_ws = std::move(ws).value();
        CustomFieldRepository fields(m_ws->database());
        QVERIFY(fields.create(QStringLiteral("Loyalty tier"), FieldType::Text));
        QVERIFY(fields.create(QStringLiteral("City"), FieldType::Text));           // the built-in's key
        QVERIFY(fields.create(QStringLiteral("Postal address"), FieldType::Text)); // a campaign name's key
        QVERIFY(fields.create(QStringLiteral("Shoe size"), FieldType::Text));
    }

    void cleanup()
    {
        m_ws.reset();
        m_dir.reset();
    }

    void eachTagFindsItsValue()
    {
        auto merge = MergeFields::load(m_ws->database());
        QVERIFY(merge);
        Contact anna;
        anna.email = QStringLiteral("anna@example.com");
        anna.firstName = QStringLiteral("Anna");
        anna.city = QStringLiteral("Berlin");
        anna.fields.insert(QStringLiteral("Loyalty tier"), QStringLiteral("Gold"));
        anna.fields.insert(QStringLiteral("City"), QStringLiteral("custom city"));
        anna.fields.insert(QStringLiteral("Postal address"), QStringLiteral("custom address"));
        const QHash<QString, QString> campaign = {
            {QStringLiteral("unsubscribe_url"), QStringLiteral("https://example.com/u/1")},
            {QStringLiteral("postal_address"), QStringLiteral("Hauptstraße 1, Berlin")},
            {QStringLiteral("campaign_name"), QStringLiteral("November")},
            {QStringLiteral("from_name"), QStringLiteral("Café Müller")},
            {QStringLiteral("from_address"), QStringLiteral("news@example.com")}};
        const MergeTemplate::Lookup lookup = merge->lookupFor(anna, campaign);

        QCOMPARE(lookup(QStringLiteral("first_name")), std::optional<QString>(QStringLiteral("Anna")));
        QCOMPARE(lookup(QStringLiteral("email")), std::optional<QString>(QStringLiteral("anna@example.com")));
        QCOMPARE(lookup(QStringLiteral("loyalty_tier")), std::optional<QString>(QStringLiteral("Gold")));
        // A known field that is empty is "", not unknown.
        QCOMPARE(lookup(QStringLiteral("last_name")), std::optional<QString>(QString()));
        QCOMPARE(lookup(QStringLiteral("shoe_size")), std::optional<QString>(QString()));
        // Built-in columns and the campaign's values win over custom fields of the same key.
        QCOMPARE(lookup(QStringLiteral("city")), std::optional<QString>(QStringLiteral("Berlin")));
        QCOMPARE(lookup(QStringLiteral("postal_address")),
                 std::optional<QString>(QStringLiteral("Hauptstraße 1, Berlin")));
        QCOMPARE(lookup(QStringLiteral("unsubscribe_url")),
                 std::optional<QString>(QStringLiteral("https://example.com/u/1")));
        QCOMPARE(lookup(QStringLiteral("from_name")), std::optional<QString>(QStringLiteral("Café Müller")));
        QCOMPARE(lookup(QStringLiteral("frist_name")), std::optional<QString>());
        QCOMPARE(lookup(QStringLiteral("Loyalty tier")), std::optional<QString>());

        const QSet<QString> known = merge->knownNames();
        QVERIFY(known.contains(QStringLiteral("loyalty_tier")));
        QVERIFY(known.contains(QStringLiteral("unsubscribe_url")));
        QVERIFY(!known.contains(QStringLiteral("frist_name")));
        QCOMPARE(merge->customFieldFor(QStringLiteral("shoe_size")), QStringLiteral("Shoe size"));
        QCOMPARE(merge->customFieldFor(QStringLiteral("city")), QString());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
};

QTEST_GUILESS_MAIN(TestMergeFields)
#include "test_campaign_merge_fields.moc"
