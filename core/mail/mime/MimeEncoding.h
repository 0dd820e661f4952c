#pragma once

#include <QByteArray>

// RFC 2045 6.1: how a part's body is written on the wire.
enum class TransferEncoding { QuotedPrintable, Base64 };

// The body encodings of RFC 2045 6.7 and 6.8. Their output is printable ASCII in lines of at
// most 76 characters ending in CRLF, and never holds "=_" (quoted-printable writes "=" only
// before two hex digits or a line end; base64 has no "_"), so a boundary starting with "=_"
// cannot occur in an encoded body.
class MimeEncoding
{
public:
    static constexpr int maxEncodedLineLength = 76;

    // RFC 2045 2.10 / RFC 5322 2.3: a text's line ends (CRLF, lone LF, lone CR) as CRLF.
    static QByteArray canonicalLineEnds(const QByteArray& text);

    // Quoted-printable of a text whose line ends are already CRLF (they stay hard line ends).
    // Lines are soft-broken to at most 76 characters; a space or tab ending a line is encoded.
    // The result ends in CRLF: a soft line break ("=" CRLF) when the text has no final line end.
    static QByteArray quotedPrintable(const QByteArray& text);

    // Base64 in lines of 76 characters joined by CRLF, without a final CRLF.
    static QByteArray base64(const QByteArray& data);

    // Quoted-printable for a text that is mostly ASCII, base64 for binary data and for text
    // that quoted-printable would make bigger than base64 (Cyrillic, CJK...).
    static TransferEncoding choose(const QByteArray& data, bool isText);

    static QByteArray encode(const QByteArray& data, TransferEncoding encoding);

    struct EncodedText
    {
        TransferEncoding encoding;
        QByteArray body;
    };
    // A text with any line ends (CRLF, LF, CR) as canonicalLineEnds(), choose(..., true) and
    // encode() make it, in one pass over the text for quoted-printable: the escapes are counted
    // while encoding, and a text with LF line ends only is not copied first.
    static EncodedText encodeText(const QByteArray& text);

    // The Content-Transfer-Encoding value: "quoted-printable" or "base64".
    static QByteArray headerValue(TransferEncoding encoding);
};
