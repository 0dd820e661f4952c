#pragma once

#include "core/Result.h"
#include "core/contacts/import/ColumnMapping.h"
#include "core/contacts/import/CsvReader.h"

#include <QFile>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>

class VCardReader;

enum class ImportFormat { Csv, VCard };

struct ImportFileOptions
{
    std::optional<ImportFormat> format; // nullopt: .vcf/.vcard or a BEGIN:VCARD start is vCard, else CSV
    CsvOptions csv;                     // encoding, delimiter and header overrides (CSV only)
};

// One row of an import file, as read: a CSV record or a vCard flattened into the columns
// of ImportSource::vcardHeaders() and one column per custom field the file holds.
struct ImportRow
{
    qint64 line = 0; // 1-based line of the file where the row starts
    QString raw;     // the row's text as in the file, for the error report
    QStringList fields;
    QString error; // translated; set when the row could not be read (a broken vCard, a ragged row)
    // Translated, each naming its line: what was read with a compromise (a vCard value cut for
    // length, an unknown character set). The row is still imported.
    QStringList warnings;
};

// Streams the rows of a CSV or vCard file, one at a time, so memory stays flat.
class ImportSource
{
public:
    ~ImportSource();
    ImportSource(const ImportSource&) = delete;
    ImportSource& operator=(const ImportSource&) = delete;

    // Opens the file, decides its format and (CSV) its dialect, and reads the header. A vCard
    // file is scanned once for its X-MAILROOM-FIELD names (the custom fields of a Mailroom
    // export): each becomes a column after the fixed ones, at most MaxVCardFields of them.
    static Result<std::unique_ptr<ImportSource>> open(const QString& path, const ImportFileOptions& options = {});

    ImportFormat format() const { return m_format; }
    const CsvDialect& dialect() const; // CSV only
    // The CSV header, "Column 1", "Column 2"... when the file has none, or vcardHeaders()
    // followed by the vCard file's custom field names.
    QStringList headers() const;
    // vCards map their fixed columns the same way every time, and each custom field column to
    // the existing field of that name, else to a new field of the type its values suggest
    // (number, date or yes/no when every value seen is one, else text); CSV files:
    // ColumnMapping::guess().
    ColumnMapping defaultMapping(const QVector<CustomField>& existingFields,
                                 const QVector<QStringList>& sampleRows) const;

    // The next row, std::nullopt at the end of the file; an Error only when the file cannot
    // be read on (an I/O error, a quote left open at the end).
    Result<std::optional<ImportRow>> next();

    qint64 bytesRead() const;
    qint64 size() const;

    // The fixed columns of a flattened vCard (custom field columns follow them).
    static QStringList vcardHeaders();
    static constexpr int MaxVCardFields = 200;

private:
    ImportSource() = default;
    void scanVCardFields();

    struct VCardField
    {
        QString name;
        FieldType guessedType = FieldType::Text;
    };

    ImportFormat m_format = ImportFormat::Csv;
    QFile m_file;
    std::unique_ptr<CsvReader> m_csv;
    std::unique_ptr<VCardReader> m_vcard;
    QStringList m_headers;
    std::optional<CsvRecord> m_pending;      // the first record, read ahead when there is no header
    QVector<VCardField> m_vcardFields;       // the custom field columns of a vCard file, in order
    QHash<QString, int> m_vcardFieldColumns; // lower-case field name -> column
};

// The first rows of a file as they will be read, for the wizard's preview and the CLI.
struct ImportPreview
{
    ImportFormat format = ImportFormat::Csv;
    CsvDialect dialect;
    QStringList headers;
    QVector<ImportRow> rows;
    qint64 fileSize = 0;

    static Result<ImportPreview> load(const QString& path, const ImportFileOptions& options = {}, int maxRows = 100);
    QVector<QStringList> sampleFields() const;
};
