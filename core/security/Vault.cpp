#include "core/security/Vault.h"

#include "core/storage/SqlError.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <botan/aead.h>
#include <botan/argon2.h>
#include <botan/exceptn.h>
#include <botan/hex.h>
#include <botan/mem_ops.h>
#include <botan/system_rng.h>

#include <algorithm>
#include <optional>

namespace {

using SecureBytes = Botan::secure_vector<uint8_t>;

constexpr size_t KeyBytes = 32;   // AES-256, and the Argon2id tag length (RFC 9106: 256 bits)
constexpr size_t SaltBytes = 16;  // RFC 9106 section 4: a 128-bit salt
constexpr size_t NonceBytes = 12; // GCM's 96-bit nonce, fresh from the system RNG per write
constexpr size_t TagBytes = 16;
constexpr uint8_t RecordFormat = 1; // first byte of every ciphertext in `secrets`

const char* const Aead = "AES-256/GCM";

// workspace_info keys. None holds a key or plaintext: the data key only wrapped, the key check
// only a GCM tag over nothing.
const QString InfoFormat = QStringLiteral("vault.format");
const QString InfoId = QStringLiteral("vault.id");
const QString InfoKdf = QStringLiteral("vault.kdf");
const QString InfoMemory = QStringLiteral("vault.kdf.memory_kib");
const QString InfoIterations = QStringLiteral("vault.kdf.iterations");
const QString InfoParallelism = QStringLiteral("vault.kdf.parallelism");
const QString InfoSalt = QStringLiteral("vault.kdf.salt");
const QString InfoWrappedKey = QStringLiteral("vault.wrapped_key");
const QString InfoKeyCheck = QStringLiteral("vault.key_check");

// What workspace_info says about the vault, parsed and checked.
struct VaultInfo
{
    QString id;
    KdfParameters kdf;
    QByteArray salt;
    QByteArray wrappedKey; // nonce || ciphertext || tag
    QByteArray keyCheck;   // nonce || tag
};

Error damaged(const QString& infoKey)
{
    return {ErrorCode::CryptoError,
            QCoreApplication::translate(
                "Vault", "The vault's setting '%1' in this workspace is damaged; the vault cannot be opened.")
                .arg(infoKey)};
}

Error noVault()
{
    return {ErrorCode::NotFound,
            QCoreApplication::translate("Vault", "This workspace has no vault yet; set a passphrase first.")};
}

Error cryptoFailure(const char* doing, const std::exception& e)
{
    // Botan's messages are English and name no secret; they help a bug report.
    return {ErrorCode::CryptoError, QCoreApplication::translate("Vault", "Could not %1: %2")
                                        .arg(QCoreApplication::translate("Vault", doing), QString::fromUtf8(e.what()))};
}

Result<QHash<QString, QString>> readInfoRows(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT key, value FROM workspace_info WHERE key LIKE 'vault.%'"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the vault's settings"));
    }
    QHash<QString, QString> rows;
    while (q.next()) {
        rows.insert(q.value(0).toString(), q.value(1).toString());
    }
    return rows;
}

std::optional<quint32> parseBounded(const QString& text, quint32 low, quint32 high)
{
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!ok || v < low || v > high) {
        return std::nullopt;
    }
    return static_cast<quint32>(v);
}

std::optional<QByteArray> parseBase64(const QString& text, int minSize)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < minSize) {
        return std::nullopt;
    }
    return decoded.decoded;
}

