#include "core/contacts/export/CsvWriter.h"

#include <QCoreApplication>
#include <QIODevice>

namespace {

bool startsLikeFormula(const QString& field)
{
    if (field.isEmpty()) {
        return false;
    }
    const QChar c = field.front();
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') ||
           c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

// A formula-like cell, or one that is apostrophes before a formula-like cell (so "'=1" is
// written "''=1" and restoreNeutralized can always take exactly one apostrophe off).
bool needsApostrophe(const QString& field)
{
    qsizetype i = 0;
    while (i < field.size() && field.at(i) == QLatin1Char('\'')) {
        ++i;
    }
    return startsLikeFormula(field.mid(i));
}

} // namespace

CsvWriter::CsvWriter(QIODevice* device, CsvWriterOptions options)
    : m_device(device)
    , m_options(options)
{}

QString CsvWriter::neutralized(const QString& field)
{
    return needsApostrophe(field) ? QLatin1Char('\'') + field : field;
}

QString CsvWriter::restoreNeutralized(const QString& field)
{
    return field.startsWith(QLatin1Char('\'')) && needsApostrophe(field.mid(1)) ? field.mid(1) : field;
}

QString CsvWriter::escaped(const QString& field, QChar delimiter)
{
    const bool needsQuotes = field.contains(delimiter) || field.contains(QLatin1Char('"')) ||
                             field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r')) ||
                             field.startsWith(QLatin1Char(' ')) || field.endsWith(QLatin1Char(' '));
    if (!needsQuotes) {
        return field;
    }
    QString quoted = field;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

Status CsvWriter::writeRow(const QStringList& fields)
{
    QString line;
    for (int i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            line += m_options.delimiter;
        }
        const QString field = m_options.neutralizeFormulas ? neutralized(fields.at(i)) : fields.at(i);
        line += escaped(field, m_options.delimiter);
    }
    line += QStringLiteral("\r\n");
    QByteArray bytes;
    if (m_options.byteOrderMark && !m_wroteBom) {
        bytes = QByteArray("\xEF\xBB\xBF");
        m_wroteBom = true;
    }
    bytes += line.toUtf8();
    if (m_device->write(bytes) != bytes.size()) {
        return Error{
            ErrorCode::FileError,
            QCoreApplication::translate("CsvWriter", "Cannot write the file: %1").arg(m_device->errorString())};
    }
    return Ok{};
}
