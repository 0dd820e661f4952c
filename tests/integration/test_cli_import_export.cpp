#include "core/storage/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <initializer_list>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out).array(); }
};

// Arguments written as UTF-8 literals: words({"import", "--tag", "Köln"}).
QStringList words(std::initializer_list<const char*> list)
{
    QStringList result;
    for (const char* word : list) {
        result.append(QString::fromUtf8(word));
    }
    return result;
}

QString dataFile(const char* relative)
{
    return QStringLiteral(MAILROOM_TEST_DATA_DIR "/") + QString::fromUtf8(relative);
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// `rows` new contacts, each note with a line break; written a megabyte at a time.
bool writeBuyersCsv(const QString& path, int rows)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        return false;
    }
    QByteArray chunk = "Email,First name,Last name,Company,City,Loyalty points,Notes\n";
    for (int i = 0; i < rows; ++i) {
        const QByteArray n = QByteArray::number(i);
        chunk += "buyer" + n + "@shop" + QByteArray::number(i % 97) + ".example,Buyer,N" + n + ",Firma " +
                 QByteArray::number(i % 1000) + ",Stadt," + QByteArray::number(i % 500) + ",\"Note for row " + n +
                 "\nsecond line\"\n";
        if (chunk.size() > (1 << 20) || i + 1 == rows) {
            if (out.write(chunk) != chunk.size()) {
                return false;
            }
            chunk.clear();
        }
    }
    return out.flush();
}

// A contact as `contacts search --json` prints it, without what a new workspace assigns anew.
QJsonObject withoutIdentity(QJsonObject contact)
{
    contact.remove(QStringLiteral("id"));
    contact.remove(QStringLiteral("created_at"));
    contact.remove(QStringLiteral("updated_at"));
    return contact;
}

QJsonArray sortedByEmail(const QJsonArray& contacts)
{
    QList<QJsonObject> list;
    for (const QJsonValue& value : contacts) {
        list.append(withoutIdentity(value.toObject()));
    }
    std::sort(list.begin(), list.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return a.value(QStringLiteral("email")).toString() < b.value(QStringLiteral("email")).toString();
    });
    QJsonArray result;
    for (const QJsonObject& contact : list) {
        result.append(contact);
    }
    return result;
}

} // namespace

// `mailroom-cli import` and `export` through the real binary: the summary and its JSON keys,
// exit statuses, dry runs, error reports, saved mappings, duplicates, a CSV round trip, and
// the all-or-nothing promise under SIGKILL.
class TestCliImportExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void importsGoogleContactsWithTheDocumentedJsonKeys();
    void textSummaryNamesEveryCountAndTheFirstProblems();
    void importsGermanExcelInWindows1252();
    void encodingAndDelimiterOverridesAreHonoured();
    void importsVCardsFromPhonesAndApps();
    void dryRunReportsButLeavesTheWorkspaceUnchanged();
    void errorReportHoldsTheRejectedRows();
    void nothingImportableExitsWithOneAndKeepsNothing();
    void brokenFileImportsNothingRaggedRowsAreReported();
    void badUsageExitsWithTwo_data();
    void badUsageExitsWithTwo();
    void missingFilesAndLockedWorkspaceExitWithOne();
    void savedMappingAppliesToReorderedColumns();
    void brokenMappingFileIsNamed();
    void listAndTagsJoinEveryImportedContact();
    void onDuplicatePolicies();
    void exportsEachFormatAndScope();
    void exportRunsWhileTheWindowHoldsTheWorkspace();
    void csvRoundTripGivesTheSameContacts();
    void vcardExportReadsBack();
    void killedImportLeavesTheWorkspaceAsItWas();
    void interruptedImportSaysSoAndKeepsNothing();
    void importKilledNearItsEndIsAllOrNothing();

private:
    Run cli(const QStringList& args);
    Run ws(const QStringList& args) { return cli(QStringList{QStringLiteral("--workspace"), m_path} + args); }
    Run wsAt(const QString& path, const QStringList& args)
    {
        return cli(QStringList{QStringLiteral("--workspace"), path} + args);
    }
    QJsonArray contacts(const QString& path);
    QJsonObject contact(const QString& email);
    // Everything a user could see of a workspace: contacts, fields, tags and lists.
    QByteArray snapshot(const QString& path);
    QString file(const QString& name) const { return m_dir->filePath(name); }
    // Starts `import csv --list "Big import" --tag bulk` and SIGKILLs it after afterMs; false
    // when it had finished by then (successfully, or the test fails).
    bool importAndKill(const QString& workspace, const QString& csv, int afterMs);
    // Opens the workspace as the window would, checks it is sound and its search index matches
    // its contacts, and returns how many contacts it holds (-1 and a failure otherwise).
    qint64 checkWorkspaceAfterKill(const QString& path);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

Run TestCliImportExport::cli(const QStringList& args)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("MAILROOM_WORKSPACE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MAILROOM_CLI_PATH), args);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        qWarning("mailroom-cli did not finish: %s", qPrintable(args.join(QLatin1Char(' '))));
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonArray TestCliImportExport::contacts(const QString& path)
{
    const Run run = wsAt(path, words({"--json", "contacts", "search", "", "--limit", "100000"}));
    if (run.exitCode != 0) {
        qWarning("contacts search failed: %s", run.err.constData());
    }
    return run.array();
}

QJsonObject TestCliImportExport::contact(const QString& email)
{
    const Run run = ws({QStringLiteral("--json"), QStringLiteral("contacts"), QStringLiteral("show"), email});
    if (run.exitCode != 0) {
        qWarning("contacts show %s failed: %s", qPrintable(email), run.err.constData());
    }
    return run.object();
}

QByteArray TestCliImportExport::snapshot(const QString& path)
{
    QByteArray all = QJsonDocument(contacts(path)).toJson();
    for (const char* command : {"fields", "tags", "lists"}) {
        all += wsAt(path, {QStringLiteral("--json"), QString::fromLatin1(command)}).out;
    }
    return all;
}

void TestCliImportExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("shop.mailroom"));
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
}

