// MimeMessage renders whatever a campaign and a contact row hold. The fuzz bytes, split at
// 0x1F, are the subject, the display name (of From, Reply-To and To), the HTML, the text and
// an attachment's file name; an odd first byte makes the subject UTF-16 (lone surrogates).
// Invariants: rendering never fails for such values and never crashes; every line ends in
// CRLF and none passes 78 characters (all addresses and ids here are short); the header
// lines at column 0 are exactly the expected fields, at the top and in every part, so no
// value injects a header; boundaries appear only as delimiters; the subject and display
// name decode to their sanitized text and the bodies to their bytes; and the output is
// deterministic, the same whether the HTML is encoded per message or shared.
#include "core/mail/mime/HeaderEncoding.h"
#include "core/mail/mime/MimeMessage.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QStringDecoder>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace {

// QString::fromUtf8 drops a leading byte order mark; a mail reader keeps it as U+FEFF.
QString fromUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder(bytes);
}

std::optional<QByteArray> decodeQuotedPrintable(const QByteArray& encoded)
{
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        if (encoded.at(i) != '=') {
            out += encoded.at(i);
        } else if (encoded.mid(i + 1, 2) == "\r\n") {
            i += 2;
        } else {
            bool ok = false;
            const int byte = encoded.mid(i + 1, 2).toInt(&ok, 16);
            if (!ok) {
                return std::nullopt;
            }
            out += char(byte);
            i += 2;
        }
    }
    return out;
}

QByteArray decodeBody(const EncodedPart& part)
{
    if (part.transferEncoding() == TransferEncoding::Base64) {
        return QByteArray::fromBase64(part.body());
    }
    const auto decoded = decodeQuotedPrintable(part.body());
    FUZZ_CHECK(decoded.has_value());
    return *decoded;
}

// RFC 2047 decoding of the words of a field value (after the colon), as a reader does it.
QString decodeWords(const QByteArray& value)
{
    QByteArray out;
    bool previousEncoded = false;
    bool first = true;
    for (const QByteArray& token : value.split(' ')) {
        if (token.isEmpty()) {
            continue;
        }
        std::optional<QByteArray> decoded;
        if (token.startsWith("=?utf-8?") && token.endsWith("?=") && token.size() >= 12) {
            FUZZ_CHECK(token.size() <= HeaderEncoding::maxEncodedWordLength);
            const QByteArray payload = token.mid(10, token.size() - 12);
            if (token.at(8) == 'B') {
                decoded = QByteArray::fromBase64(payload);
            } else {
                QByteArray q = payload;
                q.replace('_', ' ');
                decoded = decodeQuotedPrintable(q);
                FUZZ_CHECK(decoded.has_value());
            }
            // RFC 2047 5: each encoded word holds whole characters.
            FUZZ_CHECK(fromUtf8(*decoded).toUtf8() == *decoded);
        }
        if (!first && !(decoded && previousEncoded)) {
            out += ' ';
        }
        out += decoded ? *decoded : token;
        previousEncoded = decoded.has_value();
        first = false;
    }
    return fromUtf8(out);
}

// The unfolded value of the top-level field `name`.
QByteArray fieldValue(const QByteArray& head, const QByteArray& name)
{
    const qsizetype start = head.indexOf("\r\n" + name + ':');
    FUZZ_CHECK(start >= 0);
    qsizetype end = start + 2;
    while ((end = head.indexOf("\r\n", end)) >= 0 && end + 2 < head.size() && head.at(end + 2) == ' ') {
        end += 2;
    }
    QByteArray value = head.mid(start + 2 + name.size() + 1, end < 0 ? -1 : end - (start + 2 + name.size() + 1));
    value.replace("\r\n", "");
    return value.trimmed();
}

struct Fields
{
    QString subject;
    QString displayName;
    QString html;
    QString text;
    QString attachmentName;
};

