#include "core/contacts/import/ContactImporter.h"

#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/contacts/export/CsvWriter.h"
#include "core/contacts/import/ContactRowBuilder.h"
#include "core/storage/SqlError.h"
#include "core/storage/SqliteStatement.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSaveFile>
#include <QSet>
#include <QSqlQuery>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace {

constexpr int kSampleProblems = 100;
constexpr int kPreviewRows = 100;

bool containsName(const QStringList& names, const QString& name)
{
    return names.contains(name, Qt::CaseInsensitive);
}

void addNames(QStringList& to, const QStringList& names)
{
    for (const QString& name : names) {
        if (!containsName(to, name)) {
            to.append(name);
        }
    }
}

// Merges what the file says about a contact already in the workspace into it.
Contact merged(const Contact& existing, const Contact& fromFile, DuplicatePolicy policy)
{
    Contact c = existing;
    if (policy != DuplicatePolicy::Skip) {
        const bool overwrite = policy == DuplicatePolicy::Overwrite;
        auto take = [overwrite](QString& into, const QString& value) {
            if (!value.isEmpty() && (overwrite || into.isEmpty())) {
                into = value;
            }
        };
        take(c.firstName, fromFile.firstName);
        take(c.lastName, fromFile.lastName);
        take(c.company, fromFile.company);
        take(c.phone, fromFile.phone);
        take(c.street, fromFile.street);
        take(c.city, fromFile.city);
        take(c.region, fromFile.region);
        take(c.postcode, fromFile.postcode);
        take(c.country, fromFile.country);
        take(c.notes, fromFile.notes);
        take(c.consentSource, fromFile.consentSource);
        if (fromFile.consentDate.isValid() && (overwrite || !c.consentDate.isValid())) {
            c.consentDate = fromFile.consentDate;
        }
        for (auto it = fromFile.fields.cbegin(); it != fromFile.fields.cend(); ++it) {
            const QString current = c.fields.value(it.key());
            if (!it.value().isEmpty() && (overwrite || current.isEmpty())) {
                c.fields.insert(it.key(), it.value());
            }
        }
    }
    // A file may record an opt-out, a bounce or a complaint, whatever the policy (skipping a
    // contact's details must not mean mailing someone who said stop); it never resubscribes.
    if (existing.status == ContactStatus::Subscribed && fromFile.status != ContactStatus::Subscribed) {
        c.status = fromFile.status;
    }
    // Memberships only ever grow: the file's tags and lists, and the import's own.
    addNames(c.tags, fromFile.tags);
    addNames(c.lists, fromFile.lists);
    return c;
}

QString problemText(const QVector<QPair<QString, QString>>& problems)
{
    QStringList messages;
    for (const auto& problem : problems) {
        messages.append(problem.second);
    }
    return messages.join(QLatin1Char(' '));
}

// The rows that were not imported, as a CSV a user can fix and import again: the line, the
// reason and the raw text, then the row's own columns under the file's own headers.
class ErrorReport
{
public:
    Status open(const QString& path, const QStringList& headers)
    {
        if (path.isEmpty()) {
            return Ok{};
        }
        m_file = std::make_unique<QSaveFile>(path);
        if (!m_file->open(QIODevice::WriteOnly)) {
            return Error{ErrorCode::FileError,
                         QCoreApplication::translate("ContactImporter", "Cannot write the error report %1: %2")
                             .arg(path, m_file->errorString())};
        }
        m_writer = std::make_unique<CsvWriter>(m_file.get());
        QStringList header = {QCoreApplication::translate("ContactImporter", "Line"),
                              QCoreApplication::translate("ContactImporter", "Problem"),
                              QCoreApplication::translate("ContactImporter", "Raw row")};
        return m_writer->writeRow(header + headers);
    }

    Status add(const ImportRow& row, const QString& reason)
    {
        ++m_rows;
        if (!m_writer) {
            return Ok{};
        }
        QString raw = row.raw;
        while (raw.endsWith(QLatin1Char('\n')) || raw.endsWith(QLatin1Char('\r'))) {
            raw.chop(1);
        }
        return m_writer->writeRow(QStringList{QString::number(row.line), reason, raw} + row.fields);
    }

