#pragma once

#include "core/Result.h"
#include "core/contacts/import/TextDecoder.h"

#include <QByteArray>
#include <QChar>
#include <QIODevice>
#include <QString>
#include <QStringList>

#include <optional>

// How a CSV file is written: decided by CsvReader::sniff from the start of the file,
// each part overridable by the user through CsvOptions.
struct CsvDialect
{
    QString encoding = QStringLiteral("UTF-8"); // a name TextDecoder::create accepts
    QChar delimiter = QLatin1Char(',');         // one of , ; TAB |
    bool hasHeader = false;
};

struct CsvOptions
{
    enum class Header { Detect, Present, Absent };

    QString encoding;               // empty: detect (BOM, UTF-8, uchardet, windows-1252)
    std::optional<QChar> delimiter; // empty: sniff among , ; TAB |
    Header header = Header::Detect;
    qsizetype chunkBytes = 64 * 1024;   // read from the device this much at a time
    qsizetype sampleBytes = 64 * 1024;  // sniffed for encoding, delimiter and header
    qsizetype maxRecordChars = 1 << 20; // a longer record is an error (a quote left open)
};

// One record (row) of the file.
struct CsvRecord
{
    QStringList fields;
    qint64 line = 0;            // the physical line (1-based) where the record starts
    QString raw;                // the record's text as in the file, for the error report
    int expectedFieldCount = 0; // the header's width, or the first record's without header

    bool isRagged() const { return fields.size() != expectedFieldCount; }
};

// A streaming CSV reader: RFC 4180 plus what real tools write.
// - Reads the device chunk by chunk, so memory stays flat whatever the file's size; only
//   one record is held at a time (and a record longer than maxRecordChars is an error).
// - Quoted fields may hold delimiters, doubled quotes and line breaks (kept as written).
//   Lenient where Excel and Python are: a quote inside an unquoted field is a character,
//   text after a closing quote is appended (`"a"b` reads `ab`).
// - CRLF, LF and CR (old Mac) line ends, mixed freely; `line` counts each as one line.
// - Blank lines are skipped (their lines still counted). A final line break is optional.
// - Ragged rows are returned, not fatal: CsvRecord::isRagged().
// - Errors (next() returns an Error, then every further call returns it too): a quote still
//   open at the end of the file, naming the line where it opened; a record too long; a device
//   that cannot be read; an unknown encoding override.
// - The header row, when there is one, is read by open() and not returned by next().
//   Detected when every field of the first row (but trailing empty ones) is non-empty, not a number and not
//   an email address, and a later row has a number, an email address or an empty field (or
//   there is no later row).
class CsvReader
{
public:
    CsvReader(QIODevice* device, CsvOptions options = {});

    // Sniffs the dialect and reads the header. Called by the first next() if not before.
    Status open();

    Result<std::optional<CsvRecord>> next();

    const CsvDialect& dialect() const { return m_dialect; }
    const QStringList& header() const { return m_header; }
    qint64 raggedRecordCount() const { return m_raggedCount; }

    // Decides encoding, delimiter and header from the start of a file. An Error only for an
    // unknown encoding named in the options.
    static Result<CsvDialect> sniff(const QByteArray& sample, bool sampleIsWholeFile, const CsvOptions& options = {});

private:
    Result<std::optional<CsvRecord>> readRecord();
    Error fail(Error error);

    QIODevice* m_device;
    CsvOptions m_options;
    CsvDialect m_dialect;
    std::optional<TextDecoder> m_decoder;
    std::optional<Error> m_error;
    QStringList m_header;
    QString m_buffer;
    qsizetype m_pos = 0;
    bool m_opened = false;
    bool m_deviceDone = false;
    bool m_expectedKnown = false;
    int m_expected = 0;
    qint64 m_raggedCount = 0;

    // Parser state, kept between chunks.
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State m_state = State::FieldStart;
    bool m_skipLf = false; // a CR ended the last line: a following LF belongs to it
    qint64 m_line = 1;     // the physical line the next character is on
    qint64 m_quoteLine = 0;
    CsvRecord m_record;
    QString m_field;
    bool m_recordStarted = false;
};