Fields split(const QByteArray& input)
{
    const QList<QByteArray> parts = input.split('\x1f');
    auto part = [&parts](qsizetype i) { return i < parts.size() ? parts.at(i) : QByteArray(); };
    Fields fields;
    const QByteArray subject = part(0);
    if (!input.isEmpty() && (uchar(input.at(0)) & 1)) {
        fields.subject = QString(reinterpret_cast<const QChar*>(subject.constData()), subject.size() / 2);
    } else {
        fields.subject = QString::fromUtf8(subject);
    }
    fields.displayName = QString::fromUtf8(part(1));
    fields.html = QString::fromUtf8(part(2));
    fields.text = QString::fromUtf8(part(3));
    fields.attachmentName = QString::fromUtf8(part(4));
    return fields;
}

QByteArray render(const Fields& fields, bool sharedHtml)
{
    MimeMessage message;
    message.setDate(QDateTime(QDate(2026, 11, 28), QTime(9, 5, 7), Qt::OffsetFromUTC, 3600));
    message.setFrom(Mailbox{fields.displayName, QStringLiteral("news@example.com")});
    message.setReplyTo(Mailbox{fields.displayName, QStringLiteral("help@example.com")});
    message.setTo({Mailbox{fields.displayName, QStringLiteral("jane@example.org")}});
    message.setSubject(fields.subject);
    message.setMessageId(QStringLiteral("<c1.r2.0123456789abcdef@example.com>"));
    message.setListUnsubscribe(QStringLiteral("unsubscribe@example.com"), QStringLiteral("https://example.com/u/1"));
    message.setPlainText(fields.text);
    if (sharedHtml) {
        message.setHtmlPart(EncodedPart::html(fields.html));
    } else {
        message.setHtml(fields.html);
    }
    message.addInlineImage(EncodedPart::inlineImage(QStringLiteral("logo@example.com"), QStringLiteral("image/png"),
                                                    QByteArray("\x89PNG\r\n\x1a\n", 8))
                               .value());
    const auto attachment =
        EncodedPart::attachment(fields.attachmentName, QStringLiteral("application/pdf"), QByteArray("%PDF-1.4"));
    if (attachment.ok()) {
        message.addAttachment(attachment.value());
    } else {
        FUZZ_CHECK(!attachment.error().message.isEmpty());
        FUZZ_CHECK(HeaderEncoding::sanitized(fields.attachmentName).isEmpty());
    }
    const auto rendered = message.render();
    FUZZ_CHECK(rendered.ok());
    return rendered.value();
}

