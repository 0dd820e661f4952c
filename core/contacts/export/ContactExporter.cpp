#include "core/contacts/export/ContactExporter.h"

#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/export/CsvWriter.h"
#include "core/contacts/export/VCardWriter.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

#include <algorithm>
#include <cerrno>

namespace {

// Contacts read per query: a page is a few hundred rows, so memory stays flat for any size.
constexpr int kPageSize = 256;

QString shownPath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

// QFileDevice can lose the reason a buffered write failed and say "Unknown error"; errno,
// read right after the failure, still holds it ("No space left on device").
QString failureReason(const QFileDevice& file, int savedErrno)
{
    const QString reason = file.errorString();
    if (savedErrno == 0 || reason != QBuffer().errorString()) {
        return reason;
    }
    return qt_error_string(savedErrno);
}

Error cannotWrite(const QString& path, const QString& reason)
{
    return Error{ErrorCode::FileError,
                 QCoreApplication::translate("ContactExporter", "Cannot write %1: %2").arg(shownPath(path), reason)};
}

// One read transaction for the whole export: every page comes from the same snapshot, so
// the file matches the count even while another connection adds or deletes contacts. When
// the caller already has a transaction open, its snapshot serves the same purpose.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(QSqlDatabase db)
        : m_db(std::move(db))
        , m_active(m_db.transaction())
    {}
    ~ReadSnapshot()
    {
        if (m_active) {
            m_db.rollback();
        }
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    QSqlDatabase m_db;
    bool m_active;
};

// The custom fields to export, by their stored names, in the order asked for.
Result<QStringList> exportedFields(QSqlDatabase db, const std::optional<QStringList>& wanted)
{
    auto all = CustomFieldRepository(db).all();
    if (!all) {
        return all.error();
    }
    QStringList names;
    if (!wanted) {
        for (const CustomField& field : all.value()) {
            names.append(field.name);
        }
        return names;
    }
    for (const QString& name : *wanted) {
        const auto found = std::find_if(all->cbegin(), all->cend(), [&name](const CustomField& field) {
            return field.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0;
        });
        if (found == all->cend()) {
            return Error{
                ErrorCode::UnknownField,
                QCoreApplication::translate("ContactExporter", "There is no custom field named \"%1\".").arg(name)};
        }
        if (!names.contains(found->name)) {
            names.append(found->name);
        }
    }
    return names;
}

// Writes each contact in the chosen format; the file itself belongs to the caller.
class ContactSink
{
public:
    ContactSink(QSaveFile* file, const ExportOptions& options, QVector<ContactColumn> columns, QStringList fields)
        : m_format(options.format)
        , m_csv(file, csvOptions(options))
        , m_vcard(file)
        , m_columns(std::move(columns))
        , m_fields(std::move(fields))
    {}

    Status writeHeader()
    {
        if (m_format != ExportFormat::Csv) {
            return Ok{};
        }
        QStringList header;
        // Untranslated: the file is read by other programs and by the import's mapping.
        for (ContactColumn column : m_columns) {
            header.append(QString::fromLatin1(contactColumnInfo(column).label));
        }
        header.append(m_fields);
        return m_csv.writeRow(header);
    }

    Status write(const Contact& contact)
    {
        if (m_format == ExportFormat::VCard) {
            Contact card = contact;
            card.fields.clear();
            for (const QString& name : m_fields) {
                if (contact.fields.contains(name)) {
                    card.fields.insert(name, contact.fields.value(name));
                }
            }
            return m_vcard.write(card);
        }
        QStringList row;
        row.reserve(m_columns.size() + m_fields.size());
        for (ContactColumn column : m_columns) {
            row.append(contactColumnText(contact, column));
        }
        for (const QString& name : m_fields) {
            row.append(contact.fields.value(name));
        }
        return m_csv.writeRow(row);
    }

private:
    static CsvWriterOptions csvOptions(const ExportOptions& options)
    {
        CsvWriterOptions csv;
        csv.neutralizeFormulas = true;
        if (options.excel) {
            // Excel reads UTF-8 only with a BOM, and in locales with a decimal comma splits on ';'.
            csv.byteOrderMark = true;
            csv.delimiter = QLatin1Char(';');
        }
        return csv;
    }