void TestCliImportExport::importsGoogleContactsWithTheDocumentedJsonKeys()
{
    const Run run =
        ws(QStringList{QStringLiteral("import"), dataFile("import/google_contacts.csv")} + words({"--json"}));
    QVERIFY2(run.exitCode == 0, run.err);
    QVERIFY2(run.err.isEmpty(), run.err); // no progress when stderr is not a terminal
    const QJsonObject summary = run.object();
    const QStringList keys = summary.keys();
    QCOMPARE(
        QSet<QString>(keys.cbegin(), keys.cend()),
        (QSet<QString>{QStringLiteral("rows_read"), QStringLiteral("created"), QStringLiteral("updated"),
                       QStringLiteral("unchanged"), QStringLiteral("invalid"), QStringLiteral("duplicates_in_file"),
                       QStringLiteral("kept_unsubscribed"), QStringLiteral("created_fields"),
                       QStringLiteral("error_report"), QStringLiteral("committed"), QStringLiteral("dry_run"),
                       QStringLiteral("elapsed_ms"), QStringLiteral("problems"), QStringLiteral("warnings")}));
    QCOMPARE(summary.value(QStringLiteral("rows_read")).toInteger(), 2);
    QCOMPARE(summary.value(QStringLiteral("created")).toInteger(), 2);
    QCOMPARE(summary.value(QStringLiteral("updated")).toInteger(), 0);
    QCOMPARE(summary.value(QStringLiteral("invalid")).toInteger(), 0);
    QCOMPARE(summary.value(QStringLiteral("committed")).toBool(), true);
    QCOMPARE(summary.value(QStringLiteral("dry_run")).toBool(), false);
    QVERIFY(summary.value(QStringLiteral("error_report")).isNull());
    QVERIFY(summary.value(QStringLiteral("elapsed_ms")).isDouble());
    QCOMPARE(summary.value(QStringLiteral("problems")).toArray(), QJsonArray{});
    QCOMPARE(summary.value(QStringLiteral("created_fields")).toArray(),
             (QJsonArray{QStringLiteral("Nickname"), QStringLiteral("Birthday")}));

    const QJsonObject jane = contact(QStringLiteral("jane@example.com"));
    QCOMPARE(jane.value(QStringLiteral("first_name")).toString(), QStringLiteral("Jane"));
    QCOMPARE(jane.value(QStringLiteral("notes")).toString(),
             QStringLiteral("Met at the fair.\nLikes \"dark\" roast,\nasks for invoices by post."));
    QCOMPARE(jane.value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("Customers")});
    QCOMPARE(jane.value(QStringLiteral("fields")).toObject().value(QStringLiteral("Birthday")).toString(),
             QStringLiteral("1985-04-12"));
    QCOMPARE(contact(QStringLiteral("jose@example.es")).value(QStringLiteral("last_name")).toString(),
             QString::fromUtf8("Núñez"));
    const QJsonArray fields = ws(words({"--json", "fields"})).array();
    QVERIFY2(QJsonDocument(fields).toJson().contains("\"date\""), QJsonDocument(fields).toJson());
}

void TestCliImportExport::textSummaryNamesEveryCountAndTheFirstProblems()
{
    QByteArray csv = "Email,First name\nann@example.com,Ann\n";
    for (int i = 0; i < 8; ++i) {
        csv += "broken" + QByteArray::number(i) + "@@example.com,Broken\n";
    }
    csv += "ANN@example.com,Ann again\n";
    QVERIFY(writeFile(file(QStringLiteral("some_bad.csv")), csv));
    const Run run = ws({QStringLiteral("import"), file(QStringLiteral("some_bad.csv"))});
    QVERIFY2(run.exitCode == 0, run.err);
    const QString text = run.outText();
    for (const char* label : {"Rows read", "New contacts", "Updated", "Unchanged", "Invalid", "Duplicates in file",
                              "Kept unsubscribed", "rows/s"}) {
        QVERIFY2(text.contains(QLatin1String(label)), qPrintable(text));
    }
    QVERIFY2(text.contains(QStringLiteral("line 3:")) && text.contains(QStringLiteral("broken0@@example.com")),
             qPrintable(text));
    // The first five problems, then a pointer to the rest.
    QVERIFY2(!text.contains(QStringLiteral("line 8:")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("4 more")), qPrintable(text));
    QVERIFY(QJsonDocument::fromJson(run.out).isNull());
}

void TestCliImportExport::importsGermanExcelInWindows1252()
{
    const Run run = ws(QStringList{QStringLiteral("--json"), QStringLiteral("import"),
                                   dataFile("import/excel_german_windows1252.csv")});
    QVERIFY2(run.exitCode == 0, run.err);
    QCOMPARE(run.object().value(QStringLiteral("created")).toInteger(), 3);
    const QJsonObject juergen = contact(QStringLiteral("juergen.mueller@example.de"));
    QCOMPARE(juergen.value(QStringLiteral("first_name")).toString(), QString::fromUtf8("Jürgen"));
    QCOMPARE(juergen.value(QStringLiteral("last_name")).toString(), QString::fromUtf8("Müller"));
    QCOMPARE(juergen.value(QStringLiteral("city")).toString(), QString::fromUtf8("Köln"));
    QCOMPARE(juergen.value(QStringLiteral("fields")).toObject().value(QStringLiteral("Betrag")).toString(),
             QString::fromUtf8("12,50 €"));
    // A quoted field holding the delimiter and doubled quotes.
    QCOMPARE(contact(QStringLiteral("grete.weiss@example.de"))
                 .value(QStringLiteral("fields"))
                 .toObject()
                 .value(QStringLiteral("Betrag"))
                 .toString(),
             QString::fromUtf8("3;5 € (Rabatt \"Sommer\")"));
}

void TestCliImportExport::encodingAndDelimiterOverridesAreHonoured()
{
    // Told the right encoding and delimiter, the file reads as detection reads it.
    const Run right = ws(QStringList{QStringLiteral("import"), dataFile("import/excel_german_windows1252.csv")} +
                         words({"--encoding", "windows-1252", "--delimiter", ";", "--json"}));
    QVERIFY2(right.exitCode == 0, right.err);
    QCOMPARE(contact(QStringLiteral("oemer@example.de")).value(QStringLiteral("first_name")).toString(),
             QString::fromUtf8("Ömer"));

    // Told a wrong encoding, the file is read in it: the override is not second-guessed.
    const QString other = file(QStringLiteral("other.mailroom"));
    QCOMPARE(wsAt(other, {QStringLiteral("init")}).exitCode, 0);
    const Run wrong =
        wsAt(other, QStringList{QStringLiteral("import"), dataFile("import/excel_german_windows1252.csv")} +
                        words({"--encoding", "UTF-8"}));
    QVERIFY2(wrong.exitCode == 0, wrong.err);
    const QJsonObject oemer = wsAt(other, words({"--json", "contacts", "show", "oemer@example.de"})).object();
    QVERIFY2(oemer.value(QStringLiteral("first_name")).toString().contains(QChar(0xFFFD)),
             qPrintable(oemer.value(QStringLiteral("first_name")).toString()));

    // A tab-separated file, named by the word and by "\t".
    QVERIFY(writeFile(file(QStringLiteral("tabs.txt")), "Email\tFirst name\nt1@example.com\tTabea\n"));
    for (const char* tab : {"tab", "\\t"}) {
        const QString path = file(QStringLiteral("tab-%1.mailroom").arg(QLatin1String(tab) == QLatin1String("tab")));
        QCOMPARE(wsAt(path, {QStringLiteral("init")}).exitCode, 0);
        const Run run = wsAt(path, {QStringLiteral("import"), file(QStringLiteral("tabs.txt")),
                                    QStringLiteral("--delimiter"), QString::fromLatin1(tab)});
        QVERIFY2(run.exitCode == 0, run.err);
        QCOMPARE(wsAt(path, words({"--json", "contacts", "show", "t1@example.com"}))
                     .object()
                     .value(QStringLiteral("first_name"))
                     .toString(),
                 QStringLiteral("Tabea"));
    }
}