    // Keeps the report only when it has rows; returns its path then.
    Result<QString> finish()
    {
        if (!m_file) {
            return QString();
        }
        if (m_rows == 0) {
            m_file->cancelWriting();
            m_file->commit();
            return QString();
        }
        if (!m_file->commit()) {
            return Error{ErrorCode::FileError,
                         QCoreApplication::translate("ContactImporter", "Cannot write the error report %1: %2")
                             .arg(m_file->fileName(), m_file->errorString())};
        }
        return m_file->fileName();
    }

private:
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<CsvWriter> m_writer;
    qint64 m_rows = 0;
};

// A row as read, with the contact built from it (when it could be read).
struct PreparedRow
{
    ImportRow row;
    ContactRowBuilder::Built built;
};

struct PreparedBatch
{
    std::vector<PreparedRow> rows;
    qint64 bytesRead = 0; // how far into the file the batch's last row ends
};

// Reads and builds rows on a second thread while the caller's thread writes the previous
// ones: parsing, validation and phone numbers cost about as much as SQLite does, so on two
// cores the import takes the longer of the two rather than their sum. The queue is bounded,
// so memory stays flat whatever the file's size.
class RowPipeline
{
public:
    RowPipeline(ImportSource& source, const ContactRowBuilder& builder)
        : m_source(source)
        , m_builder(builder)
        , m_thread([this] { produce(); })
    {}

    ~RowPipeline()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopped = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }

    RowPipeline(const RowPipeline&) = delete;
    RowPipeline& operator=(const RowPipeline&) = delete;

    // The next batch; empty at the end of the file. An Error when the file cannot be read on.
    Result<PreparedBatch> next()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_batches.empty() || m_done; });
        if (!m_batches.empty()) {
            PreparedBatch batch = std::move(m_batches.front());
            m_batches.pop_front();
            m_changed.notify_all();
            return batch;
        }
        if (m_error) {
            return *m_error;
        }
        return PreparedBatch{};
    }

private:
    static constexpr size_t kBatchRows = 500;
    static constexpr size_t kQueuedBatches = 8;

    void produce()
    {
        PreparedBatch batch;
        batch.rows.reserve(kBatchRows);
        for (;;) {
            auto row = m_source.next();
            if (!row || !row->has_value()) {
                std::lock_guard lock(m_mutex);
                if (!batch.rows.empty()) {
                    batch.bytesRead = m_source.bytesRead();
                    m_batches.push_back(std::move(batch));
                }
                if (!row) {
                    m_error = row.error();
                }
                m_done = true;
                m_changed.notify_all();
                return;
            }
            PreparedRow prepared{std::move(*row.value()), {}};
            if (prepared.row.error.isEmpty()) {
                prepared.built = m_builder.build(prepared.row.fields);
            }
            batch.rows.push_back(std::move(prepared));
            if (batch.rows.size() == kBatchRows) {
                batch.bytesRead = m_source.bytesRead();
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return m_batches.size() < kQueuedBatches || m_stopped; });
                if (m_stopped) {
                    return;
                }
                m_batches.push_back(std::move(batch));
                m_changed.notify_all();
                batch = {};
                batch.rows.reserve(kBatchRows);
            }
        }
    }

    ImportSource& m_source;
    const ContactRowBuilder& m_builder;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<PreparedBatch> m_batches;
    std::optional<Error> m_error;
    bool m_done = false;
    bool m_stopped = false;
    std::thread m_thread; // last: starts once everything above exists
};

