#include "app/cli/AccountCommands.h"

#include "app/cli/CliVault.h"
#include "app/cli/WorkspaceCommands.h"
#include "core/campaigns/DkimKeyRepository.h"
#include "core/delivery/AccountPresets.h"
#include "core/delivery/AccountRepository.h"
#include "core/smtp/SmtpSession.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("AccountCommands", text);
}

const QString kAccount = QStringLiteral("account");
constexpr int kMaxSecretBytes = 16384;

QString presetChoices()
{
    QStringList names;
    for (const AccountPreset& preset : AccountPresets::all()) {
        names.append(Account::presetName(preset.id));
    }
    return names.join(QLatin1Char('|'));
}

QList<CliOption> accountOptions(bool adding)
{
    QList<CliOption> options = {
        {QStringLiteral("name"), QStringLiteral("NAME"),
         adding ? tr("the account's name (only you see it)") : tr("rename the account")},
        {QStringLiteral("preset"), presetChoices(),
         adding ? tr("the provider: fills in its server, security and limits (default: smtp)")
                : tr("switch provider: resets server, security and limits to its defaults before the other options")},
        {QStringLiteral("host"), QStringLiteral("HOST"), tr("the SMTP server (required for smtp)")},
        {QStringLiteral("port"), QStringLiteral("PORT"), tr("the port (587 for STARTTLS, 465 for TLS)")},
        {QStringLiteral("security"), QStringLiteral("starttls|tls|none"),
         tr("STARTTLS on a plain connection, TLS from the start, or none (a local relay)")},
        {QStringLiteral("auth"), QStringLiteral("password|xoauth2|none"),
         tr("how to sign in: a password (AUTH PLAIN/LOGIN), an OAuth token (XOAUTH2) or not at all")},
        {QStringLiteral("user"), QStringLiteral("USER"), tr("the user to sign in as (usually your address)")},
        {QStringLiteral("password-stdin"), QString(),
         adding ? tr("read the password or token from the first line of stdin")
                : tr("read a new password or token from the first line of stdin (else the stored one stays)")},
        {QStringLiteral("from"), QStringLiteral("\"NAME <ADDRESS>\""),
         tr("who the messages are from (default: the user, when it is an address)")},
        {QStringLiteral("daily-limit"), QStringLiteral("N"), tr("messages in any 24 hours (rolling)")},
        {QStringLiteral("per-minute"), QStringLiteral("N"), tr("messages a minute")},
        {QStringLiteral("connections"), QStringLiteral("N"), tr("connections at once (1-32)")},
        {QStringLiteral("trust-certificate"), QStringLiteral("SHA256"),
         tr("trust this server certificate although it does not verify: its SHA-256 fingerprint in hex, colons "
            "optional (\"\" to trust none)")},
        {QStringLiteral("allow-plaintext-auth"), QString(),
         tr("allow signing in over a connection without TLS (only for a relay you trust)")},
        {QStringLiteral("dkim-key"), QStringLiteral("DOMAIN/SELECTOR"),
         tr("sign this account's messages with that DKIM key (\"\" for none)")},
    };
    if (!adding) {
        options.append(
            {QStringLiteral("no-plaintext-auth"), QString(), tr("never sign in over a connection without TLS again")});
    }
    return options;
}

Result<int> number(const CliArguments& args, const QString& option)
{
    bool ok = false;
    const QString text = args.value(option).trimmed();
    const int value = text.toInt(&ok);
    if (!ok) {
        return Error{ErrorCode::InvalidInput, tr("--%1 takes a whole number, not \"%2\"").arg(option, text)};
    }
    return value;
}

// The first line of stdin, without its line end: the password never appears on the command
// line (where `ps` shows it) or in the output.
Result<QByteArray> readSecret()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        return Error{ErrorCode::FileError, tr("Cannot read the password from stdin.")};
    }
    QByteArray line = in.readLine(kMaxSecretBytes + 4);
    if (line.endsWith('\n')) {
        line.chop(line.endsWith("\r\n") ? 2 : 1);
    }
    if (line.isEmpty()) {
        return Error{ErrorCode::InvalidInput, tr("No password on stdin: its first line is empty.")};
    }
    if (line.size() > kMaxSecretBytes) {
        line.fill('\0');
        return Error{ErrorCode::InvalidInput, tr("The password on stdin is longer than 16384 bytes.")};
    }
    return line;
}