void TestCliImportExport::importsVCardsFromPhonesAndApps()
{
    for (const char* name :
         {"vcard/apple_contacts.vcf", "vcard/google_contacts.vcf", "vcard/nokia_2_1.vcf", "vcard/vcard_4_0.vcf"}) {
        const Run run = ws({QStringLiteral("--json"), QStringLiteral("import"), dataFile(name)});
        QVERIFY2(run.exitCode == 0, run.err);
        QCOMPARE(run.object().value(QStringLiteral("invalid")).toInteger(), 0);
        QVERIFY(run.object().value(QStringLiteral("created")).toInteger() > 0);
    }
    // Quoted-printable UTF-8 from an old Nokia, with a line break in the note.
    const QJsonObject bjorn = contact(QStringLiteral("bjorn@example.se"));
    QCOMPARE(bjorn.value(QStringLiteral("first_name")).toString(), QString::fromUtf8("Björn"));
    QCOMPARE(bjorn.value(QStringLiteral("last_name")).toString(), QString::fromUtf8("Ångström"));
    QVERIFY(bjorn.value(QStringLiteral("notes")).toString().contains(QLatin1Char('\n')));
    // The preferred of two addresses.
    QCOMPARE(contact(QStringLiteral("kenji@home.example.jp")).value(QStringLiteral("first_name")).toString(),
             QStringLiteral("Kenji"));

    // One broken card among good ones: the good ones go in, the broken one is reported.
    const QString report = file(QStringLiteral("broken.csv"));
    const Run broken = ws(QStringList{QStringLiteral("--json"), QStringLiteral("import"),
                                      dataFile("vcard/one_broken.vcf"), QStringLiteral("--errors"), report});
    QVERIFY2(broken.exitCode == 0, broken.err);
    QCOMPARE(broken.object().value(QStringLiteral("created")).toInteger(), 2);
    QCOMPARE(broken.object().value(QStringLiteral("invalid")).toInteger(), 1);
    const QJsonObject problem = broken.object().value(QStringLiteral("problems")).toArray().at(0).toObject();
    QCOMPARE(problem.value(QStringLiteral("line")).toInteger(), 7);
    QVERIFY2(problem.value(QStringLiteral("reason")).toString().contains(QStringLiteral("this line is garbage")),
             qPrintable(problem.value(QStringLiteral("reason")).toString()));
    QVERIFY(readFile(report).contains("broken@example.com"));

    // A card read with a compromise is imported, and the summary says what the compromise was.
    const QString odd = file(QStringLiteral("odd.vcf"));
    QVERIFY(writeFile(odd, "BEGIN:VCARD\r\nVERSION:9.9\r\nFN:Odd Card\r\nEMAIL:odd@example.com\r\n"
                           "END:VCARD\r\n"));
    const Run warned = ws({QStringLiteral("--json"), QStringLiteral("import"), odd});
    QVERIFY2(warned.exitCode == 0, warned.err);
    const QJsonArray warnings = warned.object().value(QStringLiteral("warnings")).toArray();
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.at(0).toObject().value(QStringLiteral("line")).toInteger(), 1);
    QVERIFY2(warnings.at(0).toObject().value(QStringLiteral("warning")).toString().contains(QStringLiteral("9.9")),
             qPrintable(warnings.at(0).toObject().value(QStringLiteral("warning")).toString()));
}

void TestCliImportExport::dryRunReportsButLeavesTheWorkspaceUnchanged()
{
    QCOMPARE(ws(words({"contacts", "add", "--email", "jane@example.com", "--first-name", "Janet"})).exitCode, 0);
    const QByteArray before = snapshot(m_path);
    const Run run =
        ws(QStringList{QStringLiteral("--json"), QStringLiteral("import"), dataFile("import/google_contacts.csv")} +
           words({"--dry-run", "--list", "Fair 2025", "--tag", "imported", "--on-duplicate", "overwrite"}));
    QVERIFY2(run.exitCode == 0, run.err);
    const QJsonObject summary = run.object();
    QCOMPARE(summary.value(QStringLiteral("dry_run")).toBool(), true);
    QCOMPARE(summary.value(QStringLiteral("committed")).toBool(), false);
    // What it would have done...
    QCOMPARE(summary.value(QStringLiteral("created")).toInteger(), 1);
    QCOMPARE(summary.value(QStringLiteral("updated")).toInteger(), 1);
    QCOMPARE(summary.value(QStringLiteral("created_fields")).toArray().size(), 2);
    // ...and nothing of it done: no contact, field, tag or list.
    QCOMPARE(snapshot(m_path), before);

    const Run text =
        ws(QStringList{QStringLiteral("import"), dataFile("import/google_contacts.csv"), QStringLiteral("--dry-run")});
    QVERIFY2(text.exitCode == 0, text.err);
    QVERIFY2(text.outText().contains(QStringLiteral("Dry run")), text.out);
    QCOMPARE(snapshot(m_path), before);
}