// 128 random bits in lower-case hex; it names the keychain entry.
bool isVaultId(const QString& id)
{
    return id.size() == 32 && std::all_of(id.begin(), id.end(), [](QChar c) {
               return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                      (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
           });
}

Result<VaultInfo> loadInfo(const QSqlDatabase& db)
{
    auto rowsResult = readInfoRows(db);
    if (!rowsResult) {
        return rowsResult.error();
    }
    const QHash<QString, QString>& rows = rowsResult.value();
    if (!rows.contains(InfoWrappedKey)) {
        return noVault();
    }
    bool knownFormat = false;
    rows.value(InfoFormat).toInt(&knownFormat);
    if (!knownFormat) {
        return damaged(InfoFormat);
    }
    if (rows.value(InfoFormat) != QLatin1String("1")) {
        return Error{
            ErrorCode::WorkspaceTooNew,
            QCoreApplication::translate(
                "Vault",
                "This workspace's vault was made by a newer Mailroom (format '%1'); update Mailroom to open it.")
                .arg(rows.value(InfoFormat))};
    }
    VaultInfo info;
    info.id = rows.value(InfoId);
    if (!isVaultId(info.id)) {
        return damaged(InfoId);
    }
    if (rows.value(InfoKdf) != QLatin1String("argon2id")) {
        return damaged(InfoKdf);
    }
    // Bounds keep a damaged or hostile file from asking for terabytes or hours of work. The
    // ceilings leave room to raise the costs: RFC 9106's first option is 2 GiB, one pass.
    const auto parallelism = parseBounded(rows.value(InfoParallelism), 1, 64);
    if (!parallelism) {
        return damaged(InfoParallelism);
    }
    const auto memory = parseBounded(rows.value(InfoMemory), 8 * *parallelism, 2 * 1024 * 1024);
    if (!memory) {
        return damaged(InfoMemory);
    }
    const auto iterations = parseBounded(rows.value(InfoIterations), 1, 32);
    if (!iterations) {
        return damaged(InfoIterations);
    }
    info.kdf = KdfParameters{*memory, *iterations, *parallelism};
    const auto salt = parseBase64(rows.value(InfoSalt), int(SaltBytes));
    if (!salt) {
        return damaged(InfoSalt);
    }
    info.salt = *salt;
    const auto wrapped = parseBase64(rows.value(InfoWrappedKey), int(NonceBytes + KeyBytes + TagBytes));
    if (!wrapped || wrapped->size() != int(NonceBytes + KeyBytes + TagBytes)) {
        return damaged(InfoWrappedKey);
    }
    info.wrappedKey = *wrapped;
    const auto check = parseBase64(rows.value(InfoKeyCheck), int(NonceBytes + TagBytes));
    if (!check || check->size() != int(NonceBytes + TagBytes)) {
        return damaged(InfoKeyCheck);
    }
    info.keyCheck = *check;
    return info;
}

Status writeInfo(const QSqlDatabase& db, const QString& key, const QString& value)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO workspace_info (key, value) VALUES (?, ?)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the vault's settings"));
    }
    return Ok{};
}

QByteArray keyAd(const QString& vaultId)
{
    return QByteArrayLiteral("mailroom-vault-key") + '\0' + vaultId.toLatin1();
}

QByteArray keyCheckAd(const QString& vaultId)
{
    return QByteArrayLiteral("mailroom-vault-key-check") + '\0' + vaultId.toLatin1();
}

// The record's identity, bound into its tag: a ciphertext copied to another row fails.
// Kinds and names hold no NUL (put() refuses them), so the encoding is unambiguous.
QByteArray recordAd(const QString& kind, const QString& name)
{
    return QByteArrayLiteral("mailroom-secret") + '\0' + kind.toUtf8() + '\0' + name.toUtf8();
}

SecureBytes randomBytes(size_t n)
{
    return Botan::system_rng().random_vec(n);
}

const uint8_t* bytes(const QByteArray& a)
{
    return reinterpret_cast<const uint8_t*>(a.constData());
}

// nonce || ciphertext || tag. Throws Botan exceptions.
QByteArray seal(const SecureBytes& key, const QByteArray& ad, const uint8_t* plaintext, size_t size)
{
    auto mode = Botan::AEAD_Mode::create_or_throw(Aead, Botan::ENCRYPTION);
    mode->set_key(key);
    mode->set_associated_data(bytes(ad), size_t(ad.size()));
    const SecureBytes nonce = randomBytes(NonceBytes);
    mode->start(nonce);
    SecureBytes buffer(plaintext, plaintext + size);
    mode->finish(buffer);
    QByteArray out(reinterpret_cast<const char*>(nonce.data()), int(nonce.size()));
    out.append(reinterpret_cast<const char*>(buffer.data()), int(buffer.size()));
    return out;
}