// Applies the options to an account; anything not given stays as it is. Errors are usage
// errors (a malformed value); what the values mean is checked by AccountRepository::validate.
Status applyOptions(QSqlDatabase db, const CliArguments& args, Account& a)
{
    if (args.isSet(QStringLiteral("preset"))) {
        const auto preset = Account::presetFromName(args.value(QStringLiteral("preset")));
        if (!preset) {
            return Error{ErrorCode::InvalidInput, tr("--preset must be one of %1, not \"%2\"")
                                                      .arg(presetChoices(), args.value(QStringLiteral("preset")))};
        }
        AccountPresets::applyDefaults(a, *preset);
    }
    if (args.isSet(QStringLiteral("name"))) {
        a.name = args.value(QStringLiteral("name"));
    }
    if (args.isSet(QStringLiteral("host"))) {
        a.host = args.value(QStringLiteral("host"));
    }
    if (args.isSet(QStringLiteral("user"))) {
        a.user = args.value(QStringLiteral("user"));
    }
    if (args.isSet(QStringLiteral("security"))) {
        const auto security = Account::securityFromName(args.value(QStringLiteral("security")));
        if (!security) {
            return Error{
                ErrorCode::InvalidInput,
                tr("--security must be starttls, tls or none, not \"%1\"").arg(args.value(QStringLiteral("security")))};
        }
        a.security = *security;
    }
    if (args.isSet(QStringLiteral("auth"))) {
        const auto auth = Account::authFromName(args.value(QStringLiteral("auth")));
        if (!auth) {
            return Error{
                ErrorCode::InvalidInput,
                tr("--auth must be password, xoauth2 or none, not \"%1\"").arg(args.value(QStringLiteral("auth")))};
        }
        a.auth = *auth;
    }
    const QPair<const char*, int Account::*> numbers[] = {{"port", &Account::port},
                                                          {"daily-limit", &Account::dailyLimit},
                                                          {"per-minute", &Account::perMinute},
                                                          {"connections", &Account::connections}};
    for (const auto& [option, member] : numbers) {
        const QString name = QString::fromLatin1(option);
        if (args.isSet(name)) {
            auto value = number(args, name);
            if (!value) {
                return value.error();
            }
            a.*member = value.value();
        }
    }
    if (args.isSet(QStringLiteral("from"))) {
        parseMailbox(args.value(QStringLiteral("from")), a.fromName, a.fromAddress);
    }
    if (args.isSet(QStringLiteral("trust-certificate"))) {
        auto fingerprint = AccountRepository::parseFingerprint(args.value(QStringLiteral("trust-certificate")));
        if (!fingerprint) {
            return fingerprint.error();
        }
        a.trustedCertificate = fingerprint.value();
    }
    if (args.isSet(QStringLiteral("allow-plaintext-auth")) && args.isSet(QStringLiteral("no-plaintext-auth"))) {
        return Error{ErrorCode::InvalidInput, tr("Give --allow-plaintext-auth or --no-plaintext-auth, not both.")};
    }
    if (args.isSet(QStringLiteral("allow-plaintext-auth"))) {
        a.allowPlaintextAuth = true;
    }
    if (args.isSet(QStringLiteral("no-plaintext-auth"))) {
        a.allowPlaintextAuth = false;
    }
    if (args.isSet(QStringLiteral("dkim-key"))) {
        const QString text = args.value(QStringLiteral("dkim-key")).trimmed();
        if (text.isEmpty()) {
            a.dkimKeyId.reset();
        } else {
            const qsizetype slash = text.lastIndexOf(QLatin1Char('/'));
            auto domain = DkimKeyRepository::asciiDomain(text.left(std::max<qsizetype>(slash, 0)));
            const QString selector = text.mid(slash + 1).trimmed().toLower();
            if (slash < 0 || !domain) {
                return Error{
                    ErrorCode::InvalidInput,
                    tr("--dkim-key takes DOMAIN/SELECTOR, such as example.com/mailroom1, not \"%1\"").arg(text)};
            }
            auto keys = DkimKeyRepository(db).all();
            if (!keys) {
                return keys.error();
            }
            a.dkimKeyId.reset();
            for (const DkimKeyInfo& key : keys.value()) {
                if (key.domain == domain.value() && key.selector == selector) {
                    a.dkimKeyId = key.id;
                }
            }
            if (!a.dkimKeyId) {
                return Error{ErrorCode::NotFound, tr("There is no DKIM key %1 (see \"dkim list\").")
                                                      .arg(selector + QLatin1Char('/') + domain.value())};
            }
        }
    }
    return Ok{};
}

