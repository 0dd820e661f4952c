#include "core/mail/mime/MimeEncoding.h"

#include <algorithm>
#include <cstring>

namespace {

const char hexDigits[] = "0123456789ABCDEF";

// RFC 2045 6.7 (2): printable ASCII other than "=" stands for itself.
bool isQpLiteral(uchar c)
{
    return c >= 33 && c <= 126 && c != '=';
}

// One line of the text (no CRLF inside) written at `out`, soft-broken so no encoded line
// passes 76 characters. `hardEnd`: a CRLF follows; otherwise the text ends here and a soft
// break closes it so that the encoded body still ends in CRLF without adding a line end.
// Returns the end of what was written: at most 3 characters a byte, and a soft break
// ("=" CRLF) only after at least 73 characters, so under 4 * size + 3 in all.
char* writeQpLine(char* out, const char* line, qsizetype size, bool hardEnd)
{
    int lineLength = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const uchar c = uchar(line[i]);
        const bool last = i + 1 == size;
        // RFC 2045 6.7 (3): whitespace ending a line is encoded, or transports may strip it.
        const bool literal = isQpLiteral(c) || ((c == ' ' || c == '\t') && !last);
        const int width = literal ? 1 : 3;
        // The "=" of a soft break needs the 76th column unless this is the line's last character.
        const int limit =
            (last && hardEnd) ? MimeEncoding::maxEncodedLineLength : MimeEncoding::maxEncodedLineLength - 1;
        if (lineLength + width > limit) {
            *out++ = '=';
            *out++ = '\r';
            *out++ = '\n';
            lineLength = 0;
        }
        if (literal) {
            *out++ = char(c);
        } else {
            *out++ = '=';
            *out++ = hexDigits[c >> 4];
            *out++ = hexDigits[c & 0xf];
        }
        lineLength += width;
    }
    if (!hardEnd) {
        *out++ = '=';
        *out++ = '\r';
        *out++ = '\n';
    }
    return out;
}

} // namespace

// These loops write through raw pointers into buffers sized for the worst case: appending
// byte by byte to a QByteArray made encoding a 20 KB body cost milliseconds.
QByteArray MimeEncoding::canonicalLineEnds(const QByteArray& text)
{
    // indexOf is a memchr; QByteArray::count(char) costs as much as the copy.
    const bool returns = text.indexOf('\r') >= 0;
    if (!returns && text.indexOf('\n') < 0) {
        return text;
    }
    // At worst every byte is a line end and becomes two.
    QByteArray out(2 * text.size(), Qt::Uninitialized);
    char* to = out.data();
    const char* from = text.constData();
    const char* const end = from + text.size();
    if (!returns) {
        // The usual text from an editor or the database: LF only, copied a line at a time.
        while (const char* lineFeed = static_cast<const char*>(std::memchr(from, '\n', size_t(end - from)))) {
            std::memcpy(to, from, size_t(lineFeed - from));
            to += lineFeed - from;
            *to++ = '\r';
            *to++ = '\n';
            from = lineFeed + 1;
        }
        std::memcpy(to, from, size_t(end - from));
        to += end - from;
        from = end;
    }
    for (; from < end; ++from) {
        const char c = *from;
        if (c == '\r') {
            if (from + 1 < end && from[1] == '\n') {
                ++from;
            }
            *to++ = '\r';
            *to++ = '\n';
        } else if (c == '\n') {
            *to++ = '\r';
            *to++ = '\n';
        } else {
            *to++ = c;
        }
    }
    out.truncate(to - out.constData());
    return out;
}

QByteArray MimeEncoding::quotedPrintable(const QByteArray& text)
{
    QByteArray out(4 * text.size() + 16, Qt::Uninitialized);
    char* to = out.data();
    const char* const begin = text.constData();
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype end = text.indexOf("\r\n", pos);
        if (end < 0) {
            to = writeQpLine(to, begin + pos, text.size() - pos, false);
            break;
        }
        to = writeQpLine(to, begin + pos, end - pos, true);
        *to++ = '\r';
        *to++ = '\n';
        pos = end + 2;
    }
    out.truncate(to - out.constData());
    return out;
}

QByteArray MimeEncoding::base64(const QByteArray& data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    out.reserve(encoded.size() + encoded.size() / maxEncodedLineLength * 2 + 2);
    for (qsizetype pos = 0; pos < encoded.size(); pos += maxEncodedLineLength) {
        if (pos > 0) {
            out += "\r\n";
        }
        out.append(encoded.constData() + pos, std::min<qsizetype>(maxEncodedLineLength, encoded.size() - pos));
    }
    return out;
}

TransferEncoding MimeEncoding::choose(const QByteArray& data, bool isText)
{
    if (!isText) {
        return TransferEncoding::Base64;
    }
    qsizetype escaped = 0;
    const uchar* bytes = reinterpret_cast<const uchar*>(data.constData());
    for (qsizetype i = 0; i < data.size(); ++i) {
        const uchar c = bytes[i];
        // Printable ASCII but "=", and the line ends and blanks, go as they are.
        escaped += (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t' || c == '\r' || c == '\n' ? 0 : 1;
    }
    const qsizetype quotedPrintableSize = data.size() + 2 * escaped;
    const qsizetype base64Size = (data.size() + 2) / 3 * 4;
    return quotedPrintableSize <= base64Size ? TransferEncoding::QuotedPrintable : TransferEncoding::Base64;
}

QByteArray MimeEncoding::encode(const QByteArray& data, TransferEncoding encoding)
{
    return encoding == TransferEncoding::QuotedPrintable ? quotedPrintable(data) : base64(data);
}

QByteArray MimeEncoding::headerValue(TransferEncoding encoding)
{
    return encoding == TransferEncoding::QuotedPrintable ? QByteArrayLiteral("quoted-printable")
                                                         : QByteArrayLiteral("base64");
}
