#include "core/delivery/AccountRepository.h"

#include "core/contacts/EmailAddress.h"
#include "core/delivery/OutboxState.h"
#include "core/security/Vault.h"
#include "core/storage/SqlError.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

namespace {

Error invalid(const QString& message)
{
    return Error{ErrorCode::InvalidInput, message};
}

// Outbox states of a campaign in progress: still to send, being sent, or waiting to retry.
QString activeOutboxStates()
{
    QStringList states;
    for (OutboxState state : {OutboxState::Queued, OutboxState::Sending, OutboxState::Deferred}) {
        states.append(QString::number(static_cast<int>(state)));
    }
    return states.join(QStringLiteral(", "));
}

// The NOT NULL text columns take '' for nothing; a null QString would bind as NULL.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

const QString kColumns = QStringLiteral("id, name, preset, host, port, security, auth, user_name, "
                                        "allow_plaintext_auth, trusted_certificate, from_name, from_address, "
                                        "daily_limit, per_minute, connections, dkim_key_id, secret_id, "
                                        "created_at, updated_at");

Account accountFrom(const QSqlQuery& q)
{
    Account a;
    a.id = q.value(0).toLongLong();
    a.name = q.value(1).toString();
    a.preset = Account::presetFromName(q.value(2).toString()).value_or(AccountPresetId::Smtp);
    a.host = q.value(3).toString();
    a.port = q.value(4).toInt();
    a.security = Account::securityFromName(q.value(5).toString()).value_or(SmtpSecurity::StartTls);
    a.auth = Account::authFromName(q.value(6).toString()).value_or(SmtpAuth::Password);
    a.user = q.value(7).toString();
    a.allowPlaintextAuth = q.value(8).toInt() != 0;
    a.trustedCertificate = QByteArray::fromHex(q.value(9).toString().toLatin1());
    a.fromName = q.value(10).toString();
    a.fromAddress = q.value(11).toString();
    a.dailyLimit = q.value(12).toInt();
    a.perMinute = q.value(13).toInt();
    a.connections = q.value(14).toInt();
    if (!q.value(15).isNull()) {
        a.dkimKeyId = q.value(15).toLongLong();
    }
    a.hasSecret = !q.value(16).isNull();
    a.createdAt = QDateTime::fromString(q.value(17).toString(), Qt::ISODateWithMs);
    a.updatedAt = QDateTime::fromString(q.value(18).toString(), Qt::ISODateWithMs);
    return a;
}

bool hasControlOrSpace(const QString& text)
{
    for (QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
            return true;
        }
    }
    return false;
}

bool hasControl(const QString& text)
{
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control) {
            return true;
        }
    }
    return false;
}

// RFC 1123 host names in ASCII: letters, digits, hyphens (and underscores, which some
// providers use), labels not empty, at most 253 characters.
bool isAsciiHostName(const QString& host)
{
    if (host.isEmpty() || host.size() > 253) {
        return false;
    }
    const QStringList labels = host.split(QLatin1Char('.'));
    for (const QString& label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(QLatin1Char('-')) ||
            label.endsWith(QLatin1Char('-'))) {
            return false;
        }
        for (QChar c : label) {
            if (!(c.unicode() < 128 && (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_')))) {
                return false;
            }
        }
    }
    return true;
}

Result<QString> normalizedHost(const QString& input)
{
    const QString host = input.trimmed();
    if (host.isEmpty()) {
        return invalid(QCoreApplication::translate(
            "AccountRepository", "The host is empty: enter the SMTP server's name, such as smtp.example.com."));
    }
    if (hasControlOrSpace(host)) {
        return invalid(QCoreApplication::translate(
                           "AccountRepository",
                           "The host \"%1\" contains a space or a control character: enter only the server's name, "
                           "such as smtp.example.com.")
                           .arg(host));
    }
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']'))) {
        bare = bare.mid(1, bare.size() - 2);
    }
    if (QHostAddress address; address.setAddress(bare)) {
        return address.toString();
    }
    const QString ascii = QString::fromLatin1(QUrl::toAce(host.toLower()));
    if (!isAsciiHostName(ascii)) {
        return invalid(QCoreApplication::translate("AccountRepository",
                                                   "The host \"%1\" is not a server name such as smtp.example.com.")
                           .arg(host));
    }
    return ascii;
}

} // namespace

