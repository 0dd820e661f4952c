#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

// What every message of the workspace carries, whatever the campaign: the postal address
// the law asks for (CAN-SPAM, the German Impressum) and where unsubscribe requests go.
// Stored in workspace_info; none of it is secret.
struct SenderSettings
{
    QString postalAddress;
    // https URL with "{token}" where the recipient's unsubscribe token goes; empty: none.
    QString unsubscribeUrlTemplate;
    // Where unsubscribe mails go (the token in the subject); empty: the campaign's From address.
    QString unsubscribeMailto;

    static Result<SenderSettings> load(QSqlDatabase db);
    Status save(QSqlDatabase db) const;
    Status validate() const;

    // The https unsubscribe URL for a token, empty when no template is set.
    QString unsubscribeUrl(const QString& token) const;
    // mailto: with the token in the subject, to `fallbackAddress` unless unsubscribeMailto is set.
    QString unsubscribeMailtoUrl(const QString& token, const QString& fallbackAddress) const;
};
