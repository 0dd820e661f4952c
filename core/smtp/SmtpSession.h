#pragma once

#include "core/Result.h"
#include "core/smtp/SmtpReply.h"
#include "core/smtp/SmtpReplyParser.h"
#include "core/smtp/SmtpSendResult.h"
#include "core/smtp/SmtpSettings.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDeadlineTimer>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QSslSocket;

// What the server offered in its EHLO reply (RFC 5321 4.1.1.1 and the extensions' RFCs).
struct SmtpCapabilities
{
    bool esmtp = false; // EHLO was accepted (else HELO: no extensions at all)
    bool pipelining = false;
    bool startTls = false;
    bool eightBitMime = false;
    bool smtpUtf8 = false;
    bool sizeOffered = false;
    qint64 maxSize = 0;         // SIZE n; 0: no limit given
    QStringList authMechanisms; // upper case: "PLAIN", "LOGIN", "XOAUTH2", ...
};

// What "Test account" shows: one line for the user and the dialogue that led to it.
struct SmtpProbeResult
{
    bool ok = false;
    QString verdict;
    QStringList transcript;
    SmtpFailure failure = SmtpFailure::None;
    // The server certificate's SHA-256 (raw 32 bytes) when TLS got that far: the UI offers to
    // trust it when it did not verify.
    QByteArray certificateSha256;
};

// A blocking SMTP client session for one worker thread: it owns a QSslSocket and uses its
// waitFor* calls, so no event loop runs. Create it anywhere, but call open() and everything
// after in the thread that uses it. Not copyable.
// What the caller does at the two moments of a message that matter to it. Each may be empty.
struct SmtpSendHooks
{
    // The body is written but for its last SmtpSession::kDotTailBytes, which go next with the
    // final ".\r\n" in one write: return false to drop the connection instead (the message is
    // not sent). The delivery journal records "in doubt" here.
    std::function<bool()> beforeFinalDot;
    // ".\r\n" is written and the reply not yet read: time for other work (the next message's
    // rendering) while the server answers.
    std::function<void()> awaitingReply;
};

class SmtpSession
{
public:
    // How much of a message's end goes out in the final "."'s write (see SmtpSendHooks).
    static constexpr qsizetype kDotTailBytes = 64 * 1024;

    explicit SmtpSession(SmtpSettings settings);
    ~SmtpSession();
    SmtpSession(const SmtpSession&) = delete;
    SmtpSession& operator=(const SmtpSession&) = delete;

    // Connect, greeting, EHLO (HELO when EHLO is refused), STARTTLS or implicit TLS, AUTH.
    // Errors name host, port and stage; lastFailure() says what kind of failure it was.
    Status open();
    bool isOpen() const;

    // One message to one recipient. message is the rendered message (CRLF already; line ends
    // are normalised and dots stuffed here anyway). The hooks run before the dot and after it
    // (see SmtpSendHooks); beforeFinalDot returning false aborts without the dot (the
    // connection is closed and the message is not sent).
    SmtpSendResult send(const QString& from, const QString& to, QByteArrayView message,
                        const SmtpSendHooks& hooks = {});

    // RSET: end a transaction (RFC 5321 4.1.1.5).
    Status reset();
    // QUIT and close; never fails (a server that does not answer is simply dropped).
    void quit();
    // Drop the connection without QUIT.
    void abort();
    // While *stop is true, waits for the server end within 100 ms: the connection is dropped and
    // the step fails as Aborted (a message whose dot was written is then in doubt). For an
    // engine that is shutting down. The flag must outlive the session.
    void setStopFlag(const std::atomic<bool>* stop) { m_stop = stop; }

    const SmtpCapabilities& capabilities() const { return m_caps; }
    bool isEncrypted() const;
    // SHA-256 (raw) of the server's certificate when TLS got that far.
    QByteArray peerCertificateSha256() const { return m_peerSha256; }
    SmtpFailure lastFailure() const { return m_lastFailure; }
    // The dialogue of open(), AUTH payloads shown as "****", capped; never a secret.
    QStringList transcript() const { return m_transcript; }

    // Connect, authenticate and QUIT: "Test account".
    static SmtpProbeResult probe(const SmtpSettings& settings);

    // "AB:CD:..." for a raw SHA-256.
    static QString formatFingerprint(const QByteArray& sha256);

private:
    Result<SmtpReply> readReply(int timeoutMs, const QString& stage);
    Status writeCommand(const QByteArray& line, const QString& stage, const QString& shownAs = {});
    Status flushWrites(int timeoutMs, const QString& stage);
    Result<SmtpReply> command(const QByteArray& line, int timeoutMs, const QString& stage, const QString& shownAs = {});
    Status ehlo();
    Status startTls();
    Status waitForHandshake(int timeoutMs, const QString& stage);
    Status authenticate();
    Status authPlain();
    Status authLogin();
    Status authXOAuth2();

    Error failure(SmtpFailure kind, const QString& stage, const QString& what);
    Error replyFailure(SmtpFailure kind, const QString& stage, const SmtpReply& reply);
    // Names the socket's problem (a timeout when timedOutAfterMs > 0) and closes the connection.
    Error socketFailure(const QString& stage, int timedOutAfterMs);
    // Waiting in slices so a stop flag is seen (see setStopFlag).
    qint64 waitSlice(const QDeadlineTimer& deadline) const;
    bool stopRequested() const;
    bool sliceEnded(const QDeadlineTimer& deadline) const;
    Error stopped(const QString& stage);
    QString where(const QString& stage) const;
    void note(const QString& line);
    void finishSend(SmtpSendResult& result);

    SmtpSettings m_settings;
    std::unique_ptr<QSslSocket> m_socket;
    SmtpReplyParser m_parser;
    SmtpCapabilities m_caps;
    QByteArray m_peerSha256;
    QStringList m_sslErrors; // the TLS errors of the last handshake, described
    SmtpFailure m_lastFailure = SmtpFailure::None;
    std::optional<SmtpReply> m_lastReply;
    QStringList m_transcript;
    qsizetype m_transcriptBytes = 0;
    bool m_recording = false; // transcript on during open()
    bool m_open = false;
    const std::atomic<bool>* m_stop = nullptr;
    QByteArray m_dataBuffer;    // the encoded message, reused for every message
    QByteArray m_commandBuffer; // MAIL/RCPT/DATA, reused
};
