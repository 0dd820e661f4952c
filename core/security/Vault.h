#pragma once

#include "core/Result.h"
#include "core/security/KdfParameters.h"
#include "core/security/Keychain.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <memory>

// The workspace's vault: secrets (DKIM private keys, SMTP passwords) stored encrypted in the
// `secrets` table, so the workspace file, its WAL, QSettings and logs never hold them in
// plaintext.
//
// A random 256-bit data key encrypts each record with AES-256/GCM under a fresh 96-bit nonce,
// with the record's kind and name as associated data: a ciphertext copied to another row
// does not decrypt. The data key is stored only wrapped (AES-256/GCM) by a key derived from
// the passphrase with Argon2id; the wrapping always exists, so any machine that knows the
// passphrase opens the workspace. A machine with a keychain may also remember the data key
// there (storeInKeychain), to open the vault without asking. See docs/architecture.md, "The vault".
//
// A Vault is bound to one connection (one thread). Hand it to another thread's connection
// with openOn(). create, unlockWithPassphrase and changePassphrase each run Argon2id
// (64 MiB, ~0.2-1 s): the window runs them in the background.
class Vault
{
public:
    Vault(Vault&&) noexcept;
    Vault& operator=(Vault&&) noexcept;
    ~Vault();

    // Whether this workspace has a vault (a passphrase has been set).
    static bool isInitialised(QSqlDatabase db);
    // First use: makes the data key and wraps it with the passphrase. Duplicate if the workspace
    // already has a vault, InvalidInput for an empty passphrase.
    static Result<Vault> create(QSqlDatabase db, const QString& passphrase);
    // WrongPassphrase when the passphrase does not open it (nothing is written either way);
    // NotFound when the workspace has no vault yet.
    static Result<Vault> unlockWithPassphrase(QSqlDatabase db, const QString& passphrase);
    // VaultLocked when there is no keychain, it holds no key for this workspace or one that
    // does not fit; the caller then asks for the passphrase. Never waits longer than timeoutMs.
    static Result<Vault> unlockWithKeychain(QSqlDatabase db, int timeoutMs = Keychain::DefaultTimeoutMs);

    // Known-answer tests of AES-256/GCM (McGrew & Viega, GCM test case 16) and Argon2id
    // (RFC 9106 section 5.3); CryptoError if the crypto library gives a wrong answer.
    static Status selfTest();

    // The same vault on another connection to the same workspace (e.g. a worker thread's).
    Result<Vault> openOn(QSqlDatabase db) const;

    // Remember the data key in this machine's keychain, or forget it.
    Status storeInKeychain(int timeoutMs = Keychain::DefaultTimeoutMs) const;
    Status forgetKeychain(int timeoutMs = Keychain::DefaultTimeoutMs) const;
    // The keychain entry's name (service "Mailroom"); one per vault.
    QString keychainKey() const;

    // Inserts or replaces the secret (kind, name); returns its id. Replacing keeps the id.
    Result<qint64> put(const QString& kind, const QString& name, const QByteArray& plaintext) const;
    // CryptoError naming the secret when its ciphertext was tampered with or moved; NotFound.
    Result<QByteArray> get(const QString& kind, const QString& name) const;
    Result<QByteArray> get(qint64 id) const;
    // NotFound when there is no such secret; InvalidInput while something (a DKIM key) uses it.
    Status remove(const QString& kind, const QString& name) const;

    // Re-wraps the data key with a new passphrase (and today's Argon2id costs). The records
    // are not re-encrypted; the old wrapped key is overwritten in the file and its WAL.
    // WrongPassphrase (nothing changed) when oldPassphrase is not the current one.
    Status changePassphrase(const QString& oldPassphrase, const QString& newPassphrase) const;

private:
    struct Private;
    explicit Vault(std::unique_ptr<Private> d);

    // Test-only seam (tests/unit/core/security/VaultTestSeam.h): the same operations with
    // cheaper Argon2id costs, so tests need not spend 64 MiB and ~0.3 s per derivation.
    // Production code has no way to call these.
    friend class VaultTestSeam;
    static Result<Vault> create(QSqlDatabase db, const QString& passphrase, const KdfParameters& kdf);
    Status changePassphrase(const QString& oldPassphrase, const QString& newPassphrase, const KdfParameters& kdf) const;

    std::unique_ptr<Private> d;
};
