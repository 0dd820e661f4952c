#pragma once

#include "core/Result.h"
#include "core/mail/dkim/DkimKey.h"
#include "core/mail/dkim/DkimSigner.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

#include <optional>

class Vault;

// A DKIM key of the workspace: its public half and DNS record in the open, its private half
// in the vault (kind "dkim", named after the record).
struct DkimKeyInfo
{
    qint64 id = 0;
    QString domain; // ASCII (punycode) form
    QString selector;
    QString algorithm; // "rsa-sha256" or "ed25519-sha256"
    QString publicKey; // the p= value
    QDateTime createdAt;

    QString recordName() const { return selector + QStringLiteral("._domainkey.") + domain; }
    DkimKey::Algorithm algorithmKind() const
    {
        return algorithm == QLatin1String("ed25519-sha256") ? DkimKey::Algorithm::Ed25519 : DkimKey::Algorithm::Rsa2048;
    }
    // What to publish, from the public key alone (no passphrase needed to show it).
    QString recordValue() const { return DkimKey::dnsRecordValue(algorithmKind(), publicKey.toLatin1()); }
    Result<QString> zoneLine() const
    {
        return DkimKey::dnsRecord(algorithmKind(), publicKey.toLatin1(), selector, domain);
    }
};

class DkimKeyRepository
{
public:
    explicit DkimKeyRepository(QSqlDatabase db);

    // Makes a key pair, keeps the private key in the vault, and returns what to publish.
    // Duplicate when the domain already has a key with this selector.
    Result<DkimKeyInfo> generate(const Vault& vault, const QString& domain, const QString& selector,
                                 DkimKey::Algorithm algorithm);
    Result<QVector<DkimKeyInfo>> all();
    // The newest key for a domain (IDN or punycode), nullopt when it has none.
    Result<std::optional<DkimKeyInfo>> forDomain(const QString& domain);
    // The key pair, its private half read from the vault.
    Result<DkimKey> keyFor(const Vault& vault, const DkimKeyInfo& key);
    // A signer with that key.
    Result<DkimSigner> signerFor(const Vault& vault, const DkimKeyInfo& key);
    Status remove(const Vault& vault, qint64 id);

    // "example.com" or "bücher.de" -> ASCII form; InvalidInput naming the domain when it is none.
    static Result<QString> asciiDomain(const QString& domain);
    static Status validateSelector(const QString& selector);

private:
    QSqlDatabase m_db;
};
