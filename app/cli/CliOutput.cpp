#include "app/cli/CliOutput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#ifdef Q_OS_WIN
#include <io.h>
#define MAILROOM_ISATTY _isatty
#define MAILROOM_FILENO _fileno
#else
#include <unistd.h>
#define MAILROOM_ISATTY isatty
#define MAILROOM_FILENO fileno
#endif

CliOutput::CliOutput(std::FILE* out, std::FILE* err)
    : m_out(out)
    , m_err(err)
    , m_errIsTerminal(MAILROOM_ISATTY(MAILROOM_FILENO(err)) != 0)
{}

void CliOutput::write(std::FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
}

void CliOutput::raw(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), m_out);
}

void CliOutput::line(const QString& text)
{
    write(m_out, text + QLatin1Char('\n'));
}

void CliOutput::json(const QJsonValue& value)
{
    QJsonDocument document;
    if (value.isArray()) {
        document.setArray(value.toArray());
    } else if (value.isObject()) {
        document.setObject(value.toObject());
    } else {
        // A bare scalar is valid JSON (RFC 8259) but QJsonDocument only holds containers.
        QJsonArray wrapper{value};
        QByteArray text = QJsonDocument(wrapper).toJson(QJsonDocument::Compact);
        write(m_out, QString::fromUtf8(text.mid(1, text.size() - 2)) + QLatin1Char('\n'));
        return;
    }
    write(m_out, QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
}

void CliOutput::table(const QStringList& headers, const QList<QStringList>& rows)
{
    if (headers.isEmpty()) {
        return;
    }
    QList<qsizetype> widths;
    for (const QString& header : headers) {
        widths.append(header.size());
    }
    for (const QStringList& row : rows) {
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c) {
            widths[c] = std::max(widths[c], row.at(c).size());
        }
    }
    auto format = [&widths](const QStringList& cells) {
        QString text;
        for (qsizetype c = 0; c < widths.size(); ++c) {
            const QString cell = c < cells.size() ? cells.at(c) : QString();
            text += c + 1 < widths.size() ? cell.leftJustified(widths[c] + 2) : cell;
        }
        return text;
    };
    line(format(headers));
    for (const QStringList& row : rows) {
        line(format(row));
    }
}

void CliOutput::error(const QString& message)
{
    endProgress();
    QString oneLine = message.simplified();
    write(m_err, QStringLiteral("mailroom-cli: %1\n").arg(oneLine));
}

void CliOutput::progress(const QString& label, qint64 done, qint64 total)
{
    if (!m_errIsTerminal || total <= 0) {
        return;
    }
    const int percent = static_cast<int>(done * 100 / total);
    if (percent == m_lastPercent) {
        return;
    }
    m_lastPercent = percent;
    write(m_err, QStringLiteral("\r%1: %2%").arg(label).arg(percent));
    std::fflush(m_err);
}

void CliOutput::endProgress()
{
    if (m_lastPercent >= 0) {
        write(m_err, QStringLiteral("\n"));
        m_lastPercent = -1;
    }
}
