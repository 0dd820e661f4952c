#pragma once

#include "core/Result.h"
#include "core/contacts/Contact.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

// Writes contacts as vCard 4.0 (RFC 6350), one card per contact, in UTF-8 with CRLF line
// ends and lines folded at 75 octets. The same contact always gives the same bytes.
//
// A card holds FN (first and last name, else the company, else the email), N, EMAIL, TEL,
// ORG, ADR (street, city, region, postcode, country), NOTE and CATEGORIES (the tags): what
// VCardReader and address books read. What only Mailroom knows goes in extension properties
// (RFC 6350 6.10) that other programs ignore:
//   X-MAILROOM-STATUS:unsubscribed           when the status is not subscribed (contactStatusName)
//   X-MAILROOM-LISTS:Newsletter,Shop\, Berlin the lists, as a comma-separated text list
//   X-MAILROOM-CONSENT-SOURCE:shop counter
//   X-MAILROOM-CONSENT-DATE:2024-05-01
//   X-MAILROOM-FIELD;NAME="Loyalty points":120.5   one per custom field, canonical value
// Empty values are left out. Ids and timestamps are not written: they belong to a workspace.
class VCardWriter
{
public:
    explicit VCardWriter(QIODevice* device);

    Status write(const Contact& contact);

    // The whole card, BEGIN:VCARD to END:VCARD, each line folded and ending in CRLF.
    static QByteArray card(const Contact& contact);
    // RFC 6350 3.4: backslash, comma and semicolon escaped, any line break written as \n.
    static QString escaped(const QString& text);
    // RFC 6350 3.2: one content line, folded so no line exceeds 75 octets, with CRLF ends.
    static QByteArray folded(const QByteArray& line);

private:
    QIODevice* m_device;
};
