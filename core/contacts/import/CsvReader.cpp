#include "core/contacts/import/CsvReader.h"

#include "core/contacts/import/EncodingDetector.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QRegularExpression>

#include <map>
#include <vector>

namespace {

constexpr QChar kCandidateDelimiters[] = {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')};
constexpr int kSniffRecords = 50;

bool looksLikeEmail(const QString& field)
{
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return email.match(field.trimmed()).hasMatch();
}

// Numbers, dates and phone numbers: digits with separators, nothing a header would say.
bool looksLikeNumber(const QString& field)
{
    bool digit = false;
    for (const QChar c : field) {
        if (c.isDigit()) {
            digit = true;
        } else if (!c.isSpace() && !QStringLiteral("+-.,()/:'").contains(c)) {
            return false;
        }
    }
    return digit;
}

// Names may repeat: spreadsheets have two "Phone" columns, and an export has a custom field
// named like a built-in column. A row of data has an email address, so it never looks like this.
bool looksLikeHeader(const QStringList& first)
{
    // A trailing delimiter (Excel writes one when a column past the last was ever formatted)
    // leaves empty names at the end: they are no column.
    qsizetype named = first.size();
    while (named > 1 && first.at(named - 1).trimmed().isEmpty()) {
        --named;
    }
    for (const QString& field : first.mid(0, named)) {
        const QString name = field.trimmed();
        if (name.isEmpty() || looksLikeEmail(name) || looksLikeNumber(name)) {
            return false;
        }
    }
    return true;
}

bool looksLikeData(const QStringList& record)
{
    for (const QString& field : record) {
        if (field.trimmed().isEmpty() || looksLikeEmail(field) || looksLikeNumber(field)) {
            return true;
        }
    }
    return false;
}

// Records of a decoded sample read with `delimiter`; the last one is dropped when the
// sample is cut, since it may be cut too.
std::vector<QStringList> sampleRecords(const QByteArray& utf8, QChar delimiter, bool whole)
{
    QByteArray bytes = utf8;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvOptions options;
    options.encoding = QStringLiteral("UTF-8");
    options.delimiter = delimiter;
    options.header = CsvOptions::Header::Absent;
    CsvReader reader(&buffer, options);
    std::vector<QStringList> records;
    bool complete = true;
    while (int(records.size()) < kSniffRecords + 1) {
        auto record = reader.next();
        if (!record.ok()) {
            complete = false; // a quote still open at the sample's end
            break;
        }
        if (!record.value()) {
            break;
        }
        records.push_back(std::move(record.value()->fields));
    }
    if ((!whole || !complete || int(records.size()) > kSniffRecords) && records.size() > 1) {
        records.pop_back();
    }
    return records;
}

} // namespace

CsvReader::CsvReader(QIODevice* device, CsvOptions options)
    : m_device(device)
    , m_options(std::move(options))
{
    m_options.chunkBytes = qMax<qsizetype>(1, m_options.chunkBytes);
    m_options.sampleBytes = qMax<qsizetype>(4, m_options.sampleBytes);
}

Result<CsvDialect> CsvReader::sniff(const QByteArray& sample, bool sampleIsWholeFile, const CsvOptions& options)
{
    CsvDialect dialect;
    dialect.encoding = options.encoding.trimmed().isEmpty() ? EncodingDetector::detect(sample, sampleIsWholeFile)
                                                            : options.encoding.trimmed();
    auto decoder = TextDecoder::create(dialect.encoding);
    if (!decoder.ok()) {
        return decoder.error();
    }
    dialect.encoding = decoder->name();
    if (options.delimiter && options.header != CsvOptions::Header::Detect) {
        dialect.delimiter = *options.delimiter;
        dialect.hasHeader = options.header == CsvOptions::Header::Present;
        return dialect;
    }

    QString text = decoder.value().decode(sample);
    if (sampleIsWholeFile) {
        text += decoder.value().flush();
    }
    const QByteArray utf8 = text.toUtf8();
    std::vector<QStringList> chosen;
    if (options.delimiter) {
        dialect.delimiter = *options.delimiter;
        chosen = sampleRecords(utf8, dialect.delimiter, sampleIsWholeFile);
    } else {
        // The delimiter that splits the most records into the same number (> 1) of fields.
        int bestScore = -1;
        qsizetype bestWidth = 0;
        for (const QChar candidate : kCandidateDelimiters) {
            std::vector<QStringList> records = sampleRecords(utf8, candidate, sampleIsWholeFile);
            std::map<qsizetype, int> widths;
            for (const QStringList& record : records) {
                ++widths[record.size()];
            }
            qsizetype width = 0;
            int count = 0;
            for (const auto& [w, n] : widths) {
                if (n >= count) {
                    width = w;
                    count = n;
                }
            }
            const int score = width > 1 ? count : 0;
            if (score > bestScore || (score == bestScore && score > 0 && width > bestWidth)) {
                bestScore = score;
                bestWidth = width;
                dialect.delimiter = candidate;
                chosen = std::move(records);
            }
        }
    }

    switch (options.header) {
    case CsvOptions::Header::Present:
        dialect.hasHeader = true;
        break;
    case CsvOptions::Header::Absent:
        dialect.hasHeader = false;
        break;
    case CsvOptions::Header::Detect:
        dialect.hasHeader = false;
        if (!chosen.empty() && looksLikeHeader(chosen.front())) {
            dialect.hasHeader = chosen.size() == 1;
            for (size_t i = 1; i < chosen.size() && !dialect.hasHeader; ++i) {
                dialect.hasHeader = looksLikeData(chosen[i]);
            }
        }
        break;
    }
    return dialect;
}

Status CsvReader::open()
{
    if (m_opened) {
        return m_error ? Status(*m_error) : Status(Ok{});
    }
    m_opened = true;
    if (!m_device || !m_device->isReadable()) {
        return fail(
            {ErrorCode::InvalidInput, QCoreApplication::translate("CsvReader", "The file is not open for reading.")});
    }
    const QByteArray sample = m_device->peek(m_options.sampleBytes);
    auto dialect = sniff(sample, sample.size() < m_options.sampleBytes, m_options);
    if (!dialect.ok()) {
        return fail(dialect.error());
    }
    m_dialect = dialect.value();
    auto decoder = TextDecoder::create(m_dialect.encoding);
    if (!decoder.ok()) {
        return fail(decoder.error());
    }
    m_decoder.emplace(std::move(decoder).value());
    if (m_dialect.hasHeader) {
        auto header = readRecord();
        if (!header.ok()) {
            return fail(header.error());
        }
        if (header.value()) {
            m_header = header.value()->fields;
            m_expected = int(m_header.size());
        }
    }
    return Ok{};
}

Error CsvReader::fail(Error error)
{
    m_error = error;
    return error;
}

Result<std::optional<CsvRecord>> CsvReader::next()
{
    if (!m_opened) {
        if (auto status = open(); !status.ok()) {
            return status.error();
        }
    }
    if (m_error) {
        return *m_error;
    }
    auto record = readRecord();
    if (record.ok() && record.value() && record.value()->isRagged()) {
        ++m_raggedCount;
    }
    return record;
}

Result<std::optional<CsvRecord>> CsvReader::readRecord()
{
    const QChar quote = QLatin1Char('"');
    const QChar cr = QLatin1Char('\r');
    const QChar lf = QLatin1Char('\n');
    const QChar delimiter = m_dialect.delimiter;

    const auto finishRecord = [this]() -> std::optional<CsvRecord> {
        m_record.fields.append(m_field);
        m_field.clear();
        if (!m_expectedKnown) {
            m_expectedKnown = true;
            if (m_expected == 0) {
                m_expected = int(m_record.fields.size());
            }
        }
        m_record.expectedFieldCount = m_expected;
        m_recordStarted = false;
        m_state = State::FieldStart;
        CsvRecord done = std::move(m_record);
        m_record = CsvRecord();
        return done;
    };

    for (;;) {
        while (m_pos < m_buffer.size()) {
            const QChar c = m_buffer.at(m_pos++);
            const bool lfAfterCr = c == lf && m_skipLf;
            m_skipLf = c == cr;
            const qint64 lineOfChar = m_line;
            if (c == cr || (c == lf && !lfAfterCr)) {
                ++m_line;
            }

            if (m_state == State::Quoted) {
                m_record.raw.append(c);
                if (c == quote) {
                    m_state = State::QuoteInQuoted;
                } else {
                    m_field.append(c);
                }
            } else {
                if (lfAfterCr) {
                    continue; // the LF of a CRLF whose CR ended the line
                }
                if (c == cr || c == lf) {
                    if (!m_recordStarted) {
                        continue; // a blank line
                    }
                    return finishRecord();
                }
                if (!m_recordStarted) {
                    m_recordStarted = true;
                    m_record.line = lineOfChar;
                }
                m_record.raw.append(c);
                if (c == delimiter) {
                    m_record.fields.append(m_field);
                    m_field.clear();
                    m_state = State::FieldStart;
                } else if (c == quote && m_state == State::FieldStart) {
                    m_state = State::Quoted;
                    m_quoteLine = lineOfChar;
                } else if (c == quote && m_state == State::QuoteInQuoted) {
                    m_field.append(quote); // RFC 4180 2.7: a doubled quote
                    m_state = State::Quoted;
                } else {
                    m_field.append(c);
                    m_state = State::Unquoted;
                }
            }
            if (m_record.raw.size() > m_options.maxRecordChars) {
                return fail({ErrorCode::InvalidInput,
                             QCoreApplication::translate(
                                 "CsvReader", "Line %1: the row is longer than %2 characters. Is a quote left open?")
                                 .arg(m_record.line)
                                 .arg(m_options.maxRecordChars)});
            }
        }

        if (!m_deviceDone) {
            QByteArray chunk(m_options.chunkBytes, Qt::Uninitialized);
            qint64 read = m_device->read(chunk.data(), chunk.size());
            if (read == 0 && m_device->isSequential() && !m_device->atEnd() && m_device->waitForReadyRead(-1)) {
                read = m_device->read(chunk.data(), chunk.size());
            }
            if (read < 0) {
                return fail({ErrorCode::InvalidInput,
                             QCoreApplication::translate("CsvReader", "Could not read the file after line %1: %2")
                                 .arg(m_line)
                                 .arg(m_device->errorString())});
            }
            if (read == 0) {
                m_deviceDone = true;
                m_buffer = m_decoder->flush();
                m_pos = 0;
            } else {
                m_buffer = m_decoder->decode(QByteArrayView(chunk.constData(), read));
                m_pos = 0;
            }
            continue;
        }

        if (m_state == State::Quoted) {
            return fail({ErrorCode::InvalidInput,
                         QCoreApplication::translate("CsvReader",
                                                     "Line %1: a quoted field is still open at the end of the file.")
                             .arg(m_quoteLine)});
        }
        if (m_recordStarted) {
            return finishRecord();
        }
        return std::optional<CsvRecord>();
    }
}
