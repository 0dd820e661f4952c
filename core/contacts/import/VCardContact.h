#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// One card as read from a .vcf file, before validation: the import engine checks and
// normalizes it with the same rules as the contact editor. A card the reader could not
// make sense of carries an error (and whatever it could read); the raw text and the
// line number let the error report point at it.
struct VCardContact
{
    // 1-based line of BEGIN:VCARD (or of the first stray line for text outside a card).
    qint64 line = 0;
    // The card as it was in the file, cut short after a few kilobytes (a PHOTO can be big).
    QString raw;
    QString version;

    QString formattedName; // FN
    QString firstName;     // N, given name
    QString lastName;      // N, family name
    QString email;         // the preferred EMAIL, else the first
    QStringList emails;    // every EMAIL, in file order
    QString phone;         // the preferred TEL, else the first
    QStringList phones;
    QString company; // ORG, first component
    QString street;  // ADR (the preferred one, else the first)
    QString city;
    QString region;
    QString postcode;
    QString country;
    QString notes;    // NOTE (several are joined with a blank line)
    QStringList tags; // CATEGORIES, split on commas

    // What only Mailroom writes (VCardWriter's extension properties); other programs write none,
    // so their cards come with these empty: subscribed, on no list.
    QString status;        // X-MAILROOM-STATUS as written ("unsubscribed"); the import checks it
    QStringList lists;     // X-MAILROOM-LISTS, split on commas
    QString consentSource; // X-MAILROOM-CONSENT-SOURCE
    QString consentDate;   // X-MAILROOM-CONSENT-DATE as written; the import checks it
    // X-MAILROOM-FIELD;NAME="...": custom field name and value, in file order. A name that comes
    // again (in any case) keeps its first place and takes the later value.
    QList<QPair<QString, QString>> fields;

    // Translated, each naming its line: unknown charsets, cut values, odd versions.
    QStringList warnings;
    // Translated; empty when the card is well formed.
    QString error;

    bool ok() const { return error.isEmpty(); }
};
