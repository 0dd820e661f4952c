#include "core/mail/dkim/DkimSigner.h"

#include "core/mail/dkim/DkimCanonicalization.h"
#include "core/mail/dkim/DkimNames.h"

#include <QCoreApplication>
#include <QVarLengthArray>

#include <botan/hash.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <vector>

namespace {

// RFC 5322 2.1.1: lines SHOULD be at most 78 characters (CRLF not counted).
constexpr qsizetype maximumLineLength = 78;

struct HeaderField
{
    qsizetype begin;   // offset of the field's name
    qsizetype nameEnd; // offset just past the name (before the colon and any WSP)
    qsizetype end;     // offset of the CRLF that ends the field (folds included before it)
};

// Which fields h= signs, in its order: indexes into ParsedMessage::fields, -1 for a name listed
// once more than it occurs. On the stack: a message has a dozen signed fields.
using FieldOrder = QVarLengthArray<qsizetype, 32>;

struct ParsedMessage
{
    std::vector<HeaderField> fields;
    qsizetype bodyBegin;
};

qsizetype lineNumberAt(const QByteArray& message, qsizetype offset)
{
    return message.left(offset).count('\n') + 1;
}

Error malformed(const QByteArray& message, qsizetype offset, const QString& why)
{
    return Error{ErrorCode::InvalidInput,
                 QCoreApplication::translate("DkimSigner", "Cannot DKIM-sign the message: line %1 %2")
                     .arg(lineNumberAt(message, offset))
                     .arg(why)};
}

Error bareLineEnd(const QByteArray& message, qsizetype offset)
{
    return malformed(
        message, offset,
        QCoreApplication::translate("DkimSigner", "has a bare %1; a message to be sent must end its lines with CRLF.")
            .arg(message.at(offset) == '\r' ? QStringLiteral("CR") : QStringLiteral("LF")));
}

// RFC 5322 2.2: header fields up to the first empty line, folds being CRLF followed by WSP.
Result<ParsedMessage> parseMessage(const QByteArray& message)
{
    ParsedMessage parsed;
    parsed.fields.reserve(24);
    const char* const data = message.constData();
    const qsizetype size = message.size();
    qsizetype p = 0;
    while (p < size) {
        if (data[p] == '\r' && p + 1 < size && data[p + 1] == '\n') {
            parsed.bodyBegin = p + 2;
            return parsed;
        }
        if (data[p] == ' ' || data[p] == '\t') {
            return malformed(
                message, p,
                QCoreApplication::translate("DkimSigner", "starts with a space but follows no header field."));
        }
        HeaderField field{p, -1, -1};
        const auto* colon = static_cast<const char*>(memchr(data + p, ':', static_cast<size_t>(size - p)));
        // The field's lines, found with memchr; a CR anywhere but before the LF is bare.
        for (;;) {
            const auto* lf = static_cast<const char*>(memchr(data + p, '\n', static_cast<size_t>(size - p)));
            const qsizetype lineEnd = lf ? lf - data : size;
            const bool paired = lf && lineEnd > p && data[lineEnd - 1] == '\r';
            const qsizetype crSearchEnd = paired ? lineEnd - 1 : lineEnd;
            if (const void* cr = memchr(data + p, '\r', static_cast<size_t>(crSearchEnd - p))) {
                return bareLineEnd(message, static_cast<const char*>(cr) - data);
            }
            if (lf && !paired) {
                return bareLineEnd(message, lineEnd);
            }
            if (!lf) {
                p = size; // the last field, without its CRLF
                break;
            }
            p = lineEnd - 1; // at the CR
            if (lineEnd + 1 < size && (data[lineEnd + 1] == ' ' || data[lineEnd + 1] == '\t')) {
                p = lineEnd + 1; // a fold: the field goes on
                continue;
            }
            break;
        }
        if (colon && colon - data < p) {
            field.nameEnd = colon - data;
            while (field.nameEnd > field.begin && (data[field.nameEnd - 1] == ' ' || data[field.nameEnd - 1] == '\t')) {
                --field.nameEnd;
            }
        }
        if (field.nameEnd <= field.begin) {
            return malformed(message, field.begin,
                             QCoreApplication::translate("DkimSigner", "is not a header field (Name: value)."));
        }
        field.end = p;
        parsed.fields.push_back(field);
        p += 2;
    }
    parsed.bodyBegin = size; // headers only: the body is empty
    return parsed;
}

bool nameIs(const QByteArray& message, const HeaderField& field, const QByteArray& name)
{
    const qsizetype length = field.nameEnd - field.begin;
    return length == name.size() && qstrnicmp(message.constData() + field.begin, name.constData(), length) == 0;
}

// RFC 6376 3.7: the signed fields in h= order (indexes into parsed.fields; -1 for a name
// listed once more than it occurs, which signs its absence, RFC 6376 5.4.2), then the
// DKIM-Signature field itself with an empty b= and without its final CRLF.
QByteArray headerData(const QByteArray& message, const ParsedMessage& parsed, const FieldOrder& order,
                      QByteArrayView signatureField)
{
    qsizetype size = signatureField.size() + 3;
    for (const qsizetype i : order) {
        size += i < 0 ? 0 : parsed.fields[static_cast<size_t>(i)].end - parsed.fields[static_cast<size_t>(i)].begin + 3;
    }
    QByteArray out;
    out.reserve(size);
    for (const qsizetype i : order) {
        if (i >= 0) {
            const HeaderField& field = parsed.fields[static_cast<size_t>(i)];
            DkimCanonicalization::appendRelaxedHeader(
                out, QByteArrayView(message.constData() + field.begin, field.end - field.begin));
        }
    }
    DkimCanonicalization::appendRelaxedHeader(out, signatureField);
    out.chop(2);
    return out;
}

// RFC 6376 3.4.4 + 3.7: bh=, the base64 SHA-256 of the relaxed canonical body, hashed as it is
// canonicalised: in place for what the MIME writer makes, a few KB at a time otherwise.
Result<QByteArray> bodyHash(const QByteArray& message, qsizetype bodyBegin)
{
    const QByteArrayView body(message.constData() + bodyBegin, message.size() - bodyBegin);
    try {
        const auto hash = Botan::HashFunction::create_or_throw("SHA-256");
        const qsizetype bad = DkimCanonicalization::feedRelaxedBody(body, [&hash](QByteArrayView piece) {
            hash->update(reinterpret_cast<const uint8_t*>(piece.data()), static_cast<size_t>(piece.size()));
        });
        if (bad >= 0) {
            return bareLineEnd(message, bodyBegin + bad);
        }
        char digest[32];
        hash->final(reinterpret_cast<uint8_t*>(digest));
        return QByteArray::fromRawData(digest, sizeof(digest)).toBase64();
    } catch (const std::exception& e) {
        return Error{ErrorCode::CryptoError,
                     QCoreApplication::translate("DkimSigner", "Could not hash the message body: %1")
                         .arg(QString::fromUtf8(e.what()))};
    }
}

// A header field written tag by tag, folded before a tag that would not fit on the line
// (RFC 6376 3.2 allows FWS between tags, around h=' colons and inside base64 values).
class FoldedField
{
public:
    explicit FoldedField(const char* name)
        : m_text(name)
        , m_lineLength(m_text.size())
    {
        m_text.reserve(1024);
    }

