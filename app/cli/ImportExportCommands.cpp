#include "app/cli/ImportExportCommands.h"

#include "app/cli/WorkspaceCommands.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/contacts/export/ContactExporter.h"
#include "core/contacts/import/ColumnMapping.h"
#include "core/contacts/import/ContactImporter.h"
#include "core/contacts/import/ImportSource.h"
#include "core/contacts/import/TextDecoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <atomic>
#include <csignal>

namespace {

// Ctrl+C (SIGINT) or a polite kill (SIGTERM) during an import cancels it: the engine rolls
// back and the user is told so, instead of the process dying silently mid-transaction (which
// would be just as safe, but says nothing). A lock-free atomic is what a handler may touch.
std::atomic_bool interruptRequested{false};

extern "C" void requestInterrupt(int)
{
    interruptRequested = true;
}

class InterruptGuard
{
public:
    InterruptGuard()
    {
        interruptRequested = false;
        m_previousInt = std::signal(SIGINT, requestInterrupt);
        m_previousTerm = std::signal(SIGTERM, requestInterrupt);
    }
    ~InterruptGuard()
    {
        std::signal(SIGINT, m_previousInt);
        std::signal(SIGTERM, m_previousTerm);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    bool interrupted() const { return interruptRequested; }

private:
    void (*m_previousInt)(int) = SIG_DFL;
    void (*m_previousTerm)(int) = SIG_DFL;
};

QString tr(const char* text)
{
    return QCoreApplication::translate("ImportExportCommands", text);
}

// Problems printed in text mode; --json and the error report carry the rest.
constexpr int kShownProblems = 5;

bool failed(const CliStatus& status)
{
    return status.exit != CliStatus::Exit::Success;
}

// --delimiter: the four delimiters CsvReader knows, tab also as the word or as "\t".
CliStatus parseDelimiter(const CliArguments& args, std::optional<QChar>& delimiter)
{
    if (!args.isSet(QStringLiteral("delimiter"))) {
        return CliStatus::success();
    }
    const QString value = args.value(QStringLiteral("delimiter"));
    if (value == QLatin1String(",") || value == QLatin1String(";") || value == QLatin1String("|")) {
        delimiter = value.at(0);
    } else if (value == QLatin1String("\t") || value == QLatin1String("\\t") ||
               value.compare(QLatin1String("tab"), Qt::CaseInsensitive) == 0) {
        delimiter = QLatin1Char('\t');
    } else {
        return CliStatus::usage(tr("--delimiter must be one of , ; | tab, not \"%1\"").arg(value));
    }
    return CliStatus::success();
}

CliStatus parseEncoding(const CliArguments& args, QString& encoding)
{
    if (!args.isSet(QStringLiteral("encoding"))) {
        return CliStatus::success();
    }
    const QString value = args.value(QStringLiteral("encoding")).trimmed();
    auto decoder = TextDecoder::create(value);
    if (!decoder) {
        return CliStatus::usage(tr("--encoding: unknown text encoding \"%1\" (try UTF-8, windows-1252, ISO-8859-1 "
                                   "or UTF-16LE)")
                                    .arg(args.value(QStringLiteral("encoding"))));
    }
    encoding = decoder->name();
    return CliStatus::success();
}

CliStatus parsePolicy(const CliArguments& args, DuplicatePolicy& policy)
{
    if (!args.isSet(QStringLiteral("on-duplicate"))) {
        return CliStatus::success();
    }
    const QString value = args.value(QStringLiteral("on-duplicate"));
    const auto parsed = duplicatePolicyFromName(value);
    if (!parsed) {
        return CliStatus::usage(tr("--on-duplicate must be one of skip, fill, overwrite, not \"%1\"").arg(value));
    }
    policy = *parsed;
    return CliStatus::success();
}

// The saved mapping of --mapping, as the wizard's "Save mapping" writes it (ColumnMapping::toJson).
CliStatus readMappingFile(const QString& path, QJsonObject& saved)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        return CliStatus::failed(
            tr("Cannot read the mapping file %1: %2")
                .arg(path, QFileInfo::exists(path) ? file.errorString() : tr("it does not exist")));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        return CliStatus::failed(tr("The mapping file %1 is not valid JSON: %2 at character %3.")
                                     .arg(path, error.errorString())
                                     .arg(error.offset));
    }
    if (!document.isObject()) {
        return CliStatus::failed(tr("The mapping file %1 does not hold a column mapping (a JSON object).").arg(path));
    }
    saved = document.object();
    return CliStatus::success();
}

qint64 importedRows(const ImportSummary& summary)
{
    return summary.created + summary.updated + summary.unchanged;
}

