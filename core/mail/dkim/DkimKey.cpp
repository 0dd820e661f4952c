#include "core/mail/dkim/DkimKey.h"

#include "core/mail/dkim/DkimNames.h"

#include <QCoreApplication>
#include <QStringList>

#include <botan/base64.h>
#include <botan/data_src.h>
#include <botan/ed25519.h>
#include <botan/exceptn.h>
#include <botan/hash.h>
#include <botan/pem.h>
#include <botan/pkcs8.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>
#include <botan/system_rng.h>
#include <botan/x509_key.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

namespace {

// RFC 8301 3.2: signers MUST use RSA keys of at least 1024 bits; we make 2048.
constexpr size_t minimumRsaBits = 1024;
constexpr size_t maximumRsaBits = 8192;
constexpr size_t generatedRsaBits = 2048;
// RFC 1035 3.3.14: a TXT record is a list of character-strings of at most 255 octets.
constexpr qsizetype maximumTxtString = 255;

Error cryptoError(const QString& message)
{
    return Error{ErrorCode::CryptoError, message};
}

// Base64 of the PKCS#8 DER in lines of 64, as RFC 7468 writes PEM, built in locked memory:
// Botan's own PEM_encode returns a std::string the allocator would leave behind.
Botan::secure_vector<char> pemOf(const Botan::secure_vector<uint8_t>& der)
{
    static const char begin[] = "-----BEGIN PRIVATE KEY-----\n";
    static const char end[] = "-----END PRIVATE KEY-----\n";
    Botan::secure_vector<char> base64(Botan::base64_encode_max_output(der.size()));
    size_t consumed = 0;
    const size_t written = Botan::base64_encode(base64.data(), der.data(), der.size(), consumed, true);
    base64.resize(written);

    Botan::secure_vector<char> pem;
    pem.reserve(sizeof(begin) + written + written / 64 + 1 + sizeof(end));
    pem.insert(pem.end(), begin, begin + sizeof(begin) - 1);
    for (size_t at = 0; at < written; at += 64) {
        const size_t length = std::min<size_t>(64, written - at);
        pem.insert(pem.end(), base64.begin() + static_cast<std::ptrdiff_t>(at),
                   base64.begin() + static_cast<std::ptrdiff_t>(at + length));
        pem.push_back('\n');
    }
    pem.insert(pem.end(), end, end + sizeof(end) - 1);
    return pem;
}

QByteArray base64Of(const std::vector<uint8_t>& bytes)
{
    return QByteArray::fromStdString(Botan::base64_encode(bytes.data(), bytes.size()));
}

struct EvpPkeyFree
{
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct EvpPkeyCtxFree
{
    void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};

// libcrypto's reason for the last failure on this thread (its error queue is per thread), and
// the queue emptied so that the next failure reports its own.
QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return QCoreApplication::translate("DkimKey", "unknown libcrypto error");
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof(text));
    return QString::fromLatin1(text);
}

} // namespace

struct DkimKey::Private
{
    DkimKey::Algorithm algorithm = DkimKey::Algorithm::Rsa2048;
    std::unique_ptr<Botan::Private_Key> key;
    Botan::secure_vector<char> pem;
    QByteArray publicKeyBase64;
    // RSA signs with libcrypto (docs/architecture.md, "Signing with DKIM": its RSA is ~4x
    // Botan 2's), loaded once from the same PKCS#8 DER; OpenSSL keeps its blinding with the key.
    std::unique_ptr<EVP_PKEY, EvpPkeyFree> rsaKey;
    // Ed25519 signs with Botan, faster here than libcrypto's. Signers kept for reuse, one per
    // thread that signs at the same time, at most.
    mutable std::mutex idleSignersMutex;
    mutable std::vector<std::unique_ptr<Botan::PK_Signer>> idleSigners;

    std::unique_ptr<Botan::PK_Signer> takeSigner() const;
    void returnSigner(std::unique_ptr<Botan::PK_Signer> signer) const;

    static Result<std::shared_ptr<const Private>> from(std::unique_ptr<Botan::Private_Key> key);
};

