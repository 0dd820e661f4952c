#include "core/mail/mime/HeaderEncoding.h"

#include <QCoreApplication>
#include <QUrl>

#include <algorithm>
#include <cstring>
#include <limits>

namespace {

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

bool isAlphaNumeric(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 3.2.3 atext.
bool isAtext(char c)
{
    return isAlphaNumeric(c) || (c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr);
}

// RFC 2047 5(3): what a Q-encoded word may carry literally even inside a phrase.
bool isQLiteral(char c)
{
    return isAlphaNumeric(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

// RFC 2231 7: attribute-char, what an extended parameter value may carry literally.
bool isAttributeChar(char c)
{
    return isAlphaNumeric(c) || (c != '\0' && std::strchr("!#$&+-.^_`|~", c) != nullptr);
}

const char hexDigits[] = "0123456789ABCDEF";

void appendHex(QByteArray& out, char prefix, uchar byte)
{
    out.append(prefix);
    out.append(hexDigits[byte >> 4]);
    out.append(hexDigits[byte & 0xf]);
}

enum class WordEncoding { B, Q };

// "=?utf-8?B?" and "?=".
constexpr int encodedWordOverhead = 12;

int qPayloadLength(const QByteArray& utf8)
{
    int length = 0;
    for (char c : utf8) {
        length += (c == ' ' || isQLiteral(c)) ? 1 : 3;
    }
    return length;
}

int bPayloadLength(qsizetype bytes)
{
    return int((bytes + 2) / 3 * 4);
}

QByteArray encodedWord(const QByteArray& utf8, WordEncoding encoding)
{
    QByteArray word = encoding == WordEncoding::B ? QByteArrayLiteral("=?utf-8?B?") : QByteArrayLiteral("=?utf-8?Q?");
    if (encoding == WordEncoding::B) {
        word += utf8.toBase64();
    } else {
        for (char c : utf8) {
            if (c == ' ') {
                word += '_';
            } else if (isQLiteral(c)) {
                word += c;
            } else {
                appendHex(word, '=', uchar(c));
            }
        }
    }
    word += "?=";
    return word;
}

// The UTF-8 of each code point of `text` (surrogate pairs kept together).
QList<QByteArray> codePoints(const QString& text)
{
    QList<QByteArray> points;
    points.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype length = (text.at(i).isHighSurrogate() && i + 1 < text.size()) ? 2 : 1;
        points.append(QStringView(text).mid(i, length).toUtf8());
        i += length - 1;
    }
    return points;
}

// One header field under construction: unbreakable tokens separated by one space each; a
// line is folded before that space when the next token would pass the width.
class FieldWriter
{
public:
    // An empty name writes a bare value (no "Name:", no CRLF) with no width limit.
    explicit FieldWriter(const QByteArray& name)
        : m_out(name.isEmpty() ? QByteArray() : name + ':')
        , m_width(name.isEmpty() ? std::numeric_limits<int>::max() / 2 : HeaderEncoding::foldWidth)
        , m_lineLength(int(m_out.size()))
        , m_named(!name.isEmpty())
    {}

    void token(const QByteArray& token)
    {
        if (!m_lineEmpty && m_lineLength + 1 + token.size() > m_width) {
            fold();
        }
        if (m_named || m_tokens > 0) {
            m_out += ' ';
            ++m_lineLength;
        }
        m_out += token;
        m_lineLength += int(token.size());
        m_lineEmpty = false;
        ++m_tokens;
    }

    // `text` as encoded words, each sized to what is left of its line, so that lines stay
    // within the width as well as words within 75 characters. `text` is sanitized (no lone
    // surrogates), so its UTF-8 splits into code points at each byte that is no continuation
    // byte; the payload of the word being gathered is counted as it grows, not re-measured.
    void encoded(const QString& text)
    {
        const QByteArray utf8 = text.toUtf8();
        const WordEncoding encoding =
            qPayloadLength(utf8) <= bPayloadLength(utf8.size()) ? WordEncoding::Q : WordEncoding::B;
        const char* const bytes = utf8.constData();
        const qsizetype size = utf8.size();
        qsizetype chunkStart = 0;
        qsizetype chunkBytes = 0;
        int chunkQ = 0; // the Q payload of the chunk
        int maxLength = 0;
        auto payload = [encoding](qsizetype byteCount, int q) {
            return encoding == WordEncoding::B ? bPayloadLength(byteCount) : q;
        };
        for (qsizetype i = 0; i < size;) {
            qsizetype pointBytes = 1;
            while (i + pointBytes < size && (uchar(bytes[i + pointBytes]) & 0xC0) == 0x80) {
                ++pointBytes;
            }
            int pointQ = 0;
            for (qsizetype k = i; k < i + pointBytes; ++k) {
                pointQ += (bytes[k] == ' ' || isQLiteral(bytes[k])) ? 1 : 3;
            }
            if (chunkBytes > 0 && payload(chunkBytes + pointBytes, chunkQ + pointQ) + encodedWordOverhead > maxLength) {
                token(encodedWord(QByteArray(bytes + chunkStart, chunkBytes), encoding));
                chunkBytes = 0;
                chunkQ = 0;
            }
            if (chunkBytes == 0) {
                chunkStart = i;
                maxLength = std::min(HeaderEncoding::maxEncodedWordLength, room());
                if (!m_lineEmpty && payload(pointBytes, pointQ) + encodedWordOverhead > maxLength) {
                    fold();
                    maxLength = std::min(HeaderEncoding::maxEncodedWordLength, room());
                }
            }
            chunkBytes += pointBytes;
            chunkQ += pointQ;
            i += pointBytes;
        }
        if (chunkBytes > 0) {
            token(encodedWord(QByteArray(bytes + chunkStart, chunkBytes), encoding));
        }
    }

    // Characters left on the current line for the next token after its separating space.
    int room() const { return m_width - m_lineLength - ((m_named || m_tokens > 0) ? 1 : 0); }

    // Room a token has on a fresh line.
    int roomOnFreshLine() const { return m_width - 1; }
    // The longest next token that still fits a line: it folds unless nothing is on the line
    // yet (never right after the field name).
    int maxTokenLength() const { return m_lineEmpty ? room() : roomOnFreshLine(); }

    QByteArray finish() const { return m_named ? m_out + "\r\n" : m_out; }

private:
    void fold()
    {
        m_out += "\r\n";
        m_lineLength = 0;
        m_lineEmpty = true;
    }

    QByteArray m_out;
    int m_width;
    int m_lineLength;
    bool m_named;
    bool m_lineEmpty = true;
    int m_tokens = 0;
};

bool isPlainAscii(const QString& text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
}

// A display name (RFC 5322 3.2.5 phrase): atoms as they are, other ASCII as one quoted
// string, anything else (or a quoted string too long for a line) as encoded words.
void writePhrase(FieldWriter& writer, const QString& displayName)
{
    const QString clean = HeaderEncoding::sanitized(displayName);
    if (clean.isEmpty()) {
        return;
    }
    // "=?" in plain text would be decoded by readers as if we had encoded it.
    if (!isPlainAscii(clean) || clean.contains(QLatin1String("=?"))) {
        writer.encoded(clean);
        return;
    }
    const QByteArray ascii = clean.toLatin1();
    const QList<QByteArray> words = ascii.split(' ');
    bool atoms = words.first().size() <= writer.maxTokenLength();
    for (const QByteArray& word : words) {
        atoms = atoms && word.size() <= writer.roomOnFreshLine() && std::all_of(word.cbegin(), word.cend(), isAtext);
    }
    if (atoms) {
        for (const QByteArray& word : words) {
            writer.token(word);
        }
        return;
    }
    QByteArray quoted = "\"";
    for (char c : ascii) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    quoted += '"';
    // A quoted string cannot be folded; encoded words can.
    if (quoted.size() <= writer.maxTokenLength()) {
        writer.token(quoted);
    } else {
        writer.encoded(clean);
    }
}

Error addressError(const QString& address, const QString& why)
{
    return Error{ErrorCode::InvalidInput,
                 QCoreApplication::translate("HeaderEncoding", "\"%1\" cannot be used as an email address: %2")
                     .arg(HeaderEncoding::sanitized(address), why)};
}

// QUrl::toAce, remembering the last few domains per thread: a campaign's messages name the
// same few (the From domain in From, Message-ID and List-Unsubscribe, the recipients' big
// providers) over and over, and IDNA processing costs more than the rest of an address.
QByteArray aceDomain(const QString& domain)
{
    struct Entry
    {
        QString domain;
        QByteArray ace;
    };
    constexpr int kEntries = 4;
    thread_local Entry cache[kEntries];
    thread_local int next = 0;
    for (const Entry& entry : cache) {
        if (!entry.domain.isNull() && entry.domain == domain) {
            return entry.ace;
        }
    }
    QByteArray ace = QUrl::toAce(domain, QUrl::AceTransitionalProcessing);
    cache[next] = Entry{domain, ace};
    next = (next + 1) % kEntries;
    return ace;
}

Result<void> writeMailbox(FieldWriter& writer, const Mailbox& mailbox, bool last)
{
    const auto address = HeaderEncoding::asciiAddress(mailbox.address);
    if (!address.ok()) {
        return address.error();
    }
    const bool named = !HeaderEncoding::sanitized(mailbox.displayName).isEmpty();
    writePhrase(writer, mailbox.displayName);
    QByteArray token = named ? '<' + address.value() + '>' : address.value();
    if (!last) {
        token += ',';
    }
    writer.token(token);
    return Ok{};
}

} // namespace

QString HeaderEncoding::sanitized(const QString& value)
{
    // Most values (names, subjects, addresses) are clean already: share them, don't copy.
    bool clean = value.isEmpty() || (value.front() != u' ' && value.back() != u' ');
    for (qsizetype i = 0; clean && i < value.size(); ++i) {
        const char16_t c = value.at(i).unicode();
        clean = !isControl(c) && !QChar::isSurrogate(c) &&
                !(c == u' ' && i + 1 < value.size() && value.at(i + 1).unicode() == u' ');
    }
    if (clean) {
        return value;
    }
    QString out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c.unicode() == ' ' || isControl(c.unicode())) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace && !out.isEmpty()) {
            out += QLatin1Char(' ');
        }
        pendingSpace = false;
        if (c.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate()) {
            out += c;
            out += value.at(++i);
        } else if (c.isSurrogate()) {
            out += QChar(QChar::ReplacementCharacter);
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray HeaderEncoding::formatUnstructured(const QByteArray& name, const QString& value)
{
    const QString clean = sanitized(value);
    FieldWriter writer(name);
    if (clean.isEmpty()) {
        return writer.finish();
    }
    const QStringList words = clean.split(QLatin1Char(' '));
    // Which words go as encoded words: non-ASCII, look-alikes of encoded words, and words
    // too long for any line (encoded words can be split, plain words cannot).
    QList<bool> encode;
    encode.reserve(words.size());
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString& word = words.at(i);
        const int room = i == 0 ? writer.maxTokenLength() : writer.roomOnFreshLine();
        encode.append(!isPlainAscii(word) || word.contains(QLatin1String("=?")) || word.size() > room);
    }
    // RFC 2047 6.2: the space between two encoded words is dropped when decoding, so
    // neighbouring words to encode go as one run with their spaces inside.
    for (qsizetype i = 0; i < words.size();) {
        if (!encode.at(i)) {
            writer.token(words.at(i).toLatin1());
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < words.size() && encode.at(end)) {
            ++end;
        }
        writer.encoded(words.mid(i, end - i).join(QLatin1Char(' ')));
        i = end;
    }
    return writer.finish();
}

Result<QByteArray> HeaderEncoding::formatMailbox(const QString& displayName, const QString& address)
{
    FieldWriter writer({});
    const auto written = writeMailbox(writer, Mailbox{displayName, address}, true);
    if (!written.ok()) {
        return written.error();
    }
    return writer.finish();
}

Result<QByteArray> HeaderEncoding::formatAddressHeader(const QByteArray& name, const QVector<Mailbox>& mailboxes)
{
    if (mailboxes.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("HeaderEncoding", "The %1 header needs at least one address.")
                         .arg(QString::fromLatin1(name))};
    }
    FieldWriter writer(name);
    for (qsizetype i = 0; i < mailboxes.size(); ++i) {
        const auto written = writeMailbox(writer, mailboxes.at(i), i + 1 == mailboxes.size());
        if (!written.ok()) {
            return Error{written.error().code, QCoreApplication::translate("HeaderEncoding", "%1 header: %2")
                                                   .arg(QString::fromLatin1(name), written.error().message)};
        }
    }
    return writer.finish();
}