// nullopt when the tag does not verify (wrong key, tampered bytes, another row's record).
// Throws other Botan exceptions.
std::optional<SecureBytes> open(const SecureBytes& key, const QByteArray& ad, const QByteArray& sealed)
{
    if (size_t(sealed.size()) < NonceBytes + TagBytes) {
        return std::nullopt;
    }
    auto mode = Botan::AEAD_Mode::create_or_throw(Aead, Botan::DECRYPTION);
    mode->set_key(key);
    mode->set_associated_data(bytes(ad), size_t(ad.size()));
    mode->start(bytes(sealed), NonceBytes);
    SecureBytes buffer(bytes(sealed) + NonceBytes, bytes(sealed) + sealed.size());
    try {
        mode->finish(buffer);
    } catch (const Botan::Invalid_Authentication_Tag&) {
        return std::nullopt;
    }
    return buffer;
}

// The passphrase as NFC UTF-8, so the same visible passphrase typed on any system gives the same key.
SecureBytes passphraseBytes(const QString& passphrase)
{
    QByteArray utf8 = passphrase.normalized(QString::NormalizationForm_C).toUtf8();
    SecureBytes out(bytes(utf8), bytes(utf8) + utf8.size());
    Botan::secure_scrub_memory(utf8.data(), size_t(utf8.size()));
    return out;
}

// RFC 9106 Argon2id (y = 2) with a 256-bit tag. Throws Botan exceptions.
SecureBytes deriveKek(const QString& passphrase, const QByteArray& salt, const KdfParameters& kdf)
{
    const SecureBytes password = passphraseBytes(passphrase);
    SecureBytes kek(KeyBytes);
    Botan::argon2(kek.data(), kek.size(), reinterpret_cast<const char*>(password.data()), password.size(), bytes(salt),
                  size_t(salt.size()), nullptr, 0, nullptr, 0, 2, kdf.parallelism, kdf.memoryKiB, kdf.iterations);
    return kek;
}

bool keyFits(const SecureBytes& dataKey, const VaultInfo& info)
{
    return dataKey.size() == KeyBytes && open(dataKey, keyCheckAd(info.id), info.keyCheck).has_value();
}

Status checkPassphrase(const QString& passphrase)
{
    if (passphrase.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate(
                         "Vault", "The passphrase is empty; choose one that is long and hard to guess.")};
    }
    return Ok{};
}

Status checkIdentity(const QString& kind, const QString& name)
{
    if (kind.isEmpty() || kind.contains(QChar(0))) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("Vault", "The kind of secret '%1' is empty or holds a NUL character.")
                         .arg(QString(name).replace(QChar(0), QLatin1Char(' ')))};
    }
    if (name.isEmpty() || name.contains(QChar(0))) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("Vault", "The name of a secret of kind '%1' is empty or holds a NUL character.")
                .arg(kind)};
    }
    return Ok{};
}

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString base64(const QByteArray& a)
{
    return QString::fromLatin1(a.toBase64());
}

QByteArray fromHex(const char* hex)
{
    return QByteArray::fromHex(QByteArray(hex));
}

} // namespace

struct Vault::Private
{
    QSqlDatabase db;
    QString id;
    SecureBytes dataKey;

    Result<QByteArray> decrypt(const QString& kind, const QString& name, const QByteArray& stored) const;
};

