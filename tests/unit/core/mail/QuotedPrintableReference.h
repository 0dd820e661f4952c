#pragma once

#include "core/mail/mime/MimeEncoding.h"

#include <QByteArray>

// The byte-at-a-time quoted-printable encoder and choose() that MimeEncoding had before its
// table-driven rewrite, kept as the reference the fast one must equal byte for byte
// (test_mime_encoding, fuzz_mime_encoding). Written for clarity, not speed.
namespace QuotedPrintableReference {

inline bool isLiteral(uchar c)
{
    return c >= 33 && c <= 126 && c != '=';
}

inline void appendLine(QByteArray& out, const QByteArray& line, bool hardEnd)
{
    static const char hexDigits[] = "0123456789ABCDEF";
    int lineLength = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const uchar c = uchar(line.at(i));
        const bool last = i + 1 == line.size();
        // RFC 2045 6.7 (3): whitespace ending a line is encoded.
        const bool literal = isLiteral(c) || ((c == ' ' || c == '\t') && !last);
        const int width = literal ? 1 : 3;
        // The "=" of a soft break needs the 76th column unless this is the line's last character.
        const int limit = (last && hardEnd) ? 76 : 75;
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

inline QByteArray quotedPrintable(const QByteArray& text)
{
    QByteArray out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype end = text.indexOf("\r\n", pos);
        if (end < 0) {
            appendLine(out, text.mid(pos), false);
            break;
        }
        appendLine(out, text.mid(pos, end - pos), true);
        out += "\r\n";
        pos = end + 2;
    }
    return out;
}

inline TransferEncoding choose(const QByteArray& data)
{
    qsizetype escaped = 0;
    for (const char ch : data) {
        const uchar c = uchar(ch);
        escaped += isLiteral(c) || c == ' ' || c == '\t' || c == '\r' || c == '\n' ? 0 : 1;
    }
    return data.size() + 2 * escaped <= (data.size() + 2) / 3 * 4 ? TransferEncoding::QuotedPrintable
                                                                  : TransferEncoding::Base64;
}

} // namespace QuotedPrintableReference
