#pragma once

#include "core/security/Vault.h"

// Test-only seam into Vault (a friend of it): the same create and changePassphrase with
// Argon2id costs low enough that a test can make and open many vaults. Only tests include
// this; production code always uses KdfParameters::recommended().
class VaultTestSeam
{
public:
    // Argon2id's floor: 8 KiB per lane, one pass. Microseconds instead of ~0.3 s.
    static KdfParameters cheap() { return KdfParameters{8, 1, 1}; }

    static Result<Vault> create(QSqlDatabase db, const QString& passphrase)
    {
        return Vault::create(std::move(db), passphrase, cheap());
    }
    static Status changePassphrase(const Vault& vault, const QString& oldPassphrase, const QString& newPassphrase)
    {
        return vault.changePassphrase(oldPassphrase, newPassphrase, cheap());
    }
};