Result<QByteArray> Vault::Private::decrypt(const QString& kind, const QString& name, const QByteArray& stored) const
{
    if (!stored.isEmpty() && uint8_t(stored.at(0)) != RecordFormat) {
        return Error{ErrorCode::CryptoError,
                     QCoreApplication::translate("Vault", "The secret '%1' (%2) is in a format this Mailroom does not "
                                                          "know: it is damaged or from a newer Mailroom.")
                         .arg(name, kind)};
    }
    try {
        const auto plain = open(dataKey, recordAd(kind, name), stored.mid(1));
        if (!plain) {
            return Error{ErrorCode::CryptoError,
                         QCoreApplication::translate(
                             "Vault", "The secret '%1' (%2) has been tampered with or copied from another row; "
                                      "it does not decrypt.")
                             .arg(name, kind)};
        }
        return QByteArray(reinterpret_cast<const char*>(plain->data()), int(plain->size()));
    } catch (const std::exception& e) {
        return cryptoFailure(QT_TRANSLATE_NOOP("Vault", "decrypt a secret"), e);
    }
}

Vault::Vault(std::unique_ptr<Private> p)
    : d(std::move(p))
{}

Vault::Vault(Vault&&) noexcept = default;
Vault& Vault::operator=(Vault&&) noexcept = default;
Vault::~Vault() = default;

bool Vault::isInitialised(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM workspace_info WHERE key = ?"));
    q.addBindValue(InfoWrappedKey);
    return q.exec() && q.next();
}

Result<Vault> Vault::create(QSqlDatabase db, const QString& passphrase)
{
    return create(std::move(db), passphrase, KdfParameters::recommended());
}

Result<Vault> Vault::create(QSqlDatabase db, const QString& passphrase, const KdfParameters& kdf)
{
    if (Status ok = checkPassphrase(passphrase); !ok) {
        return ok.error();
    }
    auto p = std::make_unique<Private>();
    p->db = db;
    QByteArray salt;
    QByteArray wrapped;
    QByteArray keyCheck;
    try {
        p->id = QString::fromLatin1(QByteArray::fromStdString(Botan::hex_encode(randomBytes(16), false)));
        const SecureBytes saltBytes = randomBytes(SaltBytes);
        salt = QByteArray(reinterpret_cast<const char*>(saltBytes.data()), int(saltBytes.size()));
        p->dataKey = randomBytes(KeyBytes);
        // Argon2id before the transaction: the write lock is not held while it runs.
        const SecureBytes kek = deriveKek(passphrase, salt, kdf);
        wrapped = seal(kek, keyAd(p->id), p->dataKey.data(), p->dataKey.size());
        keyCheck = seal(p->dataKey, keyCheckAd(p->id), nullptr, 0);
    } catch (const std::exception& e) {
        return cryptoFailure(QT_TRANSLATE_NOOP("Vault", "create the vault"), e);
    }

    Transaction tx(db);
    if (Status begun = tx.begin(); !begun) {
        return begun.error();
    }
    if (isInitialised(db)) {
        return Error{
            ErrorCode::Duplicate,
            QCoreApplication::translate("Vault", "This workspace already has a vault; open it with its passphrase.")};
    }
    const std::pair<QString, QString> rows[] = {
        {InfoFormat, QStringLiteral("1")},
        {InfoId, p->id},
        {InfoKdf, QStringLiteral("argon2id")},
        {InfoMemory, QString::number(kdf.memoryKiB)},
        {InfoIterations, QString::number(kdf.iterations)},
        {InfoParallelism, QString::number(kdf.parallelism)},
        {InfoSalt, base64(salt)},
        {InfoWrappedKey, base64(wrapped)},
        {InfoKeyCheck, base64(keyCheck)},
    };
    for (const auto& [key, value] : rows) {
        if (Status written = writeInfo(db, key, value); !written) {
            return written.error();
        }
    }
    if (Status committed = tx.commit(); !committed) {
        return committed.error();
    }
    return Vault(std::move(p));
}

Result<Vault> Vault::unlockWithPassphrase(QSqlDatabase db, const QString& passphrase)
{
    auto info = loadInfo(db);
    if (!info) {
        return info.error();
    }
    auto p = std::make_unique<Private>();
    p->db = db;
    p->id = info->id;
    try {
        const SecureBytes kek = deriveKek(passphrase, info->salt, info->kdf);
        auto dataKey = open(kek, keyAd(info->id), info->wrappedKey);
        if (!dataKey) {
            return Error{ErrorCode::WrongPassphrase,
                         QCoreApplication::translate("Vault", "The passphrase does not open this workspace's vault.")};
        }
        p->dataKey = std::move(*dataKey);
        if (!keyFits(p->dataKey, info.value())) {
            return damaged(InfoKeyCheck);
        }
    } catch (const std::exception& e) {
        return cryptoFailure(QT_TRANSLATE_NOOP("Vault", "open the vault"), e);
    }
    return Vault(std::move(p));
}

