#include "core/mail/mime/EncodedPart.h"

#include "core/mail/mime/HeaderEncoding.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>
#include <utility>

namespace {

// RFC 2045 5.1: token, any printable ASCII but tspecials.
bool isTokenChar(char c)
{
    return c > 32 && c < 127 && std::strchr("()<>@,;:\\\"/[]?=", c) == nullptr;
}

bool isContentIdChar(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-' ||
           c == u'_' || c == u'+' || c == u'=' || c == u'@';
}

// "type/subtype" in lower case, or empty when `mimeType` is not one.
QByteArray normalizedMimeType(const QString& mimeType)
{
    const QByteArray type = mimeType.trimmed().toLower().toLatin1();
    const qsizetype slash = type.indexOf('/');
    if (slash <= 0 || slash + 1 == type.size() || type.size() > 127 ||
        QString::fromLatin1(type) != mimeType.trimmed().toLower()) {
        return {};
    }
    for (qsizetype i = 0; i < type.size(); ++i) {
        if (i != slash && !isTokenChar(type.at(i))) {
            return {};
        }
    }
    return type;
}

// Every token but the last followed by ";", as MIME parameters are joined.
QList<QByteArray> joinedParameters(QList<QByteArray> tokens)
{
    for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
        tokens[i] += ';';
    }
    return tokens;
}

Error partError(const QString& what, const QString& why)
{
    return Error{ErrorCode::InvalidInput, QCoreApplication::translate("EncodedPart", "%1: %2").arg(what, why)};
}

} // namespace

EncodedPart::EncodedPart(Kind kind, TransferEncoding encoding, QByteArray headers, QByteArray body,
                         QByteArray contentId)
    : m_kind(kind)
    , m_encoding(encoding)
    , m_headers(std::move(headers))
    , m_body(std::move(body))
    , m_contentId(std::move(contentId))
{}

EncodedPart EncodedPart::plainText(const QString& text)
{
    return EncodedPart::text(Kind::PlainText, QByteArrayLiteral("plain"), text);
}

EncodedPart EncodedPart::html(const QString& html)
{
    return EncodedPart::text(Kind::Html, QByteArrayLiteral("html"), html);
}

EncodedPart EncodedPart::text(Kind kind, const QByteArray& subtype, const QString& text)
{
    MimeEncoding::EncodedText encoded = MimeEncoding::encodeText(text.toUtf8());
    const QByteArray headers = "Content-Type: text/" + subtype + "; charset=utf-8\r\n" +
                               "Content-Transfer-Encoding: " + MimeEncoding::headerValue(encoded.encoding) + "\r\n";
    return EncodedPart(kind, encoded.encoding, headers, std::move(encoded.body), {});
}

Result<EncodedPart> EncodedPart::attachment(const QString& fileName, const QString& mimeType, const QByteArray& content)
{
    const QString name = HeaderEncoding::sanitized(fileName);
    const QString what = QCoreApplication::translate("EncodedPart", "The attachment \"%1\"").arg(name);
    if (name.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("EncodedPart", "An attachment needs a file name.")};
    }
    const QByteArray type = normalizedMimeType(mimeType);
    if (type.isEmpty()) {
        return partError(what, QCoreApplication::translate("EncodedPart", "\"%1\" is not a MIME type such as "
                                                                          "application/pdf.")
                                   .arg(HeaderEncoding::sanitized(mimeType)));
    }
    QByteArray headers = HeaderEncoding::formatStructured(
        "Content-Type", joinedParameters(QList<QByteArray>{type} + HeaderEncoding::parameterTokens("name", name)));
    headers += HeaderEncoding::formatStructured(
        "Content-Disposition",
        joinedParameters(QList<QByteArray>{"attachment"} + HeaderEncoding::parameterTokens("filename", name)));
    headers += "Content-Transfer-Encoding: base64\r\n";
    return EncodedPart(Kind::Attachment, TransferEncoding::Base64, headers, MimeEncoding::base64(content), {});
}

Result<EncodedPart> EncodedPart::inlineImage(const QString& contentId, const QString& mimeType,
                                             const QByteArray& content, const QString& fileName)
{
    QString id = contentId.trimmed();
    if (id.startsWith(QLatin1Char('<')) && id.endsWith(QLatin1Char('>')) && id.size() >= 2) {
        id = id.mid(1, id.size() - 2);
    }
    const QString what =
        QCoreApplication::translate("EncodedPart", "The inline image \"%1\"").arg(HeaderEncoding::sanitized(contentId));
    // RFC 2392: a Content-ID is a msg-id; these characters also need no escaping in a cid: URL.
    const qsizetype at = id.indexOf(QLatin1Char('@'));
    const bool valid = at > 0 && at + 1 < id.size() && id.lastIndexOf(QLatin1Char('@')) == at && id.size() <= 200 &&
                       std::all_of(id.cbegin(), id.cend(), [](QChar c) { return isContentIdChar(c.unicode()); });
    if (!valid) {
        return partError(what, QCoreApplication::translate("EncodedPart",
                                                           "a Content-ID is letters, digits and . - _ + = around "
                                                           "one @, such as logo@example.com."));
    }
    const QByteArray type = normalizedMimeType(mimeType);
    if (type.isEmpty()) {
        return partError(what, QCoreApplication::translate("EncodedPart", "\"%1\" is not a MIME type such as "
                                                                          "image/png.")
                                   .arg(HeaderEncoding::sanitized(mimeType)));
    }
    const QString name = HeaderEncoding::sanitized(fileName);
    const QByteArray idBytes = id.toLatin1();
    QList<QByteArray> typeTokens{type};
    QList<QByteArray> dispositionTokens{"inline"};
    if (!name.isEmpty()) {
        typeTokens += HeaderEncoding::parameterTokens("name", name);
        dispositionTokens += HeaderEncoding::parameterTokens("filename", name);
    }
    QByteArray headers = HeaderEncoding::formatStructured("Content-Type", joinedParameters(typeTokens));
    headers += "Content-ID: <" + idBytes + ">\r\n";
    headers += HeaderEncoding::formatStructured("Content-Disposition", joinedParameters(dispositionTokens));
    headers += "Content-Transfer-Encoding: base64\r\n";
    return EncodedPart(Kind::InlineImage, TransferEncoding::Base64, headers, MimeEncoding::base64(content), idBytes);
}