AccountRepository::AccountRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<QVector<Account>> AccountRepository::select(const QString& where, const QVariantList& values)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM accounts %2 ORDER BY name, id").arg(kColumns, where));
    for (const QVariant& value : values) {
        q.addBindValue(value);
    }
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the sender accounts"));
    }
    QVector<Account> accounts;
    while (q.next()) {
        accounts.append(accountFrom(q));
    }
    return accounts;
}

Result<QVector<Account>> AccountRepository::list()
{
    return select(QString(), {});
}

Result<Account> AccountRepository::find(qint64 id)
{
    auto found = select(QStringLiteral("WHERE id = ?"), {id});
    if (!found) {
        return found.error();
    }
    if (found->isEmpty()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("AccountRepository", "There is no sender account %1.").arg(id)};
    }
    return found->constFirst();
}

Result<Account> AccountRepository::findByName(const QString& name)
{
    auto found = select(QStringLiteral("WHERE name = ?"), {name.trimmed()});
    if (!found) {
        return found.error();
    }
    if (found->isEmpty()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("AccountRepository", "There is no sender account named \"%1\".")
                         .arg(name.trimmed())};
    }
    return found->constFirst();
}

Result<QByteArray> AccountRepository::parseFingerprint(const QString& text)
{
    QString hex = text.trimmed();
    // What `openssl x509 -noout -fingerprint -sha256` prints.
    const QString openssl = QStringLiteral("sha256 fingerprint=");
    if (hex.startsWith(openssl, Qt::CaseInsensitive)) {
        hex = hex.mid(openssl.size());
    }
    hex.remove(QLatin1Char(':'));
    hex.remove(QLatin1Char(' '));
    if (hex.isEmpty()) {
        return QByteArray();
    }
    for (QChar c : std::as_const(hex)) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
              (c >= QLatin1Char('A') && c <= QLatin1Char('F')))) {
            return invalid(QCoreApplication::translate(
                               "AccountRepository",
                               "The certificate fingerprint \"%1\" contains \"%2\", which is not a hex digit: give the "
                               "SHA-256 fingerprint as 64 hex digits, colons optional.")
                               .arg(text.trimmed(), QString(c)));
        }
    }
    if (hex.size() != 64) {
        return invalid(QCoreApplication::translate(
                           "AccountRepository",
                           "The certificate fingerprint \"%1\" has %2 hex digits; a SHA-256 fingerprint has 64 "
                           "(colons optional).")
                           .arg(text.trimmed())
                           .arg(hex.size()));
    }
    return QByteArray::fromHex(hex.toLatin1());
}

