#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/contacts/import/ContactImporter.h"
#include "core/contacts/import/CsvReader.h"
#include "core/storage/Workspace.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

QString dataFile(const char* name)
{
    return QStringLiteral(MAILROOM_TEST_DATA_DIR "/") + QLatin1String(name);
}

QString message(const Error& e)
{
    return e.message;
}

} // namespace

class TestContactImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath("t.mailroom"));
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
        m_repo = std::make_unique<ContactRepository>(m_ws->database());
    }
    void cleanup()
    {
        m_repo.reset();
        m_ws.reset();
    }

    void importsAGoogleContactsExport()
    {
        ImportOptions options;
        options.path = dataFile("import/google_contacts.csv");
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : message(summary.error())));
        QVERIFY(summary->committed);
        QCOMPARE(summary->created, summary->rowsRead - summary->invalid - summary->duplicatesInFile);
        auto jane = m_repo->findByEmail("jane@example.com");
        QVERIFY(jane.ok());
        QCOMPARE(jane->firstName, QString("Jane"));
        QCOMPARE(jane->lastName, QString("Doe"));
        QVERIFY(jane->notes.contains("Likes \"dark\" roast,\nasks"));
        QCOMPARE(jane->tags, QStringList{"Customers"}); // "* myContacts" is Google's, not the user's
        // 555-0100 is a fictional number too short for the US plan: kept as written, not mangled.
        QCOMPARE(jane->phone, QString("+1 555 0100"));
        auto jose = m_repo->findByEmail(QStringLiteral("jose@example.es"));
        QVERIFY(jose.ok());
        QCOMPARE(jose->lastName, QStringLiteral("Núñez"));
        QVERIFY(jose->tags.isEmpty());
    }

    void importsAGermanExcelFileInWindows1252()
    {
        ImportOptions options;
        options.path = dataFile("import/excel_german_windows1252.csv");
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : message(summary.error())));
        auto juergen = m_repo->findByEmail("juergen.mueller@example.de");
        QVERIFY(juergen.ok());
        QCOMPARE(juergen->firstName, QStringLiteral("Jürgen"));
        QCOMPARE(juergen->lastName, QStringLiteral("Müller"));
        QCOMPARE(juergen->city, QStringLiteral("Köln"));
        // "Betrag" matched nothing: it became a custom field, named after the header.
        QVERIFY(summary->createdFields.contains("Betrag"));
        QCOMPARE(juergen->fields.value("Betrag"), QStringLiteral("12,50 €"));
    }

    void importsVCardsWithTheirCategories()
    {
        ImportOptions options;
        options.path = dataFile("vcard/one_broken.vcf");
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : message(summary.error())));
        QCOMPARE(summary->rowsRead, 3);
        QCOMPARE(summary->invalid, 1);
        QCOMPARE(summary->created, 2);
        QCOMPARE(m_repo->count({}).value(), 2);

        options.path = dataFile("vcard/apple_contacts.vcf");
        summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->created, 2);
        auto juergen = m_repo->findByEmail("j.mueller@buecher.example"); // the preferred address
        QVERIFY(juergen.ok());
        QCOMPARE(juergen->street, QStringLiteral("Hauptstraße 5, Hinterhaus"));
        QCOMPARE(juergen->phone, QStringLiteral("+49 170 1234567")); // kept as typed: no country was picked
        QCOMPARE(juergen->company, QStringLiteral("Bücher & Co. KG"));
    }

    void normalisesPhonesWhenACountryIsPicked()
    {
        const QString csv = writeFile("phones.csv", "Email,Telefon\n"
                                                    "a@example.de,030 1234567\n"
                                                    "b@example.de,+44 20 7946 0958\n"
                                                    "c@example.de,0049 (0)30 1234567\n"
                                                    "d@example.de,12\n");
        auto preview = ImportPreview::load(csv);
        QVERIFY(preview.ok());
        ColumnMapping mapping = ColumnMapping::guess(preview->headers, {}, preview->sampleFields());
        mapping.phoneRegion = "DE";
        ImportOptions options;
        options.path = csv;
        options.mapping = mapping;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(m_repo->findByEmail("a@example.de")->phone, QString("+49301234567"));
        QCOMPARE(m_repo->findByEmail("b@example.de")->phone, QString("+442079460958"));
        QCOMPARE(m_repo->findByEmail("c@example.de")->phone, QString("+49301234567"));
        QCOMPARE(m_repo->findByEmail("d@example.de")->phone, QString("12")); // not a number anywhere: kept
    }

    void rejectsInvalidRowsIntoAReportThatImportsAgainOnceFixed()
    {
        const QString csv = writeFile("people.csv", "Email,First name,Phone\r\n"
                                                    "ok@example.com,Olga,+49 30 1234567\r\n"
                                                    "jane@@example.com,Jane,\r\n"
                                                    "bob@example.com,\"Bob\nBobson\",\r\n"
                                                    "carl@example.com,Carl,call me maybe\r\n"
                                                    "dora@example.com,Dora\r\n");
        ImportOptions options;
        options.path = csv;
        options.errorReportPath = m_dir->filePath("errors.csv");
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->rowsRead, 5);
        QCOMPARE(summary->created, 1);
        QCOMPARE(summary->invalid, 4);
        QCOMPARE(summary->errorReportPath, options.errorReportPath);
        QCOMPARE(m_repo->findByEmail("ok@example.com")->phone, QString("+49 30 1234567"));

        QFile report(options.errorReportPath);
        QVERIFY(report.open(QIODevice::ReadOnly));
        CsvReader reader(&report);
        QVERIFY(reader.open().ok());
        QCOMPARE(reader.header(), (QStringList{"Line", "Problem", "Raw row", "Email", "First name", "Phone"}));
        QStringList lines;
        QStringList problems;
        while (auto record = reader.next().value()) {
            lines << record->fields.at(0);
            problems << record->fields.at(1);
        }
        QCOMPARE(lines, (QStringList{"3", "4", "6", "7"}));
        QVERIFY2(problems.at(0).contains("jane@@example.com"), qPrintable(problems.at(0)));
        QVERIFY2(problems.at(1).contains("line break"), qPrintable(problems.at(1)));
        QVERIFY2(problems.at(2).contains("call me maybe"), qPrintable(problems.at(2)));
        QVERIFY2(problems.at(3).contains("2 fields where the header has 3"), qPrintable(problems.at(3)));
        report.close();

        // The user fixes the report in a spreadsheet and imports it: the extra columns are ignored.
        const QString fixed = writeFile("fixed.csv", "Line,Problem,Raw row,Email,First name,Phone\r\n"
                                                     "3,whatever,x,jane@example.com,Jane,\r\n");
        options.path = fixed;
        options.errorReportPath.clear();
        summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->created, 1);
        QCOMPARE(m_repo->findByEmail("jane@example.com")->firstName, QString("Jane"));
    }

    void keepsTheFirstOfDuplicatesInTheFile()
    {
        const QString csv = writeFile("dupes.csv", "email,first_name\n"
                                                   "a@example.com,First\n"
                                                   "b@example.com,Bee\n"
                                                   "A@EXAMPLE.com,Second\n");
        ImportOptions options;
        options.path = csv;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->created, 2);
        QCOMPARE(summary->duplicatesInFile, 1);
        QCOMPARE(summary->sampleProblems.size(), 1);
        QCOMPARE(summary->sampleProblems.first().first, 4);
        QVERIFY2(summary->sampleProblems.first().second.contains("line 2"),
                 qPrintable(summary->sampleProblems.first().second));
        QCOMPARE(m_repo->findByEmail("a@example.com")->firstName, QString("First"));
    }

    void existingContactsFollowTheDuplicatePolicy_data()
    {
        QTest::addColumn<DuplicatePolicy>("policy");
        QTest::addColumn<QString>("firstName");
        QTest::addColumn<QString>("city");
        QTest::addColumn<int>("updated");
        QTest::newRow("skip") << DuplicatePolicy::Skip << "Anna"
                              << "" << 1; // only the list was added
        QTest::newRow("fill") << DuplicatePolicy::Fill << "Anna"
                              << "Berlin" << 1;
        QTest::newRow("overwrite") << DuplicatePolicy::Overwrite << "Annette"
                                   << "Berlin" << 1;
    }
    void existingContactsFollowTheDuplicatePolicy()
    {
        QFETCH(DuplicatePolicy, policy);
        Contact anna;
        anna.email = "anna@example.com";
        anna.firstName = "Anna";
        anna.tags = {"old"};
        QVERIFY(m_repo->add(anna).ok());
        const QString csv = writeFile("update.csv", "Email,First name,City,Tags\n"
                                                    "anna@example.com,Annette,Berlin,new\n");
        ImportOptions options;
        options.path = csv;
        options.onDuplicate = policy;
        options.list = "Spring fair";
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->created, 0);
        QTEST(int(summary->updated), "updated");
        const Contact back = m_repo->findByEmail("anna@example.com").value();
        QTEST(back.firstName, "firstName");
        QTEST(back.city, "city");
        QCOMPARE(back.lists, QStringList{"Spring fair"});
        QCOMPARE(back.tags, (QStringList{"new", "old"}));

        // The same file again changes nothing.
        summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->unchanged, 1);
        QCOMPARE(summary->updated, 0);
    }

    void aFileNeverResubscribesAnyone()
    {
        for (auto [email, status] : {std::pair{"gone@example.com", ContactStatus::Unsubscribed},
                                     std::pair{"bounced@example.com", ContactStatus::Bounced},
                                     std::pair{"angry@example.com", ContactStatus::Complained}}) {
            Contact c;
            c.email = QString::fromLatin1(email);
            c.status = status;
            QVERIFY(m_repo->add(c).ok());
        }
        Contact stays;
        stays.email = "stays@example.com";
        QVERIFY(m_repo->add(stays).ok());
        const QString csv = writeFile("resubscribe.csv", "Email,Status,Company\n"
                                                         "gone@example.com,subscribed,Shop\n"
                                                         "bounced@example.com,subscribed,Shop\n"
                                                         "angry@example.com,,Shop\n"
                                                         "stays@example.com,unsubscribed,Shop\n"
                                                         "new@example.com,unsubscribed,Shop\n");
        ImportOptions options;
        options.path = csv;
        options.onDuplicate = DuplicatePolicy::Overwrite;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->keptUnsubscribed, 3);
        QCOMPARE(m_repo->findByEmail("gone@example.com")->status, ContactStatus::Unsubscribed);
        QCOMPARE(m_repo->findByEmail("gone@example.com")->company, QString("Shop"));
        QCOMPARE(m_repo->findByEmail("bounced@example.com")->status, ContactStatus::Bounced);
        QCOMPARE(m_repo->findByEmail("angry@example.com")->status, ContactStatus::Complained);
        // A file may record an opt-out.
        QCOMPARE(m_repo->findByEmail("stays@example.com")->status, ContactStatus::Unsubscribed);
        QCOMPARE(m_repo->findByEmail("new@example.com")->status, ContactStatus::Unsubscribed);
    }

    // Promise 2: an opt-out in the file is never lost, whatever the policy, and also when the
    // row that says it repeats an earlier row of the same person.
    void optOutsAreRecordedWhateverThePolicy()
    {
        Contact existing;
        existing.email = "existing@example.com";
        existing.firstName = "Old";
        QVERIFY(m_repo->add(existing).ok());
        const QString csv = writeFile("optouts.csv", "Email,First name,Status\n"
                                                     "existing@example.com,New,unsubscribed\n"
                                                     "twice@example.com,Tia,subscribed\n"
                                                     "twice@example.com,Tia,unsubscribed\n"
                                                     "thrice@example.com,Tom,\n"
                                                     "thrice@example.com,Tom,bounced\n");
        ImportOptions options;
        options.path = csv;
        options.onDuplicate = DuplicatePolicy::Skip;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        const Contact back = m_repo->findByEmail("existing@example.com").value();
        QCOMPARE(back.status, ContactStatus::Unsubscribed);
        QCOMPARE(back.firstName, QString("Old")); // skip: the details stay
        QCOMPARE(summary->updated, 1);
        QCOMPARE(summary->created, 2);
        QCOMPARE(summary->duplicatesInFile, 2);
        QCOMPARE(m_repo->findByEmail("twice@example.com")->status, ContactStatus::Unsubscribed);
        QCOMPARE(m_repo->findByEmail("thrice@example.com")->status, ContactStatus::Bounced);
        QStringList reasons;
        for (const auto& problem : summary->sampleProblems) {
            reasons << problem.second;
        }
        QVERIFY2(reasons.join('|').contains("now unsubscribed"), qPrintable(reasons.join('|')));
    }

    void aCancelOrADryRunLeavesTheWorkspaceAsItWas()
    {
        Contact existing;
        existing.email = "keep@example.com";
        QVERIFY(m_repo->add(existing).ok());
        QByteArray csv = "Email,First name,Birthday,Tags\n";
        for (int i = 0; i < 10000; ++i) {
            csv +=
                "person" + QByteArray::number(i) + "@example.com,Name" + QByteArray::number(i) + ",1990-01-02,fair\n";
        }
        const QString path = writeFile("many.csv", csv);
        ImportOptions options;
        options.path = path;
        options.list = "Imported";
        qint64 lastRows = 0;
        auto cancelled = ContactImporter(m_ws->database()).run(options, [&](const ImportProgress& p) {
            lastRows = p.rows;
            return p.rows < 6000;
        });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
        QVERIFY(lastRows >= 6000);
        assertUntouched();

        ImportSummary seen;
        auto dryRun = ContactImporter(m_ws->database()).run(options, {}, [&](const ImportSummary& s) {
            seen = s;
            return false;
        });
        QVERIFY(dryRun.ok());
        QVERIFY(!dryRun->committed);
        QCOMPARE(dryRun->created, 10000);
        QCOMPARE(seen.created, 10000);
        QCOMPARE(dryRun->createdFields, QStringList{"Birthday"});
        assertUntouched();

        auto real = ContactImporter(m_ws->database()).run(options);
        QVERIFY(real.ok());
        QCOMPARE(m_repo->count({}).value(), 10001);
        // New contacts are searchable, with their tags.
        ContactFilter filter;
        filter.search = "Name9999";
        QCOMPARE(m_repo->count(filter).value(), 1);
        filter.search = "fair";
        QCOMPARE(m_repo->count(filter).value(), 10000);
        QCOMPARE(m_repo->findByEmail("person5@example.com")->fields.value("Birthday"), QString("1990-01-02"));
        QCOMPARE(m_repo->findByEmail("person5@example.com")->lists, QStringList{"Imported"});
    }

    // What real exports do that a naive reader gets wrong.
    void handlesTheQuirksOfRealExports()
    {
        // Outlook: many phone columns, only the mobile filled in; dozens of empty columns.
        const QString outlook = writeFile("outlook.csv", "First Name,Last Name,E-mail Address,Business Phone,"
                                                         "Mobile Phone,Pager,Assistant's Name\n"
                                                         "Ann,Lee,ann@example.com,,+1 415 555 2671,,\n"
                                                         "Bo,Ng,bo@example.com,,+1 415 555 2672,,\n");
        ImportOptions options;
        options.path = outlook;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QVERIFY2(summary->createdFields.isEmpty(), qPrintable(summary->createdFields.join(", ")));
        QCOMPARE(m_repo->findByEmail("ann@example.com")->phone, QString("+1 415 555 2671"));

        // Google: several addresses in one cell; Mailchimp: quoted tags.
        const QString google = writeFile("google.csv", "Given Name,E-mail 1 - Value,Phone 1 - Value,TAGS\n"
                                                       "Cy,cy@example.com ::: cy@work.example,+44 20 7946 0958 ::: "
                                                       "+44 20 7946 0959,\"\"\"Spring\"\",\"\"VIP\"\"\"\n");
        options.path = google;
        summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->invalid, 0);
        const Contact cy = m_repo->findByEmail("cy@example.com").value();
        QCOMPARE(cy.phone, QString("+44 20 7946 0958"));
        QCOMPARE(cy.tags, (QStringList{"Spring", "VIP"}));
    }

    void refusesAMappingWithoutAnEmailColumn()
    {
        const QString csv = writeFile("noemail.csv", "Vorname,Nachname\nJana,Novak\n");
        ImportOptions options;
        options.path = csv;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(!summary.ok());
        QCOMPARE(summary.error().code, ErrorCode::InvalidInput);
        QVERIFY2(summary.error().message.contains("Email", Qt::CaseInsensitive), qPrintable(summary.error().message));
        QCOMPARE(m_repo->count({}).value(), 0);
    }

    void readsAHeaderThatNamesAColumnTwice()
    {
        // Two "Phone" columns, as spreadsheets often have, or an export whose custom field
        // shares a column's name: the header is still the header.
        const QString csv = writeFile("twice.csv", "Email,Phone,Phone\nana@example.com,030 1234,0170 5678\n");
        ImportOptions options;
        options.path = csv;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : message(summary.error())));
        QCOMPARE(summary->created, 1);
        QCOMPARE(m_repo->findByEmail("ana@example.com").value().phone, QString("030 1234"));
    }

    void readsAHeaderEndingInADelimiter()
    {
        // Excel writes a trailing delimiter when a column past the last one was ever formatted.
        const QString csv = writeFile("trailing.csv", "Email;Name;\r\nana@example.com;Ana;\r\n");
        ImportOptions options;
        options.path = csv;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : message(summary.error())));
        QCOMPARE(summary->rowsRead, 1);
        QCOMPARE(summary->created, 1);
        QCOMPARE(m_repo->findByEmail("ana@example.com").value().firstName, QString("Ana"));
    }

    void readsAHeaderWiderThanTheSniffedSample()
    {
        // 10,000 columns: the header alone is longer than the start of the file the reader sniffs.
        QByteArray header = "Email";
        QByteArray row = "wide@example.com";
        for (int i = 1; i < 10000; ++i) {
            header += ",Extra " + QByteArray::number(i);
            row += ",";
        }
        const QString csv = writeFile("wide.csv", header + "\n" + row + "\n");
        ImportOptions options;
        options.path = csv;
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : message(summary.error())));
        QCOMPARE(summary->rowsRead, 1); // the header is not read as a row of data
        QCOMPARE(summary->invalid, 0);
        QCOMPARE(summary->created, 1);
        QVERIFY(m_repo->findByEmail("wide@example.com").ok());
    }

    void saysAnEmptyFileIsEmpty_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("0 bytes") << QByteArray();
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF");
        QTest::newRow("line breaks only") << QByteArray("\n\r\n\n\n");
    }

    void saysAnEmptyFileIsEmpty()
    {
        QFETCH(QByteArray, bytes);
        ImportOptions options;
        options.path = writeFile("blank.csv", bytes);
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(!summary.ok());
        // Not "No column is mapped to Email.": there is nothing to map.
        QVERIFY2(summary.error().message.contains("blank.csv"), qPrintable(summary.error().message));
        QVERIFY2(summary.error().message.contains("no rows"), qPrintable(summary.error().message));
        QCOMPARE(m_repo->count({}).value(), 0);
    }

    void saysAWorkbookIsNotACsvFile_data()
    {
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("xlsx") << QByteArray("PK\x03\x04\x14\x00\x06\x00", 8);
        QTest::newRow("xls") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    }

    void saysAWorkbookIsNotACsvFile()
    {
        // The most common first try: the spreadsheet itself, renamed or not.
        QFETCH(QByteArray, start);
        ImportOptions options;
        options.path = writeFile("customers.csv", start + QByteArray(2000, '\x01'));
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(!summary.ok());
        QVERIFY2(summary.error().message.contains("customers.csv"), qPrintable(summary.error().message));
        QVERIFY2(summary.error().message.contains("save it as CSV"), qPrintable(summary.error().message));
        auto preview = ImportPreview::load(options.path);
        QVERIFY(!preview.ok());
        QCOMPARE(preview.error().message, summary.error().message);
    }

    void refusesAMissingFileNamingIt()
    {
        ImportOptions options;
        options.path = m_dir->filePath("nothere.csv");
        auto summary = ContactImporter(m_ws->database()).run(options);
        QVERIFY(!summary.ok());
        QVERIFY(summary.error().message.contains("nothere.csv"));
    }

private:
    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) {
            return {};
        }
        f.write(bytes);
        return path;
    }

    void assertUntouched()
    {
        QCOMPARE(m_repo->count({}).value(), 1);
        QVERIFY(!CustomFieldRepository(m_ws->database()).findByName("Birthday").ok());
        QVERIFY(!GroupRepository(m_ws->database(), GroupKind::List).findByName("Imported").ok());
        QVERIFY(!GroupRepository(m_ws->database(), GroupKind::Tag).findByName("fair").ok());
        ContactFilter filter;
        filter.search = "person5";
        QCOMPARE(m_repo->count(filter).value(), 0);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<ContactRepository> m_repo;
};

QTEST_GUILESS_MAIN(TestContactImporter)
#include "test_contact_importer.moc"
