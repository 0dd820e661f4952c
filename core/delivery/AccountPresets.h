#pragma once

#include "core/delivery/Account.h"

#include <QString>
#include <QVector>

// What each kind of sender account starts with: the provider's documented server, security
// and caps, and a rate and connection count that stay clear of its throttling. A new account
// copies these; the person can change every value afterwards.
struct AccountPreset
{
    AccountPresetId id = AccountPresetId::Smtp;
    QString title; // translated: "Gmail", "Amazon SES"
    QString host;  // empty: the person must enter one (generic SMTP)
    int port = 587;
    SmtpSecurity security = SmtpSecurity::StartTls;
    SmtpAuth auth = SmtpAuth::Password;
    int dailyLimit = 0;
    int perMinute = 0;
    int connections = 1;
    // One translated paragraph: the limits, where they come from and what the password is.
    QString note;
};

class AccountPresets
{
public:
    // In the order the window's combo lists them.
    static QVector<AccountPreset> all();
    static AccountPreset of(AccountPresetId id);
    // A new account of that kind with every default filled in (no name, user or from address).
    static Account newAccount(AccountPresetId id);
    // Fills host, port, security, auth and the limits from the preset; leaves the rest.
    static void applyDefaults(Account& account, AccountPresetId id);
};