Result<std::shared_ptr<const DkimKey::Private>> DkimKey::Private::from(std::unique_ptr<Botan::Private_Key> key)
{
    auto d = std::make_shared<Private>();
    const std::string name = key->algo_name();
    if (name == "RSA") {
        const size_t bits = key->key_length();
        if (bits < minimumRsaBits) {
            return cryptoError(QCoreApplication::translate(
                                   "DkimKey",
                                   "The RSA key has %1 bits; DKIM verifiers refuse keys shorter than 1024 bits "
                                   "(RFC 8301). Generate a new key.")
                                   .arg(bits));
        }
        if (bits > maximumRsaBits) {
            return cryptoError(
                QCoreApplication::translate(
                    "DkimKey", "The RSA key has %1 bits; its DNS record would be too long to publish. Use 2048 bits.")
                    .arg(bits));
        }
        d->algorithm = Algorithm::Rsa2048;
        // RFC 6376 3.6.1: p= is the base64 of the SubjectPublicKeyInfo.
        d->publicKeyBase64 = base64Of(Botan::X509::BER_encode(*key));
    } else if (name == "Ed25519") {
        d->algorithm = Algorithm::Ed25519;
        // RFC 8463 4.2: p= is the bare 32-byte public key, no ASN.1 around it.
        const auto& ed = dynamic_cast<const Botan::Ed25519_PublicKey&>(*key);
        d->publicKeyBase64 = base64Of(ed.get_public_key());
    } else {
        return cryptoError(QCoreApplication::translate(
                               "DkimKey", "The private key is a %1 key; DKIM signs with RSA or Ed25519 keys only.")
                               .arg(QString::fromStdString(name)));
    }
    // A key whose parts do not fit together would sign messages no one can verify.
    if (!key->check_key(Botan::system_rng(), false)) {
        return cryptoError(
            QCoreApplication::translate("DkimKey", "The private key is damaged: its parts do not fit together."));
    }
    const Botan::secure_vector<uint8_t> der = Botan::PKCS8::BER_encode(*key);
    if (d->algorithm == Algorithm::Rsa2048) {
        ERR_clear_error();
        const unsigned char* p = der.data();
        d->rsaKey.reset(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())));
        if (!d->rsaKey) {
            return cryptoError(
                QCoreApplication::translate("DkimKey", "libcrypto could not read the RSA key: %1").arg(openSslError()));
        }
    }
    d->pem = pemOf(der);
    d->key = std::move(key);
    return std::shared_ptr<const Private>(std::move(d));
}

std::unique_ptr<Botan::PK_Signer> DkimKey::Private::takeSigner() const
{
    {
        const std::lock_guard<std::mutex> lock(idleSignersMutex);
        if (!idleSigners.empty()) {
            auto signer = std::move(idleSigners.back());
            idleSigners.pop_back();
            return signer;
        }
    }
    // RFC 8463 3: PureEdDSA ("Pure"), not Ed25519ph.
    return std::make_unique<Botan::PK_Signer>(*key, Botan::system_rng(), "Pure");
}

void DkimKey::Private::returnSigner(std::unique_ptr<Botan::PK_Signer> signer) const
{
    const std::lock_guard<std::mutex> lock(idleSignersMutex);
    idleSigners.push_back(std::move(signer));
}

DkimKey::DkimKey(std::shared_ptr<const Private> d)
    : d(std::move(d))
{}

DkimKey::DkimKey(const DkimKey& other) = default;
DkimKey::DkimKey(DkimKey&& other) noexcept = default;
DkimKey& DkimKey::operator=(const DkimKey& other) = default;
DkimKey& DkimKey::operator=(DkimKey&& other) noexcept = default;
DkimKey::~DkimKey() = default;

Result<DkimKey> DkimKey::generate(Algorithm algorithm)
{
    try {
        std::unique_ptr<Botan::Private_Key> key;
        if (algorithm == Algorithm::Ed25519) {
            key = std::make_unique<Botan::Ed25519_PrivateKey>(Botan::system_rng());
        } else {
            key = std::make_unique<Botan::RSA_PrivateKey>(Botan::system_rng(), generatedRsaBits);
        }
        auto d = Private::from(std::move(key));
        if (!d) {
            return d.error();
        }
        return DkimKey(std::move(d).value());
    } catch (const std::exception& e) {
        return cryptoError(QCoreApplication::translate("DkimKey", "Could not generate a DKIM key: %1")
                               .arg(QString::fromUtf8(e.what())));
    }
}

