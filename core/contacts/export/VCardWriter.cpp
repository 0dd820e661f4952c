#include "core/contacts/export/VCardWriter.h"

#include <QCoreApplication>
#include <QIODevice>

#include <algorithm>

namespace {

// RFC 6350 3.2: lines SHOULD NOT be longer than 75 octets, excluding the line break.
constexpr qsizetype MaxLineOctets = 75;

bool isUtf8Continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// RFC 6868: a parameter value is quoted, with ^ ^^, a line break ^n and a double quote ^'.
QString parameterValue(const QString& value)
{
    QString out;
    out.reserve(value.size() + 2);
    out.append(QLatin1Char('"'));
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == QLatin1Char('^')) {
            out.append(QLatin1String("^^"));
        } else if (c == QLatin1Char('"')) {
            out.append(QLatin1String("^'"));
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < value.size() && value.at(i + 1) == QLatin1Char('\n')) {
                ++i;
            }
            out.append(QLatin1String("^n"));
        } else {
            out.append(c);
        }
    }
    out.append(QLatin1Char('"'));
    return out;
}

// A comma-separated list of text values (CATEGORIES, RFC 6350 6.7.1), each escaped.
QString textList(const QStringList& values)
{
    QStringList parts;
    for (const QString& value : values) {
        if (!value.isEmpty()) {
            parts.append(VCardWriter::escaped(value));
        }
    }
    return parts.join(QLatin1Char(','));
}

QString formattedName(const Contact& contact)
{
    QStringList name;
    if (!contact.firstName.isEmpty()) {
        name.append(contact.firstName);
    }
    if (!contact.lastName.isEmpty()) {
        name.append(contact.lastName);
    }
    if (!name.isEmpty()) {
        return name.join(QLatin1Char(' '));
    }
    return contact.company.isEmpty() ? contact.email : contact.company;
}

class CardBuilder
{
public:
    // `value` is already in content-line form (escaped where it is text).
    void add(const QString& nameAndParameters, const QString& value)
    {
        m_bytes += VCardWriter::folded((nameAndParameters + QLatin1Char(':') + value).toUtf8());
    }
    void addText(const QString& name, const QString& text)
    {
        if (!text.isEmpty()) {
            add(name, VCardWriter::escaped(text));
        }
    }
    QByteArray bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

} // namespace

VCardWriter::VCardWriter(QIODevice* device)
    : m_device(device)
{}

QString VCardWriter::escaped(const QString& text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') || c == QLatin1Char(',') || c == QLatin1Char(';')) {
            out.append(QLatin1Char('\\'));
            out.append(c);
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            // CRLF, CR and LF all become one \n: a vCard value has a single kind of line break.
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
                ++i;
            }
            out.append(QLatin1String("\\n"));
        } else {
            out.append(c);
        }
    }
    return out;
}

QByteArray VCardWriter::folded(const QByteArray& line)
{
    QByteArray out;
    out.reserve(line.size() + 3 * (line.size() / (MaxLineOctets - 1) + 1));
    qsizetype start = 0;
    bool first = true;
    while (start < line.size()) {
        // A continuation line begins with a space, which counts towards its 75 octets.
        const qsizetype room = first ? MaxLineOctets : MaxLineOctets - 1;
        qsizetype end = std::min(start + room, line.size());
        // Never cut inside a UTF-8 sequence: back up to the byte that starts the character.
        while (end < line.size() && end > start && isUtf8Continuation(line.at(end))) {
            --end;
        }
        if (end == start) {
            end = std::min(start + room, line.size()); // not UTF-8 at all; cannot happen for our text
        }
        if (!first) {
            out.append(' ');
        }
        out.append(line.constData() + start, end - start);
        out.append("\r\n");
        start = end;
        first = false;
    }
    if (first) {
        out.append("\r\n");
    }
    return out;
}

QByteArray VCardWriter::card(const Contact& contact)
{
    CardBuilder card;
    card.add(QStringLiteral("BEGIN"), QStringLiteral("VCARD"));
    card.add(QStringLiteral("VERSION"), QStringLiteral("4.0"));
    // RFC 6350 6.2.1: FN is required.
    card.add(QStringLiteral("FN"), escaped(formattedName(contact)));
    if (!contact.firstName.isEmpty() || !contact.lastName.isEmpty()) {
        // RFC 6350 6.2.2: family; given; additional; prefixes; suffixes.
        card.add(QStringLiteral("N"),
                 escaped(contact.lastName) + QLatin1Char(';') + escaped(contact.firstName) + QLatin1String(";;;"));
    }
    card.addText(QStringLiteral("EMAIL"), contact.email);
    card.addText(QStringLiteral("TEL"), contact.phone);
    card.addText(QStringLiteral("ORG"), contact.company);
    const QStringList address = {contact.street, contact.city, contact.region, contact.postcode, contact.country};
    bool hasAddress = false;
    QStringList adr = {QString(), QString()}; // RFC 6350 6.3.1: PO box and extended address, unused
    for (const QString& part : address) {
        hasAddress = hasAddress || !part.isEmpty();
        adr.append(escaped(part));
    }
    if (hasAddress) {
        card.add(QStringLiteral("ADR"), adr.join(QLatin1Char(';')));
    }
    card.addText(QStringLiteral("NOTE"), contact.notes);
    if (const QString tags = textList(contact.tags); !tags.isEmpty()) {
        card.add(QStringLiteral("CATEGORIES"), tags);
    }
    if (contact.status != ContactStatus::Subscribed) {
        card.add(QStringLiteral("X-MAILROOM-STATUS"), contactStatusName(contact.status));
    }
    if (const QString lists = textList(contact.lists); !lists.isEmpty()) {
        card.add(QStringLiteral("X-MAILROOM-LISTS"), lists);
    }
    card.addText(QStringLiteral("X-MAILROOM-CONSENT-SOURCE"), contact.consentSource);
    if (contact.consentDate.isValid()) {
        card.add(QStringLiteral("X-MAILROOM-CONSENT-DATE"), contact.consentDate.toString(Qt::ISODate));
    }
    for (auto it = contact.fields.cbegin(); it != contact.fields.cend(); ++it) {
        card.addText(QStringLiteral("X-MAILROOM-FIELD;NAME=") + parameterValue(it.key()), it.value());
    }
    card.add(QStringLiteral("END"), QStringLiteral("VCARD"));
    return card.bytes();
}

Status VCardWriter::write(const Contact& contact)
{
    const QByteArray bytes = card(contact);
    if (m_device->write(bytes) != bytes.size()) {
        return Error{
            ErrorCode::FileError,
            QCoreApplication::translate("VCardWriter", "Cannot write the file: %1").arg(m_device->errorString())};
    }
    return Ok{};
}