Result<QByteArray> HeaderEncoding::asciiAddress(const QString& address)
{
    const QString text = address.trimmed();
    if (text.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("HeaderEncoding", "An email address is required.")};
    }
    for (QChar c : text) {
        if (c.unicode() <= 0x20 || isControl(c.unicode()) || c.isSpace()) {
            return addressError(
                address, QCoreApplication::translate("HeaderEncoding", "it holds a space or a control character."));
        }
    }
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at + 1 == text.size()) {
        return addressError(address,
                            QCoreApplication::translate("HeaderEncoding", "it is not of the form name@domain."));
    }
    const QString local = text.left(at);
    const QString domain = text.mid(at + 1);
    if (!std::all_of(local.cbegin(), local.cend(), [](QChar c) { return c.unicode() < 0x80; })) {
        // RFC 6531 would allow it, but only over SMTPUTF8, which this writer does not use.
        return addressError(
            address, QCoreApplication::translate("HeaderEncoding", "the part before the @ has non-ASCII characters."));
    }
    const QByteArray localBytes = local.toLatin1();
    const bool dotAtom =
        !localBytes.startsWith('.') && !localBytes.endsWith('.') && !localBytes.contains("..") &&
        std::all_of(localBytes.cbegin(), localBytes.cend(), [](char c) { return c == '.' || isAtext(c); });
    if (!dotAtom || localBytes.size() > 64) {
        return addressError(address,
                            QCoreApplication::translate("HeaderEncoding", "the part before the @ is invalid."));
    }
    const QByteArray ace = aceDomain(domain);
    const bool hostName =
        !ace.isEmpty() && !ace.startsWith('.') && !ace.endsWith('.') && !ace.contains("..") &&
        std::all_of(ace.cbegin(), ace.cend(), [](char c) { return isAlphaNumeric(c) || c == '-' || c == '.'; });
    if (!hostName) {
        return addressError(address,
                            QCoreApplication::translate("HeaderEncoding", "the domain is not a valid domain name."));
    }
    const QByteArray result = localBytes + '@' + ace;
    // RFC 5321 4.5.3.1.3: a path is at most 256 octets with its angle brackets.
    if (result.size() > 254) {
        return addressError(address,
                            QCoreApplication::translate("HeaderEncoding", "it is longer than 254 characters."));
    }
    return result;
}