Result<DkimKey> DkimKey::fromPrivateKey(const QByteArray& pem)
{
    if (pem.trimmed().isEmpty()) {
        return cryptoError(QCoreApplication::translate("DkimKey", "The DKIM private key is empty."));
    }
    if (!pem.contains("-----BEGIN ")) {
        return cryptoError(QCoreApplication::translate("DkimKey",
                                                       "The DKIM private key is not in PEM form: it should start with "
                                                       "\"-----BEGIN PRIVATE KEY-----\"."));
    }
    // Botan's messages can quote input; ours name the problem without echoing key material.
    std::string label;
    Botan::secure_vector<uint8_t> der;
    try {
        Botan::DataSource_Memory source(reinterpret_cast<const uint8_t*>(pem.constData()),
                                        static_cast<size_t>(pem.size()));
        der = Botan::PEM_Code::decode(source, label);
    } catch (const std::exception&) {
        return cryptoError(QCoreApplication::translate("DkimKey",
                                                       "The DKIM private key's PEM text is damaged (its base64 or its "
                                                       "BEGIN/END lines); copy the whole key again."));
    }

    const QString kind = QString::fromStdString(label);
    if (label == "ENCRYPTED PRIVATE KEY") {
        return cryptoError(QCoreApplication::translate(
            "DkimKey", "The DKIM private key is protected by a passphrase; export it without one "
                       "(openssl pkey -in key.pem -out plain.pem). Mailroom keeps it encrypted in its vault."));
    }
    if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY" || label == "CERTIFICATE") {
        return cryptoError(QCoreApplication::translate(
                               "DkimKey", "This is a %1, not a private key; DKIM signing needs the private key.")
                               .arg(kind.toLower()));
    }

    try {
        std::unique_ptr<Botan::Private_Key> key;
        if (label == "PRIVATE KEY") {
            Botan::DataSource_Memory source(der);
            key = Botan::PKCS8::load_key(source);
        } else if (label == "RSA PRIVATE KEY") {
            // PKCS#1 (RFC 8017 A.1.2): the key PKCS#8 would wrap in an rsaEncryption identifier.
            key = std::make_unique<Botan::RSA_PrivateKey>(
                Botan::AlgorithmIdentifier("RSA", Botan::AlgorithmIdentifier::USE_NULL_PARAM), der);
        } else {
            return cryptoError(QCoreApplication::translate(
                                   "DkimKey",
                                   "The DKIM private key is a \"%1\"; DKIM signs with RSA or Ed25519 keys in a "
                                   "\"PRIVATE KEY\" PEM.")
                                   .arg(kind));
        }
        auto d = Private::from(std::move(key));
        if (!d) {
            return d.error();
        }
        return DkimKey(std::move(d).value());
    } catch (const std::exception&) {
        return cryptoError(
            QCoreApplication::translate("DkimKey",
                                        "The DKIM private key could not be read: its \"%1\" block holds no valid key.")
                .arg(kind));
    }
}

DkimKey::Algorithm DkimKey::algorithm() const
{
    return d->algorithm;
}

int DkimKey::keyBits() const
{
    return static_cast<int>(d->key->key_length());
}

QString DkimKey::algorithmName() const
{
    return d->algorithm == Algorithm::Ed25519 ? QStringLiteral("ed25519-sha256") : QStringLiteral("rsa-sha256");
}

QByteArray DkimKey::privateKeyPem() const
{
    return QByteArray(d->pem.data(), static_cast<qsizetype>(d->pem.size()));
}

QByteArray DkimKey::publicKeyBase64() const
{
    return d->publicKeyBase64;
}

QString DkimKey::dnsRecordValue() const
{
    return dnsRecordValue(d->algorithm, d->publicKeyBase64);
}

Result<QString> DkimKey::dnsRecord(const QString& selector, const QString& domain) const
{
    return dnsRecord(d->algorithm, d->publicKeyBase64, selector, domain);
}

