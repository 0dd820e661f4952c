#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/DemoGenerator.h"
#include "core/contacts/GroupRepository.h"
#include "core/contacts/export/ContactExporter.h"
#include "core/contacts/export/CsvWriter.h"
#include "core/contacts/import/CsvReader.h"
#include "core/contacts/import/VCardReader.h"
#include "core/storage/Workspace.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <signal.h>
#include <sys/resource.h>
#endif

namespace {

struct Csv
{
    QStringList header;
    QList<QStringList> rows;
    QChar delimiter;
    QString error;

    // The rows' values in one column, by header label.
    QStringList column(const QString& label) const
    {
        const qsizetype index = header.indexOf(label);
        QStringList values;
        for (const QStringList& row : rows) {
            values.append(index >= 0 && index < row.size() ? row.at(index) : QStringLiteral("<missing>"));
        }
        return values;
    }
};

Csv readCsv(const QString& path)
{
    Csv csv;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        csv.error = "cannot open " + path;
        return csv;
    }
    CsvOptions options;
    options.header = CsvOptions::Header::Present;
    CsvReader reader(&file, options);
    if (!reader.open().ok()) {
        csv.error = "cannot read " + path;
        return csv;
    }
    csv.header = reader.header();
    csv.delimiter = reader.dialect().delimiter;
    for (;;) {
        auto record = reader.next();
        if (!record.ok()) {
            csv.error = record.error().message;
            return csv;
        }
        if (!record.value()) {
            break;
        }
        if (record.value()->isRagged()) {
            csv.error = QStringLiteral("line %1 is ragged").arg(record.value()->line);
        }
        csv.rows.append(record.value()->fields);
    }
    return csv;
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList allLabels()
{
    QStringList labels;
    for (const ContactColumnInfo& info : contactColumns()) {
        labels.append(QString::fromLatin1(info.label));
    }
    return labels;
}

} // namespace