Result<Vault> Vault::unlockWithKeychain(QSqlDatabase db, int timeoutMs)
{
    auto info = loadInfo(db);
    if (!info) {
        return info.error();
    }
    auto stored = Keychain::read(QStringLiteral("vault-") + info->id, timeoutMs);
    if (!stored) {
        if (stored.error().code == ErrorCode::NotFound) {
            return Error{
                ErrorCode::VaultLocked,
                QCoreApplication::translate(
                    "Vault",
                    "This computer's keychain does not remember this workspace's vault; enter its passphrase.")};
        }
        return stored.error();
    }
    auto p = std::make_unique<Private>();
    p->db = db;
    p->id = info->id;
    QByteArray& key = stored.value();
    p->dataKey.assign(bytes(key), bytes(key) + key.size());
    Botan::secure_scrub_memory(key.data(), size_t(key.size()));
    try {
        if (!keyFits(p->dataKey, info.value())) {
            return Error{ErrorCode::VaultLocked,
                         QCoreApplication::translate("Vault",
                                                     "The key this computer's keychain holds for this workspace does "
                                                     "not open its vault (it was replaced); enter its passphrase.")};
        }
    } catch (const std::exception& e) {
        return cryptoFailure(QT_TRANSLATE_NOOP("Vault", "open the vault"), e);
    }
    return Vault(std::move(p));
}

Result<Vault> Vault::openOn(QSqlDatabase db) const
{
    auto info = loadInfo(db);
    if (!info) {
        return info.error();
    }
    if (info->id != d->id) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("Vault", "The connection is to another workspace than this vault's.")};
    }
    try {
        if (!keyFits(d->dataKey, info.value())) {
            return damaged(InfoKeyCheck);
        }
    } catch (const std::exception& e) {
        return cryptoFailure(QT_TRANSLATE_NOOP("Vault", "open the vault"), e);
    }
    auto p = std::make_unique<Private>();
    p->db = db;
    p->id = d->id;
    p->dataKey = d->dataKey;
    return Vault(std::move(p));
}

QString Vault::keychainKey() const
{
    return QStringLiteral("vault-") + d->id;
}

Status Vault::storeInKeychain(int timeoutMs) const
{
    // QtKeychain takes a QByteArray and keeps its own copy until the job ends; ours is scrubbed.
    QByteArray key(reinterpret_cast<const char*>(d->dataKey.data()), int(d->dataKey.size()));
    Status stored = Keychain::write(keychainKey(), key, timeoutMs);
    Botan::secure_scrub_memory(key.data(), size_t(key.size()));
    return stored;
}

Status Vault::forgetKeychain(int timeoutMs) const
{
    return Keychain::remove(keychainKey(), timeoutMs);
}

Result<qint64> Vault::put(const QString& kind, const QString& name, const QByteArray& plaintext) const
{
    if (Status ok = checkIdentity(kind, name); !ok) {
        return ok.error();
    }
    QByteArray stored(1, char(RecordFormat));
    try {
        stored += seal(d->dataKey, recordAd(kind, name), bytes(plaintext), size_t(plaintext.size()));
    } catch (const std::exception& e) {
        return cryptoFailure(QT_TRANSLATE_NOOP("Vault", "encrypt a secret"), e);
    }
    Transaction tx(d->db);
    if (Status begun = tx.begin(); !begun) {
        return begun.error();
    }
    const QString now = nowIso();
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("INSERT INTO secrets (kind, name, ciphertext, created_at, updated_at)"
                             " VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, name)"
                             " DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at"));
    q.addBindValue(kind);
    q.addBindValue(name);
    q.addBindValue(stored);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save a secret"));
    }
    q.prepare(QStringLiteral("SELECT id FROM secrets WHERE kind = ? AND name = ?"));
    q.addBindValue(kind);
    q.addBindValue(name);
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save a secret"));
    }
    const qint64 id = q.value(0).toLongLong();
    if (Status committed = tx.commit(); !committed) {
        return committed.error();
    }
    return id;
}

