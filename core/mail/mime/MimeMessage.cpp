#include "core/mail/mime/MimeMessage.h"

#include "core/mail/mime/HeaderEncoding.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

namespace {

// What a URL or id placed between angle brackets in a header may hold.
constexpr int maxUrlLength = 900;

Error fieldError(const char* field, const QString& why)
{
    return Error{ErrorCode::InvalidInput,
                 QCoreApplication::translate("MimeMessage", "%1: %2").arg(QLatin1String(field), why)};
}

bool isDotAtomText(const QByteArray& text)
{
    if (text.isEmpty() || text.startsWith('.') || text.endsWith('.') || text.contains("..")) {
        return false;
    }
    return std::all_of(text.cbegin(), text.cend(), [](char c) {
        const bool alphaNumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return alphaNumeric || (c != '\0' && std::strchr(".!#$%&'*+-/=?^_`{|}~", c) != nullptr);
    });
}

// RFC 2369 2: a URL in angle brackets; a literal comma would end it early for some readers.
Result<QByteArray> bracketedUrl(const char* field, const QString& given, const QByteArray& encoded)
{
    QByteArray url = encoded;
    url.replace(',', "%2C");
    const bool printable = std::all_of(url.cbegin(), url.cend(), [](char c) {
        return c > 32 && c < 127 && c != '<' && c != '>' && c != '"' && c != '\\';
    });
    if (!printable || url.size() > maxUrlLength) {
        return fieldError(field, QCoreApplication::translate("MimeMessage", "\"%1\" cannot be written in the header.")
                                     .arg(HeaderEncoding::sanitized(given)));
    }
    return '<' + url + '>';
}

Result<QByteArray> unsubscribeMailto(const QString& given)
{
    const QString value = given.trimmed();
    const QUrl url(value.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive) ? value
                                                                                   : QLatin1String("mailto:") + value,
                   QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("mailto")) {
        return fieldError("List-Unsubscribe",
                          QCoreApplication::translate("MimeMessage", "\"%1\" is not a mailto address.")
                              .arg(HeaderEncoding::sanitized(given)));
    }
    const auto address = HeaderEncoding::asciiAddress(url.path(QUrl::FullyDecoded));
    if (!address.ok()) {
        return fieldError("List-Unsubscribe", address.error().message);
    }
    QByteArray encoded = "mailto:" + address.value();
    if (url.hasQuery()) {
        encoded += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    }
    return bracketedUrl("List-Unsubscribe", given, encoded);
}

Result<QByteArray> unsubscribeHttps(const QString& given)
{
    const QUrl url(given.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
        return fieldError("List-Unsubscribe",
                          QCoreApplication::translate("MimeMessage", "\"%1\" is not an https:// URL.")
                              .arg(HeaderEncoding::sanitized(given)));
    }
    return bracketedUrl("List-Unsubscribe", given, url.toEncoded(QUrl::FullyEncoded));
}

Result<QByteArray> messageIdToken(const QString& given)
{
    QString id = given.trimmed();
    if (id.startsWith(QLatin1Char('<')) && id.endsWith(QLatin1Char('>')) && id.size() >= 2) {
        id = id.mid(1, id.size() - 2);
    }
    const QByteArray bytes = id.toLatin1();
    const qsizetype at = bytes.indexOf('@');
    // RFC 5322 3.6.4: msg-id = "<" id-left "@" id-right ">", both dot-atom-text here.
    const bool valid = QString::fromLatin1(bytes) == id && at > 0 && bytes.size() <= 250 &&
                       isDotAtomText(bytes.left(at)) && isDotAtomText(bytes.mid(at + 1)) &&
                       !bytes.mid(at + 1).contains('@');
    if (!valid) {
        return fieldError("Message-ID", QCoreApplication::translate("MimeMessage", "\"%1\" is not a message id.")
                                            .arg(HeaderEncoding::sanitized(given)));
    }
    return '<' + bytes + '>';
}

// One part of the tree: a leaf's body, or a multipart's children between its boundaries. The
// bodies are written once, straight into the message (building each multipart's body first
// copied every 20 KB text and HTML twice).
struct Node
{
    QByteArray headers;
    QByteArray body; // a leaf's
    QByteArray boundary;
    std::vector<Node> children; // a multipart's
};

Node leaf(const EncodedPart& part)
{
    return Node{part.headers(), part.body(), {}, {}};
}