QJsonObject summaryJson(const ImportSummary& summary, bool dryRun)
{
    QJsonArray problems;
    for (const auto& [line, reason] : summary.sampleProblems) {
        problems.append(QJsonObject{{QStringLiteral("line"), line}, {QStringLiteral("reason"), reason}});
    }
    QJsonArray warnings;
    for (const auto& [line, text] : summary.sampleWarnings) {
        warnings.append(QJsonObject{{QStringLiteral("line"), line}, {QStringLiteral("warning"), text}});
    }
    return {
        {QStringLiteral("rows_read"), summary.rowsRead},
        {QStringLiteral("created"), summary.created},
        {QStringLiteral("updated"), summary.updated},
        {QStringLiteral("unchanged"), summary.unchanged},
        {QStringLiteral("invalid"), summary.invalid},
        {QStringLiteral("duplicates_in_file"), summary.duplicatesInFile},
        {QStringLiteral("kept_unsubscribed"), summary.keptUnsubscribed},
        {QStringLiteral("created_fields"), QJsonArray::fromStringList(summary.createdFields)},
        {QStringLiteral("error_report"),
         summary.errorReportPath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(summary.errorReportPath)},
        {QStringLiteral("committed"), summary.committed},
        {QStringLiteral("dry_run"), dryRun},
        {QStringLiteral("elapsed_ms"), summary.elapsedMs},
        {QStringLiteral("problems"), problems},
        {QStringLiteral("warnings"), warnings},
    };
}

void printSummary(CliOutput& out, const QString& file, const ImportSummary& summary, bool dryRun)
{
    if (dryRun) {
        out.line(tr("Dry run of %1: nothing was changed. The import would do this:").arg(file));
    } else if (summary.committed) {
        out.line(tr("Imported %1.").arg(file));
    } else {
        out.line(tr("Nothing was imported from %1.").arg(file));
    }
    QList<QPair<QString, QString>> lines = {
        {tr("Rows read"), QStringLiteral("%L1").arg(summary.rowsRead)},
        {tr("New contacts"), QStringLiteral("%L1").arg(summary.created)},
        {tr("Updated"), QStringLiteral("%L1").arg(summary.updated)},
        {tr("Unchanged"), QStringLiteral("%L1").arg(summary.unchanged)},
        {tr("Invalid (not imported)"), QStringLiteral("%L1").arg(summary.invalid)},
        {tr("Duplicates in file"), QStringLiteral("%L1").arg(summary.duplicatesInFile)},
        {tr("Kept unsubscribed"), QStringLiteral("%L1").arg(summary.keptUnsubscribed)},
    };
    if (!summary.createdFields.isEmpty()) {
        // Only a committed import keeps the fields it made; a dry run or a rolled-back one would.
        lines.append({summary.committed ? tr("Created custom fields") : tr("New custom fields"),
                      summary.createdFields.join(QStringLiteral(", "))});
    }
    if (!summary.errorReportPath.isEmpty()) {
        lines.append({tr("Error report"), summary.errorReportPath});
    }
    const qint64 perSecond = summary.rowsRead * 1000 / std::max<qint64>(summary.elapsedMs, 1);
    lines.append(
        {tr("Time"),
         tr("%1 s (%L2 rows/s)").arg(QString::number(double(summary.elapsedMs) / 1000.0, 'f', 1)).arg(perSecond)});
    qsizetype width = 0;
    for (const auto& line : lines) {
        width = std::max(width, line.first.size());
    }
    for (const auto& [label, value] : lines) {
        out.line(QStringLiteral("  ") + (label + QLatin1Char(':')).leftJustified(width + 2) + value);
    }
    if (summary.keptUnsubscribed > 0) {
        out.line(tr("%L1 rows matched unsubscribed, bounced or complained contacts, which stay so.")
                     .arg(summary.keptUnsubscribed));
    }
    if (!summary.sampleWarnings.isEmpty()) {
        out.line(tr("Imported with a warning (%L1 rows):").arg(summary.warnings));
        for (qsizetype i = 0; i < summary.sampleWarnings.size() && i < kShownProblems; ++i) {
            const auto& [line, text] = summary.sampleWarnings.at(i);
            out.line(tr("  line %1: %2").arg(line).arg(text));
        }
    }
    if (summary.sampleProblems.isEmpty()) {
        return;
    }
    out.line(tr("Problems:"));
    for (qsizetype i = 0; i < summary.sampleProblems.size() && i < kShownProblems; ++i) {
        const auto& [line, reason] = summary.sampleProblems.at(i);
        out.line(tr("  line %1: %2").arg(line).arg(reason));
    }
    const qint64 more = summary.invalid + summary.duplicatesInFile - kShownProblems;
    if (more > 0) {
        out.line(summary.errorReportPath.isEmpty()
                     ? tr("  ... and %L1 more; --errors PATH writes every one to a CSV file.").arg(more)
                     : tr("  ... and %L1 more in the error report.").arg(more));
    }
}