Result<Account> AccountRepository::validate(const Account& input, bool secretGiven)
{
    Account a = input;
    a.name = a.name.trimmed();
    a.user = a.user.trimmed();
    a.fromName = a.fromName.trimmed();
    a.fromAddress = a.fromAddress.trimmed();
    if (a.name.isEmpty()) {
        return invalid(QCoreApplication::translate("AccountRepository", "The account needs a name."));
    }
    if (hasControl(a.name)) {
        return invalid(
            QCoreApplication::translate("AccountRepository", "The account name \"%1\" contains a control character.")
                .arg(a.name));
    }
    auto host = normalizedHost(a.host);
    if (!host) {
        return host.error();
    }
    a.host = host.value();
    if (a.port < 1 || a.port > 65535) {
        return invalid(
            QCoreApplication::translate("AccountRepository",
                                        "The port %1 is not between 1 and 65535 (587 for STARTTLS, 465 for TLS).")
                .arg(a.port));
    }
    if (hasControl(a.user)) {
        return invalid(QCoreApplication::translate("AccountRepository", "The user \"%1\" contains a control character.")
                           .arg(a.user));
    }
    if (a.auth != SmtpAuth::None && a.user.isEmpty()) {
        return invalid(QCoreApplication::translate(
            "AccountRepository",
            "The account signs in to its server, so it needs a user (usually your full address)."));
    }
    if (a.auth != SmtpAuth::None && !secretGiven) {
        return invalid(a.auth == SmtpAuth::XOAuth2
                           ? QCoreApplication::translate("AccountRepository",
                                                         "The account signs in with an OAuth token: enter the token.")
                           : QCoreApplication::translate("AccountRepository",
                                                         "The account signs in with a password: enter the password."));
    }
    if (a.auth != SmtpAuth::None && a.security == SmtpSecurity::None && !a.allowPlaintextAuth) {
        return invalid(QCoreApplication::translate(
            "AccountRepository",
            "The security is \"none\", so the password would cross the network unencrypted: choose "
            "STARTTLS or TLS, or explicitly allow authentication without TLS for this account."));
    }
    if (a.fromAddress.isEmpty() && EmailAddress::parse(a.user)) {
        a.fromAddress = a.user;
    }
    if (a.fromAddress.isEmpty()) {
        return invalid(QCoreApplication::translate(
            "AccountRepository", "The account needs a from address: the address its messages come from."));
    }
    auto from = EmailAddress::parse(a.fromAddress);
    if (!from) {
        return invalid(
            QCoreApplication::translate("AccountRepository", "The from address \"%1\" is not an email address: %2")
                .arg(a.fromAddress, from.error().message));
    }
    a.fromAddress = from->normalized();
    if (hasControl(a.fromName)) {
        return invalid(
            QCoreApplication::translate("AccountRepository", "The from name \"%1\" contains a control character.")
                .arg(a.fromName));
    }
    if (a.dailyLimit < 1) {
        return invalid(
            QCoreApplication::translate("AccountRepository", "The daily limit must be at least 1 message, not %1.")
                .arg(a.dailyLimit));
    }
    if (a.perMinute < 1) {
        return invalid(
            QCoreApplication::translate("AccountRepository", "The rate must be at least 1 message a minute, not %1.")
                .arg(a.perMinute));
    }
    if (a.connections < 1 || a.connections > 32) {
        return invalid(
            QCoreApplication::translate("AccountRepository", "The connections must be between 1 and 32, not %1.")
                .arg(a.connections));
    }
    if (!a.trustedCertificate.isEmpty() && a.trustedCertificate.size() != 32) {
        return invalid(QCoreApplication::translate(
            "AccountRepository", "The trusted certificate fingerprint must be a SHA-256 fingerprint (32 bytes)."));
    }

    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name FROM accounts WHERE name = ? AND id <> ?"));
    q.addBindValue(a.name);
    q.addBindValue(a.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the sender accounts"));
    }
    if (q.next()) {
        return Error{ErrorCode::Duplicate,
                     QCoreApplication::translate("AccountRepository",
                                                 "There is already a sender account named \"%1\"; choose another name.")
                         .arg(q.value(0).toString())};
    }
    if (a.dkimKeyId) {
        q.prepare(QStringLiteral("SELECT 1 FROM dkim_keys WHERE id = ?"));
        q.addBindValue(*a.dkimKeyId);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the DKIM keys"));
        }
        if (!q.next()) {
            return Error{ErrorCode::NotFound,
                         QCoreApplication::translate("AccountRepository", "The DKIM key %1 does not exist (any more).")
                             .arg(*a.dkimKeyId)};
        }
    }
    return a;
}

