#include "core/campaigns/UnsubscribeToken.h"

#include <QMessageAuthenticationCode>
#include <QStringList>

namespace {

constexpr int kMacBytes = 16;

QByteArray mac(const QByteArray& key, qint64 campaignId, qint64 contactId)
{
    const QByteArray data = QByteArrayLiteral("mailroom-unsubscribe") + '\0' + QByteArray::number(campaignId) + '\0' +
                            QByteArray::number(contactId);
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256)
        .left(kMacBytes)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QString UnsubscribeToken::make(const QByteArray& key, qint64 campaignId, qint64 contactId)
{
    return QStringLiteral("%1.%2.%3")
        .arg(campaignId)
        .arg(contactId)
        .arg(QString::fromLatin1(mac(key, campaignId, contactId)));
}

std::optional<UnsubscribeToken::Parsed> UnsubscribeToken::verify(const QByteArray& key, const QString& token)
{
    const QStringList parts = token.trimmed().split(QLatin1Char('.'));
    if (parts.size() != 3 || key.isEmpty()) {
        return std::nullopt;
    }
    bool campaignOk = false;
    bool contactOk = false;
    const qint64 campaignId = parts[0].toLongLong(&campaignOk);
    const qint64 contactId = parts[1].toLongLong(&contactOk);
    if (!campaignOk || !contactOk || campaignId <= 0 || contactId <= 0) {
        return std::nullopt;
    }
    const QByteArray expected = mac(key, campaignId, contactId);
    const QByteArray given = parts[2].toLatin1();
    // Compare every byte whatever the first difference: no timing hint to a forger.
    if (given.size() != expected.size()) {
        return std::nullopt;
    }
    char difference = 0;
    for (qsizetype i = 0; i < given.size(); ++i) {
        difference = char(difference | (given[i] ^ expected[i]));
    }
    if (difference != 0) {
        return std::nullopt;
    }
    return Parsed{campaignId, contactId};
}
