#include "core/contacts/import/ImportSource.h"

#include "core/contacts/export/CsvWriter.h"
#include "core/contacts/import/FieldTypeGuess.h"
#include "core/contacts/import/VCardReader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

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
    VcStatus,
    VcLists,
    VcConsentSource,
    VcConsentDate,
    VcColumnCount
};

// Lists are flattened into one cell joined with this; a list name cannot hold a comma.
const QString ListSeparator = QStringLiteral(",");
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
    fields[VcStatus] = card.status;
    fields[VcLists] = card.lists.join(ListSeparator);
    fields[VcConsentSource] = card.consentSource;
    fields[VcConsentDate] = card.consentDate;
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
        return Error{
            ErrorCode::FileError,
            QCoreApplication::translate("ImportSource", "Cannot read %1: %2").arg(path, source->m_file.errorString())};
    }
    // An Excel workbook (.xlsx is a zip, .xls an OLE file) would read as a CSV of noise and be
    // refused for having no email column: say what the file is and what to do instead.
    const QByteArray start = source->m_file.peek(4);
    if (start == QByteArrayLiteral("PK\x03\x04") || start == QByteArrayLiteral("\xD0\xCF\x11\xE0")) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("ImportSource",
                                                 "%1 is a spreadsheet workbook, not a CSV file: save it as CSV "
                                                 "(UTF-8) from your spreadsheet program and import that.")
                         .arg(path)};
    }
    source->m_format =
        options.format.value_or(looksLikeVCard(source->m_file, path) ? ImportFormat::VCard : ImportFormat::Csv);
    if (source->m_format == ImportFormat::VCard) {
        source->scanVCardFields();
        if (!source->m_file.seek(0)) {
            return Error{ErrorCode::FileError, QCoreApplication::translate("ImportSource", "Cannot read %1: %2")
                                                   .arg(path, source->m_file.errorString())};
        }
        source->m_headers = vcardHeaders();
        for (const VCardField& field : std::as_const(source->m_vcardFields)) {
            source->m_headers.append(field.name);
        }
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

// One pass over the file that reads only the X-MAILROOM-FIELD lines: no cards are kept, only
// each name and what its values say about its type.
void ImportSource::scanVCardFields()
{
    QVector<FieldTypeGuess> guesses;
    int settled = 0; // guesses that no further value changes
    // Once no new name fits and every type is known, the rest of the file cannot change anything.
    const auto worthReadingOn = [&] { return m_vcardFields.size() < MaxVCardFields || settled < guesses.size(); };
    VCardReader(&m_file).scanCustomFields([&](const QString& name, const QString& value) {
        const QString key = name.toLower();
        auto column = m_vcardFieldColumns.constFind(key);
        if (column == m_vcardFieldColumns.cend()) {
            // A name no workspace field can have is left out rather than failing the whole mapping.
            if (m_vcardFields.size() >= MaxVCardFields || !validateFieldName(name).ok()) {
                return worthReadingOn();
            }
            column = m_vcardFieldColumns.insert(key, VcColumnCount + int(m_vcardFields.size()));
            m_vcardFields.append(VCardField{name, FieldType::Text});
            guesses.append(FieldTypeGuess());
        }
        FieldTypeGuess& guess = guesses[column.value() - VcColumnCount];
        const bool wasOpen = guess.open();
        guess.add(value);
        if (wasOpen && !guess.open()) {
            ++settled;
        }
        return worthReadingOn();
    });
    for (int i = 0; i < m_vcardFields.size(); ++i) {
        m_vcardFields[i].guessedType = guesses.at(i).type();
    }
}

const CsvDialect& ImportSource::dialect() const
{
    static const CsvDialect none;
    return m_csv ? m_csv->dialect() : none;
}

QStringList ImportSource::headers() const
{
    return m_headers;
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
    headers[VcStatus] = contactColumnLabel(ContactColumn::Status);
    headers[VcLists] = contactColumnLabel(ContactColumn::Lists);
    headers[VcConsentSource] = contactColumnLabel(ContactColumn::ConsentSource);
    headers[VcConsentDate] = contactColumnLabel(ContactColumn::ConsentDate);
    return headers;
}

ColumnMapping ImportSource::defaultMapping(const QVector<CustomField>& existingFields,
                                           const QVector<QStringList>& sampleRows) const
{
    if (m_format == ImportFormat::Csv) {
        return ColumnMapping::guess(m_headers, existingFields, sampleRows);
    }
    ColumnMapping mapping;
    mapping.headers = m_headers;
    mapping.targets.resize(m_headers.size());
    const QList<QPair<int, ContactColumn>> columns = {
        {VcEmail, ContactColumn::Email},
        {VcFirstName, ContactColumn::FirstName},
        {VcLastName, ContactColumn::LastName},
        {VcCompany, ContactColumn::Company},
        {VcPhone, ContactColumn::Phone},
        {VcStreet, ContactColumn::Street},
        {VcCity, ContactColumn::City},
        {VcRegion, ContactColumn::Region},
        {VcPostcode, ContactColumn::Postcode},
        {VcCountry, ContactColumn::Country},
        {VcNotes, ContactColumn::Notes},
        {VcStatus, ContactColumn::Status},
        {VcConsentSource, ContactColumn::ConsentSource},
        {VcConsentDate, ContactColumn::ConsentDate},
    };
    for (const auto& [index, column] : columns) {
        mapping.targets[index] = ColumnTarget::toColumn(column);
    }
    mapping.targets[VcCategories] = ColumnTarget::toTags(QStringLiteral(","));
    mapping.targets[VcLists] = ColumnTarget::toLists(ListSeparator);
    for (int i = 0; i < m_vcardFields.size(); ++i) {
        const VCardField& field = m_vcardFields.at(i);
        // The workspace's own field decides the type (and the spelling) when it has one of that name.
        const auto existing = std::find_if(existingFields.cbegin(), existingFields.cend(), [&](const CustomField& f) {
            return f.name.compare(field.name, Qt::CaseInsensitive) == 0;
        });
        mapping.targets[VcColumnCount + i] = existing != existingFields.cend()
                                                 ? ColumnTarget::toField(existing->name, existing->type)
                                                 : ColumnTarget::toField(field.name, field.guessedType);
    }
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
        row.fields.resize(m_headers.size());
        for (const auto& [name, value] : std::as_const(card->fields)) {
            // Names past MaxVCardFields, or that no field may have, have no column.
            if (const auto column = m_vcardFieldColumns.constFind(name.toLower());
                column != m_vcardFieldColumns.cend()) {
                row.fields[column.value()] = value;
            }
        }
        row.error = card->error;
        row.warnings = card->warnings;
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
