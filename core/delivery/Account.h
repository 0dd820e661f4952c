#pragma once

#include "core/smtp/SmtpSettings.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

// Which kind of server an account sends through; the preset only chose the defaults
// (AccountPresets), every value stays editable.
enum class AccountPresetId {
    Gmail,
    Workspace, // Google Workspace
    Outlook,   // Outlook.com / Microsoft 365
    Ses,       // Amazon SES
    Smtp,      // any other SMTP server
};

// A sender account: how to reach one SMTP server, who the messages are from and how much
// the account may send. Its password or OAuth token is in the vault (kind "account", named
// after the id), never here: hasSecret only says one is stored.
struct Account
{
    qint64 id = 0;
    QString name;
    AccountPresetId preset = AccountPresetId::Smtp;
    QString host; // stored in its ASCII (punycode) form
    int port = 587;
    SmtpSecurity security = SmtpSecurity::StartTls;
    SmtpAuth auth = SmtpAuth::Password;
    QString user;
    bool allowPlaintextAuth = false;
    // SHA-256 of the one server certificate trusted although it does not verify: 32 raw bytes or empty.
    QByteArray trustedCertificate;
    QString fromName;
    QString fromAddress;
    int dailyLimit = 500; // messages in any rolling 24 hours
    int perMinute = 20;
    int connections = 1;
    std::optional<qint64> dkimKeyId;
    bool hasSecret = false;
    QDateTime createdAt;
    QDateTime updatedAt;

    // "Café Müller <news@example.com>", or the bare address when there is no name.
    QString fromMailbox() const;
    // What to tell someone sending a campaign from `campaignFrom` through this account when
    // recipients would see another sender: Gmail, Google Workspace and Microsoft 365 put the
    // signed-in mailbox in the From unless the address is one the account may send as. Empty
    // when the address is the account's own, or for providers that send any verified address.
    QString fromWarning(const QString& campaignFrom) const;

    // The names the command line and the database use: gmail|workspace|outlook|ses|smtp,
    // starttls|tls|none, password|xoauth2|none.
    static QString presetName(AccountPresetId preset);
    static std::optional<AccountPresetId> presetFromName(const QString& name);
    static QString securityName(SmtpSecurity security);
    static std::optional<SmtpSecurity> securityFromName(const QString& name);
    static QString authName(SmtpAuth auth);
    static std::optional<SmtpAuth> authFromName(const QString& name);

    // "AB:CD:…" (upper-case hex in pairs) for showing a trusted certificate's fingerprint.
    static QString fingerprintText(const QByteArray& sha256);

    bool operator==(const Account& other) const;
    bool operator!=(const Account& other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(Account)
