#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/export/ContactExporter.h"
#include "core/contacts/import/ContactImporter.h"
#include "core/storage/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Export then import into an empty workspace gives back the same contacts: every column, every
// custom field type, non-ASCII text, line breaks and quotes in notes, values a spreadsheet
// would run as a formula, both the plain and the Excel flavour of CSV, and vCard.
class TestContactRoundTrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto from = Workspace::create(m_dir->filePath("from.mailroom"));
        QVERIFY(from.ok());
        m_from = std::move(from).value();
        CustomFieldRepository fields(m_from->database());
        QVERIFY(fields.create("Loyalty points", FieldType::Number).ok());
        QVERIFY(fields.create("Birthday", FieldType::Date).ok());
        QVERIFY(fields.create("Newsletter by post", FieldType::YesNo).ok());
        QVERIFY(fields.create("Favourite", FieldType::Text).ok());

        ContactRepository repo(m_from->database());
        Contact full;
        full.email = QStringLiteral("zoë.østergaard@bücher.example");
        full.firstName = QStringLiteral("Zoë");
        full.lastName = QStringLiteral("Østergaard-Łukasiewicz");
        full.company = QStringLiteral("Bücher & Söhne \"Nord\", Aarhus");
        full.phone = "+45 12 34 56 78";
        full.street = QStringLiteral("Strøget 1; 2. sal");
        full.city = QStringLiteral("Århus");
        full.region = "Midtjylland";
        full.postcode = "8000";
        full.country = "Denmark";
        full.notes =
            QStringLiteral("First line, with a comma\nSecond line with \"quotes\"\n\nAfter a blank line; ünïcödé 😀");
        full.status = ContactStatus::Unsubscribed;
        full.consentSource = "shop counter";
        full.consentDate = QDate(2024, 5, 1);
        full.tags = {QStringLiteral("vip"), QStringLiteral("café")};
        full.lists = {"Newsletter", QStringLiteral("Spring fair 2024")};
        full.fields = {{"Loyalty points", "1234.5"},
                       {"Birthday", "1990-02-28"},
                       {"Newsletter by post", "no"},
                       {"Favourite", QStringLiteral("Smørrebrød")}};
        QVERIFY(repo.add(full).ok());

        Contact formulas;
        formulas.email = "formula@example.com";
        formulas.firstName = "=HYPERLINK(\"http://evil.example\")";
        formulas.lastName = "-5";
        formulas.company = "@SUM(A1)";
        formulas.notes = "+1 and more";
        formulas.status = ContactStatus::Bounced;
        formulas.fields = {{"Loyalty points", "-3"}, {"Newsletter by post", "yes"}, {"Favourite", "'quoted"}};
        QVERIFY(repo.add(formulas).ok());

        Contact bare;
        bare.email = "bare@example.org";
        QVERIFY(repo.add(bare).ok());

        for (int i = 0; i < 300; ++i) {
            Contact c;
            c.email = QStringLiteral("person%1@example.net").arg(i);
            c.firstName = QStringLiteral("José %1").arg(i);
            c.status = i % 3 == 0 ? ContactStatus::Complained : ContactStatus::Subscribed;
            c.fields = {{"Birthday", QDate(1980, 1, 1).addDays(i).toString(Qt::ISODate)}};
            QVERIFY(repo.add(c).ok());
        }
    }

    void cleanup() { m_from.reset(); }

    void csvGivesBackTheSameContacts_data()
    {
        QTest::addColumn<bool>("excel");
        QTest::newRow("csv") << false;
        QTest::newRow("excel") << true;
    }
    void csvGivesBackTheSameContacts()
    {
        QFETCH(bool, excel);
        ExportOptions exportOptions;
        exportOptions.path = m_dir->filePath("contacts.csv");
        exportOptions.excel = excel;
        auto exported = ContactExporter(m_from->database()).run(exportOptions);
        QVERIFY2(exported.ok(), qPrintable(exported.ok() ? QString() : exported.error().message));
        QCOMPARE(exported->contacts, 303);

        auto to = Workspace::create(m_dir->filePath(excel ? "excel.mailroom" : "csv.mailroom"));
        QVERIFY(to.ok());
        ImportOptions importOptions;
        importOptions.path = exportOptions.path;
        auto imported = ContactImporter((*to)->database()).run(importOptions);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(imported->created, 303);
        QCOMPARE(imported->invalid, 0);

        // The custom fields came back with their types, guessed from the values.
        auto fields = CustomFieldRepository((*to)->database()).all();
        QVERIFY(fields.ok());
        QHash<QString, FieldType> types;
        for (const CustomField& f : fields.value()) {
            types.insert(f.name, f.type);
        }
        QCOMPARE(types.value("Loyalty points"), FieldType::Number);
        QCOMPARE(types.value("Birthday"), FieldType::Date);
        QCOMPARE(types.value("Newsletter by post"), FieldType::YesNo);
        QCOMPARE(types.value("Favourite"), FieldType::Text);

        assertSameContacts(m_from->database(), (*to)->database());
    }

    // A vCard carries the standard fields, and Mailroom's extension properties carry the rest:
    // status (an unsubscribed person must not come back subscribed), lists, consent and custom
    // fields, whose types are guessed from the values as for CSV.
    void vcardGivesBackTheSameContacts()
    {
        ExportOptions exportOptions;
        exportOptions.path = m_dir->filePath("contacts.vcf");
        exportOptions.format = ExportFormat::VCard;
        auto exported = ContactExporter(m_from->database()).run(exportOptions);
        QVERIFY2(exported.ok(), qPrintable(exported.ok() ? QString() : exported.error().message));
        QCOMPARE(exported->contacts, 303);
        auto to = Workspace::create(m_dir->filePath("vcard.mailroom"));
        QVERIFY(to.ok());
        ImportOptions importOptions;
        importOptions.path = exportOptions.path;
        auto imported = ContactImporter((*to)->database()).run(importOptions);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(imported->created, 303);
        QCOMPARE(imported->invalid, 0);

        auto fields = CustomFieldRepository((*to)->database()).all();
        QVERIFY(fields.ok());
        QHash<QString, FieldType> types;
        for (const CustomField& f : fields.value()) {
            types.insert(f.name, f.type);
        }
        QCOMPARE(types.size(), 4);
        QCOMPARE(types.value("Loyalty points"), FieldType::Number);
        QCOMPARE(types.value("Birthday"), FieldType::Date);
        QCOMPARE(types.value("Newsletter by post"), FieldType::YesNo);
        QCOMPARE(types.value("Favourite"), FieldType::Text);

        assertSameContacts(m_from->database(), (*to)->database());
    }