Result<qint64> AccountRepository::create(const Account& input, const QByteArray& secret, const Vault* vault)
{
    Account probe = input;
    probe.id = 0;
    auto checked = validate(probe, !secret.isEmpty());
    if (!checked) {
        return checked.error();
    }
    const Account& a = checked.value();
    const bool storeSecret = a.auth != SmtpAuth::None;
    if (storeSecret && vault == nullptr) {
        return Error{ErrorCode::VaultLocked,
                     QCoreApplication::translate("AccountRepository",
                                                 "The account's password goes into the vault, which is locked.")};
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);

    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO accounts (name, preset, host, port, security, auth, user_name, "
                             "allow_plaintext_auth, trusted_certificate, from_name, from_address, daily_limit, "
                             "per_minute, connections, dkim_key_id, created_at, updated_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(a.name);
    q.addBindValue(Account::presetName(a.preset));
    q.addBindValue(a.host);
    q.addBindValue(a.port);
    q.addBindValue(Account::securityName(a.security));
    q.addBindValue(Account::authName(a.auth));
    q.addBindValue(text(a.user));
    q.addBindValue(a.allowPlaintextAuth ? 1 : 0);
    q.addBindValue(text(QString::fromLatin1(a.trustedCertificate.toHex())));
    q.addBindValue(text(a.fromName));
    q.addBindValue(a.fromAddress);
    q.addBindValue(a.dailyLimit);
    q.addBindValue(a.perMinute);
    q.addBindValue(a.connections);
    q.addBindValue(a.dkimKeyId ? QVariant(*a.dkimKeyId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the sender account"));
    }
    const qint64 id = q.lastInsertId().toLongLong();
    if (storeSecret) {
        auto secretId = vault->put(secretKind(), QString::number(id), secret);
        if (!secretId) {
            return secretId.error();
        }
        q.prepare(QStringLiteral("UPDATE accounts SET secret_id = ? WHERE id = ?"));
        q.addBindValue(secretId.value());
        q.addBindValue(id);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the sender account"));
        }
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return id;
}

Status AccountRepository::update(const Account& input, const std::optional<QByteArray>& newSecret, const Vault* vault)
{
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    auto stored = find(input.id);
    if (!stored) {
        return stored.error();
    }
    const bool writeSecret = newSecret.has_value() && !newSecret->isEmpty();
    auto checked = validate(input, writeSecret || stored->hasSecret);
    if (!checked) {
        return checked.error();
    }
    const Account& a = checked.value();
    if (writeSecret && a.auth != SmtpAuth::None && vault == nullptr) {
        return Error{ErrorCode::VaultLocked,
                     QCoreApplication::translate("AccountRepository",
                                                 "The account's password goes into the vault, which is locked.")};
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE accounts SET name = ?, preset = ?, host = ?, port = ?, security = ?, auth = ?, "
                             "user_name = ?, allow_plaintext_auth = ?, trusted_certificate = ?, from_name = ?, "
                             "from_address = ?, daily_limit = ?, per_minute = ?, connections = ?, dkim_key_id = ?, "
                             "updated_at = ? WHERE id = ?"));
    q.addBindValue(a.name);
    q.addBindValue(Account::presetName(a.preset));
    q.addBindValue(a.host);
    q.addBindValue(a.port);
    q.addBindValue(Account::securityName(a.security));
    q.addBindValue(Account::authName(a.auth));
    q.addBindValue(text(a.user));
    q.addBindValue(a.allowPlaintextAuth ? 1 : 0);
    q.addBindValue(text(QString::fromLatin1(a.trustedCertificate.toHex())));
    q.addBindValue(text(a.fromName));
    q.addBindValue(a.fromAddress);
    q.addBindValue(a.dailyLimit);
    q.addBindValue(a.perMinute);
    q.addBindValue(a.connections);
    q.addBindValue(a.dkimKeyId ? QVariant(*a.dkimKeyId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    q.addBindValue(a.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the sender account"));
    }
    if (a.auth == SmtpAuth::None) {
        // Nothing signs in any more: keep no password around.
        q.prepare(QStringLiteral("SELECT secret_id FROM accounts WHERE id = ?"));
        q.addBindValue(a.id);
        if (!q.exec() || !q.next()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the sender accounts"));
        }
        const QVariant secretId = q.value(0);
        if (!secretId.isNull()) {
            q.prepare(QStringLiteral("UPDATE accounts SET secret_id = NULL WHERE id = ?"));
            q.addBindValue(a.id);
            if (!q.exec()) {
                return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the sender account"));
            }
            q.prepare(QStringLiteral("DELETE FROM secrets WHERE id = ?"));
            q.addBindValue(secretId);
            if (!q.exec()) {
                return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete the account's password"));
            }
        }
    } else if (writeSecret) {
        // Replacing keeps the secret's id.
        auto secretId = vault->put(secretKind(), QString::number(a.id), *newSecret);
        if (!secretId) {
            return secretId.error();
        }
        q.prepare(QStringLiteral("UPDATE accounts SET secret_id = ? WHERE id = ?"));
        q.addBindValue(secretId.value());
        q.addBindValue(a.id);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the sender account"));
        }
    }
    return tx.commit();
}

Status AccountRepository::remove(qint64 id)
{
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    auto account = find(id);
    if (!account) {
        return account.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT c.id, c.name FROM campaigns c"
                             " WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.campaign_id = c.id AND o.state IN (%1))"
                             " AND (EXISTS (SELECT 1 FROM campaign_accounts ca"
                             "              WHERE ca.campaign_id = c.id AND ca.account_id = ?)"
                             "      OR NOT EXISTS (SELECT 1 FROM campaign_accounts ca WHERE ca.campaign_id = c.id))"
                             " ORDER BY c.id LIMIT 1")
                  .arg(activeOutboxStates()));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the outbox"));
    }
    if (q.next()) {
        return invalid(QCoreApplication::translate(
                           "AccountRepository",
                           "The account \"%1\" cannot be deleted while campaign %2 \"%3\", which may send from it, "
                           "still has messages to send: let it finish, or cancel it first.")
                           .arg(account->name)
                           .arg(q.value(0).toLongLong())
                           .arg(q.value(1).toString()));
    }
    q.prepare(QStringLiteral("SELECT secret_id FROM accounts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the sender accounts"));
    }
    const QVariant secretId = q.value(0);
    q.prepare(QStringLiteral("DELETE FROM accounts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete the sender account"));
    }
    if (!secretId.isNull()) {
        // Deleting a ciphertext needs no key: no passphrase is asked for this.
        q.prepare(QStringLiteral("DELETE FROM secrets WHERE id = ?"));
        q.addBindValue(secretId);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete the account's password"));
        }
    }
    return tx.commit();
}