// An export holds exactly the contacts and columns the user chose, reads back with the
// import's CSV reader, and never leaves a half-written file behind.
class TestContactExporter : public QObject
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
        m_dir.reset();
    }

    void exportsEveryColumnInTheOrderAdded()
    {
        addThree();
        auto summary = exportCsv({});
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->contacts, 3);
        QCOMPARE(summary->path, path());

        const Csv csv = readCsv(path());
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QCOMPARE(csv.header, (allLabels() + QStringList{"Birthday", "Loyalty points", "Member"}));
        QCOMPARE(csv.header.first(), QString("Email"));
        QCOMPARE(csv.header.at(1), QString("First name"));
        QCOMPARE(csv.column("Email"), (QStringList{"zoe@example.com", "jose@example.es", "anna@example.org"}));
        QCOMPARE(csv.column("First name"), (QStringList{"Zoë", "José", "Anna"}));
        QCOMPARE(csv.column("Last name"), (QStringList{"Łukasiewicz", "García", "Berg"}));
        QCOMPARE(csv.column("Company"), (QStringList{"Bücher; Bäume, & Co", "", ""}));
        // Neutralized on export: the reader sees the apostrophe, the import takes it off.
        QCOMPARE(csv.column("Phone").first(), QString("'+49 30 1234567"));
        QCOMPARE(CsvWriter::restoreNeutralized(csv.column("Phone").first()), QString("+49 30 1234567"));
        QCOMPARE(csv.column("City").first(), QString("Köln"));
        QCOMPARE(csv.column("Notes").first(), QString("Met at the fair.\nLiked it; a lot, really."));
        QCOMPARE(csv.column("Status"), (QStringList{"subscribed", "unsubscribed", "subscribed"}));
        QCOMPARE(csv.column("Tags"), (QStringList{"customer,vip", "vip", ""}));
        QCOMPARE(csv.column("Lists"), (QStringList{"Newsletter,Shop Berlin", "", "Newsletter"}));
        QCOMPARE(csv.column("Consent source").first(), QString("web form"));
        QCOMPARE(csv.column("Consent date"), (QStringList{"2024-05-01", "", ""}));
        QCOMPARE(csv.column("Loyalty points"), (QStringList{"120.5", "", "7"}));
        QCOMPARE(csv.column("Birthday"), (QStringList{"1990-02-03", "", ""}));
        QCOMPARE(csv.column("Member"), (QStringList{"yes", "no", ""}));

        auto zoe = m_repo->findByEmail("zoe@example.com");
        QVERIFY(zoe.ok());
        const QString created = csv.column("Created").first();
        QVERIFY2(created.endsWith('Z'), qPrintable(created));
        QCOMPARE(QDateTime::fromString(created, Qt::ISODate).toSecsSinceEpoch(), zoe->createdAt.toSecsSinceEpoch());
        QCOMPARE(QDateTime::fromString(csv.column("Updated").first(), Qt::ISODate).toSecsSinceEpoch(),
                 zoe->updatedAt.toSecsSinceEpoch());

        // Plain UTF-8 with commas and CRLF, no BOM.
        const QByteArray bytes = fileBytes(path());
        QVERIFY(bytes.startsWith("Email,First name,Last name,"));
        QVERIFY(bytes.contains("Zo\xC3\xAB,"));
        QVERIFY(bytes.contains("\r\n"));
        QCOMPARE(csv.delimiter, QChar(','));
    }

    void exportsAList()
    {
        addThree();
        ExportOptions options = csvOptions();
        options.filter.listId = groupId(GroupKind::List, "Newsletter");
        QCOMPARE(exportedEmails(options), (QStringList{"zoe@example.com", "anna@example.org"}));
    }

    void exportsATag()
    {
        addThree();
        ExportOptions options = csvOptions();
        options.filter.tagId = groupId(GroupKind::Tag, "vip");
        QCOMPARE(exportedEmails(options), (QStringList{"zoe@example.com", "jose@example.es"}));
    }

    void exportsASearch()
    {
        addThree();
        ExportOptions options = csvOptions();
        options.filter.search = "garc";
        QCOMPARE(exportedEmails(options), QStringList{"jose@example.es"});
        options.filter.search = "example";
        QCOMPARE(exportedEmails(options), (QStringList{"zoe@example.com", "jose@example.es", "anna@example.org"}));
        // Combined with a tag, as the table filters.
        options.filter.tagId = groupId(GroupKind::Tag, "customer");
        QCOMPARE(exportedEmails(options), QStringList{"zoe@example.com"});
    }

    void exportsTheSelectionInItsOrder()
    {
        const QVector<qint64> ids = addThree();
        ExportOptions options = csvOptions();
        options.filter.tagId = groupId(GroupKind::Tag, "customer"); // ignored: the selection wins
        options.ids = QVector<qint64>{ids.at(2), ids.at(0)};
        QCOMPARE(exportedEmails(options), (QStringList{"anna@example.org", "zoe@example.com"}));
        options.ids = QVector<qint64>{};
        QCOMPARE(exportedEmails(options), QStringList{});
        QCOMPARE(readCsv(path()).header.first(), QString("Email"));
    }

    void exportsTheVisibleColumnsOnly()
    {
        addThree();
        ExportOptions options = csvOptions();
        options.columns = {ContactColumn::LastName, ContactColumn::Email, ContactColumn::Tags};
        options.customFields = QStringList{};
        QVERIFY(run(options).ok());
        const Csv csv = readCsv(path());
        QCOMPARE(csv.header, (QStringList{"Last name", "Email", "Tags"}));
        QCOMPARE(csv.rows.first(), (QStringList{"Łukasiewicz", "zoe@example.com", "customer,vip"}));

        // Chosen custom fields, in the order given, whatever the case they were named in.
        options.customFields = QStringList{"member", "Birthday"};
        QVERIFY(run(options).ok());
        const Csv withFields = readCsv(path());
        QCOMPARE(withFields.header, (QStringList{"Last name", "Email", "Tags", "Member", "Birthday"}));
        QCOMPARE(withFields.rows.first(),
                 (QStringList{"Łukasiewicz", "zoe@example.com", "customer,vip", "yes", "1990-02-03"}));
    }

    void refusesAnUnknownCustomField()
    {
        addThree();
        ExportOptions options = csvOptions();
        options.customFields = QStringList{"Shoe size"};
        auto result = run(options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::UnknownField);
        QVERIFY2(result.error().message.contains("Shoe size"), qPrintable(result.error().message));
        QVERIFY(!QFile::exists(path()));
    }

    void excelGetsABomAndSemicolons()
    {
        addThree();
        ExportOptions options = csvOptions();
        options.excel = true;
        options.columns = {ContactColumn::Email, ContactColumn::Company, ContactColumn::Notes};
        options.customFields = QStringList{"Loyalty points"};
        QVERIFY(run(options).ok());
        const QByteArray bytes = fileBytes(path());
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"
                                 "Email;Company;Notes;Loyalty points\r\n"
                                 "zoe@example.com;\"B\xC3\xBC"
                                 "cher; B\xC3\xA4ume, & Co\";"));
        const Csv csv = readCsv(path());
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QCOMPARE(csv.delimiter, QChar(';'));
        QCOMPARE(csv.header.first(), QString("Email")); // the BOM is not part of the first header
        QCOMPARE(csv.column("Company").first(), QString("Bücher; Bäume, & Co"));
        QCOMPARE(csv.column("Loyalty points"), (QStringList{"120.5", "", "7"}));
    }

    void neutralizesFormulas()
    {
        Contact c;
        c.email = "mallory@example.com";
        c.firstName = "=HYPERLINK(\"http://evil.example\",\"Click\")";
        c.company = "@SUM(1+1)";
        QVERIFY2(m_repo->add(c).ok(), "add");
        QVERIFY(exportCsv({}).ok());
        const QByteArray bytes = fileBytes(path());
        QVERIFY2(bytes.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\","), bytes.constData());
        QVERIFY(!bytes.contains(",=HYPERLINK"));
        const Csv csv = readCsv(path());
        const QString firstName = csv.column("First name").first();
        QVERIFY(firstName.startsWith('\''));
        QCOMPARE(CsvWriter::restoreNeutralized(firstName), c.firstName);
        QCOMPARE(csv.column("Company").first(), QString("'@SUM(1+1)"));
    }

    void cancelLeavesNoFileAndAnExistingOneUntouched()
    {
        QVERIFY(DemoGenerator::generate(m_ws->database(), 700, 7).ok());
        int calls = 0;
        auto cancelSecond = [&calls](qint64, qint64) { return ++calls < 2; };

        auto result = ContactExporter(m_ws->database()).run(csvOptions(), cancelSecond);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QCOMPARE(calls, 2);
        QVERIFY(!QFile::exists(path()));

        QFile old(path());
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the export from last week\n");
        old.close();
        calls = 0;
        ExportOptions vcard = csvOptions();
        vcard.format = ExportFormat::VCard;
        result = ContactExporter(m_ws->database()).run(vcard, cancelSecond);
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QCOMPARE(fileBytes(path()), QByteArray("the export from last week\n"));
        // No temporary file left beside it either.
        QCOMPARE(QDir(m_dir->path()).entryList({"out*"}, QDir::Files), QStringList{"out.csv"});
    }

    void unwritablePathIsAnErrorNamingIt()
    {
        addThree();
        ExportOptions options = csvOptions();
        options.path = m_dir->filePath("no such folder/contacts.csv");
        auto result = run(options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::FileError);
        QVERIFY2(result.error().message.contains(QDir::toNativeSeparators(options.path)),
                 qPrintable(result.error().message));

        options.path = m_dir->path(); // a folder, not a file
        result = run(options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::FileError);
        QVERIFY2(result.error().message.contains(QDir::toNativeSeparators(m_dir->path())),
                 qPrintable(result.error().message));
    }

    void aFullDiskLeavesTheOldFileAndNamesThePath()
    {
#ifdef Q_OS_UNIX
        QVERIFY(DemoGenerator::generate(m_ws->database(), 700, 5).ok());
        QFile old(path());
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the export from last week\n");
        old.close();
        // A file size limit makes writes fail past 64 KiB the way a full disk does (EFBIG
        // instead of ENOSPC), without needing a small file system.
        struct sigaction ignore = {};
        ignore.sa_handler = SIG_IGN;
        struct sigaction previousAction = {};
        QCOMPARE(sigaction(SIGXFSZ, &ignore, &previousAction), 0);
        rlimit previousLimit = {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &previousLimit), 0);
        rlimit small = previousLimit;
        small.rlim_cur = 64 * 1024;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        auto result = run(csvOptions());
        setrlimit(RLIMIT_FSIZE, &previousLimit);
        sigaction(SIGXFSZ, &previousAction, nullptr);

        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::FileError);
        QVERIFY2(result.error().message.contains(QDir::toNativeSeparators(path())), qPrintable(result.error().message));
        // The system's reason, not "Unknown error".
        QVERIFY2(result.error().message.endsWith(qt_error_string(EFBIG)), qPrintable(result.error().message));
        QCOMPARE(fileBytes(path()), QByteArray("the export from last week\n"));
        QCOMPARE(QDir(m_dir->path()).entryList({"out*"}, QDir::Files), QStringList{"out.csv"});