QString dkimKeyName(const QVector<DkimKeyInfo>& keys, const std::optional<qint64>& id)
{
    if (!id) {
        return QString();
    }
    for (const DkimKeyInfo& key : keys) {
        if (key.id == *id) {
            return key.domain + QLatin1Char('/') + key.selector;
        }
    }
    return QString();
}

QString securityLabel(SmtpSecurity security)
{
    switch (security) {
    case SmtpSecurity::StartTls:
        return QStringLiteral("STARTTLS");
    case SmtpSecurity::ImplicitTls:
        return QStringLiteral("TLS");
    case SmtpSecurity::None:
        break;
    }
    return tr("no TLS");
}

QString limitsText(const Account& a)
{
    return tr("%1 a day, %2 a minute, %3 connections").arg(a.dailyLimit).arg(a.perMinute).arg(a.connections);
}

QJsonObject accountJson(const Account& a, const QVector<DkimKeyInfo>& keys)
{
    const QString dkim = dkimKeyName(keys, a.dkimKeyId);
    return QJsonObject{{QStringLiteral("id"), a.id},
                       {QStringLiteral("name"), a.name},
                       {QStringLiteral("preset"), Account::presetName(a.preset)},
                       {QStringLiteral("host"), a.host},
                       {QStringLiteral("port"), a.port},
                       {QStringLiteral("security"), Account::securityName(a.security)},
                       {QStringLiteral("auth"), Account::authName(a.auth)},
                       {QStringLiteral("user"), a.user},
                       {QStringLiteral("from_name"), a.fromName},
                       {QStringLiteral("from_address"), a.fromAddress},
                       {QStringLiteral("daily_limit"), a.dailyLimit},
                       {QStringLiteral("per_minute"), a.perMinute},
                       {QStringLiteral("connections"), a.connections},
                       {QStringLiteral("allow_plaintext_auth"), a.allowPlaintextAuth},
                       {QStringLiteral("trusted_certificate"), Account::fingerprintText(a.trustedCertificate)},
                       {QStringLiteral("dkim_key"), dkim.isEmpty() ? QJsonValue() : QJsonValue(dkim)},
                       {QStringLiteral("has_secret"), a.hasSecret}};
}

// Reads the new secret (when asked to) before anything opens: stdin belongs to --password-stdin.
Result<std::optional<QByteArray>> secretFromRequest(const CliRequest& request)
{
    if (!request.args.isSet(QStringLiteral("password-stdin"))) {
        return std::optional<QByteArray>();
    }
    if (request.args.isSet(QStringLiteral("passphrase-stdin"))) {
        return Error{ErrorCode::InvalidInput, tr("--password-stdin and --passphrase-stdin cannot both read stdin: give "
                                                 "the vault's passphrase in $MAILROOM_PASSPHRASE instead.")};
    }
    auto secret = readSecret();
    if (!secret) {
        return secret.error();
    }
    return std::optional<QByteArray>(secret.value());
}

} // namespace

Result<QVector<qint64>> AccountCommands::accountIds(QSqlDatabase db, const QStringList& names)
{
    QVector<qint64> ids;
    AccountRepository repo(db);
    for (const QString& name : names) {
        if (name.trimmed().isEmpty()) {
            continue;
        }
        auto account = repo.findByName(name);
        if (!account) {
            return account.error();
        }
        if (!ids.contains(account->id)) {
            ids.append(account->id);
        }
    }
    return ids;
}