Result<QByteArray> Vault::get(const QString& kind, const QString& name) const
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("SELECT ciphertext FROM secrets WHERE kind = ? AND name = ?"));
    q.addBindValue(kind);
    q.addBindValue(name);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read a secret"));
    }
    if (!q.next()) {
        return Error{
            ErrorCode::NotFound,
            QCoreApplication::translate("Vault", "There is no secret '%1' (%2) in this workspace.").arg(name, kind)};
    }
    return d->decrypt(kind, name, q.value(0).toByteArray());
}

Result<QByteArray> Vault::get(qint64 id) const
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("SELECT kind, name, ciphertext FROM secrets WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read a secret"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("Vault", "There is no secret with id %1 in this workspace.").arg(id)};
    }
    return d->decrypt(q.value(0).toString(), q.value(1).toString(), q.value(2).toByteArray());
}

Status Vault::remove(const QString& kind, const QString& name) const
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("DELETE FROM secrets WHERE kind = ? AND name = ?"));
    q.addBindValue(kind);
    q.addBindValue(name);
    if (!q.exec()) {
        // SQLITE_CONSTRAINT (19; 787 is its FOREIGN KEY form): a DKIM key still refers to it.
        if ((q.lastError().nativeErrorCode().toInt() & 0xff) == 19) {
            return Error{
                ErrorCode::InvalidInput,
                QCoreApplication::translate(
                    "Vault", "The secret '%1' (%2) is still in use (a DKIM key refers to it); remove that first.")
                    .arg(name, kind)};
        }
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete a secret"));
    }
    if (q.numRowsAffected() == 0) {
        return Error{
            ErrorCode::NotFound,
            QCoreApplication::translate("Vault", "There is no secret '%1' (%2) in this workspace.").arg(name, kind)};
    }
    return Ok{};
}

Status Vault::changePassphrase(const QString& oldPassphrase, const QString& newPassphrase) const
{
    return changePassphrase(oldPassphrase, newPassphrase, KdfParameters::recommended());
}

