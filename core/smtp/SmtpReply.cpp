#include "core/smtp/SmtpReply.h"

#include <utility>

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// RFC 3463 2: class "." subject "." detail; class 2, 4 or 5; subject and detail 1 to 3 digits.
// Returns the length of the code at the start of text (followed by a space or the end), or 0.
qsizetype enhancedStatusLength(const QByteArray& text)
{
    const qsizetype n = text.size();
    if (n < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.') {
        return 0;
    }
    qsizetype i = 2;
    for (int part = 0; part < 2; ++part) {
        const qsizetype start = i;
        while (i < n && isDigit(text[i]) && i - start < 4) {
            ++i;
        }
        const qsizetype digits = i - start;
        if (digits < 1 || digits > 3) {
            return 0;
        }
        if (part == 0) {
            if (i >= n || text[i] != '.') {
                return 0;
            }
            ++i;
        }
    }
    return (i == n || text[i] == ' ') ? i : 0;
}

QString printable(const QByteArray& bytes)
{
    QString text = QString::fromUtf8(bytes);
    for (QChar& c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            c = QLatin1Char('?');
        }
    }
    return text;
}

} // namespace

SmtpReply::SmtpReply(int code, QList<QByteArray> lines)
    : m_code(code)
    , m_lines(std::move(lines))
{
    if (!m_lines.isEmpty()) {
        const qsizetype length = enhancedStatusLength(m_lines.first());
        // The class must agree with the reply code's first digit (RFC 3463 3.1).
        if (length > 0 && m_lines.first()[0] == char('0' + code / 100)) {
            m_enhanced = QString::fromLatin1(m_lines.first().left(length));
        }
    }
}

QString SmtpReply::text() const
{
    QString joined;
    const QByteArray prefix = m_enhanced.toLatin1();
    for (const QByteArray& line : m_lines) {
        QByteArray body = line;
        if (!prefix.isEmpty() && body.startsWith(prefix) &&
            (body.size() == prefix.size() || body[prefix.size()] == ' ')) {
            body = body.mid(prefix.size() + 1);
        }
        body = body.trimmed();
        if (body.isEmpty()) {
            continue;
        }
        if (!joined.isEmpty()) {
            joined += QLatin1Char(' ');
        }
        joined += printable(body);
    }
    return joined;
}

QString SmtpReply::toString() const
{
    QString result = QString::number(m_code);
    if (!m_enhanced.isEmpty()) {
        result += QLatin1Char(' ') + m_enhanced;
    }
    const QString body = text();
    if (!body.isEmpty()) {
        result += QLatin1Char(' ') + body;
    }
    return result;
}
