#pragma once

#include "core/Result.h"
#include "core/mail/mime/Mailbox.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVector>

// Header fields for the wire (RFC 5322, RFC 2047, RFC 2231), without SMTPUTF8: every byte
// written is printable ASCII, and the same input always gives the same bytes.
//
//  - Text a user or a contact row supplies can hold anything: every CR, LF, NUL and other
//    control character becomes a space, runs of spaces become one and the ends are trimmed,
//    so no value can ever start a header line of its own (header injection).
//  - Non-ASCII words become RFC 2047 encoded words (utf-8, B or Q, whichever is shorter), at
//    most 75 characters each, never splitting a character; neighbouring encoded words are
//    merged into one run so the spaces between them survive decoding.
//  - Lines are folded at a space so they stay within 78 characters; no line can pass 998.
//  - Domains in addresses are written in their ASCII (punycode) form.
// Every format* function returns a whole header field ending in CRLF.
class HeaderEncoding
{
public:
    // RFC 5322 2.1.1: lines SHOULD be at most 78 characters and MUST be at most 998.
    static constexpr int foldWidth = 78;
    static constexpr int maxLineLength = 998;
    // RFC 2047 2: an encoded word is at most 75 characters.
    static constexpr int maxEncodedWordLength = 75;

    // The text as it may appear in a header: controls (C0, DEL, C1, U+2028/9) to spaces,
    // lone surrogates to U+FFFD, runs of spaces collapsed and both ends trimmed.
    static QString sanitized(const QString& value);

    // "Subject: ..." and other unstructured fields (RFC 5322 3.2.5).
    static QByteArray formatUnstructured(const QByteArray& name, const QString& value);

    // One mailbox, unfolded: `jane@example.com`, `Jane Doe <jane@example.com>`,
    // `"Doe, Jane" <jane@example.com>` or `=?utf-8?Q?J=C3=BCrgen?= <j@xn--bcher-kva.de>`.
    // Fails when the address cannot be written in ASCII (a non-ASCII local part needs
    // SMTPUTF8) or is not an address at all.
    static Result<QByteArray> formatMailbox(const QString& displayName, const QString& address);

    // "To: a, b" and the other address fields, folded; `name` is used in error messages too.
    static Result<QByteArray> formatAddressHeader(const QByteArray& name, const QVector<Mailbox>& mailboxes);

    // `local@ascii-domain`: the address with its domain in punycode (RFC 5890 A-labels).
    static Result<QByteArray> asciiAddress(const QString& address);

    // A structured field made of unbreakable tokens, folded at the spaces between them.
    static QByteArray formatStructured(const QByteArray& name, const QList<QByteArray>& tokens);

    // A MIME parameter as one or more tokens for formatStructured: `name="value"` when the
    // value is short printable ASCII, else RFC 2231 `name*=utf-8''%E2%82%AC...`, split into
    // `name*0*=`, `name*1*=`... continuations when long (never inside a character).
    static QList<QByteArray> parameterTokens(const QByteArray& name, const QString& value);

    // The RFC 2047 encoded words for `text` (no folding), each at most 75 characters.
    static QList<QByteArray> encodedWords(const QString& text);
};