void TestCliImportExport::errorReportHoldsTheRejectedRows()
{
    const QByteArray csv = "Email,First name,Notes\n"
                           "ok@example.com,Olga,fine\n"
                           "not-an-address,Nora,\"two\nlines\"\n"
                           "OK@example.com,Olga again,dup\n"
                           "also.ok@example.com,Alf,\n";
    QVERIFY(writeFile(file(QStringLiteral("mixed.csv")), csv));
    const QString report = file(QStringLiteral("reports/errors.csv"));
    QVERIFY(QDir().mkpath(file(QStringLiteral("reports"))));
    const Run run = ws({QStringLiteral("--json"), QStringLiteral("import"), file(QStringLiteral("mixed.csv")),
                        QStringLiteral("--errors"), report});
    QVERIFY2(run.exitCode == 0, run.err);
    const QJsonObject summary = run.object();
    QCOMPARE(summary.value(QStringLiteral("created")).toInteger(), 2);
    QCOMPARE(summary.value(QStringLiteral("invalid")).toInteger(), 1);
    QCOMPARE(summary.value(QStringLiteral("duplicates_in_file")).toInteger(), 1);
    QCOMPARE(summary.value(QStringLiteral("error_report")).toString(), report);
    const QJsonArray problems = summary.value(QStringLiteral("problems")).toArray();
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).toObject().value(QStringLiteral("line")).toInteger(), 3);
    QVERIFY(problems.at(0)
                .toObject()
                .value(QStringLiteral("reason"))
                .toString()
                .contains(QStringLiteral("not-an-address")));
    QCOMPARE(problems.at(1).toObject().value(QStringLiteral("line")).toInteger(), 5);

    const QString written = QString::fromUtf8(readFile(report));
    QVERIFY2(written.startsWith(QStringLiteral("Line,Problem,Raw row,Email,First name,Notes")), qPrintable(written));
    QVERIFY2(written.contains(QStringLiteral("\n3,")) && written.contains(QStringLiteral("\n5,")), qPrintable(written));
    QVERIFY2(!written.contains(QStringLiteral("also.ok@example.com")), qPrintable(written));

    // Text mode names the report.
    const Run text = ws({QStringLiteral("import"), file(QStringLiteral("mixed.csv")), QStringLiteral("--errors"),
                         file(QStringLiteral("again.csv"))});
    QVERIFY2(text.exitCode == 0, text.err);
    QVERIFY2(text.outText().contains(file(QStringLiteral("again.csv"))), text.out);
}

void TestCliImportExport::nothingImportableExitsWithOneAndKeepsNothing()
{
    const QByteArray before = snapshot(m_path);
    QVERIFY(writeFile(file(QStringLiteral("all_bad.csv")),
                      "Email,First name,Shoe size\nnobody,Ann,42\n@example.com,Bob,43\n"));
    for (const bool dryRun : {false, true}) {
        QStringList args = {QStringLiteral("--json"), QStringLiteral("import"), file(QStringLiteral("all_bad.csv"))};
        if (dryRun) {
            args.append(QStringLiteral("--dry-run"));
        }
        const Run run = ws(args);
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.errText().contains(QStringLiteral("Nothing was imported")), run.err);
        QVERIFY2(run.errText().contains(QStringLiteral("line 2")), run.err);
        QCOMPARE(run.object().value(QStringLiteral("invalid")).toInteger(), 2);
        QCOMPARE(run.object().value(QStringLiteral("committed")).toBool(), false);
        // Not even the custom field the mapping would have made.
        QCOMPARE(snapshot(m_path), before);
    }
    // The text summary does not claim a field was made when the import kept nothing.
    const Run text = ws({QStringLiteral("import"), file(QStringLiteral("all_bad.csv"))});
    QCOMPARE(text.exitCode, 1);
    QVERIFY2(!text.outText().contains(QStringLiteral("Created custom fields")), text.out);
    QVERIFY2(text.outText().contains(QStringLiteral("Shoe size")), text.out);

    QVERIFY(writeFile(file(QStringLiteral("header_only.csv")), "Email,First name\n"));
    const Run empty = ws({QStringLiteral("import"), file(QStringLiteral("header_only.csv"))});
    QCOMPARE(empty.exitCode, 1);
    QVERIFY2(empty.errText().contains(QStringLiteral("no rows")), empty.err);
}

void TestCliImportExport::brokenFileImportsNothingRaggedRowsAreReported()
{
    // A quote left open at the end: the file cannot be read to its end, so nothing is kept,
    // not even the rows before the quote.
    const QString unterminated = dataFile("import/unterminated_quote.csv");
    const Run broken = ws({QStringLiteral("import"), unterminated});
    QCOMPARE(broken.exitCode, 1);
    QCOMPARE(broken.err.count('\n'), 1);
    QVERIFY2(broken.errText().contains(unterminated) && broken.errText().contains(QStringLiteral("Line 3")),
             broken.err);
    QCOMPARE(contacts(m_path).size(), 0);

    // Rows with too few or too many fields are reported, the others imported.
    const Run ragged = ws({QStringLiteral("--json"), QStringLiteral("import"), dataFile("import/ragged.csv")});
    QVERIFY2(ragged.exitCode == 0, ragged.err);
    QCOMPARE(ragged.object().value(QStringLiteral("created")).toInteger(), 2);
    QCOMPARE(ragged.object().value(QStringLiteral("invalid")).toInteger(), 2);
    const QJsonArray problems = ragged.object().value(QStringLiteral("problems")).toArray();
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).toObject().value(QStringLiteral("line")).toInteger(), 3);
    QCOMPARE(problems.at(1).toObject().value(QStringLiteral("line")).toInteger(), 5);
}

void TestCliImportExport::badUsageExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named"); // what the message must name

    const QString csv = dataFile("import/google_contacts.csv");
    QTest::newRow("import without FILE") << words({"import"}) << QStringLiteral("FILE");
    QTest::newRow("unknown delimiter") << QStringList{QStringLiteral("import"), csv, QStringLiteral("--delimiter"),
                                                      QStringLiteral("#")}
                                       << QStringLiteral("\"#\"");
    QTest::newRow("unknown encoding") << QStringList{QStringLiteral("import"), csv, QStringLiteral("--encoding"),
                                                     QStringLiteral("klingon-8")}
                                      << QStringLiteral("klingon-8");
    QTest::newRow("unknown policy") << QStringList{QStringLiteral("import"), csv, QStringLiteral("--on-duplicate"),
                                                   QStringLiteral("merge")}
                                    << QStringLiteral("merge");
    QTest::newRow("unknown import option")
        << QStringList{QStringLiteral("import"), csv, QStringLiteral("--format"), QStringLiteral("csv")}
        << QStringLiteral("--format");
    QTest::newRow("two lists") << QStringList{QStringLiteral("import"), csv,
                                              QStringLiteral("--list"), QStringLiteral("a"),
                                              QStringLiteral("--list"), QStringLiteral("b")}
                               << QStringLiteral("--list");
    QTest::newRow("export without FILE") << words({"export"}) << QStringLiteral("FILE");
    QTest::newRow("unknown format") << words({"export", "out.pdf", "--format", "pdf"}) << QStringLiteral("pdf");
    QTest::newRow("excel vcard") << words({"export", "out.vcf", "--excel"}) << QStringLiteral("--excel");
}

void TestCliImportExport::badUsageExitsWithTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const QByteArray before = snapshot(m_path);
    const Run run = ws(args);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.errText().contains(named), run.err);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(snapshot(m_path), before);
}

