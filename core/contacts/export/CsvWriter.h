#pragma once

#include "core/Result.h"

#include <QChar>
#include <QString>
#include <QStringList>

class QIODevice;

struct CsvWriterOptions
{
    QChar delimiter = QLatin1Char(','); // ';' for Excel in locales with a decimal comma
    bool byteOrderMark = false;         // Excel needs it to read UTF-8 as UTF-8
    bool neutralizeFormulas = true;
};

// Writes RFC 4180 CSV in UTF-8 with CRLF line ends. Fields are quoted when they hold the
// delimiter, a quote, a line break or edge spaces; quotes inside are doubled.
//
// Formula neutralization (CSV injection, OWASP): a spreadsheet runs a cell that starts with
// =, +, -, @, a tab or a carriage return as a formula, so such a cell gets a leading
// apostrophe, which spreadsheets hide and never evaluate. Importing must undo exactly this:
// restoreNeutralized() strips an apostrophe only where neutralized() would have put one, so
// export then re-import gives back "+49 30 1234" and "-5", and a name that really starts with
// an apostrophe followed by a letter is left alone.
class CsvWriter
{
public:
    CsvWriter(QIODevice* device, CsvWriterOptions options = {});

    Status writeRow(const QStringList& fields);

    static QString neutralized(const QString& field);
    static QString restoreNeutralized(const QString& field);
    static QString escaped(const QString& field, QChar delimiter);

private:
    QIODevice* m_device;
    CsvWriterOptions m_options;
    bool m_wroteBom = false;
};
