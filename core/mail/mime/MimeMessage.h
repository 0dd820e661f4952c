#pragma once

#include "core/Result.h"
#include "core/mail/mime/EncodedPart.h"
#include "core/mail/mime/Mailbox.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVector>

#include <optional>
#include <vector>

// One recipient's message, written as the bytes SMTP DATA sends (CRLF line ends, no
// dot-stuffing: that is the SMTP session's job). Deterministic: the same fields give the same
// bytes, so a DKIM signature covers exactly what is sent and a preview equals the .eml.
//
// Header fields come in a fixed order: Date, From, Reply-To, To, Subject, Message-ID,
// MIME-Version, List-Unsubscribe, List-Unsubscribe-Post, then the Content-* fields. The body
// nests only the levels it needs:
//
//   multipart/mixed                 when there are attachments
//     multipart/alternative         when there are both a text and an HTML part
//       text/plain
//       multipart/related           when the HTML shows inline images
//         text/html
//         image/...                 (Content-ID, shown as cid: from the HTML)
//     application/...               the attachments
//
// Boundaries derive from the boundary seed (by default the Message-ID) and start with "=_",
// which quoted-printable and base64 bodies cannot contain.
class MimeMessage
{
public:
    // Date, From and Reply-To are written as they are set (an error in them is still reported
    // by render()): a campaign sets them once on a message it copies for each recipient.
    void setDate(const QDateTime& date);
    void setFrom(const Mailbox& from);
    // An empty address leaves Reply-To out.
    void setReplyTo(const Mailbox& replyTo);
    void setTo(const QVector<Mailbox>& to) { m_to = to; }
    void setSubject(const QString& subject) { m_subject = subject; }
    // With or without angle brackets; see messageIdFor. Empty leaves Message-ID out.
    void setMessageId(const QString& messageId) { m_messageId = messageId; }
    // RFC 2369 / RFC 8058: a mailto address or URI and an https URL, either may be empty.
    // List-Unsubscribe-Post: List-Unsubscribe=One-Click is written only with an https URL.
    void setListUnsubscribe(const QString& mailto, const QString& httpsUrl)
    {
        m_unsubscribeMailto = mailto;
        m_unsubscribeUrl = httpsUrl;
    }
    // What the boundaries derive from; the Message-ID when not set.
    void setBoundarySeed(const QByteArray& seed) { m_boundarySeed = seed; }

    // The personalised bodies, encoded here, or parts encoded once for the whole campaign.
    void setPlainText(const QString& text) { m_plainText = EncodedPart::plainText(text); }
    void setPlainTextPart(const EncodedPart& part) { m_plainText = part; }
    void setHtml(const QString& html) { m_html = EncodedPart::html(html); }
    void setHtmlPart(const EncodedPart& part) { m_html = part; }
    void addInlineImage(const EncodedPart& image) { m_inlineImages.push_back(image); }
    void addAttachment(const EncodedPart& attachment) { m_attachments.push_back(attachment); }

    // The whole message, or an error naming the field at fault (a From address that cannot be
    // written, no recipient, no body, inline images without HTML, a part of the wrong kind...).
    Result<QByteArray> render() const;

    // RFC 5322 3.3: "Sat, 28 Nov 2026 09:05:00 +0100", in English whatever the locale, with the
    // date-time's own offset from UTC.
    static Result<QByteArray> formatDate(const QDateTime& date);

    // "<c12.r345.5f0c9d1e7a3b2c41@example.com>": the same for a (campaign, contact) pair every
    // time it is rendered; the hash (HMAC-SHA256 keyed with the workspace's salt) keeps ids of
    // two workspaces apart. The domain is written in punycode.
    static Result<QString> messageIdFor(qint64 campaignId, qint64 contactId, const QString& domain,
                                        const QByteArray& salt);

private:
    std::optional<Result<QByteArray>> m_dateField;    // formatDate's; nullopt: not set
    std::optional<Result<QByteArray>> m_fromField;    // the whole field; nullopt: not set
    std::optional<Result<QByteArray>> m_replyToField; // the whole field; nullopt: none
    QVector<Mailbox> m_to;
    QString m_subject;
    QString m_messageId;
    QString m_unsubscribeMailto;
    QString m_unsubscribeUrl;
    QByteArray m_boundarySeed;
    std::optional<EncodedPart> m_plainText;
    std::optional<EncodedPart> m_html;
    std::vector<EncodedPart> m_inlineImages;
    std::vector<EncodedPart> m_attachments;
};
