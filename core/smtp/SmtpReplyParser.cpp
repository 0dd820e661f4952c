#include "core/smtp/SmtpReplyParser.h"

#include <QCoreApplication>

#include <cstring>

namespace {

// The offending line for an error message: at most 80 characters, control bytes escaped.
QString quoted(const QByteArray& line)
{
    QString text;
    const qsizetype shown = qMin<qsizetype>(line.size(), 80);
    for (qsizetype i = 0; i < shown; ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c < 0x20 || c >= 0x7f) {
            text += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        } else {
            text += QLatin1Char(char(c));
        }
    }
    if (line.size() > shown) {
        text += QStringLiteral("...");
    }
    return QLatin1Char('"') + text + QLatin1Char('"');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

void SmtpReplyParser::reset()
{
    m_buffer.clear();
    m_consumed = 0;
    m_error.reset();
}

Error SmtpReplyParser::fail(const QString& message)
{
    m_error = Error{ErrorCode::InvalidInput, message};
    return *m_error;
}

Result<std::optional<SmtpReply>> SmtpReplyParser::next()
{
    if (m_error) {
        return *m_error;
    }
    QList<QByteArray> lines;
    int code = 0;
    qsizetype pos = m_consumed;
    for (;;) {
        const char* start = m_buffer.constData() + pos;
        const qsizetype available = m_buffer.size() - pos;
        const void* found = available > 0 ? std::memchr(start, '\n', size_t(available)) : nullptr;
        if (!found) {
            if (available > kMaxLineBytes) {
                return fail(QCoreApplication::translate("SmtpReplyParser",
                                                        "The server sent a reply line longer than %1 bytes: %2")
                                .arg(kMaxLineBytes)
                                .arg(quoted(QByteArray(start, 80))));
            }
            break; // wait for more bytes; lines already seen are parsed again then
        }
        const qsizetype lineEnd = static_cast<const char*>(found) - m_buffer.constData();
        qsizetype length = lineEnd - pos;
        // RFC 5321 says CRLF; a bare LF is tolerated on input (it cannot confuse a reply).
        if (length > 0 && start[length - 1] == '\r') {
            --length;
        }
        const QByteArray line(start, length);
        pos = lineEnd + 1;
        if (length > kMaxLineBytes) {
            return fail(
                QCoreApplication::translate("SmtpReplyParser", "The server sent a reply line longer than %1 bytes: %2")
                    .arg(kMaxLineBytes)
                    .arg(quoted(line)));
        }
        // RFC 5321 4.2: Reply-code = %x32-35 %x30-35 %x30-39, then SP or "-" and text, or nothing.
        const bool wellFormed = length >= 3 && line[0] >= '2' && line[0] <= '5' && isDigit(line[1]) &&
                                isDigit(line[2]) && (length == 3 || line[3] == ' ' || line[3] == '-');
        if (!wellFormed) {
            return fail(QCoreApplication::translate("SmtpReplyParser", "The server sent a line that is not an SMTP "
                                                                       "reply: %1")
                            .arg(quoted(line)));
        }
        const int lineCode = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        if (lines.isEmpty()) {
            code = lineCode;
        } else if (lineCode != code) {
            return fail(
                QCoreApplication::translate("SmtpReplyParser", "The server changed the reply code within one reply: %1")
                    .arg(quoted(line)));
        }
        lines.append(length > 4 ? line.mid(4) : QByteArray());
        if (length == 3 || line[3] == ' ') {
            m_consumed = pos;
            if (m_consumed == m_buffer.size()) {
                m_buffer.resize(0); // keeps the capacity
                m_consumed = 0;
            } else if (m_consumed > 64 * 1024) {
                m_buffer.remove(0, m_consumed);
                m_consumed = 0;
            }
            return std::optional<SmtpReply>(SmtpReply(code, std::move(lines)));
        }
        if (lines.size() >= kMaxLines) {
            return fail(
                QCoreApplication::translate("SmtpReplyParser", "The server sent a reply of more than %1 lines: %2")
                    .arg(kMaxLines)
                    .arg(quoted(line)));
        }
    }
    return std::optional<SmtpReply>();
}