// The statements of the fast path (a new contact), prepared once for the whole import and
// run on SQLite's own handle (see SqliteStatement).
struct Statements
{
    Status prepare(const QSqlDatabase& db)
    {
        const QList<QPair<std::unique_ptr<SqliteStatement>*, QString>> statements = {
            {&insertContact,
             QStringLiteral("INSERT INTO contacts (email, email_key, first_name, last_name, company, phone, street,"
                            " city, region, postcode, country, notes, status, consent_source, consent_at,"
                            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (email_key) DO NOTHING")},
            {&findByKey, QStringLiteral("SELECT id FROM contacts WHERE email_key = ?")},
            {&insertTag, QStringLiteral("INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)")},
            {&insertMember, QStringLiteral("INSERT OR IGNORE INTO list_members (contact_id, list_id) VALUES (?, ?)")},
            {&insertValue,
             QStringLiteral("INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, ?)")},
        };
        for (const auto& [statement, sql] : statements) {
            auto prepared = SqliteStatement::prepare(db, sql, QT_TRANSLATE_NOOP("SqlError", "prepare the import"));
            if (!prepared) {
                return prepared.error();
            }
            *statement = std::move(prepared).value();
        }
        return Ok{};
    }

    std::unique_ptr<SqliteStatement> insertContact;
    std::unique_ptr<SqliteStatement> findByKey;
    std::unique_ptr<SqliteStatement> insertTag;
    std::unique_ptr<SqliteStatement> insertMember;
    std::unique_ptr<SqliteStatement> insertValue;
};

// Runs a statement that returns no row, then makes it ready for the next one.
Status runOnce(SqliteStatement& statement)
{
    auto stepped = statement.step();
    statement.reset();
    if (!stepped) {
        return stepped.error();
    }
    return Ok{};
}

class ImportRun
{
public:
    ImportRun(QSqlDatabase db, const ImportOptions& options)
        : m_db(std::move(db))
        , m_options(options)
        , m_repository(m_db)
    {}

    Result<ImportSummary> run(const ContactImporter::ProgressCallback& progress,
                              const ContactImporter::ConfirmCallback& confirm);

private:
    Result<ColumnMapping> mappingFor(const ImportSource& source, const QVector<CustomField>& fields);
    Status validateOptions();
    Result<qint64> groupId(GroupKind kind, const QString& name);
    Status importRow(PreparedRow& prepared);
    // Records a later duplicate row's opt-out, bounce or complaint on a subscribed contact;
    // returns the sentence to add to the row's reason (empty when nothing changed).
    Result<QString> keepOptOut(qint64 id, ContactStatus status);
    Status insertNew(qint64 id, const Contact& contact);
    Status mergeExisting(qint64 id, const Contact& contact);
    Status reject(const ImportRow& row, const QString& reason, qint64& counter);

    QSqlDatabase m_db;
    const ImportOptions& m_options;
    Statements m_sql;
    ContactRepository m_repository;
    std::unique_ptr<ContactRowBuilder> m_builder;
    ErrorReport m_report;
    ImportSummary m_summary;
    QHash<QString, qint64> m_fieldIds;    // lower-case name -> id
    QHash<QString, qint64> m_groupIds[2]; // by GroupKind: lower-case name -> id
    qint64 m_baselineId = 0;              // ids above this are contacts this import made
    // The source line of each contact this import made, by id - m_baselineId - 1: ids of new
    // rows are consecutive, and 4 bytes a row is the import's only per-row memory.
    QVector<quint32> m_createdLines;
    QSet<qint64> m_matchedExisting; // existing contacts an earlier row of the file matched
    QString m_now;
};

Status ImportRun::validateOptions()
{
    if (!m_options.list.trimmed().isEmpty()) {
        if (auto s = GroupRepository::validateName(GroupKind::List, m_options.list); !s) {
            return s;
        }
    }
    for (const QString& tag : m_options.tags) {
        if (auto s = GroupRepository::validateName(GroupKind::Tag, tag); !s) {
            return s;
        }
    }
    return Ok{};
}

Result<ColumnMapping> ImportRun::mappingFor(const ImportSource& source, const QVector<CustomField>& fields)
{
    ColumnMapping mapping;
    if (m_options.mapping) {
        mapping = *m_options.mapping;
        if (mapping.targets.size() != source.headers().size()) {
            return Error{
                ErrorCode::InvalidInput,
                QCoreApplication::translate("ContactImporter", "The mapping has %1 columns but the file has %2.")
                    .arg(mapping.targets.size())
                    .arg(source.headers().size())};
        }
    } else if (source.format() == ImportFormat::Csv) {
        // Guessing a CSV column's custom field type needs a look at its first values.
        auto preview = ImportPreview::load(m_options.path, m_options.file, kPreviewRows);
        mapping = source.defaultMapping(fields, preview ? preview->sampleFields() : QVector<QStringList>{});
    } else {
        // A vCard's columns are fixed, and opening it already typed its custom fields.
        mapping = source.defaultMapping(fields, {});
    }
    if (const QStringList problems = mapping.problems(fields); !problems.isEmpty()) {
        return Error{ErrorCode::InvalidInput, problems.join(QLatin1Char(' '))};
    }
    return mapping;
}

Result<qint64> ImportRun::groupId(GroupKind kind, const QString& name)
{
    QHash<QString, qint64>& ids = m_groupIds[kind == GroupKind::Tag ? 0 : 1];
    const QString key = name.toLower();
    if (auto it = ids.constFind(key); it != ids.cend()) {
        return it.value();
    }
    auto id = GroupRepository(m_db, kind).ensure(name);
    if (id) {
        ids.insert(key, id.value());
    }
    return id;
}

Status ImportRun::reject(const ImportRow& row, const QString& reason, qint64& counter)
{
    ++counter;
    if (m_summary.sampleProblems.size() < kSampleProblems) {
        m_summary.sampleProblems.append({row.line, reason});
    }
    return m_report.add(row, reason);
}

Status ImportRun::insertNew(qint64 id, const Contact& c)
{
    for (const QString& tag : c.tags) {
        auto tagId = groupId(GroupKind::Tag, tag);
        if (!tagId) {
            return tagId.error();
        }
        m_sql.insertTag->bindInt(1, id);
        m_sql.insertTag->bindInt(2, tagId.value());
        if (auto s = runOnce(*m_sql.insertTag); !s) {
            return s;
        }
    }
    for (const QString& list : c.lists) {
        auto listId = groupId(GroupKind::List, list);
        if (!listId) {
            return listId.error();
        }
        m_sql.insertMember->bindInt(1, id);
        m_sql.insertMember->bindInt(2, listId.value());
        if (auto s = runOnce(*m_sql.insertMember); !s) {
            return s;
        }
    }
    for (auto it = c.fields.cbegin(); it != c.fields.cend(); ++it) {
        if (it.value().isEmpty()) {
            continue;
        }
        m_sql.insertValue->bindInt(1, id);
        m_sql.insertValue->bindInt(2, m_fieldIds.value(it.key().toLower()));
        m_sql.insertValue->bindText(3, it.value());
        if (auto s = runOnce(*m_sql.insertValue); !s) {
            return s;
        }
    }
    return Ok{};
}

Status ImportRun::mergeExisting(qint64 id, const Contact& fromFile)
{
    auto existing = m_repository.findById(id);
    if (!existing) {
        return existing.error();
    }
    if (existing->status != ContactStatus::Subscribed) {
        ++m_summary.keptUnsubscribed;
    }
    const Contact result = merged(existing.value(), fromFile, m_options.onDuplicate);
    if (result == existing.value()) {
        ++m_summary.unchanged;
        return Ok{};
    }
    ++m_summary.updated;
    return m_repository.update(result);
}

Result<QString> ImportRun::keepOptOut(qint64 id, ContactStatus status)
{
    if (status == ContactStatus::Subscribed) {
        return QString();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE contacts SET status = ?, updated_at = ? WHERE id = ? AND status = ?"));
    q.addBindValue(static_cast<int>(status));
    q.addBindValue(m_now);
    q.addBindValue(id);
    q.addBindValue(static_cast<int>(ContactStatus::Subscribed));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the contact"));
    }
    if (q.numRowsAffected() == 0) {
        return QString();
    }
    return QLatin1Char(' ') + QCoreApplication::translate("ContactImporter", "The contact is now %1, as this row says.")
                                  .arg(contactStatusLabel(status).toLower());
}

Status ImportRun::importRow(PreparedRow& prepared)
{
    const ImportRow& row = prepared.row;
    ++m_summary.rowsRead;
    if (!row.warnings.isEmpty() && row.error.isEmpty()) {
        ++m_summary.warnings;
        for (const QString& warning : row.warnings) {
            if (m_summary.sampleWarnings.size() < kSampleProblems) {
                m_summary.sampleWarnings.append({row.line, warning});
            }
        }
    }
    if (!row.error.isEmpty()) {
        return reject(row, row.error, m_summary.invalid);
    }
    ContactRowBuilder::Built& built = prepared.built;
    if (!built.ok()) {
        return reject(row, problemText(built.problems), m_summary.invalid);
    }
    Contact& c = built.contact;
    addNames(c.tags, m_options.tags);
    if (!m_options.list.trimmed().isEmpty()) {
        addNames(c.lists, {m_options.list.trimmed()});
    }

    SqliteStatement& insert = *m_sql.insertContact;
    insert.bindText(1, c.email);
    insert.bindText(2, built.emailKey);
    const QString* texts[] = {&c.firstName, &c.lastName, &c.company,  &c.phone,   &c.street,
                              &c.city,      &c.region,   &c.postcode, &c.country, &c.notes};
    int i = 3;
    for (const QString* value : texts) {
        insert.bindText(i++, *value);
    }
    insert.bindInt(i++, static_cast<int>(c.status));
    insert.bindText(i++, c.consentSource);
    const QString consentDate = c.consentDate.toString(Qt::ISODate); // lives until the insert ran
    if (c.consentDate.isValid()) {
        insert.bindText(i++, consentDate);
    } else {
        insert.bindNull(i++);
    }
    insert.bindText(i++, m_now);
    insert.bindText(i++, m_now);
    if (auto s = runOnce(insert); !s) {
        return s;
    }
    if (insert.changes() == 1) {
        const qint64 id = insert.lastInsertId();
        m_createdLines.append(quint32(row.line));
        ++m_summary.created;
        return insertNew(id, c);
    }

    SqliteStatement& find = *m_sql.findByKey;
    find.bindText(1, built.emailKey);
    auto found = find.step();
    const qint64 id = found && found.value() ? find.columnInt(0) : 0;
    find.reset();
    if (!found) {
        return found.error();
    }
    const bool duplicate = id > m_baselineId || m_matchedExisting.contains(id);
    if (!duplicate) {
        m_matchedExisting.insert(id);
        return mergeExisting(id, c);
    }
    // A later row of the same person may be the opt-out: it is recorded even though the row is not imported.
    auto optOut = keepOptOut(id, c.status);
    if (!optOut) {
        return optOut.error();
    }
    if (id > m_baselineId) {
        const qsizetype index = id - m_baselineId - 1;
        const QString reason =
            index < m_createdLines.size()
                ? QCoreApplication::translate("ContactImporter", "%1 is also on line %2, which was imported.")
                      .arg(c.email)
                      .arg(m_createdLines.at(index))
                : QCoreApplication::translate("ContactImporter", "%1 is also on an earlier line, which was imported.")
                      .arg(c.email);
        return reject(row, reason + optOut.value(), m_summary.duplicatesInFile);
    }
    return reject(row,
                  QCoreApplication::translate("ContactImporter",
                                              "%1 is also on an earlier line, which matched the existing contact.")
                          .arg(c.email) +
                      optOut.value(),
                  m_summary.duplicatesInFile);
}

Result<ImportSummary> ImportRun::run(const ContactImporter::ProgressCallback& progress,
                                     const ContactImporter::ConfirmCallback& confirm)
{
    QElapsedTimer timer;
    timer.start();
    if (auto s = validateOptions(); !s) {
        return s.error();
    }
    auto opened = ImportSource::open(m_options.path, m_options.file);
    if (!opened) {
        return opened.error();
    }
    ImportSource& source = *opened.value();
    if (source.headers().isEmpty()) {
        // Nothing but a BOM or line breaks: "No column is mapped to Email" would send the user
        // looking for a column.
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("ContactImporter", "%1 has no rows to import.").arg(m_options.path)};
    }
    CustomFieldRepository fieldRepository(m_db);
    auto existingFields = fieldRepository.all();
    if (!existingFields) {
        return existingFields.error();
    }
    auto mapping = mappingFor(source, existingFields.value());
    if (!mapping) {
        return mapping.error();
    }
    if (auto s = m_report.open(m_options.errorReportPath, source.headers()); !s) {
        return s.error();
    }

    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    for (const CustomField& field : ContactRowBuilder::fieldsToCreate(mapping.value(), existingFields.value())) {
        if (auto created = fieldRepository.create(field.name, field.type); !created) {
            return created.error();
        }
        m_summary.createdFields.append(field.name);
    }
    auto fields = fieldRepository.all();
    if (!fields) {
        return fields.error();
    }
    for (const CustomField& field : fields.value()) {
        m_fieldIds.insert(field.name.toLower(), field.id);
    }
    m_builder = std::make_unique<ContactRowBuilder>(mapping.value(), fields.value());
    if (auto s = m_sql.prepare(m_db); !s) {
        return s.error();
    }
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM contacts")) || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "prepare the import"));
    }
    m_baselineId = q.value(0).toLongLong();
    m_now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);

    ImportProgress report;
    report.bytesTotal = source.size();
    {
        RowPipeline pipeline(source, *m_builder);
        for (;;) {
            auto batch = pipeline.next();
            if (!batch) {
                return batch.error();
            }
            if (batch->rows.empty()) {
                break;
            }
            for (PreparedRow& prepared : batch.value().rows) {
                if (auto s = importRow(prepared); !s) {
                    return s.error();
                }
            }
            if (progress) {
                report.rows = m_summary.rowsRead;
                report.bytesRead = batch->bytesRead;
                report.elapsedMs = timer.elapsed();
                if (!progress(report)) {
                    return Error{
                        ErrorCode::Cancelled,
                        QCoreApplication::translate("ContactImporter", "Import cancelled; nothing was imported.")};
                }
            }
        }
    }
    if (progress) {
        report.rows = m_summary.rowsRead;
        report.bytesRead = report.bytesTotal;
        report.elapsedMs = timer.elapsed();
        report.indexing = true;
        if (!progress(report)) {
            return Error{ErrorCode::Cancelled,
                         QCoreApplication::translate("ContactImporter", "Import cancelled; nothing was imported.")};
        }
    }
    // The search index of the new contacts in one statement: far faster than row by row.
    q.prepare(QStringLiteral("INSERT INTO contacts_fts (rowid, email, first_name, last_name, company, tags, notes)"
                             " SELECT c.id, c.email, c.first_name, c.last_name, c.company,"
                             " COALESCE((SELECT group_concat(t.name, ' ') FROM contact_tags ct"
                             "           JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),"
                             " c.notes FROM contacts c WHERE c.id > ?"));
    q.addBindValue(m_baselineId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "update the search index"));
    }
    auto reportPath = m_report.finish();
    if (!reportPath) {
        return reportPath.error();
    }
    m_summary.errorReportPath = reportPath.value();
    m_summary.elapsedMs = timer.elapsed();
    if (confirm && !confirm(m_summary)) {
        tx.rollback();
        return m_summary;
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    m_summary.committed = true;
    m_summary.elapsedMs = timer.elapsed();
    return m_summary;
}

} // namespace

QString duplicatePolicyName(DuplicatePolicy policy)
{
    switch (policy) {
    case DuplicatePolicy::Skip:
        return QStringLiteral("skip");
    case DuplicatePolicy::Fill:
        return QStringLiteral("fill");
    case DuplicatePolicy::Overwrite:
        return QStringLiteral("overwrite");
    }
    return QStringLiteral("skip");
}

std::optional<DuplicatePolicy> duplicatePolicyFromName(const QString& name)
{
    for (DuplicatePolicy policy : {DuplicatePolicy::Skip, DuplicatePolicy::Fill, DuplicatePolicy::Overwrite}) {
        if (name.trimmed().compare(duplicatePolicyName(policy), Qt::CaseInsensitive) == 0) {
            return policy;
        }
    }
    return std::nullopt;
}

ContactImporter::ContactImporter(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<ImportSummary> ContactImporter::run(const ImportOptions& options, const ProgressCallback& progress,
                                           const ConfirmCallback& confirm)
{
    ImportRun run(m_db, options);
    return run.run(progress, confirm);
}
