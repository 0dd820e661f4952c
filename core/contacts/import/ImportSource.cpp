#include "core/contacts/import/ImportSource.h"

#include "core/contacts/export/CsvWriter.h"
#include "core/contacts/import/VCardReader.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace {

// The columns a vCard is flattened into, in this order (see cardFields).
enum VCardColumn {
    VcEmail,
    VcFirstName,
    VcLastName,
    VcCompany,
    VcPhone,
    VcStreet,
    VcCity,
    VcRegion,
    VcPostcode,
    VcCountry,
    VcNotes,
    VcCategories,
    VcColumnCount
};

bool looksLikeVCard(QFile& file, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("vcf") || suffix == QLatin1String("vcard")) {
        return true;
    }
    QByteArray start = file.peek(512);
    if (start.startsWith("\xEF\xBB\xBF")) {
        start = start.mid(3);
    }
    return start.trimmed().toUpper().startsWith("BEGIN:VCARD");
}

QStringList cardFields(const VCardContact& card)
{
    QStringList fields(VcColumnCount);
    fields[VcEmail] = card.email;
    fields[VcFirstName] = card.firstName;
    fields[VcLastName] = card.lastName;
    // A card with only FN (many phones write no N): its first word is the first name. Unless
    // FN is only the company or the address, as writers put there for want of a name.
    const QString fn = card.formattedName;
    if (card.firstName.isEmpty() && card.lastName.isEmpty() && !fn.isEmpty() && fn != card.company &&
        !fn.contains(QLatin1Char('@'))) {
        const qsizetype space = fn.indexOf(QLatin1Char(' '));
        fields[VcFirstName] = space < 0 ? fn : fn.left(space);
        fields[VcLastName] = space < 0 ? QString() : fn.mid(space + 1).trimmed();
    }
    fields[VcCompany] = card.company;
    fields[VcPhone] = card.phone;
    fields[VcStreet] = card.street;
    fields[VcCity] = card.city;
    fields[VcRegion] = card.region;
    fields[VcPostcode] = card.postcode;
    fields[VcCountry] = card.country;
    fields[VcNotes] = card.notes;
    fields[VcCategories] = card.tags.join(QLatin1Char(','));
    return fields;
}

// Trailing empty fields beyond the header are what some tools write (a trailing delimiter);
// anything else on a ragged row means the row is not what the header says.
bool isHarmlesslyRagged(const CsvRecord& record)
{
    if (record.fields.size() < record.expectedFieldCount) {
        return false;
    }
    for (qsizetype i = record.expectedFieldCount; i < record.fields.size(); ++i) {
        if (!record.fields.at(i).trimmed().isEmpty()) {
            return false;
        }
    }
    return true;
}

} // namespace

ImportSource::~ImportSource() = default;

Result<std::unique_ptr<ImportSource>> ImportSource::open(const QString& path, const ImportFileOptions& options)
{
    std::unique_ptr<ImportSource> source(new ImportSource);
    source->m_file.setFileName(path);
    if (!QFileInfo(path).isFile()) {
        return Error{ErrorCode::FileError,
                     QCoreApplication::translate("ImportSource", "%1 does not exist or is not a file.").arg(path)};
    }
    if (!source->m_file.open(QIODevice::ReadOnly)) {
        return Error{ErrorCode::FileError, QCoreApplication::translate("ImportSource", "Cannot read %1: %2")
                                               .arg(path, source->m_file.errorString())};
    }
    source->m_format = options.format.value_or(looksLikeVCard(source->m_file, path) ? ImportFormat::VCard
                                                                                     : ImportFormat::Csv);
    if (source->m_format == ImportFormat::VCard) {
        source->m_vcard = std::make_unique<VCardReader>(&source->m_file);
        return source;
    }
    source->m_csv = std::make_unique<CsvReader>(&source->m_file, options.csv);
    if (auto opened = source->m_csv->open(); !opened) {
        return opened.error();
    }
    if (source->m_csv->header().isEmpty()) {
        // Without a header the columns are known from the first record: read it ahead.
        auto first = source->m_csv->next();
        if (!first) {
            return first.error();
        }
        source->m_pending = std::move(first).value();
        const int count = source->m_pending ? int(source->m_pending->fields.size()) : 0;
        for (int i = 1; i <= count; ++i) {
            source->m_headers.append(QCoreApplication::translate("ImportSource", "Column %1").arg(i));
        }
    } else {
        source->m_headers = source->m_csv->header();
    }
    return source;
}

const CsvDialect& ImportSource::dialect() const
{
    static const CsvDialect none;
    return m_csv ? m_csv->dialect() : none;
}

QStringList ImportSource::headers() const
{
    return m_format == ImportFormat::VCard ? vcardHeaders() : m_headers;
}