    // A token made of parts (a tag's name, value and ";"), kept on one line.
    void add(std::initializer_list<QByteArrayView> parts, bool spaceBefore = true)
    {
        qsizetype size = 0;
        for (const QByteArrayView part : parts) {
            size += part.size();
        }
        if (m_lineLength + size + (spaceBefore ? 1 : 0) > maximumLineLength) {
            newLine();
        } else if (spaceBefore) {
            m_text += ' ';
            ++m_lineLength;
        }
        for (const QByteArrayView part : parts) {
            m_text.append(part);
        }
        m_lineLength += size;
    }

    void newLine()
    {
        m_text += "\r\n ";
        m_lineLength = 1;
    }

    // Fills lines to the limit; base64 may be broken anywhere.
    void addBroken(QByteArrayView value)
    {
        for (qsizetype at = 0; at < value.size();) {
            if (m_lineLength >= maximumLineLength) {
                newLine();
            }
            const qsizetype length = std::min(maximumLineLength - m_lineLength, value.size() - at);
            m_text.append(value.sliced(at, length));
            m_lineLength += length;
            at += length;
        }
    }

    const QByteArray& text() const { return m_text; }
    // The field with its final CRLF.
    QByteArray finish()
    {
        m_text += "\r\n";
        return std::move(m_text);
    }

private:
    QByteArray m_text;
    qsizetype m_lineLength;
};

// RFC 8463 Appendix A: a message, its keys and both its signatures.
const char rfc8463Message[] = "From: Joe SixPack <joe@football.example.com>\r\n"
                              "To: Suzie Q <suzie@shopping.example.net>\r\n"
                              "Subject: Is dinner ready?\r\n"
                              "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
                              "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
                              "\r\n"
                              "Hi.\r\n"
                              "\r\n"
                              "We lost the game.  Are you hungry yet?\r\n"
                              "\r\n"
                              "Joe.\r\n";
// Its body after relaxed canonicalisation: the two spaces made one.
const char rfc8463CanonicalBody[] = "Hi.\r\n"
                                    "\r\n"
                                    "We lost the game. Are you hungry yet?\r\n"
                                    "\r\n"
                                    "Joe.\r\n";
const char rfc8463BodyHash[] = "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=";
// The RFC 8032 7.1 test 1 seed the RFC uses, as a PKCS#8 key.
const char rfc8463Ed25519Key[] = "-----BEGIN PRIVATE KEY-----\n"
                                 "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
                                 "-----END PRIVATE KEY-----\n";
const char rfc8463Ed25519Public[] = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
const char rfc8463Ed25519Field[] = "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n"
                                   " d=football.example.com; i=@football.example.com;\r\n"
                                   " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n"
                                   " subject : date : message-id : from : subject : date;\r\n"
                                   " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
                                   " b=";
const char rfc8463Ed25519Signature[] = "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus"
                                       "Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==";
const char rfc8463RsaKey[] = "-----BEGIN RSA PRIVATE KEY-----\n"
                             "MIICXQIBAAKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQi\n"
                             "Y/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqM\n"
                             "KrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB\n"
                             "AoGAH0cxOhFZDgzXWhDhnAJDw5s4roOXN4OhjiXa8W7Y3rhX3FJqmJSPuC8N9vQm\n"
                             "6SVbaLAE4SG5mLMueHlh4KXffEpuLEiNp9Ss3O4YfLiQpbRqE7Tm5SxKjvvQoZZe\n"
                             "zHorimOaChRL2it47iuWxzxSiRMv4c+j70GiWdxXnxe4UoECQQDzJB/0U58W7RZy\n"
                             "6enGVj2kWF732CoWFZWzi1FicudrBFoy63QwcowpoCazKtvZGMNlPWnC7x/6o8Gc\n"
                             "uSe0ga2xAkEA8C7PipPm1/1fTRQvj1o/dDmZp243044ZNyxjg+/OPN0oWCbXIGxy\n"
                             "WvmZbXriOWoSALJTjExEgraHEgnXssuk7QJBALl5ICsYMu6hMxO73gnfNayNgPxd\n"
                             "WFV6Z7ULnKyV7HSVYF0hgYOHjeYe9gaMtiJYoo0zGN+L3AAtNP9huqkWlzECQE1a\n"
                             "licIeVlo1e+qJ6Mgqr0Q7Aa7falZ448ccbSFYEPD6oFxiOl9Y9se9iYHZKKfIcst\n"
                             "o7DUw1/hz2Ck4N5JrgUCQQCyKveNvjzkkd8HjYs0SwM0fPjK16//5qDZ2UiDGnOe\n"
                             "uEzxBDAr518Z8VFbR41in3W4Y3yCDgQlLlcETrS+zYcL\n"
                             "-----END RSA PRIVATE KEY-----\n";
const char rfc8463RsaField[] = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n"
                               " d=football.example.com; i=@football.example.com;\r\n"
                               " q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r\n"
                               " date : message-id : from : subject : date;\r\n"
                               " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
                               " b=";
const char rfc8463RsaSignature[] = "F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3"
                                   "DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz"
                                   "dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=";

Error selfTestFailed(const QString& what)
{
    return Error{ErrorCode::CryptoError,
                 QCoreApplication::translate("DkimSigner", "The DKIM self-test failed (%1); DKIM signing is disabled.")
                     .arg(what)};
}

} // namespace

