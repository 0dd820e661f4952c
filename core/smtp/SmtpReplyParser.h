#pragma once

#include "core/Result.h"
#include "core/smtp/SmtpReply.h"

#include <QByteArray>

#include <optional>

// Turns the bytes a server sends into complete replies, however the bytes are split into
// reads. Anything that is not a reply line ("ddd", "ddd text", "ddd-text", one code per
// reply) is a protocol error naming the line; lines and replies are bounded, so a hostile
// server cannot make the client buffer without end. Errors are sticky.
class SmtpReplyParser
{
public:
    // RFC 5321 4.5.3.1.5 allows 512 octets a reply line; real servers stay far below this.
    static constexpr qsizetype kMaxLineBytes = 4096;
    static constexpr int kMaxLines = 100;

    void feed(const QByteArray& bytes) { m_buffer.append(bytes); }
    void feed(const char* data, qsizetype size) { m_buffer.append(data, size); }

    // The next complete reply; nullopt when more bytes are needed; an Error for garbage.
    Result<std::optional<SmtpReply>> next();

    // Bytes received but not yet part of a returned reply.
    qsizetype pendingBytes() const { return m_buffer.size() - m_consumed; }
    // Forget everything buffered and any error (STARTTLS: nothing sent in the clear before the
    // handshake may be read as a reply after it, RFC 3207 6).
    void reset();

private:
    Error fail(const QString& message);

    QByteArray m_buffer;
    qsizetype m_consumed = 0; // bytes of m_buffer already parsed into replies
    std::optional<Error> m_error;
};