void TestCliImportExport::missingFilesAndLockedWorkspaceExitWithOne()
{
    const QString missing = file(QStringLiteral("no_such_file.csv"));
    const Run run = ws({QStringLiteral("import"), missing});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errText().contains(missing), run.err);

    const Run noWorkspace = wsAt(file(QStringLiteral("nowhere.mailroom")),
                                 {QStringLiteral("import"), dataFile("import/google_contacts.csv")});
    QCOMPARE(noWorkspace.exitCode, 1);
    QVERIFY(!QFile::exists(file(QStringLiteral("nowhere.mailroom"))));

    // An import writes, so it needs the workspace to itself.
    auto held = Workspace::open(m_path);
    QVERIFY(held.ok());
    const Run locked = ws({QStringLiteral("import"), dataFile("import/google_contacts.csv")});
    QCOMPARE(locked.exitCode, 1);
    QVERIFY2(locked.errText().contains(QStringLiteral("another Mailroom")), locked.err);
    held.value().reset();

    const Run unwritable = ws({QStringLiteral("import"), dataFile("import/google_contacts.csv"),
                               QStringLiteral("--errors"), file(QStringLiteral("no/such/dir/errors.csv"))});
    QCOMPARE(unwritable.exitCode, 1);
    QVERIFY2(unwritable.errText().contains(QStringLiteral("no/such/dir/errors.csv")), unwritable.err);
    QCOMPARE(contacts(m_path).size(), 0);
}

void TestCliImportExport::savedMappingAppliesToReorderedColumns()
{
    // Saved from a file with columns Kunde, Mail, Geburtstag, Gruppen, Fax...
    const QJsonObject saved{
        {QStringLiteral("version"), 1},
        {QStringLiteral("columns"),
         QJsonArray{
             QJsonObject{{QStringLiteral("header"), QStringLiteral("Kunde")},
                         {QStringLiteral("target"), QStringLiteral("full_name")}},
             QJsonObject{{QStringLiteral("header"), QStringLiteral("Mail")},
                         {QStringLiteral("target"), QStringLiteral("email")}},
             QJsonObject{{QStringLiteral("header"), QStringLiteral("Geburtstag")},
                         {QStringLiteral("target"), QStringLiteral("field")},
                         {QStringLiteral("field"), QStringLiteral("Birthday")},
                         {QStringLiteral("type"), QStringLiteral("date")}},
             QJsonObject{{QStringLiteral("header"), QStringLiteral("Gruppen")},
                         {QStringLiteral("target"), QStringLiteral("tags")},
                         {QStringLiteral("separator"), QStringLiteral("/")}},
             QJsonObject{{QStringLiteral("header"), QStringLiteral("Fax")},
                         {QStringLiteral("target"), QStringLiteral("ignore")}},
         }},
    };
    const QString mapping = file(QStringLiteral("kunden.json"));
    QVERIFY(writeFile(mapping, QJsonDocument(saved).toJson()));
    // ...applied to this month's file, whose columns come in another order.
    QVERIFY(
        writeFile(file(QStringLiteral("kunden_mai.csv")),
                  QString::fromUtf8("Fax;Gruppen;Mail;Kunde;Geburtstag\n"
                                    "0301234;Stammkunde/Newsletter;anna.schmidt@example.de;Anna Schmidt;1980-02-29\n"
                                    ";Neukunde;bo@example.de;Bo Ek;\n")
                      .toUtf8()));
    const Run run = ws({QStringLiteral("--json"), QStringLiteral("import"), file(QStringLiteral("kunden_mai.csv")),
                        QStringLiteral("--mapping"), mapping});
    QVERIFY2(run.exitCode == 0, run.err);
    QCOMPARE(run.object().value(QStringLiteral("created")).toInteger(), 2);
    QCOMPARE(run.object().value(QStringLiteral("created_fields")).toArray(), QJsonArray{QStringLiteral("Birthday")});
    const QJsonObject anna = contact(QStringLiteral("anna.schmidt@example.de"));
    QCOMPARE(anna.value(QStringLiteral("first_name")).toString(), QStringLiteral("Anna"));
    QCOMPARE(anna.value(QStringLiteral("last_name")).toString(), QStringLiteral("Schmidt"));
    QCOMPARE(anna.value(QStringLiteral("tags")).toArray(),
             (QJsonArray{QStringLiteral("Newsletter"), QStringLiteral("Stammkunde")}));
    QCOMPARE(anna.value(QStringLiteral("fields")).toObject(),
             (QJsonObject{{QStringLiteral("Birthday"), QStringLiteral("1980-02-29")}}));
    // The field has the saved type, and the ignored column left no trace.
    const QJsonArray fields = ws(words({"--json", "fields"})).array();
    QCOMPARE(fields, (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Birthday")},
                                             {QStringLiteral("type"), QStringLiteral("date")}}}));
}

void TestCliImportExport::brokenMappingFileIsNamed()
{
    const QString csv = dataFile("import/google_contacts.csv");
    const QString notJson = file(QStringLiteral("broken.json"));
    QVERIFY(writeFile(notJson, "{\"version\": 1, \"columns\": ["));
    const QString wrongVersion = file(QStringLiteral("v7.json"));
    QVERIFY(writeFile(wrongVersion, "{\"version\": 7, \"columns\": []}"));
    const QString missing = file(QStringLiteral("missing.json"));
    // Valid JSON, but a country that does not exist: still the mapping file's fault.
    const QString badRegion = file(QStringLiteral("region.json"));
    QVERIFY(writeFile(badRegion, "{\"version\": 1, \"phoneRegion\": \"XQ\", \"columns\": []}"));
    for (const QString& mapping : {notJson, wrongVersion, missing, badRegion}) {
        const Run run = ws({QStringLiteral("import"), csv, QStringLiteral("--mapping"), mapping});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.errText().contains(mapping), run.err);
    }
    QCOMPARE(contacts(m_path).size(), 0);
}

void TestCliImportExport::listAndTagsJoinEveryImportedContact()
{
    const Run run = ws(QStringList{QStringLiteral("import"), dataFile("import/google_contacts.csv")} +
                       words({"--list", "Fair 2025", "--tag", "fair", "--tag", "Köln"}));
    QVERIFY2(run.exitCode == 0, run.err);
    for (const QJsonValue& value : contacts(m_path)) {
        const QJsonObject c = value.toObject();
        QCOMPARE(c.value(QStringLiteral("lists")).toArray(), QJsonArray{QStringLiteral("Fair 2025")});
        const QJsonArray tags = c.value(QStringLiteral("tags")).toArray();
        QVERIFY(tags.contains(QStringLiteral("fair")));
        QVERIFY(tags.contains(QString::fromUtf8("Köln")));
    }
    const QJsonArray lists = ws(words({"--json", "lists"})).array();
    QCOMPARE(lists, (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Fair 2025")},
                                            {QStringLiteral("contacts"), 2}}}));
}

