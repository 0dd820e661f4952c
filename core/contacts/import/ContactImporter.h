#pragma once

#include "core/Result.h"
#include "core/contacts/import/ColumnMapping.h"
#include "core/contacts/import/ImportSource.h"

#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>

// What an import does with a row whose email is already in the workspace.
enum class DuplicatePolicy {
    // Leave the contact's details as they are. In every policy the target list and tags are
    // added, and an unsubscribe, bounce or complaint in the file is recorded.
    Skip,
    Fill,      // fill the contact's empty fields from the file
    Overwrite, // take every non-empty value of the file
};
QString duplicatePolicyName(DuplicatePolicy policy); // "skip", "fill", "overwrite"
std::optional<DuplicatePolicy> duplicatePolicyFromName(const QString& name);

struct ImportOptions
{
    QString path;
    ImportFileOptions file;
    std::optional<ColumnMapping> mapping; // nullopt: ImportSource::defaultMapping()
    QString list;                         // every contact of the file joins this list (empty: none)
    QStringList tags;                     // and gets these tags
    DuplicatePolicy onDuplicate = DuplicatePolicy::Skip;
    // Where to write the rows that were not imported (CSV: Line, Problem, Raw row, then the
    // row's own columns, so it can be fixed and imported again). Empty: no report.
    QString errorReportPath;
};

struct ImportSummary
{
    qint64 rowsRead = 0;         // rows of data (CSV records or vCards), the header not counted
    qint64 created = 0;          // new contacts
    qint64 updated = 0;          // existing contacts the file changed
    qint64 unchanged = 0;        // existing contacts the file left as they were
    qint64 invalid = 0;          // rows that failed validation, not imported
    qint64 duplicatesInFile = 0; // rows whose email an earlier row of the file already had
    // Rows that matched an unsubscribed, bounced or complained contact, which stayed so.
    qint64 keptUnsubscribed = 0;
    QStringList createdFields; // custom fields the import made
    bool committed = false;
    QString errorReportPath; // set when a report was written
    qint64 elapsedMs = 0;
    // The first problems (line, translated reason), for the window and the CLI to show.
    QVector<QPair<qint64, QString>> sampleProblems;
    // Rows read with a compromise but imported (a vCard value cut for length, an unknown
    // character set), and the first of those warnings (line, translated text).
    qint64 warnings = 0;
    QVector<QPair<qint64, QString>> sampleWarnings;
};

struct ImportProgress
{
    qint64 rows = 0;
    qint64 bytesRead = 0;
    qint64 bytesTotal = 0;
    qint64 elapsedMs = 0;
    bool indexing = false; // every row is in; the search index is being built before the commit
};

// The import engine, shared by the wizard and `mailroom-cli import`. Streams the file, builds
// and validates each row (ContactRowBuilder), and applies it inside ONE transaction, so a
// cancel, an error, a crash or a kill leaves the workspace exactly as before. Existing
// unsubscribed, bounced or complained contacts never change status. Runs on the caller's
// thread with the caller's connection: the window calls it from a worker.
class ContactImporter
{
public:
    // Called every few hundred rows; returning false cancels (ErrorCode::Cancelled, nothing kept).
    using ProgressCallback = std::function<bool(const ImportProgress&)>;
    // Called with the summary once every row is applied, before the commit: true commits,
    // false rolls back (a dry run). Empty: commit.
    using ConfirmCallback = std::function<bool(const ImportSummary&)>;

    explicit ContactImporter(QSqlDatabase db);

    Result<ImportSummary> run(const ImportOptions& options, const ProgressCallback& progress = {},
                              const ConfirmCallback& confirm = {});

private:
    QSqlDatabase m_db;
};
