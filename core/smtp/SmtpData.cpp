#include "core/smtp/SmtpData.h"

#include <cstring>

namespace SmtpData {

void encode(QByteArrayView message, QByteArray& out)
{
    const char* p = message.data();
    const char* const end = p + message.size();
    // Worst case: every byte a bare line end or a leading dot doubles; plus a final CRLF.
    out.resize(message.size() * 2 + 2);
    char* o = out.data();
    while (p < end) {
        // RFC 5321 4.5.2: a line that starts with "." gets another one.
        if (*p == '.') {
            *o++ = '.';
        }
        const char* q = p;
        while (q < end && *q != '\r' && *q != '\n') {
            ++q;
        }
        std::memcpy(o, p, size_t(q - p));
        o += q - p;
        *o++ = '\r';
        *o++ = '\n';
        if (q < end) {
            // CRLF, a bare CR and a bare LF each end one line.
            q += (*q == '\r' && q + 1 < end && q[1] == '\n') ? 2 : 1;
        }
        p = q;
    }
    out.resize(o - out.constData());
}

QByteArray unstuff(QByteArrayView encoded)
{
    QByteArray result;
    result.reserve(encoded.size());
    bool lineStart = true;
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (lineStart && c == '.') {
            lineStart = false;
            continue;
        }
        result.append(c);
        lineStart = c == '\n';
    }
    return result;
}

bool hasEightBitBytes(QByteArrayView message)
{
    const auto* p = reinterpret_cast<const unsigned char*>(message.data());
    const qsizetype n = message.size();
    unsigned char any = 0;
    for (qsizetype i = 0; i < n; ++i) {
        any |= p[i];
    }
    return (any & 0x80) != 0;
}

} // namespace SmtpData
