#pragma once

#include "core/Result.h"
#include "core/contacts/ContactColumn.h"
#include "core/contacts/ContactQuery.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>

enum class ExportFormat { Csv, VCard };

struct ExportOptions
{
    QString path;
    ExportFormat format = ExportFormat::Csv;
    // Which contacts: the whole workspace (an empty filter), a list (filter.listId), a tag
    // (filter.tagId), a search (filter.search), or any mix, as the contact table filters.
    ContactFilter filter;
    // The selection: exactly these contacts, in this order; overrides `filter`. Ids that no
    // longer exist are skipped.
    std::optional<QVector<qint64>> ids;
    // CSV only: the built-in columns, in this order; empty = every built-in column. A vCard
    // always holds the whole card (see VCardWriter).
    QVector<ContactColumn> columns;
    // Custom fields by name, in this order: CSV columns after the built-in ones, and vCard
    // X-MAILROOM-FIELD properties. nullopt = every custom field (by name); empty = none.
    std::optional<QStringList> customFields;
    // CSV only, for Excel: a UTF-8 byte order mark and ';' between fields.
    bool excel = false;
};

struct ExportSummary
{
    qint64 contacts = 0; // contacts written
    QString path;
};

// Exports contacts to CSV or vCard 4.0, in the order they were added.
//
// Streams: contacts are read a page at a time (keyset paging, or the selection in chunks),
// inside one read transaction so the file is a consistent snapshot even while another
// connection writes. The file is written through QSaveFile: it appears whole when the
// export succeeds, and a cancel or an error leaves no partial file and any existing file
// as it was.
//
// CSV: RFC 4180 via CsvWriter, formula neutralization on. The header row holds the English
// labels of the columns ("Email", "First name"...) then the custom fields' names, which the
// import's automatic mapping recognises. Tags and lists are joined with "," (tag names cannot
// hold a comma), the status is its stable name ("subscribed"), dates and times are ISO 8601
// (times in UTC), custom fields in canonical form.
//
// Run it on the thread that owns `db`; give a worker its own connection.
class ContactExporter
{
public:
    explicit ContactExporter(QSqlDatabase db);

    // `progress` is called after each page with (contacts done, contacts in scope); returning
    // false cancels with ErrorCode::Cancelled. Errors name the file.
    Result<ExportSummary> run(const ExportOptions& options,
                              const std::function<bool(qint64 done, qint64 total)>& progress = {});

private:
    QSqlDatabase m_db;
};