QStringList ImportSource::vcardHeaders()
{
    QStringList headers(VcColumnCount);
    headers[VcEmail] = contactColumnLabel(ContactColumn::Email);
    headers[VcFirstName] = contactColumnLabel(ContactColumn::FirstName);
    headers[VcLastName] = contactColumnLabel(ContactColumn::LastName);
    headers[VcCompany] = contactColumnLabel(ContactColumn::Company);
    headers[VcPhone] = contactColumnLabel(ContactColumn::Phone);
    headers[VcStreet] = contactColumnLabel(ContactColumn::Street);
    headers[VcCity] = contactColumnLabel(ContactColumn::City);
    headers[VcRegion] = contactColumnLabel(ContactColumn::Region);
    headers[VcPostcode] = contactColumnLabel(ContactColumn::Postcode);
    headers[VcCountry] = contactColumnLabel(ContactColumn::Country);
    headers[VcNotes] = contactColumnLabel(ContactColumn::Notes);
    headers[VcCategories] = QCoreApplication::translate("ImportSource", "Categories");
    return headers;
}

ColumnMapping ImportSource::defaultMapping(const QVector<CustomField>& existingFields,
                                           const QVector<QStringList>& sampleRows) const
{
    if (m_format == ImportFormat::Csv) {
        return ColumnMapping::guess(m_headers, existingFields, sampleRows);
    }
    ColumnMapping mapping;
    mapping.headers = vcardHeaders();
    mapping.targets.resize(VcColumnCount);
    const QList<QPair<int, ContactColumn>> columns = {
        {VcEmail, ContactColumn::Email},       {VcFirstName, ContactColumn::FirstName},
        {VcLastName, ContactColumn::LastName}, {VcCompany, ContactColumn::Company},
        {VcPhone, ContactColumn::Phone},       {VcStreet, ContactColumn::Street},
        {VcCity, ContactColumn::City},         {VcRegion, ContactColumn::Region},
        {VcPostcode, ContactColumn::Postcode}, {VcCountry, ContactColumn::Country},
        {VcNotes, ContactColumn::Notes},
    };
    for (const auto& [index, column] : columns) {
        mapping.targets[index] = ColumnTarget::toColumn(column);
    }
    mapping.targets[VcCategories] = ColumnTarget::toTags(QStringLiteral(","));
    return mapping;
}

Result<std::optional<ImportRow>> ImportSource::next()
{
    if (m_vcard) {
        std::optional<VCardContact> card = m_vcard->next();
        if (!card) {
            return std::optional<ImportRow>{};
        }
        ImportRow row;
        row.line = card->line;
        row.raw = card->raw;
        row.fields = cardFields(*card);
        row.error = card->error;
        return std::optional<ImportRow>(std::move(row));
    }
    std::optional<CsvRecord> record;
    if (m_pending) {
        record = std::move(m_pending);
        m_pending.reset();
    } else {
        auto read = m_csv->next();
        if (!read) {
            return read.error();
        }
        record = std::move(read).value();
    }
    if (!record) {
        return std::optional<ImportRow>{};
    }
    ImportRow row;
    row.line = record->line;
    row.raw = std::move(record->raw);
    if (record->isRagged() && !isHarmlesslyRagged(*record)) {
        // The line is reported beside the reason, so the reason does not repeat it.
        row.error = QCoreApplication::translate("ImportSource", "The row has %1 fields where the header has %2.")
                        .arg(record->fields.size())
                        .arg(record->expectedFieldCount);
    }
    row.fields = std::move(record->fields);
    row.fields.resize(m_headers.size());
    // Undo our own export's guard against spreadsheet formulas ("'+49 30..." -> "+49 30...").
    for (QString& field : row.fields) {
        field = CsvWriter::restoreNeutralized(field);
    }
    return std::optional<ImportRow>(std::move(row));
}

qint64 ImportSource::bytesRead() const
{
    return m_file.pos();
}

qint64 ImportSource::size() const
{
    return m_file.size();
}

Result<ImportPreview> ImportPreview::load(const QString& path, const ImportFileOptions& options, int maxRows)
{
    auto source = ImportSource::open(path, options);
    if (!source) {
        return source.error();
    }
    ImportPreview preview;
    preview.format = (*source)->format();
    preview.dialect = (*source)->dialect();
    preview.headers = (*source)->headers();
    preview.fileSize = (*source)->size();
    while (preview.rows.size() < maxRows) {
        auto row = (*source)->next();
        if (!row) {
            // A quote left open further down still shows the rows before it; the import reports it.
            if (preview.rows.isEmpty()) {
                return row.error();
            }
            break;
        }
        if (!row->has_value()) {
            break;
        }
        preview.rows.append(std::move(*row.value()));
    }
    return preview;
}

QVector<QStringList> ImportPreview::sampleFields() const
{
    QVector<QStringList> fields;
    for (const ImportRow& row : rows) {
        if (row.error.isEmpty()) {
            fields.append(row.fields);
        }
    }
    return fields;
}