Result<SmtpSettings> AccountRepository::smtpSettings(const Account& account, const Vault& vault)
{
    SmtpSettings settings;
    settings.host = account.host;
    settings.port = static_cast<quint16>(account.port);
    settings.security = account.security;
    settings.auth = account.auth;
    settings.user = account.user;
    settings.allowPlaintextAuth = account.allowPlaintextAuth;
    settings.trustedCertificateSha256 = account.trustedCertificate;
    if (account.auth != SmtpAuth::None) {
        auto secret = vault.get(secretKind(), QString::number(account.id));
        if (!secret) {
            if (secret.error().code == ErrorCode::NotFound) {
                return Error{
                    ErrorCode::NotFound,
                    QCoreApplication::translate("AccountRepository",
                                                "The account \"%1\" has no password stored: edit it and enter one.")
                        .arg(account.name)};
            }
            return secret.error();
        }
        settings.secret = secret.value();
    }
    return settings;
}

Result<QVector<qint64>> AccountRepository::campaignAccounts(qint64 campaignId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT account_id FROM campaign_accounts WHERE campaign_id = ? ORDER BY account_id"));
    q.addBindValue(campaignId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaign's accounts"));
    }
    QVector<qint64> ids;
    while (q.next()) {
        ids.append(q.value(0).toLongLong());
    }
    return ids;
}

Status AccountRepository::setCampaignAccounts(qint64 campaignId, const QVector<qint64>& accountIds)
{
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM campaigns WHERE id = ?"));
    q.addBindValue(campaignId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaigns"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("AccountRepository", "There is no campaign %1.").arg(campaignId)};
    }
    q.prepare(QStringLiteral("DELETE FROM campaign_accounts WHERE campaign_id = ?"));
    q.addBindValue(campaignId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the campaign's accounts"));
    }
    for (qint64 accountId : accountIds) {
        if (auto account = find(accountId); !account) {
            return account.error();
        }
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO campaign_accounts (campaign_id, account_id) VALUES (?, ?)"));
        q.addBindValue(campaignId);
        q.addBindValue(accountId);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the campaign's accounts"));
        }
    }
    return tx.commit();
}

Result<QVector<Account>> AccountRepository::accountsFor(qint64 campaignId)
{
    auto ids = campaignAccounts(campaignId);
    if (!ids) {
        return ids.error();
    }
    if (ids->isEmpty()) {
        return list();
    }
    return select(QStringLiteral("WHERE id IN (SELECT account_id FROM campaign_accounts WHERE campaign_id = ?)"),
                  {campaignId});
}