    ExportFormat m_format;
    CsvWriter m_csv;
    VCardWriter m_vcard;
    QVector<ContactColumn> m_columns;
    QStringList m_fields;
};

} // namespace

ContactExporter::ContactExporter(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<ExportSummary> ContactExporter::run(const ExportOptions& options,
                                           const std::function<bool(qint64 done, qint64 total)>& progress)
{
    if (options.path.trimmed().isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("ContactExporter", "Choose a file to export to.")};
    }
    auto fields = exportedFields(m_db, options.customFields);
    if (!fields) {
        return fields.error();
    }
    QVector<ContactColumn> columns = options.columns;
    if (columns.isEmpty()) {
        for (const ContactColumnInfo& info : contactColumns()) {
            columns.append(info.column);
        }
    }

    ReadSnapshot snapshot(m_db);
    ContactRepository repository(m_db);
    qint64 total = 0;
    if (options.ids) {
        total = options.ids->size();
    } else {
        auto counted = repository.count(options.filter);
        if (!counted) {
            return counted.error();
        }
        total = counted.value();
    }

    QSaveFile file(options.path);
    if (!file.open(QIODevice::WriteOnly)) {
        return cannotWrite(options.path, file.errorString());
    }
    ContactSink sink(&file, options, columns, std::move(fields).value());
    if (!sink.writeHeader()) {
        const int savedErrno = errno;
        file.cancelWriting();
        return cannotWrite(options.path, failureReason(file, savedErrno));
    }

    qint64 written = 0;
    // Writes one page and reports progress (`done` of `total`, the contacts written unless
    // given); an Error stops the export and drops the file.
    auto writePage = [&](const QVector<Contact>& contacts, qsizetype first,
                         std::optional<qint64> done = std::nullopt) -> std::optional<Error> {
        for (qsizetype i = first; i < contacts.size(); ++i) {
            if (!sink.write(contacts.at(i))) {
                return cannotWrite(options.path, failureReason(file, errno));
            }
            ++written;
        }
        if (progress && !progress(done.value_or(written), total)) {
            return Error{ErrorCode::Cancelled,
                         QCoreApplication::translate("ContactExporter", "Export cancelled; %1 was not written.")
                             .arg(shownPath(options.path))};
        }
        return std::nullopt;
    };
    auto fail = [&file](Error error) -> Result<ExportSummary> {
        file.cancelWriting();
        return error;
    };

    if (options.ids) {
        const QVector<qint64>& ids = *options.ids;
        for (qsizetype from = 0; from < ids.size(); from += kPageSize) {
            auto contacts = repository.findByIds(ids.mid(from, kPageSize));
            if (!contacts) {
                return fail(contacts.error());
            }
            // Ids that no longer exist are skipped, but count as done for the progress bar.
            if (auto error = writePage(contacts.value(), 0, std::min<qint64>(from + kPageSize, ids.size()))) {
                return fail(*error);
            }
        }
    } else {
        ContactPageRequest request;
        request.filter = options.filter;
        request.sort.column = std::nullopt; // the order added
        request.sort.order = Qt::AscendingOrder;
        request.matchCountHint = total;
        for (;;) {
            // `from` is inclusive: after the first page, ask for one more row and drop the
            // repeated last row of the page before (unless it was deleted meanwhile).
            request.limit = request.from ? kPageSize + 1 : kPageSize;
            auto page = repository.page(request);
            if (!page) {
                return fail(page.error());
            }
            const QVector<Contact>& contacts = page->contacts;
            const qsizetype first =
                request.from && !contacts.isEmpty() && contacts.first().id == request.from->id ? 1 : 0;
            if (contacts.size() <= first) {
                break;
            }
            if (auto error = writePage(contacts, first)) {
                return fail(*error);
            }
            if (contacts.size() < request.limit) {
                break;
            }
            request.from = page->keys.last();
        }
    }

    if (!file.commit()) {
        return cannotWrite(options.path, failureReason(file, errno));
    }
    return ExportSummary{written, options.path};
}
