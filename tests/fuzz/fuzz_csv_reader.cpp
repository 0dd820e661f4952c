// CsvReader reads whatever file a user picks. Invariants: it never crashes; every record's
// ragged flag agrees with its field count and the width it reports; line numbers never go
// back; and reading is deterministic: the same bytes in chunks of another size give the
// same dialect, header, records and error.
#include "core/contacts/import/CsvReader.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

struct Outcome
{
    CsvDialect dialect;
    QStringList header;
    std::vector<CsvRecord> records;
    QString error;
};

Outcome readAll(const QByteArray& input, qsizetype chunkBytes)
{
    QByteArray bytes = input;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvOptions options;
    options.chunkBytes = chunkBytes;
    options.maxRecordChars = 4096;
    CsvReader reader(&buffer, options);
    Outcome outcome;
    qint64 lastLine = 0;
    qint64 ragged = 0;
    for (;;) {
        auto record = reader.next();
        if (!record.ok()) {
            outcome.error = record.error().message;
            FUZZ_CHECK(!outcome.error.isEmpty());
            auto again = reader.next(); // errors are sticky
            FUZZ_CHECK(!again.ok());
            break;
        }
        if (!record.value()) {
            break;
        }
        const CsvRecord& r = *record.value();
        FUZZ_CHECK(!r.fields.isEmpty());
        FUZZ_CHECK(r.line > lastLine);
        FUZZ_CHECK(r.isRagged() == (r.fields.size() != r.expectedFieldCount));
        if (!reader.header().isEmpty()) {
            FUZZ_CHECK(r.expectedFieldCount == reader.header().size());
        }
        ragged += r.isRagged() ? 1 : 0;
        lastLine = r.line;
        outcome.records.push_back(r);
    }
    FUZZ_CHECK(reader.raggedRecordCount() == ragged);
    outcome.dialect = reader.dialect();
    outcome.header = reader.header();
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const Outcome whole = readAll(input, 64 * 1024);
    const Outcome pieces = readAll(input, 3);
    FUZZ_CHECK(whole.dialect.encoding == pieces.dialect.encoding);
    FUZZ_CHECK(whole.dialect.delimiter == pieces.dialect.delimiter);
    FUZZ_CHECK(whole.header == pieces.header);
    FUZZ_CHECK(whole.error == pieces.error);
    FUZZ_CHECK(whole.records.size() == pieces.records.size());
    for (size_t i = 0; i < whole.records.size(); ++i) {
        FUZZ_CHECK(whole.records[i].fields == pieces.records[i].fields);
        FUZZ_CHECK(whole.records[i].line == pieces.records[i].line);
        FUZZ_CHECK(whole.records[i].raw == pieces.records[i].raw);
    }
    return 0;
}
