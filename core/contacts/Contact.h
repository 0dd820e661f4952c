#pragma once

#include "core/contacts/ContactColumn.h"

#include <QDate>
#include <QDateTime>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

// Stored as integers; the order is part of the schema (CHECK status BETWEEN 0 AND 3).
enum class ContactStatus { Subscribed = 0, Unsubscribed = 1, Bounced = 2, Complained = 3 };

// Stable, untranslated names used by the CLI and JSON ("subscribed", ...).
QString contactStatusName(ContactStatus status);
std::optional<ContactStatus> contactStatusFromName(const QString& name);
// Translated label for the window.
QString contactStatusLabel(ContactStatus status);
QList<ContactStatus> allContactStatuses();

struct Contact
{
    qint64 id = 0;
    QString email;
    QString firstName;
    QString lastName;
    QString company;
    QString phone;
    QString street;
    QString city;
    QString region;
    QString postcode;
    QString country;
    QString notes;
    ContactStatus status = ContactStatus::Subscribed;
    QString consentSource;
    QDate consentDate;
    QDateTime createdAt;
    QDateTime updatedAt;
    QStringList tags;
    QStringList lists;
    // Custom field name -> canonical text value (see CustomField::canonicalValue).
    QMap<QString, QString> fields;

    bool operator==(const Contact& other) const;
    bool operator!=(const Contact& other) const { return !(*this == other); }
};

// A built-in column's value as text in its stored, untranslated form: the status name
// ("unsubscribed"), ISO 8601 dates, UTC times with milliseconds, tags and lists joined with
// "," (names cannot hold one). What the CLI prints and CSV export writes.
QString contactColumnText(const Contact& contact, ContactColumn column);

Q_DECLARE_METATYPE(Contact)
