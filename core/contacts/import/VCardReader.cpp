#include "core/contacts/import/VCardReader.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QStringDecoder>

namespace {

// A logical line longer than this (a huge PHOTO) is cut: nothing we import is that long.
constexpr qsizetype MaxLineBytes = 1024 * 1024;
// Bytes read from the device at a time (readPhysical).
constexpr qsizetype ReadPieceBytes = 64 * 1024;
// Raw text kept per card for the error report.
constexpr qsizetype MaxRawChars = 16 * 1024;
// Per card, so a hostile file with one endless card still uses bounded memory.
constexpr qsizetype MaxValuesPerProperty = 100;
// RFC 6350 6.7.3: PREF runs from 1 (most preferred) to 100; no PREF ranks after all of them.
constexpr int NoPreference = 101;

struct Property
{
    QByteArray name; // upper-case, group removed
    QByteArray encoding;
    QByteArray charset;
    QList<QByteArray> types; // upper-case
    int preference = NoPreference;
    QByteArray nameParameter; // NAME= of X-MAILROOM-FIELD, unquoted but still caret-encoded
    QByteArray value;
};

// Mailroom's own properties (VCardWriter), read back so an export imports without loss.
const QByteArray MailroomStatus = QByteArrayLiteral("X-MAILROOM-STATUS");
const QByteArray MailroomLists = QByteArrayLiteral("X-MAILROOM-LISTS");
const QByteArray MailroomConsentSource = QByteArrayLiteral("X-MAILROOM-CONSENT-SOURCE");
const QByteArray MailroomConsentDate = QByteArrayLiteral("X-MAILROOM-CONSENT-DATE");
const QByteArray MailroomField = QByteArrayLiteral("X-MAILROOM-FIELD");

bool isNameChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

QByteArray unquote(QByteArray text)
{
    text = text.trimmed();
    if (text.size() >= 2 && text.startsWith('"') && text.endsWith('"'))
        return text.mid(1, text.size() - 2);
    return text;
}

// Splits on a separator outside double quotes (parameter values in 4.0 may be quoted).
QList<QByteArray> splitOutsideQuotes(const QByteArray& text, char separator)
{
    QList<QByteArray> parts;
    QByteArray current;
    bool quoted = false;
    for (char c : text) {
        if (c == '"')
            quoted = !quoted;
        if (c == separator && !quoted) {
            parts.append(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    parts.append(current);
    return parts;
}

void addType(Property& property, const QByteArray& type)
{
    const QByteArray upper = unquote(type).toUpper();
    if (upper.isEmpty())
        return;
    if (upper == "PREF")
        property.preference = qMin(property.preference, 1);
    else if (upper == "QUOTED-PRINTABLE" || upper == "BASE64" || upper == "8BIT" || upper == "7BIT")
        property.encoding = upper;
    else if (property.types.size() < MaxValuesPerProperty)
        property.types.append(upper);
}

// "item1.EMAIL;TYPE=INTERNET,pref:jane@example.com" or 2.1's "TEL;HOME;PREF;VOICE:+1 555".
std::optional<Property> parseProperty(const QByteArray& line)
{
    qsizetype colon = -1;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] == '"')
            quoted = !quoted;
        else if (line[i] == ':' && !quoted) {
            colon = i;
            break;
        }
    }
    if (colon < 0)
        colon = line.indexOf(':');
    if (colon <= 0)
        return std::nullopt;

    Property property;
    const QList<QByteArray> head = splitOutsideQuotes(line.left(colon), ';');
    QByteArray name = head.first().trimmed();
    const qsizetype dot = name.lastIndexOf('.');
    if (dot >= 0)
        name = name.mid(dot + 1);
    if (name.isEmpty())
        return std::nullopt;
    for (char c : name) {
        if (!isNameChar(c))
            return std::nullopt;
    }
    property.name = name.toUpper();
    for (qsizetype i = 1; i < head.size(); ++i) {
        const QByteArray& parameter = head[i];
        const qsizetype equals = parameter.indexOf('=');
        if (equals < 0) {
            addType(property, parameter);
            continue;
        }
        const QByteArray key = parameter.left(equals).trimmed().toUpper();
        const QByteArray value = parameter.mid(equals + 1);
        if (key == "TYPE") {
            for (const QByteArray& type : splitOutsideQuotes(unquote(value), ','))
                addType(property, type);
        } else if (key == "PREF") {
            bool ok = false;
            const int preference = unquote(value).trimmed().toInt(&ok);
            if (ok && preference >= 1)
                property.preference = qMin(property.preference, qMin(preference, 100));
        } else if (key == "ENCODING") {
            property.encoding = unquote(value).toUpper();
        } else if (key == "CHARSET") {
            property.charset = unquote(value).trimmed();
        } else if (key == "NAME") {
            property.nameParameter = unquote(value);
        }
    }
    property.value = line.mid(colon + 1);
    return property;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// RFC 2045 6.7; soft line breaks were already joined while unfolding.
QByteArray decodeQuotedPrintable(const QByteArray& text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '=' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
            out.append(char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
            i += 2;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

bool isBase64Text(const QByteArray& line)
{
    for (char c : line) {
        const bool base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                            c == '/' || c == '=' || c == ' ' || c == '\t';
        if (!base64)
            return false;
    }
    return true;
}

// Splits a text value on an unescaped separator (RFC 6350 3.4), keeping the escapes for unescape().
QList<QString> splitEscaped(const QString& value, QChar separator)
{
    QList<QString> parts;
    QString current;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == QLatin1Char('\\') && i + 1 < value.size()) {
            current.append(c);
            current.append(value[++i]);
        } else if (c == separator) {
            parts.append(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    parts.append(current);
    return parts;
}

// RFC 6350 3.4: \n (or \N) is a line break, \, \; \\ the character itself. Any other
// backslash is kept, so a Windows path in a 2.1 NOTE survives.
QString unescape(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c != QLatin1Char('\\') || i + 1 >= value.size()) {
            out.append(c);
            continue;
        }
        const QChar escaped = value[i + 1];
        if (escaped == QLatin1Char('n') || escaped == QLatin1Char('N')) {
            out.append(QLatin1Char('\n'));
            ++i;
        } else if (escaped == QLatin1Char(',') || escaped == QLatin1Char(';') || escaped == QLatin1Char('\\')) {
            out.append(escaped);
            ++i;
        } else {
            out.append(c);
        }
    }
    return out;
}

// RFC 6868: in a parameter value ^^ is ^, ^n a line break and ^' a double quote.
QString caretDecoded(const QByteArray& value)
{
    QByteArray out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value[i];
        const char after = i + 1 < value.size() ? value[i + 1] : '\0';
        if (c == '^' && (after == '^' || after == '\'' || after == 'n' || after == 'N')) {
            out.append(after == '^' ? '^' : after == '\'' ? '"' : '\n');
            ++i;
        } else {
            out.append(c);
        }
    }
    return QString::fromUtf8(out);
}

// The property name of a content line without parsing the rest: "item1.EMAIL;TYPE=x:..." -> "EMAIL".
QByteArray quickName(const QByteArray& line)
{
    qsizetype end = 0;
    while (end < line.size() && line[end] != ';' && line[end] != ':')
        ++end;
    QByteArray name = line.left(end).trimmed();
    const qsizetype dot = name.lastIndexOf('.');
    return dot >= 0 ? name.mid(dot + 1) : name;
}

QString component(const QList<QString>& parts, qsizetype index)
{
    return index < parts.size() ? unescape(parts[index]).trimmed() : QString();
}

QString lineMessage(qint64 line, const QString& message)
{
    return QCoreApplication::translate("VCardReader", "Line %1: %2").arg(line).arg(message);
}

QString excerpt(const QByteArray& text)
{
    QString shown = QString::fromUtf8(text.left(60));
    if (text.size() > 60)
        shown += QChar(0x2026);
    return shown;
}

// Decodes a value's bytes: the CHARSET parameter when given (2.1), else UTF-8, falling back
// to Windows-1252 for old phones that wrote Latin text without saying so.
QString decodeText(QByteArray bytes, const QByteArray& charset, qint64 line, QStringList& warnings)
{
    // Quoted-printable values from phones carry CRLF line breaks (=0D=0A).
    bytes.replace("\r\n", "\n");
    if (!charset.isEmpty()) {
        QStringDecoder decoder(charset.constData(), QStringConverter::Flag::Stateless);
        if (decoder.isValid())
            return decoder.decode(bytes);
        warnings.append(
            lineMessage(line, QCoreApplication::translate("VCardReader", "unknown character set \"%1\", read as UTF-8")
                                  .arg(QString::fromLatin1(charset.left(40)))));
        return QString::fromUtf8(bytes);
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    QStringDecoder windows1252("windows-1252", QStringConverter::Flag::Stateless);
    warnings.append(
        lineMessage(line, QCoreApplication::translate("VCardReader",
                                                      "not valid UTF-8 and no CHARSET given, read as Windows-1252")));
    return windows1252.isValid() ? QString(windows1252.decode(bytes)) : QString::fromLatin1(bytes);
}

// A value's bytes as text: quoted-printable undone, then decoded.
QString textOf(const Property& property, qint64 line, QStringList& warnings)
{
    QByteArray bytes = property.value;
    if (property.encoding == "QUOTED-PRINTABLE")
        bytes = decodeQuotedPrintable(bytes);
    return decodeText(bytes, property.charset, line, warnings);
}

// A custom field read from an X-MAILROOM-FIELD property; nullopt without a name.
std::optional<QPair<QString, QString>> customField(const Property& property, qint64 line, QStringList& warnings)
{
    const QString name = caretDecoded(property.nameParameter).trimmed();
    if (name.isEmpty())
        return std::nullopt;
    return qMakePair(name, unescape(textOf(property, line, warnings)).trimmed());
}

void appendRaw(VCardContact& card, const QByteArray& text)
{
    if (card.raw.size() >= MaxRawChars)
        return;
    if (!card.raw.isEmpty())
        card.raw.append(QLatin1Char('\n'));
    card.raw.append(QString::fromUtf8(text.left(MaxRawChars - card.raw.size())));
    if (card.raw.size() >= MaxRawChars)
        card.raw.append(QChar(0x2026));
}

void setError(VCardContact& card, const QString& message)
{
    if (card.error.isEmpty())
        card.error = message;
}

bool isKeyword(const QByteArray& line, const char* keyword)
{
    return line.trimmed().compare(keyword, Qt::CaseInsensitive) == 0;
}

// What a card remembers while it is read: the rank of the value chosen so far.
struct Choices
{
    int emailRank = NoPreference + 1;
    int phoneRank = NoPreference + 1;
    int addressRank = NoPreference + 1;
    bool inBase64 = false;
};

void applyProperty(VCardContact& card, Choices& choices, const Property& property, qint64 line)
{
    const QByteArray& name = property.name;
    const bool base64 = property.encoding == "B" || property.encoding == "BASE64";
    choices.inBase64 = base64;
    // Binary data (PHOTO, LOGO, SOUND, KEY): nothing we import, and not text.
    if (base64)
        return;
    // Other X- properties (X-ABUID, X-SOCIALPROFILE...) stay ignored.
    static const QList<QByteArray> wanted = {"VERSION",
                                             "FN",
                                             "N",
                                             "EMAIL",
                                             "TEL",
                                             "ORG",
                                             "ADR",
                                             "NOTE",
                                             "CATEGORIES",
                                             MailroomStatus,
                                             MailroomLists,
                                             MailroomConsentSource,
                                             MailroomConsentDate,
                                             MailroomField};
    if (!wanted.contains(name))
        return;

    const QString value = textOf(property, line, card.warnings);

    if (name == "VERSION") {
        card.version = value.trimmed();
        if (card.version != QLatin1String("2.1") && card.version != QLatin1String("3.0") &&
            card.version != QLatin1String("4.0"))
            card.warnings.append(lineMessage(
                line, QCoreApplication::translate("VCardReader", "unknown vCard version \"%1\", read anyway")
                          .arg(card.version.left(20))));
    } else if (name == "FN") {
        card.formattedName = unescape(value).trimmed();
    } else if (name == "N") {
        const QList<QString> parts = splitEscaped(value, QLatin1Char(';'));
        card.lastName = component(parts, 0);
        card.firstName = component(parts, 1);
    } else if (name == "EMAIL") {
        const QString email = unescape(value).trimmed();
        if (email.isEmpty())
            return;
        if (card.emails.size() < MaxValuesPerProperty)
            card.emails.append(email);
        if (property.preference < choices.emailRank) {
            choices.emailRank = property.preference;
            card.email = email;
        }
    } else if (name == "TEL") {
        QString phone = unescape(value).trimmed();
        // RFC 6350 6.4.1: 4.0 may write the number as a URI.
        if (phone.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive))
            phone = phone.mid(4);
        if (phone.isEmpty())
            return;
        if (card.phones.size() < MaxValuesPerProperty)
            card.phones.append(phone);
        if (property.preference < choices.phoneRank) {
            choices.phoneRank = property.preference;
            card.phone = phone;
        }
    } else if (name == "ORG") {
        card.company = component(splitEscaped(value, QLatin1Char(';')), 0);
    } else if (name == "ADR") {
        if (property.preference >= choices.addressRank)
            return;
        // RFC 6350 6.3.1: PO box; extended address; street; locality; region; postal code; country.
        const QList<QString> parts = splitEscaped(value, QLatin1Char(';'));
        QStringList street;
        for (qsizetype index : {2, 1, 0}) {
            const QString part = component(parts, index);
            if (!part.isEmpty())
                street.append(part);
        }
        const QString city = component(parts, 3);
        const QString region = component(parts, 4);
        const QString postcode = component(parts, 5);
        const QString country = component(parts, 6);
        if (street.isEmpty() && city.isEmpty() && region.isEmpty() && postcode.isEmpty() && country.isEmpty())
            return;
        choices.addressRank = property.preference;
        card.street = street.join(QLatin1String(", "));
        card.city = city;
        card.region = region;
        card.postcode = postcode;
        card.country = country;
    } else if (name == "NOTE") {
        const QString note = unescape(value).trimmed();
        if (note.isEmpty())
            return;
        if (!card.notes.isEmpty())
            card.notes.append(QLatin1String("\n\n"));
        card.notes.append(note);
    } else if (name == "CATEGORIES") {
        for (const QString& part : splitEscaped(value, QLatin1Char(','))) {
            const QString tag = unescape(part).trimmed();
            // Google Contacts puts every contact in its system group "myContacts": as a tag it
            // would label everyone and say nothing.
            if (tag.isEmpty() || tag.compare(QLatin1String("myContacts"), Qt::CaseInsensitive) == 0)
                continue;
            if (!card.tags.contains(tag) && card.tags.size() < MaxValuesPerProperty)
                card.tags.append(tag);
        }
    } else if (name == MailroomStatus) {
        card.status = unescape(value).trimmed();
    } else if (name == MailroomLists) {
        // VCardWriter joins the lists as a text list, RFC 6350 3.4, like CATEGORIES.
        for (const QString& part : splitEscaped(value, QLatin1Char(','))) {
            const QString list = unescape(part).trimmed();
            if (!list.isEmpty() && !card.lists.contains(list) && card.lists.size() < MaxValuesPerProperty)
                card.lists.append(list);
        }
    } else if (name == MailroomConsentSource) {
        card.consentSource = unescape(value).trimmed();
    } else if (name == MailroomConsentDate) {
        card.consentDate = unescape(value).trimmed();
    } else if (name == MailroomField) {
        const std::optional<QPair<QString, QString>> field = customField(property, line, card.warnings);
        if (!field)
            return;
        for (QPair<QString, QString>& known : card.fields) {
            if (known.first.compare(field->first, Qt::CaseInsensitive) == 0) {
                known.second = field->second;
                return;
            }
        }
        if (card.fields.size() < MaxValuesPerProperty)
            card.fields.append(*field);
    }
}

} // namespace

VCardReader::VCardReader(QIODevice* device)
    : m_device(device)
{}

bool VCardReader::readPhysical(Line& line)
{
    if (m_peekedPhysical) {
        line = std::move(*m_peekedPhysical);
        m_peekedPhysical.reset();
        return true;
    }
    if (!m_device || !m_device->isReadable() || m_device->atEnd())
        return false;
    line = Line();
    // Read in pieces so a line of many megabytes (no line breaks at all) costs bounded memory.
    bool ended = false;
    // Into one reused buffer: QIODevice::readLine(maxSize) allocates maxSize bytes for every
    // line, which made the allocator map and unmap memory for each line of the file.
    m_buffer.resize(ReadPieceBytes + 1);
    while (!ended && !m_device->atEnd()) {
        const qint64 read = m_device->readLine(m_buffer.data(), m_buffer.size());
        if (read <= 0)
            break;
        ended = m_buffer.at(read - 1) == '\n';
        if (line.text.size() < MaxLineBytes)
            line.text.append(m_buffer.constData(), qMin<qsizetype>(read, MaxLineBytes - line.text.size()));
        else
            line.truncated = true;
    }
    while (line.text.endsWith('\n') || line.text.endsWith('\r'))
        line.text.chop(1);
    if (m_atStart) {
        m_atStart = false;
        if (line.text.startsWith("\xEF\xBB\xBF"))
            line.text.remove(0, 3);
    }
    line.number = ++m_lineCount;
    return true;
}

// RFC 6350 3.2 / RFC 2425 5.8.1: a line starting with a space or tab continues the one before.
// vCard 2.1 quoted-printable values continue after a soft line break, a "=" ending the line.
bool VCardReader::readLogical(Line& line)
{
    if (m_pushedBack) {
        line = std::move(*m_pushedBack);
        m_pushedBack.reset();
        return true;
    }
    if (!readPhysical(line))
        return false;
    const qsizetype colon = line.text.indexOf(':');
    const bool quotedPrintable = colon > 0 && line.text.left(colon).toUpper().contains("QUOTED-PRINTABLE");
    Line next;
    while (readPhysical(next)) {
        const bool softBreak = quotedPrintable && line.text.endsWith('=');
        const bool folded = !next.text.isEmpty() && (next.text[0] == ' ' || next.text[0] == '\t');
        if (!softBreak && !folded) {
            m_peekedPhysical = std::move(next);
            break;
        }
        QByteArray continuation = next.text;
        if (softBreak)
            line.text.chop(1);
        else
            continuation.remove(0, 1);
        if (line.text.size() + continuation.size() <= MaxLineBytes)
            line.text.append(continuation);
        else
            line.truncated = true;
        line.truncated = line.truncated || next.truncated;
    }
    return true;
}

void VCardReader::scanCustomFields(const std::function<bool(const QString& name, const QString& value)>& visit)
{
    Line line;
    QStringList warnings; // next() reports them with the card
    while (readLogical(line)) {
        if (quickName(line.text).compare(MailroomField, Qt::CaseInsensitive) != 0)
            continue;
        const std::optional<Property> property = parseProperty(line.text);
        if (!property || property->encoding == "B" || property->encoding == "BASE64")
            continue;
        warnings.clear();
        if (const auto field = customField(*property, line.number, warnings);
            field && !visit(field->first, field->second))
            return;
    }
}

std::optional<VCardContact> VCardReader::next()
{
    Line line;
    // Text outside any card: one error for the whole run, then the next card.
    std::optional<VCardContact> stray;
    while (readLogical(line)) {
        if (line.text.trimmed().isEmpty())
            continue;
        if (isKeyword(line.text, "BEGIN:VCARD"))
            break;
        if (!stray) {
            stray = VCardContact();
            stray->line = line.number;
            stray->error = lineMessage(
                line.number, QCoreApplication::translate("VCardReader", "\"%1\" is outside any vCard and was skipped")
                                 .arg(excerpt(line.text)));
        }
        appendRaw(*stray, line.text);
        line.text.clear();
    }
    if (stray) {
        if (isKeyword(line.text, "BEGIN:VCARD"))
            m_pushedBack = std::move(line);
        return stray;
    }
    if (!isKeyword(line.text, "BEGIN:VCARD"))
        return std::nullopt;

    VCardContact card;
    card.line = line.number;
    appendRaw(card, line.text);
    Choices choices;
    while (readLogical(line)) {
        if (isKeyword(line.text, "END:VCARD")) {
            appendRaw(card, line.text);
            return card;
        }
        if (isKeyword(line.text, "BEGIN:VCARD")) {
            setError(card,
                     lineMessage(line.number, QCoreApplication::translate(
                                                  "VCardReader", "a new vCard begins before the one from line %1 ended")
                                                  .arg(card.line)));
            m_pushedBack = std::move(line);
            return card;
        }
        appendRaw(card, line.text);
        if (line.text.trimmed().isEmpty()) {
            // vCard 2.1: a blank line ends base64 data.
            choices.inBase64 = false;
            continue;
        }
        const std::optional<Property> property = parseProperty(line.text);
        if (!property) {
            // vCard 2.1 base64 data may run on unindented lines until a blank one.
            if (choices.inBase64 && isBase64Text(line.text))
                continue;
            setError(card, lineMessage(line.number,
                                       QCoreApplication::translate("VCardReader", "\"%1\" is not a vCard property")
                                           .arg(excerpt(line.text))));
            continue;
        }
        if (line.truncated)
            card.warnings.append(
                lineMessage(line.number, QCoreApplication::translate("VCardReader", "%1 is too long and was cut")
                                             .arg(QString::fromLatin1(property->name))));
        applyProperty(card, choices, *property, line.number);
    }
    setError(
        card,
        QCoreApplication::translate("VCardReader", "The vCard starting on line %1 has no END:VCARD").arg(card.line));
    return card;
}
