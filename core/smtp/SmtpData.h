#pragma once

#include <QByteArray>
#include <QByteArrayView>

// The DATA part of a message on the wire (RFC 5321 4.5.2 and 2.3.8): every line end made CRLF
// (a bare CR and a bare LF each become CRLF, so no bare CR or LF reaches the server: SMTP
// smuggling) and every line that starts with "." gets one more. The result always ends with
// CRLF (unless empty), ready for the terminating ".\r\n", which the session writes separately.
namespace SmtpData {

// Writes the encoded message into out, replacing its content; out keeps its capacity, so a
// worker that reuses one buffer allocates nothing per message.
void encode(QByteArrayView message, QByteArray& out);

// The inverse of the dot-stuffing (for tests and fuzzing): drops the first "." of every line.
QByteArray unstuff(QByteArrayView encoded);

// True when the message has a byte above 127 (then BODY=8BITMIME is needed, RFC 6152).
bool hasEightBitBytes(QByteArrayView message);

} // namespace SmtpData
