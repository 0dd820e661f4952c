#pragma once

#include "app/cli/CliCommand.h"
#include "core/security/Vault.h"

#include <QSqlDatabase>

// The workspace's vault for a command that needs a secret (DKIM keys, the unsubscribe key):
// from the keychain when it holds the key, else with the passphrase from --passphrase-stdin or
// $MAILROOM_PASSPHRASE. A workspace without a vault gets one with that passphrase.
Result<Vault> openCliVault(QSqlDatabase db, const CliRequest& request);
