#include "core/campaigns/SenderSettings.h"

#include "core/contacts/EmailAddress.h"
#include "core/storage/SqlError.h"
#include "core/storage/SqlText.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

namespace {

const QString kPostalAddress = QStringLiteral("sender.postal_address");
const QString kUnsubscribeUrl = QStringLiteral("sender.unsubscribe_url");
const QString kUnsubscribeMailto = QStringLiteral("sender.unsubscribe_mailto");
const QString kTokenPlaceholder = QStringLiteral("{token}");

} // namespace

Result<SenderSettings> SenderSettings::load(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT key, value FROM workspace_info WHERE key IN (?, ?, ?)"));
    q.addBindValue(kPostalAddress);
    q.addBindValue(kUnsubscribeUrl);
    q.addBindValue(kUnsubscribeMailto);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the sender settings"));
    }
    SenderSettings settings;
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QString value = q.value(1).toString();
        if (key == kPostalAddress) {
            settings.postalAddress = value;
        } else if (key == kUnsubscribeUrl) {
            settings.unsubscribeUrlTemplate = value;
        } else {
            settings.unsubscribeMailto = value;
        }
    }
    return settings;
}

Status SenderSettings::validate() const
{
    if (postalAddress.size() > 500) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("SenderSettings", "The postal address is longer than 500 characters.")};
    }
    if (!unsubscribeUrlTemplate.isEmpty()) {
        QString sample = unsubscribeUrlTemplate;
        const QUrl url(sample.replace(kTokenPlaceholder, QStringLiteral("token")), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
            return Error{
                ErrorCode::InvalidInput,
                QCoreApplication::translate("SenderSettings", "The unsubscribe URL \"%1\" is not an https:// address.")
                    .arg(unsubscribeUrlTemplate)};
        }
        if (!unsubscribeUrlTemplate.contains(kTokenPlaceholder)) {
            return Error{ErrorCode::InvalidInput,
                         QCoreApplication::translate(
                             "SenderSettings",
                             "The unsubscribe URL \"%1\" has no {token}: without it nobody's unsubscribe can be "
                             "told apart.")
                             .arg(unsubscribeUrlTemplate)};
        }
    }
    if (!unsubscribeMailto.isEmpty()) {
        if (auto parsed = EmailAddress::parse(unsubscribeMailto); !parsed) {
            return Error{
                ErrorCode::InvalidInput,
                QCoreApplication::translate("SenderSettings", "The unsubscribe address \"%1\" is not valid: %2")
                    .arg(unsubscribeMailto, parsed.error().message)};
        }
    }
    return Ok{};
}

Status SenderSettings::save(QSqlDatabase db) const
{
    if (auto s = validate(); !s) {
        return s;
    }
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO workspace_info (key, value) VALUES (?, ?)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    const QPair<QString, QString> values[] = {{kPostalAddress, postalAddress.trimmed()},
                                              {kUnsubscribeUrl, unsubscribeUrlTemplate.trimmed()},
                                              {kUnsubscribeMailto, unsubscribeMailto.trimmed()}};
    for (const auto& [key, value] : values) {
        q.addBindValue(key);
        q.addBindValue(sqlText(value));
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the sender settings"));
        }
    }
    return tx.commit();
}

QString SenderSettings::unsubscribeUrl(const QString& token) const
{
    if (unsubscribeUrlTemplate.isEmpty()) {
        return {};
    }
    QString url = unsubscribeUrlTemplate;
    return url.replace(kTokenPlaceholder, QString::fromLatin1(QUrl::toPercentEncoding(token)));
}

QString SenderSettings::unsubscribeMailtoUrl(const QString& token, const QString& fallbackAddress) const
{
    const QString address = unsubscribeMailto.isEmpty() ? fallbackAddress : unsubscribeMailto;
    if (address.isEmpty()) {
        return {};
    }
    // RFC 6068: the address as is, the subject percent-encoded.
    return QStringLiteral("mailto:") + address + QStringLiteral("?subject=") +
           QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("unsubscribe ") + token));
}