bool isPartHeader(const QByteArray& line)
{
    for (const char* name : {"Content-Type:", "Content-Transfer-Encoding:", "Content-ID:", "Content-Disposition:"}) {
        if (line.startsWith(name)) {
            return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const Fields fields = split(input);
    const QByteArray message = render(fields, false);
    FUZZ_CHECK(render(fields, false) == message);
    FUZZ_CHECK(render(fields, true) == message);

    // Lines: CRLF only, short, printable ASCII (quoted-printable bodies may hold tabs).
    FUZZ_CHECK(message.endsWith("\r\n"));
    QList<QByteArray> lines = message.split('\n');
    lines.removeLast();
    bool inHeaders = true;
    for (QByteArray& line : lines) {
        FUZZ_CHECK(line.endsWith('\r'));
        line.chop(1);
        FUZZ_CHECK(line.size() <= HeaderEncoding::foldWidth);
        inHeaders = inHeaders && !line.isEmpty();
        for (char c : line) {
            FUZZ_CHECK((c >= 32 && c < 127) || (c == '\t' && !inHeaders));
        }
    }

    // The top-level header fields, exactly.
    const bool hasAttachment = !HeaderEncoding::sanitized(fields.attachmentName).isEmpty();
    QList<QByteArray> names;
    qsizetype line = 0;
    for (; line < lines.size() && !lines.at(line).isEmpty(); ++line) {
        FUZZ_CHECK(!lines.at(line).startsWith('\t'));
        if (!lines.at(line).startsWith(' ')) {
            names.append(lines.at(line).left(lines.at(line).indexOf(':')));
        }
    }
    FUZZ_CHECK(names == (QList<QByteArray>{"Date", "From", "Reply-To", "To", "Subject", "Message-ID", "MIME-Version",
                                           "List-Unsubscribe", "List-Unsubscribe-Post", "Content-Type"}));

    // Every part's header fields are Content-* only; delimiters are where the tree puts them,
    // and only there: no body line starts with "--" and a declared boundary.
    const QByteArray head = message.left(message.indexOf("\r\n\r\n") + 2);
    QList<QByteArray> boundaries;
    bool inMultipartType = false;
    for (const QByteArray& current : lines) {
        inMultipartType =
            current.startsWith("Content-Type: multipart/") || (inMultipartType && current.startsWith(' '));
        const qsizetype at = inMultipartType ? current.indexOf("boundary=\"") : -1;
        if (at >= 0) {
            boundaries.append(current.mid(at + 10, current.indexOf('"', at + 10) - (at + 10)));
        }
    }
    FUZZ_CHECK(boundaries.size() == (hasAttachment ? 3 : 2));
    int delimiters = 0;
    int closes = 0;
    bool inPartHeaders = false;
    for (; line < lines.size(); ++line) {
        const QByteArray& current = lines.at(line);
        bool isDelimiter = false;
        for (const QByteArray& boundary : boundaries) {
            if (current == "--" + boundary) {
                ++delimiters;
                inPartHeaders = isDelimiter = true;
            } else if (current == "--" + boundary + "--") {
                ++closes;
                isDelimiter = true;
            } else {
                FUZZ_CHECK(!current.startsWith("--" + boundary));
            }
        }
        if (isDelimiter) {
            continue;
        }
        if (inPartHeaders) {
            if (current.isEmpty()) {
                inPartHeaders = false;
            } else {
                FUZZ_CHECK(current.startsWith(' ') || isPartHeader(current));
            }
        }
    }
    // alternative (text, related), related (html, image), and mixed (alternative, attachment).
    FUZZ_CHECK(delimiters == (hasAttachment ? 6 : 4));
    FUZZ_CHECK(closes == (hasAttachment ? 3 : 2));

    // What a reader decodes is what was given, sanitized.
    FUZZ_CHECK(decodeWords(fieldValue(head, "Subject")) == HeaderEncoding::sanitized(fields.subject));
    const QString name = HeaderEncoding::sanitized(fields.displayName);
    const QByteArray to = fieldValue(head, "To");
    if (name.isEmpty()) {
        FUZZ_CHECK(to == "jane@example.org");
    } else {
        FUZZ_CHECK(to.endsWith(" <jane@example.org>"));
        QByteArray phrase = to.left(to.size() - 19);
        if (phrase.startsWith('"')) {
            FUZZ_CHECK(phrase.endsWith('"') && phrase.size() >= 2);
            QByteArray unquoted;
            for (qsizetype i = 1; i + 1 < phrase.size(); ++i) {
                if (phrase.at(i) == '\\') {
                    ++i;
                }
                unquoted += phrase.at(i);
            }
            FUZZ_CHECK(QString::fromLatin1(unquoted) == name);
        } else {
            FUZZ_CHECK(decodeWords(phrase) == name);
        }
    }
    const QByteArray text = MimeEncoding::canonicalLineEnds(fields.text.toUtf8());
    const QByteArray html = MimeEncoding::canonicalLineEnds(fields.html.toUtf8());
    FUZZ_CHECK(decodeBody(EncodedPart::plainText(fields.text)) == text);
    FUZZ_CHECK(decodeBody(EncodedPart::html(fields.html)) == html);
    FUZZ_CHECK(message.contains(EncodedPart::plainText(fields.text).body()));
    return 0;
}
