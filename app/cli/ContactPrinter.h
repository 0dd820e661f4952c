#pragma once

#include "core/contacts/Contact.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// How the CLI shows a contact. The JSON keys are the stable column keys of ContactColumn
// ("email", "first_name", ...) plus "id" and "fields"; scripts depend on them.
class ContactPrinter
{
public:
    static QJsonObject toJson(const Contact& contact);
    // Label / value pairs for `contacts show`, empty values left out.
    static QList<QPair<QString, QString>> toLines(const Contact& contact);
    // One row of `contacts search`: email, name, company, status, tags.
    static QStringList searchHeaders();
    static QStringList toSearchRow(const Contact& contact);
};
