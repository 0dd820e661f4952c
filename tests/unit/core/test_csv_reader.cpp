#include "core/contacts/import/CsvReader.h"
#include "core/contacts/import/EncodingDetector.h"
#include "core/contacts/import/TextDecoder.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstring>
#include <vector>

namespace {

QString dataPath(const QString& relative)
{
    return QStringLiteral(MAILROOM_TEST_DATA_DIR "/") + relative;
}

QByteArray readBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

struct ReadAll
{
    CsvDialect dialect;
    QStringList header;
    std::vector<CsvRecord> records;
    QString error;
};

ReadAll readAll(QByteArray bytes, CsvOptions options = {})
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, options);
    ReadAll result;
    for (;;) {
        auto record = reader.next();
        if (!record.ok()) {
            result.error = record.error().message;
            break;
        }
        if (!record.value()) {
            break;
        }
        result.records.push_back(*record.value());
    }
    result.dialect = reader.dialect();
    result.header = reader.header();
    return result;
}

ReadAll readFile(const QString& relative, CsvOptions options = {})
{
    const QByteArray bytes = readBytes(dataPath(relative));
    if (bytes.isEmpty()) {
        ReadAll missing;
        missing.error = QStringLiteral("missing test file ") + relative;
        return missing;
    }
    return readAll(bytes, options);
}

