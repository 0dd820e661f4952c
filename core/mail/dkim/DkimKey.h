#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>

// A DKIM signing key: RSA (rsa-sha256, RFC 6376) or Ed25519 (ed25519-sha256, RFC 8463).
// Botan (keys, Ed25519) and libcrypto (the RSA signature) stay behind the pimpl; the private
// key material lives in Botan::secure_vector and leaves only as the PKCS#8 PEM copy that
// privateKeyPem() hands to the vault.
// Copies share one immutable key, so a DkimKey is cheap to copy and safe to use from several
// threads at once.
class DkimKey
{
public:
    // Rsa2048 is what generate() makes; an imported RSA key may be longer (keyBits()).
    enum class Algorithm { Rsa2048, Ed25519 };

    static Result<DkimKey> generate(Algorithm algorithm);
    // A PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), or a PKCS#1 "RSA PRIVATE KEY" as
    // opendkim-genkey and older OpenSSL write them.
    static Result<DkimKey> fromPrivateKey(const QByteArray& pem);

    DkimKey(const DkimKey& other);
    DkimKey(DkimKey&& other) noexcept;
    DkimKey& operator=(const DkimKey& other);
    DkimKey& operator=(DkimKey&& other) noexcept;
    ~DkimKey();

    Algorithm algorithm() const;
    int keyBits() const;
    // The a= tag: "rsa-sha256" or "ed25519-sha256".
    QString algorithmName() const;

    // PKCS#8 PEM of the private key: the bytes the vault encrypts. Never log them.
    QByteArray privateKeyPem() const;
    // The p= tag: base64 SubjectPublicKeyInfo DER for RSA, the raw 32-byte key for Ed25519
    // (RFC 8463 4.2).
    QByteArray publicKeyBase64() const;
    // The TXT record's value, as DNS hosting panels ask for it: "v=DKIM1; k=ed25519; p=...".
    QString dnsRecordValue() const;
    // The record as a zone file line, its value cut into strings of at most 255 characters
    // (RFC 1035 3.3.14): s1._domainkey.example.com. IN TXT ( "v=DKIM1; k=rsa; " "p=MIIB..." "..." )
    Result<QString> dnsRecord(const QString& selector, const QString& domain) const;
    // The same from a stored public key (the p= value), no private key needed.
    static QString dnsRecordValue(Algorithm algorithm, const QByteArray& publicKeyBase64);
    static Result<QString> dnsRecord(Algorithm algorithm, const QByteArray& publicKeyBase64, const QString& selector,
                                     const QString& domain);

    // RFC 6376 3.7 / RFC 8463 3: the b= signature of the canonicalised header data:
    // RSASSA-PKCS1-v1_5 with SHA-256, or pure Ed25519 over the SHA-256 hash of the data.
    Result<QByteArray> sign(QByteArrayView headerData) const;

private:
    struct Private;
    explicit DkimKey(std::shared_ptr<const Private> d);
    Result<QByteArray> signRsa(const uint8_t* data, size_t size) const;

    std::shared_ptr<const Private> d;
};
