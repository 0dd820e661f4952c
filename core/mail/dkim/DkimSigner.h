#pragma once

#include "core/Result.h"
#include "core/mail/dkim/DkimKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

#include <optional>

// Signs rendered messages with DKIM (RFC 6376): relaxed/relaxed canonicalisation,
// rsa-sha256 or ed25519-sha256 (RFC 8463) after the key.
//
// The signer is built once per campaign and signs every recipient's message; signatureHeader()
// is const and may be called from several threads at once.
class DkimSigner
{
public:
    // From, To, Subject, Date, Message-ID, MIME-Version, Content-Type, List-Unsubscribe,
    // List-Unsubscribe-Post.
    static QStringList defaultSignedHeaders();

    // domain is the d= tag (IDN domains are signed in their punycode form), selector the s=.
    // Of signedHeaders only those the message has go into h=, once per occurrence; From is always
    // signed, and listed once more than it occurs so that a From added later breaks the
    // signature (RFC 6376 8.15). timestamp, when set, becomes the t= tag.
    DkimSigner(DkimKey key, const QString& domain, const QString& selector,
               const QStringList& signedHeaders = defaultSignedHeaders(),
               std::optional<QDateTime> timestamp = std::nullopt);

    // The "DKIM-Signature: ..." field for message (the exact bytes to be sent, CRLF line
    // endings, headers then a blank line then the body), folded to lines of at most 78
    // characters and ending in CRLF. The caller puts it before the message's first header.
    Result<QByteArray> signatureHeader(const QByteArray& message) const;

    // Known-answer test over the RFC 8463 Appendix A example: its published keys must give its
    // published body hash and both its published signatures, byte for byte. Run at start-up.
    static Status selfTest();

private:
    // The tags' values are made once, so that signing a message touches no QString.
    DkimKey m_key;
    QByteArray m_algorithmName;
    QByteArray m_domain;
    QByteArray m_selector;
    QList<QByteArray> m_signedHeaders;
    QByteArray m_timestamp; // empty: no t= tag
    std::optional<Error> m_invalid;
};