Status Vault::changePassphrase(const QString& oldPassphrase, const QString& newPassphrase,
                               const KdfParameters& kdf) const
{
    if (Status ok = checkPassphrase(newPassphrase); !ok) {
        return ok;
    }
    auto info = loadInfo(d->db);
    if (!info) {
        return info.error();
    }
    QByteArray salt;
    QByteArray wrapped;
    try {
        const SecureBytes oldKek = deriveKek(oldPassphrase, info->salt, info->kdf);
        const auto current = open(oldKek, keyAd(info->id), info->wrappedKey);
        if (!current) {
            return Error{ErrorCode::WrongPassphrase,
                         QCoreApplication::translate(
                             "Vault", "The current passphrase is not right; the passphrase was not changed.")};
        }
        if (*current != d->dataKey) {
            return damaged(InfoWrappedKey);
        }
        const SecureBytes saltBytes = randomBytes(SaltBytes);
        salt = QByteArray(reinterpret_cast<const char*>(saltBytes.data()), int(saltBytes.size()));
        const SecureBytes newKek = deriveKek(newPassphrase, salt, kdf);
        wrapped = seal(newKek, keyAd(info->id), d->dataKey.data(), d->dataKey.size());
    } catch (const std::exception& e) {
        return cryptoFailure(QT_TRANSLATE_NOOP("Vault", "change the passphrase"), e);
    }

    // The old wrapping opens with the old passphrase: zero it where SQLite frees it, and
    // checkpoint so no old page image stays in the WAL (best effort: a reader can hold one).
    QSqlQuery q(d->db);
    const bool secureDeleteWasOn = q.exec(QStringLiteral("PRAGMA secure_delete")) && q.next() && q.value(0).toInt();
    q.exec(QStringLiteral("PRAGMA secure_delete = ON"));
    Status written = [&]() -> Status {
        Transaction tx(d->db);
        if (Status begun = tx.begin(); !begun) {
            return begun;
        }
        const std::pair<QString, QString> rows[] = {
            {InfoMemory, QString::number(kdf.memoryKiB)},
            {InfoIterations, QString::number(kdf.iterations)},
            {InfoParallelism, QString::number(kdf.parallelism)},
            {InfoSalt, base64(salt)},
            {InfoWrappedKey, base64(wrapped)},
        };
        for (const auto& [key, value] : rows) {
            if (Status ok = writeInfo(d->db, key, value); !ok) {
                return ok;
            }
        }
        return tx.commit();
    }();
    if (!secureDeleteWasOn) {
        q.exec(QStringLiteral("PRAGMA secure_delete = OFF"));
    }
    if (written) {
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    return written;
}

Status Vault::selfTest()
{
    try {
        // GCM test case 16 (McGrew & Viega, "The Galois/Counter Mode of Operation"): AES-256,
        // 96-bit IV, associated data.
        const QByteArray key = fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        const QByteArray iv = fromHex("cafebabefacedbaddecaf888");
        const QByteArray ad = fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        const QByteArray plain = fromHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                                         "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        const QByteArray expected = fromHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                            "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                                            "76fc6ece0f4e1768cddf8853bb2d551b");
        auto enc = Botan::AEAD_Mode::create_or_throw(Aead, Botan::ENCRYPTION);
        enc->set_key(bytes(key), size_t(key.size()));
        enc->set_associated_data(bytes(ad), size_t(ad.size()));
        enc->start(bytes(iv), size_t(iv.size()));
        SecureBytes buffer(bytes(plain), bytes(plain) + plain.size());
        enc->finish(buffer);
        const bool encrypts =
            buffer.size() == size_t(expected.size()) && Botan::same_mem(buffer.data(), bytes(expected), buffer.size());
        auto dec = Botan::AEAD_Mode::create_or_throw(Aead, Botan::DECRYPTION);
        dec->set_key(bytes(key), size_t(key.size()));
        dec->set_associated_data(bytes(ad), size_t(ad.size()));
        dec->start(bytes(iv), size_t(iv.size()));
        dec->finish(buffer);
        const bool decrypts =
            buffer.size() == size_t(plain.size()) && Botan::same_mem(buffer.data(), bytes(plain), buffer.size());
        if (!encrypts || !decrypts) {
            return Error{ErrorCode::CryptoError,
                         QCoreApplication::translate("Vault", "The AES-256/GCM self-test gave a wrong answer; "
                                                              "the crypto library is broken and no secret is safe.")};
        }

        // RFC 9106 section 5.3: Argon2id, m = 32 KiB, t = 3, p = 4, with a secret and associated data.
        const QByteArray password(32, '\x01');
        const QByteArray salt(16, '\x02');
        const QByteArray secret(8, '\x03');
        const QByteArray associated(12, '\x04');
        const QByteArray tag = fromHex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
        uint8_t out[32] = {};
        Botan::argon2(out, sizeof out, password.constData(), size_t(password.size()), bytes(salt), size_t(salt.size()),
                      bytes(secret), size_t(secret.size()), bytes(associated), size_t(associated.size()), 2, 4, 32, 3);
        if (!Botan::same_mem(out, bytes(tag), sizeof out)) {
            return Error{ErrorCode::CryptoError,
                         QCoreApplication::translate("Vault", "The Argon2id self-test gave a wrong answer; "
                                                              "the crypto library is broken and no secret is safe.")};
        }
    } catch (const std::exception& e) {
        return cryptoFailure(QT_TRANSLATE_NOOP("Vault", "run the crypto self-test"), e);
    }
    return Ok{};
}