private:
    static void assertSameContacts(QSqlDatabase from, QSqlDatabase to)
    {
        ContactRepository before(from);
        ContactRepository after(to);
        QCOMPARE(after.count({}).value(), before.count({}).value());
        const auto ids = before.allIds({});
        QVERIFY(ids.ok());
        const auto contacts = before.findByIds(ids.value());
        QVERIFY(contacts.ok());
        for (Contact a : contacts.value()) {
            auto back = after.findByEmail(a.email);
            QVERIFY2(back.ok(), qPrintable(a.email));
            Contact b = back.value();
            // Ids and timestamps are the new workspace's own.
            b.id = a.id;
            b.createdAt = a.createdAt;
            b.updatedAt = a.updatedAt;
            std::sort(a.tags.begin(), a.tags.end());
            std::sort(b.tags.begin(), b.tags.end());
            std::sort(a.lists.begin(), a.lists.end());
            std::sort(b.lists.begin(), b.lists.end());
            QCOMPARE(b.email, a.email);
            QCOMPARE(b.firstName, a.firstName);
            QCOMPARE(b.lastName, a.lastName);
            QCOMPARE(b.company, a.company);
            QCOMPARE(b.notes, a.notes);
            QCOMPARE(b.status, a.status);
            QCOMPARE(b.fields, a.fields);
            QCOMPARE(b.tags, a.tags);
            QCOMPARE(b.lists, a.lists);
            QVERIFY2(b == a, qPrintable(a.email));
        }
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_from;
};

QTEST_GUILESS_MAIN(TestContactRoundTrip)
#include "test_contact_round_trip.moc"