// A sequential device that makes up `rows` contact rows as they are read, so a test can
// stream a file far larger than anything held in memory.
class GeneratedCsv : public QIODevice
{
public:
    explicit GeneratedCsv(int rows)
        : m_rows(rows)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        while (m_pending.size() < maxSize && m_next <= m_rows) {
            m_pending += m_next == 0 ? QByteArray("email;name;note\r\n")
                                     : QByteArray("user") + QByteArray::number(m_next) + "@example.com;Name " +
                                           QByteArray::number(m_next) + ";\"two\nlines\"\r\n";
            ++m_next;
        }
        const qint64 n = qMin<qint64>(maxSize, m_pending.size());
        std::memcpy(data, m_pending.constData(), size_t(n));
        m_pending.remove(0, n);
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    int m_rows;
    int m_next = 0;
    QByteArray m_pending;
};

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvSpectrum_data()
    {
        QTest::addColumn<QString>("name");
        const QDir csvs(dataPath(QStringLiteral("csv-spectrum/csvs")));
        const QStringList files = csvs.entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 12);
        for (const QString& file : files) {
            const QString name = file.chopped(4);
            QTest::newRow(qPrintable(name)) << name;
        }
    }
    void csvSpectrum()
    {
        QFETCH(QString, name);
        QByteArray csv = readBytes(dataPath(QStringLiteral("csv-spectrum/csvs/%1.csv").arg(name)));
        if (name.endsWith(QLatin1String("_crlf")) && !csv.contains('\r')) {
            csv.replace("\n", "\r\n"); // the shared copy lost the CRs upstream has
        }
        const QJsonDocument json =
            QJsonDocument::fromJson(readBytes(dataPath(QStringLiteral("csv-spectrum/json/%1.json").arg(name))));
        // location_coordinates.json is a single object rather than an array of one.
        const QJsonArray expected = json.isArray() ? json.array() : QJsonArray{json.object()};

        const ReadAll read = readAll(csv);
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QVERIFY2(read.dialect.hasHeader, "the header row was not detected");
        QCOMPARE(read.dialect.delimiter, QLatin1Char(','));
        QCOMPARE(qsizetype(read.records.size()), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QJsonObject row = expected.at(i).toObject();
            const CsvRecord& record = read.records[size_t(i)];
            QCOMPARE(record.fields.size(), read.header.size());
            QVERIFY(!record.isRagged());
            for (qsizetype column = 0; column < read.header.size(); ++column) {
                const QString key = read.header.at(column);
                QVERIFY2(row.contains(key), qPrintable(key));
                // Upstream's location_coordinates.json has a different phone number than its CSV.
                if (name == QLatin1String("location_coordinates") && column == 0) {
                    continue;
                }
                QCOMPARE(record.fields.at(column), row.value(key).toString());
            }
        }
    }

    void excelGermanWindows1252()
    {
        const ReadAll read = readFile(QStringLiteral("import/excel_german_windows1252.csv"));
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.dialect.encoding, QStringLiteral("windows-1252"));
        QCOMPARE(read.dialect.delimiter, QLatin1Char(';'));
        QVERIFY(read.dialect.hasHeader);
        QCOMPARE(read.header,
                 QStringList({QStringLiteral("Vorname"), QStringLiteral("Nachname"), QStringLiteral("E-Mail-Adresse"),
                              QStringLiteral("Ort"), QStringLiteral("Betrag")}));
        QCOMPARE(read.records.size(), size_t(3));
        QCOMPARE(read.records[0].fields, QStringList({QStringLiteral("Jürgen"), QStringLiteral("Müller"),
                                                      QStringLiteral("juergen.mueller@example.de"),
                                                      QStringLiteral("Köln"), QStringLiteral("12,50 €")}));
        QCOMPARE(read.records[0].line, 2);
        QCOMPARE(read.records[1].fields.at(1), QStringLiteral("Weiß"));
        QCOMPARE(read.records[1].fields.at(4), QStringLiteral("3;5 € (Rabatt \"Sommer\")"));
        QCOMPARE(read.records[2].fields.at(1), QStringLiteral("Straßburger"));
        QCOMPARE(read.records[2].fields.at(4), QString());
        QCOMPARE(read.records[2].line, 4);
        QCOMPARE(read.records[2].raw, QStringLiteral("Ömer;Straßburger;oemer@example.de;Öhringen;"));
        for (const CsvRecord& record : read.records) {
            QVERIFY(!record.isRagged());
        }
    }

    void excelUnicodeTextUtf16()
    {
        const ReadAll read = readFile(QStringLiteral("import/excel_unicode_text_utf16le.txt"));
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.dialect.encoding, QStringLiteral("UTF-16LE"));
        QCOMPARE(read.dialect.delimiter, QLatin1Char('\t'));
        QCOMPARE(read.header.first(), QStringLiteral("Name")); // the BOM is not part of it
        QCOMPARE(read.records.size(), size_t(3));
        QCOMPARE(read.records[0].fields, QStringList({QStringLiteral("Zoë Ångström"), QStringLiteral("zoe@example.se"),
                                                      QStringLiteral("Malmö")}));
        QCOMPARE(read.records[1].fields.at(2), QStringLiteral("東京\t都"));
        QCOMPARE(read.records[2].fields.at(0), QStringLiteral("Say \"hi\""));
        QCOMPARE(read.records[2].fields.at(2), QStringLiteral("😀 Town"));
    }

    void googleContactsMultilineNotes()
    {
        const ReadAll read = readFile(QStringLiteral("import/google_contacts.csv"));
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.dialect.encoding, QStringLiteral("UTF-8"));
        QCOMPARE(read.header.first(), QStringLiteral("Name"));
        QCOMPARE(read.header.size(), 11);
        QCOMPARE(read.records.size(), size_t(2));
        QCOMPARE(read.records[0].fields.at(5),
                 QStringLiteral("Met at the fair.\nLikes \"dark\" roast,\nasks for invoices by post."));
        QCOMPARE(read.records[0].fields.at(8), QStringLiteral("jane@example.com"));
        QCOMPARE(read.records[0].line, 2);
        QVERIFY(read.records[0].raw.contains(QLatin1String("\"Met at the fair.\nLikes \"\"dark\"\" roast")));
        // The note took three physical lines: José starts on line 5.
        QCOMPARE(read.records[1].line, 5);
        QCOMPARE(read.records[1].fields.at(0), QStringLiteral("José Núñez"));
        QVERIFY(!read.records[1].isRagged());
    }

    void raggedRowsAreReportedNotFatal()
    {
        QByteArray bytes = readBytes(dataPath(QStringLiteral("import/ragged.csv")));
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QStringList messages;
        QStringList names;
        for (;;) {
            auto record = reader.next();
            QVERIFY(record.ok());
            if (!record.value()) {
                break;
            }
            names.append(record.value()->fields.first());
            if (record.value()->isRagged()) {
                messages.append(QStringLiteral("line %1: %2 of %3")
                                    .arg(record.value()->line)
                                    .arg(record.value()->fields.size())
                                    .arg(record.value()->expectedFieldCount));
            }
        }
        QCOMPARE(names, QStringList({QStringLiteral("Ann"), QStringLiteral("Bob"), QStringLiteral("Cy"),
                                     QStringLiteral("Di")}));
        QCOMPARE(reader.raggedRecordCount(), 2);
        QCOMPARE(messages, QStringList({QStringLiteral("line 3: 2 of 3"), QStringLiteral("line 5: 4 of 3")}));
    }

    void classicMacCrLineEnds()
    {
        const ReadAll read = readFile(QStringLiteral("import/classic_mac_cr.csv"));
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.header, QStringList({QStringLiteral("First"), QStringLiteral("Last"), QStringLiteral("Email")}));
        QCOMPARE(read.records.size(), size_t(2));
        QCOMPARE(read.records[1].fields.at(0), QStringLiteral("Grace \"Amazing\""));
        QCOMPARE(read.records[1].line, 3);
    }

    void unterminatedQuoteNamesItsLine()
    {
        const ReadAll read = readFile(QStringLiteral("import/unterminated_quote.csv"));
        QCOMPARE(read.records.size(), size_t(1));
        QVERIFY2(read.error.contains(QLatin1String("Line 3")), qPrintable(read.error));
        QVERIFY(read.error.contains(QLatin1String("quoted")));
    }

    void overrides()
    {
        CsvOptions options;
        options.encoding = QStringLiteral("ISO-8859-1");
        options.delimiter = QLatin1Char(',');
        options.header = CsvOptions::Header::Absent;
        const ReadAll read = readAll(QByteArray("a;b,c\n\xe9;\x80,x\n"), options);
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QVERIFY(read.header.isEmpty());
        QCOMPARE(read.records.size(), size_t(2));
        QCOMPARE(read.records[1].fields, QStringList({QStringLiteral("é;\u0080"), QStringLiteral("x")}));

        options.encoding = QStringLiteral("klingon-8");
        const ReadAll unknown = readAll(QByteArray("a,b\n"), options);
        QVERIFY(unknown.records.empty());
        QVERIFY2(unknown.error.contains(QLatin1String("\"klingon-8\"")), qPrintable(unknown.error));
    }

    void sniffsDelimiter_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("comma") << QByteArray("name,email\nA,a@example.com\n") << QStringLiteral(",");
        QTest::newRow("semicolon with decimal commas")
            << QByteArray("Name;Betrag\nA;3,50\nB;4,20\nC;1\n") << QStringLiteral(";");
        QTest::newRow("tab") << QByteArray("Name\tEmail, work\nA\ta@example.com\n") << QStringLiteral("\t");
        QTest::newRow("pipe") << QByteArray("name|email|note\nA|a@x.org|\"x, y; z\"\n") << QStringLiteral("|");
        QTest::newRow("single column") << QByteArray("a@example.com\nb@example.com\n") << QStringLiteral(",");
    }
    void sniffsDelimiter()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, delimiter);
        const auto dialect = CsvReader::sniff(bytes, true);
        QVERIFY(dialect.ok());
        QCOMPARE(QString(dialect->delimiter), delimiter);
    }

    void detectsHeader_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("hasHeader");
        QTest::newRow("names then emails") << QByteArray("Name,Email\nAnn,ann@example.com\n") << true;
        QTest::newRow("no header") << QByteArray("Ann,ann@example.com\nBob,bob@example.com\n") << false;
        QTest::newRow("numbers") << QByteArray("1,2\n3,4\n") << false;
        QTest::newRow("header only") << QByteArray("First,Last,Email\n") << true;
        QTest::newRow("empty header cell") << QByteArray("Name,,Email\nAnn,x,ann@example.com\n") << false;
    }
    void detectsHeader()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, hasHeader);
        const auto dialect = CsvReader::sniff(bytes, true);
        QVERIFY(dialect.ok());
        QCOMPARE(dialect->hasHeader, hasHeader);
    }

    // Chunk boundaries anywhere (inside a UTF-16 pair, a CRLF, a doubled quote) change nothing.
    void chunkSizeDoesNotMatter()
    {
        for (const QString& file :
             {QStringLiteral("import/google_contacts.csv"), QStringLiteral("import/excel_unicode_text_utf16le.txt"),
              QStringLiteral("import/excel_german_windows1252.csv"), QStringLiteral("import/classic_mac_cr.csv")}) {
            const ReadAll whole = readFile(file);
            for (const qsizetype chunk : {1, 2, 3, 7}) {
                CsvOptions options;
                options.chunkBytes = chunk;
                const ReadAll pieces = readFile(file, options);
                QCOMPARE(pieces.error, whole.error);
                QCOMPARE(pieces.header, whole.header);
                QCOMPARE(pieces.records.size(), whole.records.size());
                for (size_t i = 0; i < whole.records.size(); ++i) {
                    QCOMPARE(pieces.records[i].fields, whole.records[i].fields);
                    QCOMPARE(pieces.records[i].line, whole.records[i].line);
                    QCOMPARE(pieces.records[i].raw, whole.records[i].raw);
                }
            }
        }
    }

    // Rows come one at a time from a sequential device: nothing needs the whole file.
    void streamsFromASequentialDevice()
    {
        constexpr int rows = 200000;
        GeneratedCsv device(rows);
        CsvReader reader(&device);
        QVERIFY(reader.open().ok());
        QCOMPARE(reader.dialect().delimiter, QLatin1Char(';'));
        QCOMPARE(reader.header(),
                 QStringList({QStringLiteral("email"), QStringLiteral("name"), QStringLiteral("note")}));
        int count = 0;
        for (;;) {
            auto record = reader.next();
            QVERIFY(record.ok());
            if (!record.value()) {
                break;
            }
            ++count;
            if (record.value()->line != 2 * count || record.value()->fields.at(2) != QLatin1String("two\nlines")) {
                QFAIL(qPrintable(QStringLiteral("row %1 read wrong").arg(count)));
            }
        }
        QCOMPARE(count, rows);
        QCOMPARE(reader.raggedRecordCount(), 0);
    }

    void overlongRecordIsAnError()
    {
        CsvOptions options;
        options.maxRecordChars = 100;
        QByteArray bytes("name,note\nAnn,\"");
        bytes.append(QByteArray(500, 'x'));
        const ReadAll read = readAll(bytes, options);
        QVERIFY2(read.error.contains(QLatin1String("Line 2")), qPrintable(read.error));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