QList<CliCommand> AccountCommands::commands()
{
    const QString name = QStringLiteral("NAME");
    return {
        {{kAccount, QStringLiteral("add")},
         {},
         tr("add a sender account (Gmail, Google Workspace, Microsoft 365, Amazon SES or any SMTP server)"),
         accountOptions(true),
         &add},
        {{kAccount, QStringLiteral("list")}, {}, tr("list the sender accounts and their limits"), {}, &list},
        {{kAccount, QStringLiteral("edit")}, {name}, tr("change a sender account"), accountOptions(false), &edit},
        {{kAccount, QStringLiteral("delete")},
         {name},
         tr("delete a sender account and its stored password"),
         {},
         &remove},
        {{kAccount, QStringLiteral("test")},
         {name},
         tr("connect to the account's server, sign in and report exactly what happened"),
         {},
         &test},
    };
}

CliStatus AccountCommands::add(const CliRequest& request, CliOutput& out)
{
    if (!request.args.isSet(QStringLiteral("name"))) {
        return CliStatus::usage(tr("account add needs --name"));
    }
    Account account = AccountPresets::newAccount(AccountPresetId::Smtp);
    auto secret = secretFromRequest(request);
    if (!secret) {
        return CliStatus::usage(secret.error().message);
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    if (auto s = applyOptions(db, request.args, account); !s) {
        return s.error().code == ErrorCode::InvalidInput ? CliStatus::usage(s.error().message)
                                                         : CliStatus::failed(s.error());
    }
    const QByteArray password = secret->value_or(QByteArray());
    AccountRepository repo(db);
    // Every field first, then whether the password that goes with them was given.
    auto checked = repo.validate(account, true);
    if (!checked) {
        return CliStatus::failed(checked.error());
    }
    if (checked->auth != SmtpAuth::None && password.isEmpty()) {
        return CliStatus::failed(tr("The account signs in with a password: give it on stdin with --password-stdin."));
    }
    std::optional<Vault> vault;
    if (checked->auth != SmtpAuth::None) {
        auto opened = openCliVault(db, request);
        if (!opened) {
            return CliStatus::failed(opened.error());
        }
        vault.emplace(std::move(opened).value());
    }
    auto id = repo.create(checked.value(), password, vault ? &*vault : nullptr);
    if (!id) {
        return CliStatus::failed(id.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("id"), id.value()}, {QStringLiteral("name"), checked->name}});
    } else {
        out.line(tr("Added sender account \"%1\": %2:%3, %4, %5.")
                     .arg(checked->name, checked->host)
                     .arg(checked->port)
                     .arg(securityLabel(checked->security), limitsText(checked.value())));
    }
    return CliStatus::success();
}

CliStatus AccountCommands::list(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    auto accounts = AccountRepository(db).list();
    auto keys = DkimKeyRepository(db).all();
    if (!accounts || !keys) {
        return CliStatus::failed(!accounts ? accounts.error() : keys.error());
    }
    if (request.json) {
        QJsonArray array;
        for (const Account& a : accounts.value()) {
            array.append(accountJson(a, keys.value()));
        }
        out.json(array);
        return CliStatus::success();
    }
    if (accounts->isEmpty()) {
        out.line(tr("No sender accounts yet; add one with \"account add\"."));
        return CliStatus::success();
    }
    QList<QStringList> rows;
    for (const Account& a : accounts.value()) {
        rows.append({a.name, Account::presetName(a.preset),
                     QStringLiteral("%1:%2 %3").arg(a.host).arg(a.port).arg(securityLabel(a.security)), a.user,
                     a.fromMailbox(), QString::number(a.dailyLimit), QString::number(a.perMinute),
                     QString::number(a.connections), dkimKeyName(keys.value(), a.dkimKeyId)});
    }
    out.table({tr("Name"), tr("Preset"), tr("Server"), tr("User"), tr("From"), tr("Per day"), tr("Per minute"),
               tr("Connections"), tr("DKIM")},
              rows);
    return CliStatus::success();
}