void TestCliImportExport::onDuplicatePolicies()
{
    QVERIFY(writeFile(file(QStringLiteral("update.csv")),
                      "Email,First name,Company,City\nJANE@example.com,Jane,Acme,Berlin\nnew@example.com,New,,\n"));
    struct Expected
    {
        const char* policy;
        const char* firstName;
        const char* company;
        qint64 updated;
        qint64 unchanged;
    };
    for (const Expected& e : {Expected{"skip", "Janet", "", 0, 1}, Expected{"fill", "Janet", "Acme", 1, 0},
                              Expected{"overwrite", "Jane", "Acme", 1, 0}}) {
        const QString path = file(QStringLiteral("%1.mailroom").arg(QLatin1String(e.policy)));
        QCOMPARE(wsAt(path, {QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(wsAt(path, words({"contacts", "add", "--email", "jane@example.com", "--first-name", "Janet", "--city",
                                   "Paris", "--status", "unsubscribed"}))
                     .exitCode,
                 0);
        const Run run =
            wsAt(path, {QStringLiteral("--json"), QStringLiteral("import"), file(QStringLiteral("update.csv")),
                        QStringLiteral("--on-duplicate"), QString::fromLatin1(e.policy)});
        QVERIFY2(run.exitCode == 0, run.err);
        const QJsonObject summary = run.object();
        QCOMPARE(summary.value(QStringLiteral("created")).toInteger(), 1);
        QCOMPARE(summary.value(QStringLiteral("updated")).toInteger(), e.updated);
        QCOMPARE(summary.value(QStringLiteral("unchanged")).toInteger(), e.unchanged);
        QCOMPARE(summary.value(QStringLiteral("kept_unsubscribed")).toInteger(), 1);
        const QJsonObject jane = wsAt(path, words({"--json", "contacts", "show", "jane@example.com"})).object();
        QCOMPARE(jane.value(QStringLiteral("first_name")).toString(), QString::fromLatin1(e.firstName));
        QCOMPARE(jane.value(QStringLiteral("company")).toString(), QString::fromLatin1(e.company));
        QCOMPARE(jane.value(QStringLiteral("city")).toString(), QLatin1String(e.policy) == QLatin1String("overwrite")
                                                                    ? QStringLiteral("Berlin")
                                                                    : QStringLiteral("Paris"));
        // A file never resubscribes anyone.
        QCOMPARE(jane.value(QStringLiteral("status")).toString(), QStringLiteral("unsubscribed"));
    }
    const Run text =
        wsAt(file(QStringLiteral("skip.mailroom")), {QStringLiteral("import"), file(QStringLiteral("update.csv"))});
    QVERIFY2(text.exitCode == 0, text.err);
    QVERIFY2(text.outText().contains(QStringLiteral("unsubscribed")), text.out);
}

void TestCliImportExport::exportsEachFormatAndScope()
{
    QCOMPARE(ws(words({"contacts", "add", "--email", "a@example.com", "--first-name", "Åsa", "--tag", "vip", "--list",
                       "Newsletter"}))
                 .exitCode,
             0);
    QCOMPARE(ws(words({"contacts", "add", "--email", "b@example.com", "--first-name", "Bert", "--list", "Newsletter"}))
                 .exitCode,
             0);
    QCOMPARE(ws(words({"contacts", "add", "--email", "c@example.com", "--first-name", "Cleo", "--company",
                       "=HYPERLINK(\"x\")"}))
                 .exitCode,
             0);

    auto exported = [this](const QStringList& args) {
        const Run run = ws(QStringList{QStringLiteral("--json"), QStringLiteral("export")} + args);
        if (run.exitCode != 0) {
            qWarning("export failed: %s", run.err.constData());
            return qint64(-1);
        }
        return run.object().value(QStringLiteral("exported")).toInteger(-1);
    };
    const QString all = file(QStringLiteral("all.csv"));
    QCOMPARE(exported({all}), 3);
    const QByteArray allCsv = readFile(all);
    QVERIFY(allCsv.startsWith("Email,"));
    QVERIFY(allCsv.contains(QString::fromUtf8("Åsa").toUtf8()));
    QVERIFY2(allCsv.contains("'=HYPERLINK"), allCsv); // neutralised for spreadsheets

    const QString list = file(QStringLiteral("newsletter.csv"));
    QCOMPARE(exported({list, QStringLiteral("--list"), QStringLiteral("Newsletter")}), 2);
    QVERIFY(!readFile(list).contains("c@example.com"));
    QCOMPARE(exported({file(QStringLiteral("vip.csv")), QStringLiteral("--tag"), QStringLiteral("vip")}), 1);
    QCOMPARE(exported({file(QStringLiteral("q.csv")), QStringLiteral("--query"), QStringLiteral("cle")}), 1);
    QVERIFY(readFile(file(QStringLiteral("q.csv"))).contains("c@example.com"));

    const QString excel = file(QStringLiteral("excel.csv"));
    QCOMPARE(exported({excel, QStringLiteral("--excel")}), 3);
    QVERIFY2(readFile(excel).startsWith("\xEF\xBB\xBF"
                                        "Email;"),
             readFile(excel).left(20));

    const QString vcf = file(QStringLiteral("all.vcf"));
    QCOMPARE(exported({vcf}), 3);
    QCOMPARE(readFile(vcf).count("BEGIN:VCARD"), 3);
    QVERIFY(readFile(vcf).contains("VERSION:4.0"));
    const QString forced = file(QStringLiteral("cards.txt"));
    QCOMPARE(exported({forced, QStringLiteral("--format"), QStringLiteral("vcard"), QStringLiteral("--list"),
                       QStringLiteral("Newsletter")}),
             2);
    QCOMPARE(readFile(forced).count("BEGIN:VCARD"), 2);

    const Run text = ws({QStringLiteral("export"), file(QStringLiteral("text.csv"))});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.outText().contains(QStringLiteral("Exported 3 contacts")), text.out);

    for (const QStringList& unknown : {words({"--list", "Nope"}), words({"--tag", "Nada"})}) {
        const QString target = file(QStringLiteral("unknown.csv"));
        const Run run = ws(QStringList{QStringLiteral("export"), target} + unknown);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(unknown.at(1)), run.err);
        QVERIFY(!QFile::exists(target));
    }
}

void TestCliImportExport::exportRunsWhileTheWindowHoldsTheWorkspace()
{
    QCOMPARE(ws(words({"contacts", "add", "--email", "a@example.com"})).exitCode, 0);
    auto held = Workspace::open(m_path);
    QVERIFY(held.ok());
    const Run run = ws({QStringLiteral("export"), file(QStringLiteral("while_open.csv"))});
    QVERIFY2(run.exitCode == 0, run.err);
    QVERIFY(readFile(file(QStringLiteral("while_open.csv"))).contains("a@example.com"));
}

void TestCliImportExport::csvRoundTripGivesTheSameContacts()
{
    for (const char* field : {"Member since:date", "Orders:number", "Newsletter ok:yesno", "Shoe size:text"}) {
        const QStringList parts = QString::fromUtf8(field).split(QLatin1Char(':'));
        QCOMPARE(
            ws({QStringLiteral("fields"), QStringLiteral("add"), parts.at(0), QStringLiteral("--type"), parts.at(1)})
                .exitCode,
            0);
    }
    const QList<QStringList> people = {
        words({"--email",
               "zoe@example.fr",
               "--first-name",
               "Zoë",
               "--last-name",
               "Lefèvre-Ørsted",
               "--company",
               "Café \"Zur Sonne\", GmbH",
               "--notes",
               "Line one\nLine two, with a comma\r\nand \"quotes\"",
               "--city",
               "Zürich",
               "--country",
               "Schweiz",
               "--phone",
               "+41 44 123 45 67",
               "--tag",
               "vip",
               "--tag",
               "Ärzte",
               "--list",
               "Newsletter",
               "--list",
               "Spring sale",
               "--consent-date",
               "2024-03-01",
               "--consent-source",
               "Messe",
               "--field",
               "Member since=2019-07-15",
               "--field",
               "Orders=12.5",
               "--field",
               "Newsletter ok=yes",
               "--field",
               "Shoe size=38 ½"}),
        words({"--email", "kenji@example.jp", "--first-name", "健二", "--last-name", "田中", "--status", "unsubscribed",
               "--field", "Orders=-3", "--field", "Newsletter ok=no", "--notes", "=1+1 is a formula\n@home"}),
        words({"--email", "plain@example.com", "--status", "bounced", "--company", "-minus", "--street",
               "Hauptstraße 5", "--field", "Shoe size=42\nwide"}),
    };
    for (const QStringList& person : people) {
        const Run added = ws(QStringList{QStringLiteral("contacts"), QStringLiteral("add")} + person);
        QVERIFY2(added.exitCode == 0, added.err);
    }
    const QString csv = file(QStringLiteral("everyone.csv"));
    QCOMPARE(ws({QStringLiteral("export"), csv}).exitCode, 0);

    const QString fresh = file(QStringLiteral("fresh.mailroom"));
    QCOMPARE(wsAt(fresh, {QStringLiteral("init")}).exitCode, 0);
    const Run imported = wsAt(fresh, {QStringLiteral("--json"), QStringLiteral("import"), csv});
    QVERIFY2(imported.exitCode == 0, imported.err);
    QCOMPARE(imported.object().value(QStringLiteral("created")).toInteger(), 3);
    QCOMPARE(imported.object().value(QStringLiteral("invalid")).toInteger(), 0);

    const QJsonArray before = sortedByEmail(contacts(m_path));
    const QJsonArray after = sortedByEmail(contacts(fresh));
    QCOMPARE(before.size(), 3);
    if (after != before) {
        qWarning("before: %s\nafter: %s", QJsonDocument(before).toJson().constData(),
                 QJsonDocument(after).toJson().constData());
    }
    QCOMPARE(after, before);
    // The custom fields come back with their types.
    QCOMPARE(wsAt(fresh, words({"--json", "fields"})).out, ws(words({"--json", "fields"})).out);
}

void TestCliImportExport::vcardExportReadsBack()
{
    QCOMPARE(ws(words({"contacts", "add", "--email", "zoe@example.fr", "--first-name", "Zoë", "--last-name", "Lefèvre",
                       "--company", "Café; Bar", "--notes", "Line one\nLine two", "--tag", "vip"}))
                 .exitCode,
             0);
    const QString vcf = file(QStringLiteral("zoe.vcf"));
    QCOMPARE(ws({QStringLiteral("export"), vcf}).exitCode, 0);
    const QString fresh = file(QStringLiteral("fresh.mailroom"));
    QCOMPARE(wsAt(fresh, {QStringLiteral("init")}).exitCode, 0);
    const Run run = wsAt(fresh, {QStringLiteral("import"), vcf});
    QVERIFY2(run.exitCode == 0, run.err);
    const QJsonObject zoe = wsAt(fresh, words({"--json", "contacts", "show", "zoe@example.fr"})).object();
    QCOMPARE(zoe.value(QStringLiteral("first_name")).toString(), QString::fromUtf8("Zoë"));
    QCOMPARE(zoe.value(QStringLiteral("last_name")).toString(), QString::fromUtf8("Lefèvre"));
    QCOMPARE(zoe.value(QStringLiteral("company")).toString(), QStringLiteral("Café; Bar"));
    QCOMPARE(zoe.value(QStringLiteral("notes")).toString(), QStringLiteral("Line one\nLine two"));
    QCOMPARE(zoe.value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("vip")});
}

