#include "app/cli/CliVault.h"

#include "core/security/PassphraseSource.h"

#include <QCoreApplication>
#include <QFile>

namespace {

constexpr int kKeychainTimeoutMs = 5000;

} // namespace

Result<Vault> openCliVault(QSqlDatabase db, const CliRequest& request)
{
    const bool exists = Vault::isInitialised(db);
    if (exists && !request.args.isSet(QStringLiteral("passphrase-stdin")) && !PassphraseSource::fromEnvironment()) {
        // A script must not hang on a keychain that waits for someone to unlock it.
        if (auto vault = Vault::unlockWithKeychain(db, kKeychainTimeoutMs)) {
            return vault;
        }
    }
    QString passphrase;
    if (request.args.isSet(QStringLiteral("passphrase-stdin"))) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            return Error{ErrorCode::FileError,
                         QCoreApplication::translate("CliVault", "Cannot read the passphrase from stdin.")};
        }
        auto line = PassphraseSource::readLine(in);
        if (!line) {
            return line.error();
        }
        passphrase = line.value();
    } else if (auto fromEnvironment = PassphraseSource::fromEnvironment()) {
        passphrase = *fromEnvironment;
    } else {
        return Error{
            ErrorCode::VaultLocked,
            exists
                ? QCoreApplication::translate("CliVault", "The workspace's vault is locked: give its passphrase in "
                                                          "$MAILROOM_PASSPHRASE or with --passphrase-stdin.")
                : QCoreApplication::translate("CliVault", "This needs the workspace's vault, which has no passphrase "
                                                          "yet: choose one and give it in $MAILROOM_PASSPHRASE or with "
                                                          "--passphrase-stdin.")};
    }
    return exists ? Vault::unlockWithPassphrase(db, passphrase) : Vault::create(db, passphrase);
}
