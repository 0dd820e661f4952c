#pragma once

#include "core/Result.h"
#include "core/mail/mime/MimeEncoding.h"

#include <QByteArray>
#include <QString>

// One leaf of a MIME message, already encoded: its header lines and its body on the wire.
// A campaign builds its attachments, inline images and any HTML or text that is the same for
// every recipient once, and hands the same EncodedPart to each recipient's MimeMessage (the
// bytes are shared, not copied). Only the factories make parts, so every body is
// quoted-printable or base64 and can never contain a MimeMessage boundary.
class EncodedPart
{
public:
    enum class Kind { PlainText, Html, InlineImage, Attachment };

    // text/plain or text/html; charset=utf-8: line ends made CRLF, then quoted-printable or
    // base64, whichever MimeEncoding::choose picks.
    static EncodedPart plainText(const QString& text);
    static EncodedPart html(const QString& html);

    // An attachment (Content-Disposition: attachment), always base64 so its bytes arrive as
    // they are. `mimeType` such as "application/pdf"; the file name may be any text.
    static Result<EncodedPart> attachment(const QString& fileName, const QString& mimeType, const QByteArray& content);

    // An image the HTML shows as <img src="cid:logo@example.com">. `contentId` is that id,
    // with or without angle brackets: letters, digits and . - _ + = around one @.
    static Result<EncodedPart> inlineImage(const QString& contentId, const QString& mimeType, const QByteArray& content,
                                           const QString& fileName = QString());

    Kind kind() const { return m_kind; }
    // The Content-ID of an inline image, without angle brackets; empty for other parts.
    QByteArray contentId() const { return m_contentId; }
    TransferEncoding transferEncoding() const { return m_encoding; }
    // Content-Type, Content-Transfer-Encoding and the like, each line ending in CRLF.
    QByteArray headers() const { return m_headers; }
    // The encoded body with CRLF line ends (quoted-printable ends in CRLF, base64 may not).
    QByteArray body() const { return m_body; }

private:
    EncodedPart(Kind kind, TransferEncoding encoding, QByteArray headers, QByteArray body, QByteArray contentId);

    static EncodedPart text(Kind kind, const QByteArray& subtype, const QString& text);

    Kind m_kind;
    TransferEncoding m_encoding;
    QByteArray m_headers;
    QByteArray m_body;
    QByteArray m_contentId;
};
