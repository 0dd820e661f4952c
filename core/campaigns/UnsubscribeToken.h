#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// The per-recipient token in unsubscribe links: "<campaign>.<contact>.<mac>", where mac is
// 128 bits of HMAC-SHA256 under the workspace's unsubscribe key (kept in the vault). Nobody
// without the key can make a token for another contact, and the inbox processing that comes
// later checks one without any table.
class UnsubscribeToken
{
public:
    static constexpr int kKeyBytes = 32;
    // The vault record the key lives in.
    static QString vaultKind() { return QStringLiteral("workspace"); }
    static QString vaultName() { return QStringLiteral("unsubscribe-key"); }

    static QString make(const QByteArray& key, qint64 campaignId, qint64 contactId);

    struct Parsed
    {
        qint64 campaignId = 0;
        qint64 contactId = 0;
    };
    // The ids in a token made with this key; nullopt for anything else.
    static std::optional<Parsed> verify(const QByteArray& key, const QString& token);
};
