#include "core/delivery/AccountPresets.h"

#include <QCoreApplication>

namespace {} // namespace

QVector<AccountPreset> AccountPresets::all()
{
    QVector<AccountPreset> presets;
    // Gmail: smtp.gmail.com, 587 STARTTLS (465 implicit TLS), 500 messages a day for a personal
    // account, an app password or OAuth 2.0 since plain passwords were switched off.
    // https://developer.nylas.com/docs/cookbook/email/gmail-smtp-settings/ and Google's
    // https://support.google.com/a/answer/166852 (Workspace: 2,000 a day, 500 during the trial).
    // Google publishes no per-minute figure; 20 a minute and 2 connections stay well clear of
    // its "421 4.7.0 try again later" throttling.
    presets.append({AccountPresetId::Gmail, QCoreApplication::translate("AccountPresets", "Gmail"),
                    QStringLiteral("smtp.gmail.com"), 587, SmtpSecurity::StartTls, SmtpAuth::Password, 500, 20, 2,
                    QCoreApplication::translate(
                        "AccountPresets",
                        "Gmail sends at most 500 messages in any 24 hours (a rolling window, not a calendar day). "
                        "Your normal Google password does not work here: turn on 2-Step Verification in your "
                        "Google Account, then make an app password (Security > App passwords) and enter those 16 "
                        "letters as the password. The user is your full Gmail address.")});
    presets.append({AccountPresetId::Workspace, QCoreApplication::translate("AccountPresets", "Google Workspace"),
                    QStringLiteral("smtp.gmail.com"), 587, SmtpSecurity::StartTls, SmtpAuth::Password, 2000, 30, 2,
                    QCoreApplication::translate(
                        "AccountPresets",
                        "Google Workspace sends at most 2,000 messages a day per user (500 while the account is in "
                        "its trial: lower the daily limit until you have paid). Use an app password (2-Step "
                        "Verification must be on, and your administrator must allow it) and your full work "
                        "address as the user.")});
    // Exchange Online: 30 messages a minute and 10,000 recipients a day per mailbox, and at most
    // 3 concurrent SMTP connections per mailbox (432 4.3.2 beyond). smtp.office365.com:587 STARTTLS.
    // https://learn.microsoft.com/office365/servicedescriptions/exchange-online-service-description/exchange-online-limits#sending-limits-1
    presets.append({AccountPresetId::Outlook, QCoreApplication::translate("AccountPresets", "Outlook / Microsoft 365"),
                    QStringLiteral("smtp.office365.com"), 587, SmtpSecurity::StartTls, SmtpAuth::Password, 10000, 30, 3,
                    QCoreApplication::translate(
                        "AccountPresets",
                        "Microsoft 365 lets one mailbox send to 10,000 recipients a day, 30 messages a minute, over "
                        "at most 3 connections at once. Your administrator must allow SMTP AUTH for the mailbox; "
                        "with multi-factor sign-in use an app password. The user is your full address. Outlook.com "
                        "personal accounts have much lower, unpublished limits: start at 300 a day.")});
    // Amazon SES in the sandbox: 200 messages per 24 hours at 1 a second, to verified
    // addresses only; out of it the quota is the account's own.
    // https://docs.aws.amazon.com/ses/latest/dg/quotas.html
    presets.append({AccountPresetId::Ses, QCoreApplication::translate("AccountPresets", "Amazon SES"),
                    QStringLiteral("email-smtp.us-east-1.amazonaws.com"), 587, SmtpSecurity::StartTls,
                    SmtpAuth::Password, 200, 60, 2,
                    QCoreApplication::translate(
                        "AccountPresets",
                        "The host names your region: email-smtp.REGION.amazonaws.com (change us-east-1 to yours). "
                        "The user and password are SMTP credentials made in the SES console, not your AWS keys. "
                        "A new account is in the sandbox: 200 messages a day at 1 a second, to verified addresses "
                        "only. Once out of it, set the daily limit and rate to the quota the console shows.")});
    presets.append({AccountPresetId::Smtp, QCoreApplication::translate("AccountPresets", "Other SMTP server"),
                    QString(), 587, SmtpSecurity::StartTls, SmtpAuth::Password, 1000, 60, 2,
                    QCoreApplication::translate(
                        "AccountPresets",
                        "Enter your provider's SMTP host; port 587 with STARTTLS is the usual submission port, 465 "
                        "with TLS the other. Ask the provider for its daily cap and rate and set them here: "
                        "Mailroom never sends more than you allow. For a self-hosted server whose certificate "
                        "does not verify, trust its SHA-256 fingerprint instead of turning verification off.")});
    return presets;
}

AccountPreset AccountPresets::of(AccountPresetId id)
{
    const QVector<AccountPreset> presets = all();
    for (const AccountPreset& preset : presets) {
        if (preset.id == id) {
            return preset;
        }
    }
    return presets.constLast();
}

Account AccountPresets::newAccount(AccountPresetId id)
{
    Account account;
    applyDefaults(account, id);
    return account;
}

void AccountPresets::applyDefaults(Account& account, AccountPresetId id)
{
    const AccountPreset preset = of(id);
    account.preset = id;
    account.host = preset.host;
    account.port = preset.port;
    account.security = preset.security;
    account.auth = preset.auth;
    account.dailyLimit = preset.dailyLimit;
    account.perMinute = preset.perMinute;
    account.connections = preset.connections;
}