Node multipart(const QByteArray& subtype, const QList<QByteArray>& parameters, std::vector<Node> children,
               const QByteArray& boundary)
{
    QList<QByteArray> tokens{"multipart/" + subtype + ';'};
    for (const QByteArray& parameter : parameters) {
        tokens.append(parameter + ';');
    }
    tokens.append("boundary=\"" + boundary + '"');
    return Node{HeaderEncoding::formatStructured("Content-Type", tokens), {}, boundary, std::move(children)};
}

qsizetype bodySize(const Node& node)
{
    if (node.children.empty()) {
        return node.body.size();
    }
    qsizetype size = node.boundary.size() + 4;
    for (const Node& child : node.children) {
        size += child.headers.size() + bodySize(child) + node.boundary.size() + 8;
    }
    return size;
}

// RFC 2046 5.1.1: each child after "--boundary", the CRLF before a delimiter belonging to it.
void appendBody(QByteArray& out, const Node& node)
{
    if (node.children.empty()) {
        out += node.body;
        return;
    }
    for (const Node& child : node.children) {
        out += "--";
        out += node.boundary;
        out += "\r\n";
        out += child.headers;
        out += "\r\n";
        appendBody(out, child);
        out += "\r\n";
    }
    out += "--";
    out += node.boundary;
    out += "--";
}

Error wrongPart(const char* setter)
{
    return Error{ErrorCode::InvalidInput,
                 QCoreApplication::translate("MimeMessage", "The part given to %1 is of another kind.")
                     .arg(QLatin1String(setter))};
}

} // namespace

void MimeMessage::setDate(const QDateTime& date)
{
    m_dateField = formatDate(date);
}

void MimeMessage::setFrom(const Mailbox& from)
{
    m_fromField = HeaderEncoding::formatAddressHeader("From", {from});
}

void MimeMessage::setReplyTo(const Mailbox& replyTo)
{
    if (replyTo.address.trimmed().isEmpty()) {
        m_replyToField.reset();
    } else {
        m_replyToField = HeaderEncoding::formatAddressHeader("Reply-To", {replyTo});
    }
}

Result<QByteArray> MimeMessage::formatDate(const QDateTime& date)
{
    static const char* const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (!date.isValid() || date.date().year() < 1900 || date.date().year() > 9999) {
        return fieldError("Date", QCoreApplication::translate("MimeMessage", "the message has no valid date."));
    }
    const QDate day = date.date();
    const QTime time = date.time();
    const int offset = date.offsetFromUtc();
    const int offsetMinutes = std::abs(offset) / 60;
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", days[day.dayOfWeek() - 1], day.day(),
                  months[day.month() - 1], day.year(), time.hour(), time.minute(), time.second(),
                  offset < 0 ? '-' : '+', offsetMinutes / 60, offsetMinutes % 60);
    return QByteArray(text);
}

Result<QString> MimeMessage::messageIdFor(qint64 campaignId, qint64 contactId, const QString& domain,
                                          const QByteArray& salt)
{
    const QByteArray ids = 'c' + QByteArray::number(campaignId) + ".r" + QByteArray::number(contactId);
    const QByteArray hash = QMessageAuthenticationCode::hash(ids, salt, QCryptographicHash::Sha256).toHex().left(16);
    // Any address's domain will do; asciiAddress checks it and writes it in punycode.
    const auto address = HeaderEncoding::asciiAddress(QLatin1String("id@") + domain);
    if (!address.ok()) {
        return fieldError("Message-ID", address.error().message);
    }
    const QByteArray ace = address.value().mid(3);
    return QString::fromLatin1('<' + ids + '.' + hash + '@' + ace + '>');
}