QStringList DkimSigner::defaultSignedHeaders()
{
    return {QStringLiteral("From"),
            QStringLiteral("To"),
            QStringLiteral("Subject"),
            QStringLiteral("Date"),
            QStringLiteral("Message-ID"),
            QStringLiteral("MIME-Version"),
            QStringLiteral("Content-Type"),
            QStringLiteral("List-Unsubscribe"),
            QStringLiteral("List-Unsubscribe-Post")};
}

DkimSigner::DkimSigner(DkimKey key, const QString& domain, const QString& selector, const QStringList& signedHeaders,
                       std::optional<QDateTime> timestamp)
    : m_key(std::move(key))
    , m_algorithmName(m_key.algorithmName().toLatin1())
{
    const auto asciiDomain = DkimNames::domain(domain);
    const auto asciiSelector = DkimNames::selector(selector);
    if (!asciiDomain) {
        m_invalid = asciiDomain.error();
    } else if (!asciiSelector) {
        m_invalid = asciiSelector.error();
    } else {
        m_domain = *asciiDomain;
        m_selector = *asciiSelector;
    }
    // RFC 6376 5.4: From MUST be signed, whatever the caller listed.
    m_signedHeaders.append(QByteArrayLiteral("From"));
    for (const QString& name : signedHeaders) {
        const QByteArray ascii = name.trimmed().toLatin1();
        bool listed = false;
        for (const QByteArray& known : m_signedHeaders) {
            listed = listed || known.compare(ascii, Qt::CaseInsensitive) == 0;
        }
        // RFC 5322 2.2 ftext, less the ";" that would end the h= tag.
        bool valid = !ascii.isEmpty() && QString::fromLatin1(ascii) == name.trimmed();
        for (const char c : ascii) {
            valid = valid && c >= 33 && c <= 126 && c != ':' && c != ';';
        }
        if (!valid && !m_invalid) {
            m_invalid =
                Error{ErrorCode::InvalidInput,
                      QCoreApplication::translate("DkimSigner", "\"%1\" is not a header field name DKIM can sign.")
                          .arg(name)};
        }
        if (valid && !listed) {
            m_signedHeaders.append(ascii);
        }
    }
    if (timestamp && timestamp->isValid()) {
        m_timestamp = QByteArray::number(timestamp->toSecsSinceEpoch());
    }
}

