#pragma once

#include "core/smtp/SmtpReply.h"

#include <QString>

#include <optional>

// Why an SMTP step failed when it did not end with a positive reply; lets the caller decide
// between "try later", "failed" and "unknown" without reading error texts.
enum class SmtpFailure {
    None,
    Network,           // could not connect, or the connection dropped
    Timeout,           // no answer within the stage's timeout (RFC 5321 4.5.3.2)
    Protocol,          // the server sent something that is not SMTP
    Tls,               // the TLS handshake failed
    Certificate,       // the server's certificate did not verify and is not the trusted one
    Policy,            // our rules forbid going on: no STARTTLS offered, AUTH without TLS, no usable AUTH
    Auth,              // the server refused the credentials
    Rejected,          // the server answered with a negative reply (see the reply)
    MessageTooBig,     // larger than the server's SIZE: refused before MAIL
    NeedsEightBitMime, // 8-bit bytes, but the server does not offer 8BITMIME
    NeedsSmtpUtf8,     // a non-ASCII address, but the server does not offer SMTPUTF8
    InvalidAddress,    // an address the client will not put on the wire (CR, LF, <, >)
    Aborted,           // beforeFinalDot said no: the dot was not written
    NotOpen,           // send() on a session that is not open
};

// What happened to one message: exactly where it ended and whether it may have been sent.
struct SmtpSendResult
{
    enum class Stage {
        Connection, // nothing was sent: the session was not usable
        Mail,       // MAIL FROM (and the checks before it: SIZE, 8BITMIME, SMTPUTF8)
        Rcpt,       // RCPT TO
        Data,       // DATA, until the 354
        Body,       // the message and the final dot
    };

    Stage stage = Stage::Connection;
    // True once ".\r\n" may have reached the server: without a positive reply the message is
    // then in doubt (the caller marks it unknown); false means it was certainly not sent.
    bool dotSent = false;
    std::optional<SmtpReply> reply; // the server's reply at that stage, if it sent one
    SmtpFailure failure = SmtpFailure::None;
    QString error; // what went wrong, naming host, port and stage; empty when delivered
    bool usable = false;

    bool delivered() const { return dotSent && reply && reply->isPositiveCompletion(); }
    // May the same connection carry the next message (no drop, no timeout, no 421, RSET done).
    bool sessionUsable() const { return usable; }
};