Result<QByteArray> MimeMessage::render() const
{
    QByteArray out;
    out.reserve(4096 + (m_html ? m_html->body().size() : 0) + (m_plainText ? m_plainText->body().size() : 0));

    // Unset, Date and From fail as an invalid date and an empty address do.
    const auto date = m_dateField ? *m_dateField : formatDate(QDateTime());
    if (!date.ok()) {
        return date.error();
    }
    out += "Date: " + date.value() + "\r\n";

    const auto from = m_fromField ? *m_fromField : HeaderEncoding::formatAddressHeader("From", {Mailbox{}});
    if (!from.ok()) {
        return from.error();
    }
    out += from.value();

    if (m_replyToField) {
        if (!m_replyToField->ok()) {
            return m_replyToField->error();
        }
        out += m_replyToField->value();
    }

    const auto to = HeaderEncoding::formatAddressHeader("To", m_to);
    if (!to.ok()) {
        return to.error();
    }
    out += to.value();

    out += HeaderEncoding::formatUnstructured("Subject", m_subject);

    QByteArray messageId;
    if (!m_messageId.trimmed().isEmpty()) {
        const auto id = messageIdToken(m_messageId);
        if (!id.ok()) {
            return id.error();
        }
        messageId = id.value();
        out += "Message-ID: " + messageId + "\r\n";
    }

    out += "MIME-Version: 1.0\r\n";

    QList<QByteArray> unsubscribe;
    if (!m_unsubscribeMailto.trimmed().isEmpty()) {
        const auto mailto = unsubscribeMailto(m_unsubscribeMailto);
        if (!mailto.ok()) {
            return mailto.error();
        }
        unsubscribe.append(mailto.value());
    }
    const bool oneClick = !m_unsubscribeUrl.trimmed().isEmpty();
    if (oneClick) {
        const auto https = unsubscribeHttps(m_unsubscribeUrl);
        if (!https.ok()) {
            return https.error();
        }
        unsubscribe.append(https.value());
    }
    if (!unsubscribe.isEmpty()) {
        for (qsizetype i = 0; i + 1 < unsubscribe.size(); ++i) {
            unsubscribe[i] += ',';
        }
        out += HeaderEncoding::formatStructured("List-Unsubscribe", unsubscribe);
    }
    // RFC 8058 3.1: one-click needs an HTTPS URI in List-Unsubscribe.
    if (oneClick) {
        out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
    }

    if (m_plainText && m_plainText->kind() != EncodedPart::Kind::PlainText) {
        return wrongPart("setPlainTextPart");
    }
    if (m_html && m_html->kind() != EncodedPart::Kind::Html) {
        return wrongPart("setHtmlPart");
    }
    if (!m_plainText && !m_html) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("MimeMessage", "The message has neither a text nor an HTML body.")};
    }
    std::set<QByteArray> contentIds;
    for (const EncodedPart& image : m_inlineImages) {
        if (image.kind() != EncodedPart::Kind::InlineImage) {
            return wrongPart("addInlineImage");
        }
        if (!contentIds.insert(image.contentId()).second) {
            return Error{ErrorCode::Duplicate,
                         QCoreApplication::translate("MimeMessage", "Two inline images have the Content-ID %1.")
                             .arg(QString::fromLatin1(image.contentId()))};
        }
    }
    if (!m_inlineImages.empty() && !m_html) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("MimeMessage", "Inline images need an HTML body to show them.")};
    }
    for (const EncodedPart& attachment : m_attachments) {
        if (attachment.kind() != EncodedPart::Kind::Attachment) {
            return wrongPart("addAttachment");
        }
    }

    // Same length for every kind, so no boundary is a prefix of another.
    const QByteArray seed = m_boundarySeed.isEmpty() ? messageId : m_boundarySeed;
    const QByteArray hash = QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(24);
    auto boundary = [&hash](char kind) { return QByteArrayLiteral("=_") + kind + '_' + hash; };

    std::optional<Node> html;
    if (m_html) {
        html = leaf(*m_html);
        if (!m_inlineImages.empty()) {
            std::vector<Node> children{*html};
            for (const EncodedPart& image : m_inlineImages) {
                children.push_back(leaf(image));
            }
            // RFC 2387 3.1: the type parameter names the root part's type.
            html = multipart("related", {"type=\"text/html\""}, std::move(children), boundary('r'));
        }
    }
    Node content;
    if (m_plainText && html) {
        content = multipart("alternative", {}, {leaf(*m_plainText), *html}, boundary('a'));
    } else {
        content = html ? *html : leaf(*m_plainText);
    }
    if (!m_attachments.empty()) {
        std::vector<Node> children{content};
        for (const EncodedPart& attachment : m_attachments) {
            children.push_back(leaf(attachment));
        }
        content = multipart("mixed", {}, std::move(children), boundary('m'));
    }

    out.reserve(out.size() + content.headers.size() + bodySize(content) + 4);
    out += content.headers;
    out += "\r\n";
    appendBody(out, content);
    if (!out.endsWith("\r\n")) {
        out += "\r\n";
    }
    return out;
}
