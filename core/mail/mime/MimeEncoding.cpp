#include "core/mail/mime/MimeEncoding.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace {

const char hexDigits[] = "0123456789ABCDEF";

// What a byte costs in quoted-printable, one table lookup instead of a chain of comparisons.
struct ByteClasses
{
    // RFC 2045 6.7 (2), (3): printable ASCII other than "=", and space and tab, stand for
    // themselves inside a line (a space or tab ending a line is encoded all the same).
    bool literal[256] = {};
    // What choose() counts as escaped: all but the literal bytes and the line ends.
    uchar counted[256] = {};
};

constexpr ByteClasses makeByteClasses()
{
    ByteClasses classes;
    for (int c = 0; c < 256; ++c) {
        const bool literal = (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t';
        classes.literal[c] = literal;
        classes.counted[c] = literal || c == '\r' || c == '\n' ? 0 : 1;
    }
    return classes;
}

constexpr ByteClasses byteClasses = makeByteClasses();

// Whether all 8 bytes at `p` are printable ASCII other than "=" (a tab is left to the table),
// by the SWAR byte tests of "Bit Twiddling Hacks": some byte < 0x20, > 0x7E or == '='.
bool eightLiterals(const uchar* p)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    quint64 x;
    std::memcpy(&x, p, sizeof x);
    const quint64 below = (x - ones * 0x20) & ~x & highs;
    const quint64 above = ((x + ones * (127 - 0x7E)) | x) & highs;
    const quint64 equals = x ^ (ones * '=');
    const quint64 hasEquals = (equals - ones) & ~equals & highs;
    return (below | above | hasEquals) == 0;
}

char* softBreak(char* out)
{
    *out++ = '=';
    *out++ = '\r';
    *out++ = '\n';
    return out;
}

char* escape(char* out, uchar c)
{
    *out++ = '=';
    *out++ = hexDigits[c >> 4];
    *out++ = hexDigits[c & 0xf];
    return out;
}

// One line of the text (no CRLF inside) written at `out`, soft-broken so no encoded line
// passes 76 characters. `hardEnd`: a CRLF follows; otherwise the text ends here and a soft
// break closes it so that the encoded body still ends in CRLF without adding a line end.
// Returns the end of what was written: at most 3 characters a byte, and a soft break
// ("=" CRLF) only after at least 73 characters, so under 4 * size + 3 in all. Adds the bytes
// choose() counts as escaped to `escaped`.
//
// Every byte but the line's last has room up to column 75 (the 76th is for the "=" of a soft
// break); the last one may take the 76th when a hard line end follows. A soft break comes only
// when the next character does not fit. Runs of literal bytes are found 8 at a time and copied
// a column-limited chunk at a time; tests/fuzz/fuzz_mime_encoding.cpp checks the output
// against the byte-at-a-time reference.
char* writeQpLine(char* out, const uchar* line, qsizetype size, bool hardEnd, qsizetype& escaped)
{
    constexpr int softLimit = MimeEncoding::maxEncodedLineLength - 1;
    int column = 0;
    const uchar* p = line;
    const uchar* const last = line + size - 1;
    while (p < last) {
        const uchar* run = p;
        while (last - run >= 8 && eightLiterals(run)) {
            run += 8;
        }
        while (run < last && byteClasses.literal[*run]) {
            ++run;
        }
        while (p < run) {
            if (column == softLimit) {
                out = softBreak(out);
                column = 0;
            }
            const int chunk = int(std::min<qsizetype>(run - p, softLimit - column));
            std::memcpy(out, p, size_t(chunk));
            out += chunk;
            p += chunk;
            column += chunk;
        }
        while (p < last && !byteClasses.literal[*p]) {
            if (column + 3 > softLimit) {
                out = softBreak(out);
                column = 0;
            }
            escaped += byteClasses.counted[*p];
            out = escape(out, *p++);
            column += 3;
        }
    }
    if (size > 0) {
        // RFC 2045 6.7 (3): whitespace ending a line is encoded, or transports may strip it.
        const uchar c = *last;
        const bool literal = byteClasses.literal[c] && c != ' ' && c != '\t';
        const int width = literal ? 1 : 3;
        if (column + width > (hardEnd ? MimeEncoding::maxEncodedLineLength : softLimit)) {
            out = softBreak(out);
        }
        escaped += byteClasses.counted[c];
        if (literal) {
            *out++ = char(c);
        } else {
            out = escape(out, c);
        }
    }
    if (!hardEnd) {
        out = softBreak(out);
    }
    return out;
}