// All or nothing: SIGKILL at any moment of a big import leaves the workspace as it was, sound,
// and openable at once (the dead process's lock file is stale, not blocking).
void TestCliImportExport::killedImportLeavesTheWorkspaceAsItWas()
{
    constexpr int kRows = 200000;
    QCOMPARE(ws(words({"demo", "--contacts", "120", "--seed", "3"})).exitCode, 0);
    const QString big = file(QStringLiteral("big.csv"));
    QVERIFY(writeBuyersCsv(big, kRows));
    const QByteArray before = snapshot(m_path);
    QCOMPARE(contacts(m_path).size(), 120);

    int killedMidImport = 0;
    for (const int afterMs : {300, 1000, 2000, 300, 1000, 2000}) {
        const bool killed = importAndKill(m_path, big, afterMs);
        if (QTest::currentTestFailed()) {
            return;
        }
        if (!killed) {
            qWarning("the import finished within %d ms; nothing to kill", afterMs);
            break;
        }
        ++killedMidImport;
        const qint64 count = checkWorkspaceAfterKill(m_path);
        if (QTest::currentTestFailed()) {
            return;
        }
        if (count == 120 + kRows) {
            // Killed in the instant between the commit and the exit: all of it, also fine.
            qWarning("the import had committed when it was killed after %d ms", afterMs);
            break;
        }
        QCOMPARE(count, 120);
        QCOMPARE(snapshot(m_path), before);
    }
    QVERIFY2(killedMidImport >= 3, "the import was too fast to be killed during it");
    // And the next write through the CLI takes the lock as usual.
    QCOMPARE(ws(words({"contacts", "add", "--email", "after.the.kills@example.com"})).exitCode, 0);
    QCOMPARE(ws(words({"contacts", "show", "after.the.kills@example.com"})).exitCode, 0);
}