// The built-in export formats by name and by file extension.
std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    if (name.compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0) {
        return ExportFormat::Csv;
    }
    if (name.compare(QLatin1String("vcard"), Qt::CaseInsensitive) == 0) {
        return ExportFormat::VCard;
    }
    return std::nullopt;
}

ExportFormat exportFormatFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("vcf") || suffix == QLatin1String("vcard") ? ExportFormat::VCard : ExportFormat::Csv;
}

} // namespace

QList<CliCommand> ImportExportCommands::commands()
{
    return {
        {{QStringLiteral("import")},
         {QStringLiteral("FILE")},
         tr("import contacts from a CSV or vCard file, all or nothing"),
         {
             {QStringLiteral("encoding"), QStringLiteral("E"),
              tr("the CSV file's text encoding, e.g. UTF-8 or windows-1252 (default: detected)")},
             {QStringLiteral("delimiter"), QStringLiteral("C"),
              tr("the CSV delimiter: , ; | or tab (default: detected)")},
             {QStringLiteral("mapping"), QStringLiteral("FILE.json"),
              tr("a column mapping saved by the import wizard (default: guessed from the headers)")},
             {QStringLiteral("list"), QStringLiteral("L"), tr("add every imported contact to this list")},
             {QStringLiteral("tag"), QStringLiteral("T"), tr("give every imported contact this tag"), true},
             {QStringLiteral("on-duplicate"), QStringLiteral("skip|fill|overwrite"),
              tr("an email already in the workspace: leave the contact, fill its empty fields, or overwrite "
                 "them (default skip)")},
             {QStringLiteral("dry-run"), QString(), tr("run the whole import, report, and change nothing")},
             {QStringLiteral("errors"), QStringLiteral("PATH"),
              tr("write the rows that were not imported to this CSV file (line, reason, raw row)")},
         },
         &importFile},
        {{QStringLiteral("export")},
         {QStringLiteral("FILE")},
         tr("export contacts to a CSV or vCard file"),
         {
             {QStringLiteral("format"), QStringLiteral("csv|vcard"),
              tr("the file format (default: vcard for .vcf files, else csv)")},
             {QStringLiteral("list"), QStringLiteral("L"), tr("only the contacts on this list")},
             {QStringLiteral("tag"), QStringLiteral("T"), tr("only the contacts with this tag")},
             {QStringLiteral("query"), QStringLiteral("Q"),
              tr("only the contacts a search for Q finds (each word matches as a prefix)")},
             {QStringLiteral("excel"), QString(), tr("CSV for Excel: a byte order mark and ; between fields")},
         },
         &exportFile},
    };
}