// How quotedPrintableCounting finds hard line ends.
enum class LineEnds {
    Crlf,     // CRLF only; a lone LF or CR is data (MimeEncoding::quotedPrintable)
    LineFeed, // each LF, in a text without CR: written as CRLF, as if canonicalLineEnds ran first
};

// Quoted-printable of `text` (see MimeEncoding::quotedPrintable), and the count choose() makes.
// `lineFeeds` counts the LFs written as CRLF in LineFeed mode: the canonical text is that much
// longer.
QByteArray quotedPrintableCounting(const QByteArray& text, LineEnds lineEnds, qsizetype& escaped, qsizetype& lineFeeds)
{
    QByteArray out(4 * text.size() + 16, Qt::Uninitialized);
    char* to = out.data();
    const uchar* from = reinterpret_cast<const uchar*>(text.constData());
    const uchar* const end = from + text.size();
    const uchar* search = from;
    while (from < end) {
        const auto* lineFeed = static_cast<const uchar*>(std::memchr(search, '\n', size_t(end - search)));
        if (lineFeed == nullptr) {
            to = writeQpLine(to, from, end - from, false, escaped);
            break;
        }
        qsizetype lineSize = lineFeed - from;
        if (lineEnds == LineEnds::Crlf) {
            // A lone LF is data, written as =0A.
            if (lineFeed == from || lineFeed[-1] != '\r') {
                search = lineFeed + 1;
                continue;
            }
            --lineSize;
        } else {
            ++lineFeeds;
        }
        to = writeQpLine(to, from, lineSize, true, escaped);
        *to++ = '\r';
        *to++ = '\n';
        from = search = lineFeed + 1;
    }
    out.truncate(to - out.constData());
    return out;
}

bool quotedPrintableIsSmaller(qsizetype size, qsizetype escaped)
{
    const qsizetype quotedPrintableSize = size + 2 * escaped;
    const qsizetype base64Size = (size + 2) / 3 * 4;
    return quotedPrintableSize <= base64Size;
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
    qsizetype escaped = 0;
    qsizetype lineFeeds = 0;
    return quotedPrintableCounting(text, LineEnds::Crlf, escaped, lineFeeds);
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
    for (const char c : data) {
        escaped += byteClasses.counted[uchar(c)];
    }
    return quotedPrintableIsSmaller(data.size(), escaped) ? TransferEncoding::QuotedPrintable
                                                          : TransferEncoding::Base64;
}

MimeEncoding::EncodedText MimeEncoding::encodeText(const QByteArray& text)
{
    // A text from an editor or the database has LF line ends only: encoding it with each LF
    // as a line end writes what canonicalLineEnds and quotedPrintable would, without the copy.
    const bool returns = text.indexOf('\r') >= 0;
    const QByteArray canonical = returns ? canonicalLineEnds(text) : text;
    // Texts are nearly always quoted-printable: encode, counting on the way, and only throw
    // the work away for the rare text (Cyrillic, CJK...) that base64 writes shorter.
    qsizetype escaped = 0;
    qsizetype lineFeeds = 0;
    QByteArray quoted =
        quotedPrintableCounting(canonical, returns ? LineEnds::Crlf : LineEnds::LineFeed, escaped, lineFeeds);
    if (quotedPrintableIsSmaller(canonical.size() + lineFeeds, escaped)) {
        return {TransferEncoding::QuotedPrintable, std::move(quoted)};
    }
    return {TransferEncoding::Base64, base64(returns ? canonical : canonicalLineEnds(text))};
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