QString DkimKey::dnsRecordValue(Algorithm algorithm, const QByteArray& publicKeyBase64)
{
    return QStringLiteral("v=DKIM1; k=%1; p=%2")
        .arg(algorithm == Algorithm::Ed25519 ? QLatin1String("ed25519") : QLatin1String("rsa"),
             QLatin1String(publicKeyBase64));
}

Result<QString> DkimKey::dnsRecord(Algorithm algorithm, const QByteArray& publicKeyBase64, const QString& selector,
                                   const QString& domain)
{
    const auto asciiSelector = DkimNames::selector(selector);
    if (!asciiSelector) {
        return asciiSelector.error();
    }
    const auto asciiDomain = DkimNames::domain(domain);
    if (!asciiDomain) {
        return asciiDomain.error();
    }
    // The tags in one string, the key in as many as it takes: what zone editors show.
    QStringList strings{QStringLiteral("v=DKIM1; k=%1; ")
                            .arg(algorithm == Algorithm::Ed25519 ? QLatin1String("ed25519") : QLatin1String("rsa"))};
    const QString key = QStringLiteral("p=") + QLatin1String(publicKeyBase64);
    for (qsizetype at = 0; at < key.size(); at += maximumTxtString) {
        strings.append(key.mid(at, maximumTxtString));
    }
    for (QString& string : strings) {
        string = QLatin1Char('"') + string + QLatin1Char('"');
    }
    return QStringLiteral("%1._domainkey.%2. IN TXT ( %3 )")
        .arg(QLatin1String(*asciiSelector), QLatin1String(*asciiDomain), strings.join(QLatin1Char(' ')));
}

Result<QByteArray> DkimKey::sign(QByteArrayView headerData) const
{
    const auto* data = reinterpret_cast<const uint8_t*>(headerData.data());
    const auto size = static_cast<size_t>(headerData.size());
    if (d->algorithm == Algorithm::Rsa2048) {
        return signRsa(data, size);
    }
    try {
        // RFC 8463 3: Ed25519 signs the SHA-256 hash of the data, not the data.
        const auto hash = Botan::HashFunction::create_or_throw("SHA-256");
        hash->update(data, size);
        uint8_t digest[32];
        hash->final(digest);
        std::unique_ptr<Botan::PK_Signer> signer = d->takeSigner();
        const std::vector<uint8_t> signature = signer->sign_message(digest, sizeof(digest), Botan::system_rng());
        d->returnSigner(std::move(signer));
        return QByteArray(reinterpret_cast<const char*>(signature.data()), static_cast<qsizetype>(signature.size()));
    } catch (const std::exception& e) {
        return cryptoError(QCoreApplication::translate("DkimKey", "Could not sign with the DKIM key: %1")
                               .arg(QString::fromUtf8(e.what())));
    }
}

// RFC 6376 3.3.1: RSASSA-PKCS1-v1_5 with SHA-256 over the header data. A context per call (the
// key is shared, read-only): what makes one costs ~1% of the signature.
Result<QByteArray> DkimKey::signRsa(const uint8_t* data, size_t size) const
{
    ERR_clear_error();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestSize = 0;
    const std::unique_ptr<EVP_PKEY_CTX, EvpPkeyCtxFree> context(EVP_PKEY_CTX_new(d->rsaKey.get(), nullptr));
    size_t signatureSize = 0;
    if (EVP_Digest(data, size, digest, &digestSize, EVP_sha256(), nullptr) != 1 || !context ||
        EVP_PKEY_sign_init(context.get()) <= 0 || EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_signature_md(context.get(), EVP_sha256()) <= 0 ||
        EVP_PKEY_sign(context.get(), nullptr, &signatureSize, digest, digestSize) <= 0) {
        return cryptoError(
            QCoreApplication::translate("DkimKey", "Could not sign with the DKIM key: %1").arg(openSslError()));
    }
    QByteArray signature(static_cast<qsizetype>(signatureSize), Qt::Uninitialized);
    if (EVP_PKEY_sign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &signatureSize, digest,
                      digestSize) <= 0) {
        return cryptoError(
            QCoreApplication::translate("DkimKey", "Could not sign with the DKIM key: %1").arg(openSslError()));
    }
    signature.resize(static_cast<qsizetype>(signatureSize));
    return signature;
}