#else
        QSKIP("needs a POSIX file size limit");
#endif
    }

    void exportsThousandsOfContactsInPages()
    {
        const qint64 count = 3000;
        QVERIFY(DemoGenerator::generate(m_ws->database(), count, 42).ok());
        QList<qint64> progressDone;
        qint64 progressTotal = 0;
        ExportOptions options = csvOptions();
        options.columns = {ContactColumn::Email};
        auto summary = ContactExporter(m_ws->database()).run(options, [&](qint64 done, qint64 total) {
            progressDone.append(done);
            progressTotal = total;
            return true;
        });
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->contacts, count);
        QCOMPARE(progressTotal, count);
        // A page at a time: a few hundred contacts per step, never the whole table at once.
        QVERIFY2(progressDone.size() >= 10, qPrintable(QString::number(progressDone.size())));
        QVERIFY(progressDone.first() <= 300);
        QCOMPARE(progressDone.last(), count);

        const Csv csv = readCsv(path());
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QCOMPARE(csv.rows.size(), count);
        const QStringList emails = csv.column("Email");
        QCOMPARE(QSet<QString>(emails.begin(), emails.end()).size(), count);
        // The order added: ascending ids.
        auto ids = m_repo->allIds({});
        QVERIFY(ids.ok());
        QVector<qint64> ascending = ids.value();
        std::sort(ascending.begin(), ascending.end());
        auto first = m_repo->findById(ascending.first());
        auto last = m_repo->findById(ascending.last());
        QVERIFY(first.ok() && last.ok());
        QCOMPARE(emails.first(), first->email);
        QCOMPARE(emails.last(), last->email);
        QCOMPARE(emails.at(1000), m_repo->findById(ascending.at(1000))->email);

        // A search over the same workspace pages the same way (through the search index).
        ExportOptions search = options;
        search.filter.search = "example";
        auto searched = ContactExporter(m_ws->database()).run(search);
        QVERIFY(searched.ok());
        QCOMPARE(searched->contacts, m_repo->count(search.filter).value());
        QCOMPARE(readCsv(path()).rows.size(), searched->contacts);
    }

    void isOneSnapshotWhileAnotherConnectionWrites()
    {
        QVERIFY(DemoGenerator::generate(m_ws->database(), 600, 3).ok());
        auto other = m_ws->openConnection();
        QVERIFY(other.ok());
        ContactRepository otherRepo(other->database());
        bool added = false;
        auto summary = ContactExporter(m_ws->database()).run(csvOptions(), [&](qint64, qint64) {
            // After the first page, someone adds a contact (it would sort last) and deletes one
            // not yet written: the file is the workspace as it was when the export began.
            if (!added) {
                Contact late;
                late.email = "late@example.com";
                added = otherRepo.add(late).ok();
                auto ids = otherRepo.allIds({});
                added = added && ids.ok() && otherRepo.remove(*std::max_element(ids->begin(), ids->end()) - 1).ok();
            }
            return true;
        });
        QVERIFY(added);
        QVERIFY(summary.ok());
        QCOMPARE(summary->contacts, 600);
        const Csv csv = readCsv(path());
        QCOMPARE(csv.rows.size(), 600);
        QVERIFY(!csv.column("Email").contains("late@example.com"));
        QCOMPARE(m_repo->count({}).value(), 600); // and the two writes did happen
    }

    void exportsVCardsThatReadBack()
    {
        addThree();
        ExportOptions options = csvOptions();
        options.path = m_dir->filePath("out.vcf");
        options.format = ExportFormat::VCard;
        options.filter.tagId = groupId(GroupKind::Tag, "vip");
        options.customFields = QStringList{"Birthday"};
        options.columns = {ContactColumn::Email}; // a vCard is always the whole card
        auto summary = run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->contacts, 2);

        const QByteArray bytes = fileBytes(options.path);
        QVERIFY(bytes.startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
        QVERIFY(bytes.contains("X-MAILROOM-FIELD;NAME=\"Birthday\":1990-02-03\r\n"));
        QVERIFY(!bytes.contains("Loyalty points"));
        QVERIFY(bytes.contains("X-MAILROOM-STATUS:unsubscribed\r\n"));

        QFile file(options.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        VCardReader reader(&file);
        QList<VCardContact> cards;
        while (auto card = reader.next()) {
            cards.append(*card);
        }
        QCOMPARE(cards.size(), 2);
        QVERIFY2(cards.at(0).ok(), qPrintable(cards.at(0).error));
        QCOMPARE(cards.at(0).email, QString("zoe@example.com"));
        QCOMPARE(cards.at(0).firstName, QString("Zoë"));
        QCOMPARE(cards.at(0).company, QString("Bücher; Bäume, & Co"));
        QCOMPARE(cards.at(0).phone, QString("+49 30 1234567")); // no apostrophe in a vCard
        QCOMPARE(cards.at(0).notes, QString("Met at the fair.\nLiked it; a lot, really."));
        QCOMPARE(cards.at(0).tags, (QStringList{"customer", "vip"}));
        QCOMPARE(cards.at(1).email, QString("jose@example.es"));
    }

    void refusesAnEmptyPath()
    {
        ExportOptions options;
        auto result = run(options);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    }

private:
    QString path() const
    {
        return m_dir->filePath("out.csv");
    }

    ExportOptions csvOptions() const
    {
        ExportOptions options;
        options.path = path();
        return options;
    }

    Result<ExportSummary> run(const ExportOptions& options)
    {
        return ContactExporter(m_ws->database()).run(options);
    }

    Result<ExportSummary> exportCsv(const ContactFilter& filter)
    {
        ExportOptions options = csvOptions();
        options.filter = filter;
        return run(options);
    }

    QStringList exportedEmails(const ExportOptions& options)
    {
        auto summary = run(options);
        if (!summary.ok()) {
            qWarning("%s", qPrintable(summary.error().message));
            return {"<failed>"};
        }
        const Csv csv = readCsv(options.path);
        if (!csv.error.isEmpty() || summary->contacts != csv.rows.size()) {
            return {"<unreadable>"};
        }
        return csv.column("Email");
    }

    qint64 groupId(GroupKind kind, const QString& name)
    {
        auto group = GroupRepository(m_ws->database(), kind).findByName(name);
        return group.ok() ? group->id : -1;
    }

    QVector<qint64> addThree()
    {
        CustomFieldRepository fields(m_ws->database());
        // Created out of name order: the export lists them by name.
        if (!fields.create("Member", FieldType::YesNo).ok() || !fields.create("Birthday", FieldType::Date).ok() ||
            !fields.create("Loyalty points", FieldType::Number).ok()) {
            return {};
        }
        QVector<qint64> ids;
        Contact zoe;
        zoe.email = "zoe@example.com";
        zoe.firstName = "Zoë";
        zoe.lastName = "Łukasiewicz";
        zoe.company = "Bücher; Bäume, & Co";
        zoe.phone = "+49 30 1234567";
        zoe.street = "Hauptstraße 5";
        zoe.city = "Köln";
        zoe.postcode = "50667";
        zoe.country = "Deutschland";
        zoe.notes = "Met at the fair.\nLiked it; a lot, really.";
        zoe.consentSource = "web form";
        zoe.consentDate = QDate(2024, 5, 1);
        zoe.tags = {"vip", "customer"};
        zoe.lists = {"Newsletter", "Shop Berlin"};
        zoe.fields = {{"Loyalty points", "120.50"}, {"Birthday", "1990-02-03"}, {"Member", "yes"}};
        Contact jose;
        jose.email = "jose@example.es";
        jose.firstName = "José";
        jose.lastName = "García";
        jose.status = ContactStatus::Unsubscribed;
        jose.tags = {"vip"};
        jose.fields = {{"Member", "no"}};
        Contact anna;
        anna.email = "anna@example.org";
        anna.firstName = "Anna";
        anna.lastName = "Berg";
        anna.lists = {"Newsletter"};
        anna.fields = {{"Loyalty points", "7"}};
        for (const Contact& c : {zoe, jose, anna}) {
            auto id = m_repo->add(c);
            if (!id.ok()) {
                qWarning("%s", qPrintable(id.error().message));
                return {};
            }
            ids.append(id.value());
        }
        return ids;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<ContactRepository> m_repo;
};

QTEST_GUILESS_MAIN(TestContactExporter)
#include "test_contact_exporter.moc"
