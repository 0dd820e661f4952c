#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdio>

// Everything the CLI prints: results on stdout (text or JSON, UTF-8), the one-line error
// and progress on stderr. Tests give it files instead of the real streams.
class CliOutput
{
public:
    explicit CliOutput(std::FILE* out = stdout, std::FILE* err = stderr);

    void line(const QString& text);
    // Bytes as they are (a rendered message), no line end added.
    void raw(const QByteArray& bytes);
    void json(const QJsonValue& value);
    // Columns padded to their widest cell; an empty column set prints nothing.
    void table(const QStringList& headers, const QList<QStringList>& rows);

    // "mailroom-cli: message", folded onto one line so scripts can read it with one `read`.
    void error(const QString& message);
    // "\rMaking contacts: 42%" on a terminal; nothing when stderr is a file or pipe.
    void progress(const QString& label, qint64 done, qint64 total);
    void endProgress();

private:
    void write(std::FILE* stream, const QString& text);

    std::FILE* m_out;
    std::FILE* m_err;
    bool m_errIsTerminal;
    int m_lastPercent = -1;
};