CliStatus ImportExportCommands::importFile(const CliRequest& request, CliOutput& out)
{
    const CliArguments& args = request.args;
    ImportOptions options;
    options.path = args.positionals().at(0);
    if (CliStatus s = parseDelimiter(args, options.file.csv.delimiter); failed(s)) {
        return s;
    }
    if (CliStatus s = parseEncoding(args, options.file.csv.encoding); failed(s)) {
        return s;
    }
    if (CliStatus s = parsePolicy(args, options.onDuplicate); failed(s)) {
        return s;
    }
    options.list = args.value(QStringLiteral("list")).trimmed();
    for (const QString& tag : args.values(QStringLiteral("tag"))) {
        options.tags.append(tag.trimmed());
    }
    options.errorReportPath = args.value(QStringLiteral("errors"));
    const bool dryRun = args.isSet(QStringLiteral("dry-run"));
    const QString mappingPath = args.value(QStringLiteral("mapping"));
    QJsonObject savedMapping;
    if (!mappingPath.isEmpty()) {
        if (CliStatus s = readMappingFile(mappingPath, savedMapping); failed(s)) {
            return s;
        }
    }

    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    if (!mappingPath.isEmpty()) {
        auto preview = ImportPreview::load(options.path, options.file);
        if (!preview) {
            return CliStatus::failed(preview.error());
        }
        auto fields = CustomFieldRepository(db).all();
        if (!fields) {
            return CliStatus::failed(fields.error());
        }
        auto mapping =
            ColumnMapping::applySaved(savedMapping, preview->headers, fields.value(), preview->sampleFields());
        if (!mapping) {
            return CliStatus::failed(QStringLiteral("%1: %2").arg(mappingPath, mapping.error().message));
        }
        // What is wrong with the saved mapping itself (a bad phone region, a field type that
        // contradicts the workspace) is the mapping file's fault: name that file.
        if (const QStringList problems = mapping->problems(fields.value()); !problems.isEmpty()) {
            return CliStatus::failed(QStringLiteral("%1: %2").arg(mappingPath, problems.join(QLatin1Char(' '))));
        }
        options.mapping = std::move(mapping).value();
    }

    const InterruptGuard interrupt;
    const auto progress = [&out, &interrupt](const ImportProgress& p) {
        out.progress(tr("Importing %L1 rows").arg(p.rows), p.bytesRead, p.bytesTotal);
        return !interrupt.interrupted();
    };
    // A dry run, and an import that would keep no row, roll back: nothing half-useful is left.
    const auto confirm = [&out, &interrupt, dryRun](const ImportSummary& summary) {
        out.endProgress();
        return !dryRun && importedRows(summary) > 0 && !interrupt.interrupted();
    };
    auto result = ContactImporter(db).run(options, progress, confirm);
    out.endProgress();
    if (result && !result->committed && interrupt.interrupted()) {
        return CliStatus::failed(Error{ErrorCode::Cancelled, tr("Import interrupted; nothing was imported.")});
    }
    if (!result) {
        const Error& error = result.error();
        // "Line 3: a quoted field is still open..." needs the file it is about.
        const bool aboutTheFile = error.code == ErrorCode::InvalidInput || error.code == ErrorCode::FileError;
        if (aboutTheFile && !error.message.contains(options.path)) {
            return CliStatus::failed(QStringLiteral("%1: %2").arg(options.path, error.message));
        }
        return CliStatus::failed(error);
    }
    const ImportSummary& summary = result.value();
    if (request.json) {
        out.json(summaryJson(summary, dryRun));
    } else {
        printSummary(out, options.path, summary, dryRun);
    }
    if (importedRows(summary) == 0) {
        if (summary.rowsRead == 0) {
            return CliStatus::failed(tr("%1 has no rows to import.").arg(options.path));
        }
        return CliStatus::failed(tr("Nothing was imported: none of the %L1 rows of %2 could be imported (first "
                                    "problem: line %3: %4)")
                                     .arg(summary.rowsRead)
                                     .arg(options.path, QString::number(summary.sampleProblems.value(0).first),
                                          summary.sampleProblems.value(0).second));
    }
    return CliStatus::success();
}

CliStatus ImportExportCommands::exportFile(const CliRequest& request, CliOutput& out)
{
    const CliArguments& args = request.args;
    ExportOptions options;
    options.path = args.positionals().at(0);
    options.format = exportFormatFor(options.path);
    if (args.isSet(QStringLiteral("format"))) {
        const auto format = exportFormatFromName(args.value(QStringLiteral("format")).trimmed());
        if (!format) {
            return CliStatus::usage(
                tr("--format must be csv or vcard, not \"%1\"").arg(args.value(QStringLiteral("format"))));
        }
        options.format = *format;
    }
    options.excel = args.isSet(QStringLiteral("excel"));
    if (options.excel && options.format != ExportFormat::Csv) {
        return CliStatus::usage(tr("--excel applies to CSV files only, not to vCard"));
    }
    options.filter.search = args.value(QStringLiteral("query"));

    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    if (args.isSet(QStringLiteral("list"))) {
        auto list = GroupRepository(db, GroupKind::List).findByName(args.value(QStringLiteral("list")));
        if (!list) {
            return CliStatus::failed(list.error());
        }
        options.filter.listId = list->id;
    }
    if (args.isSet(QStringLiteral("tag"))) {
        auto tag = GroupRepository(db, GroupKind::Tag).findByName(args.value(QStringLiteral("tag")));
        if (!tag) {
            return CliStatus::failed(tag.error());
        }
        options.filter.tagId = tag->id;
    }

    const QString label = tr("Exporting");
    auto exported = ContactExporter(db).run(options, [&out, &label](qint64 done, qint64 total) {
        out.progress(label, done, total);
        return true;
    });
    out.endProgress();
    if (!exported) {
        return CliStatus::failed(exported.error());
    }
    const QString format = options.format == ExportFormat::VCard ? QStringLiteral("vcard") : QStringLiteral("csv");
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("exported"), exported->contacts},
                             {QStringLiteral("file"), exported->path},
                             {QStringLiteral("format"), format}});
    } else {
        out.line(exported->contacts == 1
                     ? tr("Exported 1 contact to %1.").arg(exported->path)
                     : tr("Exported %L1 contacts to %2.").arg(exported->contacts).arg(exported->path));
    }
    return CliStatus::success();
}
