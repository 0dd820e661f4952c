#pragma once

#include "core/Result.h"
#include "core/delivery/Account.h"
#include "core/smtp/SmtpSettings.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

#include <optional>

class Vault;

// The workspace's sender accounts (table `accounts`, migration 5) and which of them each
// campaign may send from (`campaign_accounts`). An account's password or OAuth token lives in
// the vault as the secret (kind "account", name = the account id in decimal), linked by
// accounts.secret_id; it never reaches the table, QSettings or a log.
class AccountRepository
{
public:
    explicit AccountRepository(QSqlDatabase db);

    // By name, case-insensitively.
    Result<QVector<Account>> list();
    Result<Account> find(qint64 id);
    // NotFound naming the account when there is none by that name (case-insensitive).
    Result<Account> findByName(const QString& name);

    // The account as it will be stored (trimmed; host in punycode; the from address defaulting
    // to the user when that is an address), or InvalidInput naming the field at fault.
    // secretGiven: whether a password/token comes with it (or one is already stored).
    Result<Account> validate(const Account& account, bool secretGiven);

    // Stores a new account and its secret; returns its id. The secret is required when the
    // account authenticates (password or XOAUTH2); vault may be null when it does not.
    Result<qint64> create(const Account& account, const QByteArray& secret, const Vault* vault);
    // Saves the account's fields. newSecret: replaces the stored secret; nullopt keeps it.
    // An account changed to no authentication loses its stored secret. vault is needed only
    // when a new secret is written.
    Status update(const Account& account, const std::optional<QByteArray>& newSecret, const Vault* vault);
    // Deletes the account and its secret. Refused (InvalidInput, naming the campaign) while a
    // campaign that may use it has outbox rows still to send: queued, sending or deferred rows of a
    // campaign that lists this account, or of a campaign that lists none (it may use every account).
    Status remove(qint64 id);

    // How to reach the account's server, with its secret from the vault.
    Result<SmtpSettings> smtpSettings(const Account& account, const Vault& vault);

    // The accounts a campaign may send from: the ids it lists (empty: every account).
    Result<QVector<qint64>> campaignAccounts(qint64 campaignId);
    // Replaces that list; NotFound naming the id when an account or the campaign does not exist.
    Status setCampaignAccounts(qint64 campaignId, const QVector<qint64>& accountIds);
    // The accounts the campaign really sends from: those it lists, or every account when it lists none.
    Result<QVector<Account>> accountsFor(qint64 campaignId);

    // A SHA-256 fingerprint as people paste it: 64 hex digits, any case, colons (or spaces)
    // between pairs allowed -> 32 raw bytes. An empty text gives an empty array (trust nothing
    // extra); anything else is InvalidInput saying what is wrong.
    static Result<QByteArray> parseFingerprint(const QString& text);
    // The vault's kind for account secrets.
    static QString secretKind() { return QStringLiteral("account"); }

private:
    Result<QVector<Account>> select(const QString& where, const QVariantList& values);

    QSqlDatabase m_db;
};