QByteArray HeaderEncoding::formatStructured(const QByteArray& name, const QList<QByteArray>& tokens)
{
    FieldWriter writer(name);
    for (const QByteArray& token : tokens) {
        writer.token(token);
    }
    return writer.finish();
}

QList<QByteArray> HeaderEncoding::parameterTokens(const QByteArray& name, const QString& value)
{
    // Leaves room for the "; " or ";" that joins parameters and for the folding space.
    constexpr int maxToken = foldWidth - 3;
    const QString clean = sanitized(value);
    if (isPlainAscii(clean)) {
        QByteArray quoted = name + "=\"";
        for (char c : clean.toLatin1()) {
            if (c == '"' || c == '\\') {
                quoted += '\\';
            }
            quoted += c;
        }
        quoted += '"';
        if (quoted.size() <= maxToken) {
            return {quoted};
        }
    }
    // RFC 2231 4: charset'language'percent-encoded octets; 3: numbered continuations.
    QList<QByteArray> pieces;
    for (const QByteArray& point : codePoints(clean)) {
        QByteArray piece;
        for (char c : point) {
            if (isAttributeChar(c)) {
                piece += c;
            } else {
                appendHex(piece, '%', uchar(c));
            }
        }
        pieces.append(piece);
    }
    QByteArray whole = name + "*=utf-8''";
    for (const QByteArray& piece : pieces) {
        whole += piece;
    }
    if (whole.size() <= maxToken) {
        return {whole};
    }
    QList<QByteArray> tokens;
    QByteArray current;
    auto startSegment = [&]() {
        current = name + '*' + QByteArray::number(tokens.size()) + "*=";
        if (tokens.isEmpty()) {
            current += "utf-8''";
        }
    };
    startSegment();
    bool empty = true;
    for (const QByteArray& piece : pieces) {
        if (!empty && current.size() + piece.size() > maxToken) {
            tokens.append(current);
            startSegment();
            empty = true;
        }
        current += piece;
        empty = false;
    }
    tokens.append(current);
    return tokens;
}

QList<QByteArray> HeaderEncoding::encodedWords(const QString& text)
{
    FieldWriter writer({});
    writer.encoded(sanitized(text));
    const QByteArray words = writer.finish();
    return words.isEmpty() ? QList<QByteArray>() : words.split(' ');
}
