#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

// The operating system's keychain (Secret Service or KWallet over D-Bus, the macOS
// Keychain, the Windows Credential Manager) through QtKeychain, made synchronous: each
// call runs the asynchronous job in a local event loop and gives up after timeoutMs, so a
// missing or stuck keychain daemon costs at most that long and never hangs the caller.
// Entries live under the service "Mailroom". QtKeychain's insecure fallback (plaintext in
// QSettings) stays off: with no keychain, nothing is stored.
//
// Call from the main thread: QtKeychain runs its jobs one at a time through a singleton
// that lives in the thread that first used it. A QCoreApplication must exist.
class Keychain
{
public:
    // Long enough for the user to type a wallet password when the keychain asks for one.
    static constexpr int DefaultTimeoutMs = 30000;

    // NotFound when the keychain has no such entry, VaultLocked when there is no keychain
    // (no D-Bus session, no keychain service), it refused, or it did not answer in time.
    static Result<QByteArray> read(const QString& key, int timeoutMs = DefaultTimeoutMs);
    static Status write(const QString& key, const QByteArray& data, int timeoutMs = DefaultTimeoutMs);
    // Removing an entry that does not exist succeeds.
    static Status remove(const QString& key, int timeoutMs = DefaultTimeoutMs);

    static QString serviceName();
};
