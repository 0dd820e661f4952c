#pragma once

#include <QByteArray>
#include <QString>

// How an SMTP session reaches and authenticates to one server: everything a sender account
// decides. Filled in from an account (AccountRepository) with its secret from the vault.
enum class SmtpSecurity {
    StartTls,    // port 587: plain connect, STARTTLS required (never falls back to plaintext)
    ImplicitTls, // port 465 (RFC 8314)
    None,        // no TLS at all (a local relay); AUTH only with allowPlaintextAuth
};

enum class SmtpAuth {
    Password, // AUTH PLAIN, else LOGIN, whichever the server offers
    XOAuth2,  // AUTH XOAUTH2 with an OAuth access token as the secret
    None,     // no AUTH (a relay that trusts the sender's address)
};

// RFC 5321 section 4.5.3.2 timeouts, in milliseconds; each stage has its own.
struct SmtpTimeouts
{
    int connectMs = 30'000;
    int greetingMs = 300'000;
    int commandMs = 300'000;   // EHLO, STARTTLS, AUTH, MAIL, RCPT, RSET, QUIT
    int dataStartMs = 120'000; // the 354 after DATA
    int dataBlockMs = 180'000; // each write of the message
    int dataEndMs = 600'000;   // the reply to the final "."
};

struct SmtpSettings
{
    QString host;
    quint16 port = 587;
    SmtpSecurity security = SmtpSecurity::StartTls;
    SmtpAuth auth = SmtpAuth::Password;
    QString user;
    QByteArray secret; // password or OAuth token: never logged, never in a transcript
    // AUTH over a connection without TLS: only when the user allowed it for this account.
    bool allowPlaintextAuth = false;
    // SHA-256 of the one server certificate the user trusts although it does not verify
    // (a self-hosted server); raw 32 bytes, empty for none.
    QByteArray trustedCertificateSha256;
    // The name sent with EHLO; empty: the local host name.
    QString heloName;
    SmtpTimeouts timeouts;
};