CliStatus AccountCommands::edit(const CliRequest& request, CliOutput& out)
{
    auto secret = secretFromRequest(request);
    if (!secret) {
        return CliStatus::usage(secret.error().message);
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    AccountRepository repo(db);
    auto account = repo.findByName(request.args.positionals().value(0));
    if (!account) {
        return CliStatus::failed(account.error());
    }
    Account changed = account.value();
    if (auto s = applyOptions(db, request.args, changed); !s) {
        return s.error().code == ErrorCode::InvalidInput ? CliStatus::usage(s.error().message)
                                                         : CliStatus::failed(s.error());
    }
    const bool newSecret = secret->has_value();
    auto checked = repo.validate(changed, true);
    if (!checked) {
        return CliStatus::failed(checked.error());
    }
    if (checked->auth != SmtpAuth::None && !newSecret && !changed.hasSecret) {
        return CliStatus::failed(tr("The account now signs in: give its password on stdin with --password-stdin."));
    }
    std::optional<Vault> vault;
    if (newSecret && checked->auth != SmtpAuth::None) {
        auto opened = openCliVault(db, request);
        if (!opened) {
            return CliStatus::failed(opened.error());
        }
        vault.emplace(std::move(opened).value());
    }
    if (auto s = repo.update(checked.value(), *secret, vault ? &*vault : nullptr); !s) {
        return CliStatus::failed(s.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("id"), checked->id}, {QStringLiteral("name"), checked->name}});
    } else {
        out.line(
            tr("Changed sender account \"%1\"%2.").arg(checked->name, newSecret ? tr(" and its password") : QString()));
    }
    return CliStatus::success();
}

CliStatus AccountCommands::remove(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    AccountRepository repo(workspace.value()->database());
    auto account = repo.findByName(request.args.positionals().value(0));
    if (!account) {
        return CliStatus::failed(account.error());
    }
    if (auto s = repo.remove(account->id); !s) {
        return CliStatus::failed(s.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("id"), account->id}, {QStringLiteral("name"), account->name}});
    } else {
        out.line(tr("Deleted sender account \"%1\" and its stored password.").arg(account->name));
    }
    return CliStatus::success();
}

CliStatus AccountCommands::test(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    AccountRepository repo(db);
    auto account = repo.findByName(request.args.positionals().value(0));
    if (!account) {
        return CliStatus::failed(account.error());
    }
    SmtpSettings settings;
    if (account->auth == SmtpAuth::None) {
        settings.host = account->host;
        settings.port = static_cast<quint16>(account->port);
        settings.security = account->security;
        settings.auth = SmtpAuth::None;
        settings.trustedCertificateSha256 = account->trustedCertificate;
    } else {
        auto vault = openCliVault(db, request);
        if (!vault) {
            return CliStatus::failed(vault.error());
        }
        auto withSecret = repo.smtpSettings(account.value(), vault.value());
        if (!withSecret) {
            return CliStatus::failed(withSecret.error());
        }
        settings = withSecret.value();
    }
    const SmtpProbeResult result = SmtpSession::probe(settings);
    settings.secret.fill('\0');
    const QString fingerprint =
        result.certificateSha256.isEmpty() ? QString() : Account::fingerprintText(result.certificateSha256);
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("ok"), result.ok},
                             {QStringLiteral("verdict"), result.verdict},
                             {QStringLiteral("transcript"), QJsonArray::fromStringList(result.transcript)},
                             {QStringLiteral("certificate_sha256"), fingerprint}});
    } else {
        for (const QString& line : result.transcript) {
            out.line(line);
        }
        out.line(QString());
        out.line(result.verdict);
        if (result.failure == SmtpFailure::Certificate && !fingerprint.isEmpty()) {
            out.line(tr("If you know this is your server's certificate, trust it for this account with:"));
            out.line(QStringLiteral("  mailroom-cli account edit \"%1\" --trust-certificate %2")
                         .arg(account->name, fingerprint));
        }
    }
    if (!result.ok) {
        return CliStatus::failed(result.verdict);
    }
    return CliStatus::success();
}