// Ctrl+C or a polite kill (SIGTERM) cancels the import, says so, and keeps nothing.
void TestCliImportExport::interruptedImportSaysSoAndKeepsNothing()
{
    constexpr int kRows = 200000;
    QCOMPARE(ws(words({"demo", "--contacts", "50", "--seed", "5"})).exitCode, 0);
    const QString big = file(QStringLiteral("interrupted.csv"));
    QVERIFY(writeBuyersCsv(big, kRows));
    const QByteArray before = snapshot(m_path);
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("MAILROOM_WORKSPACE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MAILROOM_CLI_PATH),
                  {QStringLiteral("--workspace"), m_path, QStringLiteral("import"), big});
    QVERIFY(process.waitForStarted());
    QThread::msleep(700);
    if (process.state() != QProcess::Running) {
        QSKIP("the import finished within 0.7 s; nothing to interrupt");
    }
    process.terminate(); // SIGTERM, as an init system or `kill` sends it
    QVERIFY(process.waitForFinished(120000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(err.contains(QStringLiteral("nothing was imported")), qPrintable(err));
    QCOMPARE(snapshot(m_path), before);
}

// The end of an import (the search index of the new rows, the commit) is where a kill could
// do most harm: kills swept across the last part of a timed import find none or all of it.
void TestCliImportExport::importKilledNearItsEndIsAllOrNothing()
{
    constexpr int kRows = 20000;
    QCOMPARE(ws(words({"demo", "--contacts", "120", "--seed", "4"})).exitCode, 0);
    const QString csv = file(QStringLiteral("buyers.csv"));
    QVERIFY(writeBuyersCsv(csv, kRows));
    const QByteArray before = snapshot(m_path);
    auto copyOfStart = [this](const QString& name) {
        const QString path = file(name);
        for (const QString& suffix : {QString(), QStringLiteral("-wal")}) {
            if (QFile::exists(m_path + suffix) && !QFile::copy(m_path + suffix, path + suffix)) {
                return QString();
            }
        }
        return path;
    };

    const QString timed = copyOfStart(QStringLiteral("timed.mailroom"));
    QVERIFY(!timed.isEmpty());
    QElapsedTimer timer;
    timer.start();
    const Run whole = wsAt(timed, {QStringLiteral("import"), csv, QStringLiteral("--list"),
                                   QStringLiteral("Big import"), QStringLiteral("--tag"), QStringLiteral("bulk")});
    const qint64 wholeMs = timer.elapsed();
    QVERIFY2(whole.exitCode == 0, whole.err);
    QCOMPARE(checkWorkspaceAfterKill(timed), 120 + kRows);

    int none = 0;
    int all = 0;
    for (const double fraction : {0.55, 0.65, 0.72, 0.78, 0.84, 0.9}) {
        const QString path = copyOfStart(QStringLiteral("late-%1.mailroom").arg(fraction));
        QVERIFY(!path.isEmpty());
        const int afterMs = int(double(wholeMs) * fraction);
        const bool killed = importAndKill(path, csv, afterMs);
        if (QTest::currentTestFailed()) {
            return;
        }
        const qint64 count = checkWorkspaceAfterKill(path);
        if (QTest::currentTestFailed()) {
            return;
        }
        if (count == 120) {
            QVERIFY(killed);
            QCOMPARE(snapshot(path), before);
            ++none;
        } else {
            QCOMPARE(count, 120 + kRows);
            ++all;
        }
    }
    qInfo("a whole import took %lld ms; of 6 kills near its end, %d left nothing and %d came after the commit", wholeMs,
          none, all);
}

bool TestCliImportExport::importAndKill(const QString& workspace, const QString& csv, int afterMs)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("MAILROOM_WORKSPACE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MAILROOM_CLI_PATH),
                  {QStringLiteral("--workspace"), workspace, QStringLiteral("import"), csv, QStringLiteral("--list"),
                   QStringLiteral("Big import"), QStringLiteral("--tag"), QStringLiteral("bulk")});
    if (!process.waitForStarted()) {
        QTest::qFail("mailroom-cli did not start", __FILE__, __LINE__);
        return false;
    }
    QThread::msleep(static_cast<unsigned long>(afterMs));
    const bool running = process.state() == QProcess::Running;
    if (running) {
        process.kill(); // SIGKILL: no destructor, no rollback, no lock release
    }
    if (!process.waitForFinished(120000)) {
        QTest::qFail("mailroom-cli did not stop", __FILE__, __LINE__);
        return false;
    }
    if (!running && (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)) {
        QTest::qFail(
            qPrintable(QStringLiteral("the import failed: ") + QString::fromUtf8(process.readAllStandardError())),
            __FILE__, __LINE__);
    }
    return running;
}

qint64 TestCliImportExport::checkWorkspaceAfterKill(const QString& path)
{
    // The window could open it right away: the lock file of a dead process is stale.
    auto reopened = Workspace::open(path);
    if (!reopened) {
        QTest::qFail(qPrintable(reopened.error().message), __FILE__, __LINE__);
        return -1;
    }
    QSqlQuery q(reopened.value()->database());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next() ||
        q.value(0).toString() != QLatin1String("ok")) {
        QTest::qFail(qPrintable(QStringLiteral("integrity_check: ") + q.value(0).toString()), __FILE__, __LINE__);
        return -1;
    }
    if (!q.exec(
            QStringLiteral("SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM contacts_fts),"
                           " (SELECT count(*) FROM contacts c WHERE c.id NOT IN (SELECT rowid FROM contacts_fts))")) ||
        !q.next()) {
        QTest::qFail("cannot count the contacts", __FILE__, __LINE__);
        return -1;
    }
    // The search index holds exactly the contacts.
    if (q.value(0).toLongLong() != q.value(1).toLongLong() || q.value(2).toLongLong() != 0) {
        QTest::qFail(qPrintable(QStringLiteral("%1 contacts but %2 in the search index")
                                    .arg(q.value(0).toLongLong())
                                    .arg(q.value(1).toLongLong())),
                     __FILE__, __LINE__);
        return -1;
    }
    return q.value(0).toLongLong();
}

QTEST_GUILESS_MAIN(TestCliImportExport)
#include "test_cli_import_export.moc"
