#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// One complete server reply (RFC 5321 4.2): a three-digit code and one or more text lines.
// The enhanced status code (RFC 3463, "5.4.5") is taken from the first line when the server
// sends one (RFC 2034: every line then starts with it); text() and toString() leave it out of
// the lines so it is shown once.
class SmtpReply
{
public:
    SmtpReply() = default;
    // lines: the text of each line after "ddd-" / "ddd ", without the line end.
    SmtpReply(int code, QList<QByteArray> lines);

    int code() const { return m_code; }
    // "5.4.5", or empty when the server sent none.
    QString enhancedStatus() const { return m_enhanced; }
    // The raw text of each line, as the server sent it (enhanced code included).
    const QList<QByteArray>& lines() const { return m_lines; }
    // The lines without the enhanced code, joined with a space; control characters shown as '?'.
    QString text() const;

    bool isPositiveCompletion() const { return m_code >= 200 && m_code < 300; }   // 2xx
    bool isPositiveIntermediate() const { return m_code >= 300 && m_code < 400; } // 3xx
    bool isPositive() const { return m_code >= 200 && m_code < 400; }
    bool isTransient() const { return m_code >= 400 && m_code < 500; }
    bool isPermanent() const { return m_code >= 500 && m_code < 600; }

    // For logs and error messages: "550 5.4.5 Daily user sending limit exceeded".
    QString toString() const;

private:
    int m_code = 0;
    QString m_enhanced;
    QList<QByteArray> m_lines;
};