Result<QByteArray> DkimSigner::signatureHeader(const QByteArray& message) const
{
    if (m_invalid) {
        return *m_invalid;
    }
    const auto parsed = parseMessage(message);
    if (!parsed) {
        return parsed.error();
    }

    // Each listed name once per occurrence, taken from the bottom up (RFC 6376 5.4.2); names
    // are unique (case-insensitively), so no field is taken twice. m_signedHeaders[0] is From.
    FieldOrder order;
    QVarLengthArray<const QByteArray*, 32> names;
    qsizetype fromCount = 0;
    for (const QByteArray& name : m_signedHeaders) {
        for (auto i = parsed->fields.size(); i-- > 0;) {
            if (nameIs(message, parsed->fields[i], name)) {
                order.append(static_cast<qsizetype>(i));
                names.append(&name);
                fromCount += &name == &m_signedHeaders.front() ? 1 : 0;
            }
        }
    }
    if (fromCount == 0) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate(
                "DkimSigner", "Cannot DKIM-sign the message: it has no From header field, and DKIM signs From.")};
    }
    // RFC 6376 8.15: one From more than the message has, so a From added above it breaks the signature.
    order.append(-1);
    names.append(&m_signedHeaders.front());

    const auto bh = bodyHash(message, parsed->bodyBegin);
    if (!bh) {
        return bh.error();
    }

    FoldedField field("DKIM-Signature:");
    field.add({"v=1;"});
    field.add({"a=", m_algorithmName, ";"});
    field.add({"c=relaxed/relaxed;"});
    field.add({"d=", m_domain, ";"});
    field.add({"s=", m_selector, ";"});
    if (!m_timestamp.isEmpty()) {
        field.add({"t=", m_timestamp, ";"});
    }
    for (qsizetype i = 0; i < names.size(); ++i) {
        field.add({i == 0 ? "h=" : "", *names[i], i + 1 < names.size() ? ":" : ";"}, i == 0);
    }
    field.add({"bh=", *bh, ";"});
    // b= starts a line of its own: what is signed is this field up to "b=" (RFC 6376 3.7).
    field.newLine();
    field.add({"b="}, false);

    const auto signature = m_key.sign(headerData(message, *parsed, order, field.text()));
    if (!signature) {
        return signature.error();
    }
    field.addBroken(signature->toBase64());
    return field.finish();
}

