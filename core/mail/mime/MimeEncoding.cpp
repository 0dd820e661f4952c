#include "core/mail/mime/MimeEncoding.h"

#include <algorithm>

namespace {

const char hexDigits[] = "0123456789ABCDEF";

// RFC 2045 6.7 (2): printable ASCII other than "=" stands for itself.
bool isQpLiteral(uchar c)
{
    return c >= 33 && c <= 126 && c != '=';
}

// One line of the text (no CRLF inside), soft-broken so no encoded line passes 76
// characters. `hardEnd`: a CRLF follows; otherwise the text ends here and a soft break
// closes it so that the encoded body still ends in CRLF without adding a line end.
void appendQpLine(QByteArray& out, const char* line, qsizetype size, bool hardEnd)
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
            out += "=\r\n";
            lineLength = 0;
        }
        if (literal) {
            out += char(c);
        } else {
            out += '=';
            out += hexDigits[c >> 4];
            out += hexDigits[c & 0xf];
        }
        lineLength += width;
    }
    if (!hardEnd) {
        out += "=\r\n";
    }
}

} // namespace

QByteArray MimeEncoding::canonicalLineEnds(const QByteArray& text)
{
    if (!text.contains('\r') && !text.contains('\n')) {
        return text;
    }
    QByteArray out;
    out.reserve(text.size() + text.size() / 32 + 2);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '\r') {
            if (i + 1 < text.size() && text.at(i + 1) == '\n') {
                ++i;
            }
            out += "\r\n";
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray MimeEncoding::quotedPrintable(const QByteArray& text)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / 8 + 8);
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype end = text.indexOf("\r\n", pos);
        if (end < 0) {
            appendQpLine(out, text.constData() + pos, text.size() - pos, false);
            break;
        }
        appendQpLine(out, text.constData() + pos, end - pos, true);
        out += "\r\n";
        pos = end + 2;
    }
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
    for (char ch : data) {
        const uchar c = uchar(ch);
        if (!isQpLiteral(c) && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            ++escaped;
        }
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
