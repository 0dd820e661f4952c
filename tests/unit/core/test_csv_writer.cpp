#include "core/contacts/export/CsvWriter.h"

#include <QBuffer>
#include <QProcess>
#include <QTest>

// What Excel, LibreOffice and Python's csv module read back is what was written, and no
// exported cell runs as a formula.
class TestCsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotesOnlyWhatNeedsIt()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(&buffer);
        QVERIFY(writer.writeRow({"email", "notes"}).ok());
        QVERIFY(writer.writeRow({"zoë@example.com", "said \"hi\", twice\nthen left"}).ok());
        QVERIFY(writer.writeRow({" padded", ""}).ok());
        QCOMPARE(buffer.data(), QByteArray("email,notes\r\n"
                                           "zo\xC3\xAB@example.com,\"said \"\"hi\"\", twice\nthen left\"\r\n"
                                           "\" padded\",\r\n"));
    }

    void excelFlavourHasBomAndSemicolons()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriterOptions options;
        options.delimiter = QLatin1Char(';');
        options.byteOrderMark = true;
        CsvWriter writer(&buffer, options);
        QVERIFY(writer.writeRow({"Müller", "a;b", "1,5"}).ok());
        QVERIFY(writer.writeRow({"x"}).ok());
        QCOMPARE(buffer.data(), QByteArray("\xEF\xBB\xBFM\xC3\xBCller;\"a;b\";1,5\r\nx\r\n"));
    }

    void neutralizesFormulasAndRestoresThemExactly_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("written");
        QTest::newRow("formula") << "=HYPERLINK(\"http://evil\")"
                                 << "'=HYPERLINK(\"http://evil\")";
        QTest::newRow("phone") << "+49 30 1234"
                               << "'+49 30 1234";
        QTest::newRow("negative") << "-5"
                                  << "'-5";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\tx"
                             << "'\tx";
        QTest::newRow("plain") << "Anna"
                               << "Anna";
        QTest::newRow("apostrophe name") << "'Tis Co"
                                         << "'Tis Co";
        QTest::newRow("apostrophe then formula") << "'=1+1"
                                                 << "''=1+1";
        QTest::newRow("two apostrophes") << "''x"
                                         << "''x";
        QTest::newRow("empty") << ""
                               << "";
    }
    void neutralizesFormulasAndRestoresThemExactly()
    {
        QFETCH(QString, cell);
        QFETCH(QString, written);
        QCOMPARE(CsvWriter::neutralized(cell), written);
        QCOMPARE(CsvWriter::restoreNeutralized(written), cell);
    }

    void pythonsCsvModuleReadsItBack()
    {
        const QStringList row = {"Zoë", "line one\r\nline two", "a,b;c", "quote \" inside", "=1+1", ""};
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CsvWriter writer(&buffer);
        QVERIFY(writer.writeRow(row).ok());
        QProcess python;
        python.start("/usr/bin/python3",
                     {"-c",
                      "import csv, io, sys, json\n"
                      "rows = list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode('utf-8'), newline='')))\n"
                      "sys.stdout.write(json.dumps(rows))"});
        QVERIFY(python.waitForStarted());
        python.write(buffer.data());
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished());
        QCOMPARE(python.exitCode(), 0);
        const QByteArray expected =
            "[[\"Zo\\u00eb\", \"line one\\r\\nline two\", \"a,b;c\", \"quote \\\" inside\", \"'=1+1\", \"\"]]";
        QCOMPARE(python.readAllStandardOutput(), expected);
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "test_csv_writer.moc"