Status DkimSigner::selfTest()
{
    const QByteArray message = QByteArray::fromRawData(rfc8463Message, sizeof(rfc8463Message) - 1);
    const auto parsed = parseMessage(message);
    if (!parsed) {
        return selfTestFailed(QStringLiteral("parse"));
    }
    // The RFC's body has two spaces in a row, so it is rewritten; the same body as the MIME
    // writer would make it (single spaces, empty lines after it) is hashed in place. Both paths
    // must give the RFC's hash.
    const auto bh = bodyHash(message, parsed->bodyBegin);
    if (!bh || *bh != rfc8463BodyHash) {
        return selfTestFailed(QStringLiteral("relaxed body hash, rewritten"));
    }
    const QByteArray canonicalMessage = message.left(parsed->bodyBegin) + rfc8463CanonicalBody + "\r\n\r\n";
    const auto inPlace = bodyHash(canonicalMessage, parsed->bodyBegin);
    if (!DkimCanonicalization::relaxedBodyInPlace(QByteArrayView(canonicalMessage).sliced(parsed->bodyBegin)) ||
        !inPlace || *inPlace != rfc8463BodyHash) {
        return selfTestFailed(QStringLiteral("relaxed body hash, in place"));
    }
    // h=from:to:subject:date:message-id:from:subject:date over fields From, To, Subject, Date,
    // Message-ID: the last three sign absent fields.
    const FieldOrder order{0, 1, 2, 3, 4, -1, -1, -1};

    struct Case
    {
        const char* name;
        const char* key;
        const char* field;
        const char* signature;
    };
    const Case cases[] = {
        {"ed25519-sha256", rfc8463Ed25519Key, rfc8463Ed25519Field, rfc8463Ed25519Signature},
        {"rsa-sha256", rfc8463RsaKey, rfc8463RsaField, rfc8463RsaSignature},
    };
    for (const Case& c : cases) {
        const auto key = DkimKey::fromPrivateKey(QByteArray(c.key));
        if (!key) {
            return selfTestFailed(QStringLiteral("%1 key").arg(QLatin1String(c.name)));
        }
        if (key->algorithmName() != QLatin1String(c.name)) {
            return selfTestFailed(QStringLiteral("%1 algorithm").arg(QLatin1String(c.name)));
        }
        if (key->algorithm() == DkimKey::Algorithm::Ed25519 && key->publicKeyBase64() != rfc8463Ed25519Public) {
            return selfTestFailed(QStringLiteral("ed25519 public key"));
        }
        const auto signature = key->sign(headerData(message, *parsed, order, c.field));
        if (!signature || signature->toBase64() != c.signature) {
            return selfTestFailed(QStringLiteral("%1 signature").arg(QLatin1String(c.name)));
        }
    }
    return Ok{};
}
