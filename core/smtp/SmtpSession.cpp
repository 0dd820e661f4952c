#include "core/smtp/SmtpSession.h"

#include "core/smtp/SmtpData.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHostAddress>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QSysInfo>
#include <algorithm>

#include <utility>

namespace {

constexpr int kMaxTranscriptLines = 200;
constexpr qsizetype kMaxTranscriptBytes = 32 * 1024;
// QUIT is a courtesy: a server that does not answer it is not waited for long.
constexpr int kMaxQuitWaitMs = 5'000;

bool isAscii(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80) {
            return false;
        }
    }
    return true;
}

// Anything that could end the command line or the path early is refused (RFC 5321 4.1.2).
bool isSafeAddress(const QString& address)
{
    for (const QChar c : address) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || u == '<' || u == '>' || u == ' ') {
            return false;
        }
    }
    return true;
}

// A name for EHLO: the machine's name when it looks like a domain, else an address literal.
QByteArray defaultHeloName(const QSslSocket& socket)
{
    const QString host = QSysInfo::machineHostName();
    bool domainLike = host.contains(QLatin1Char('.')) && !host.startsWith(QLatin1Char('.'));
    for (const QChar c : host) {
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != QLatin1Char('.') && c != QLatin1Char('-')) {
            domainLike = false;
        }
    }
    if (domainLike) {
        return host.toLatin1();
    }
    const QHostAddress local = socket.localAddress();
    if (local.protocol() == QAbstractSocket::IPv6Protocol) {
        return "[IPv6:" + local.toString().toLatin1() + ']';
    }
    return '[' + local.toString().toLatin1() + ']';
}

} // namespace

SmtpSession::SmtpSession(SmtpSettings settings)
    : m_settings(std::move(settings))
{}

SmtpSession::~SmtpSession()
{
    abort();
}

bool SmtpSession::isOpen() const
{
    return m_open && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool SmtpSession::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

QString SmtpSession::formatFingerprint(const QByteArray& sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

QString SmtpSession::where(const QString& stage) const
{
    return QStringLiteral("%1:%2: %3").arg(m_settings.host).arg(m_settings.port).arg(stage);
}

void SmtpSession::note(const QString& line)
{
    if (!m_recording) {
        return;
    }
    if (m_transcript.size() >= kMaxTranscriptLines || m_transcriptBytes >= kMaxTranscriptBytes) {
        if (m_transcript.isEmpty() || m_transcript.last() != QStringLiteral("-- (transcript truncated)")) {
            m_transcript.append(QStringLiteral("-- (transcript truncated)"));
        }
        return;
    }
    m_transcript.append(line.left(1000));
    m_transcriptBytes += qMin<qsizetype>(line.size(), 1000);
}

Error SmtpSession::failure(SmtpFailure kind, const QString& stage, const QString& what)
{
    m_lastFailure = kind;
    const QString message = QStringLiteral("%1: %2").arg(where(stage), what);
    note(QStringLiteral("-- ") + message);
    // Core has no network error code yet: InvalidInput, Cancelled for an abort; the kind is in lastFailure().
    return Error{kind == SmtpFailure::Aborted ? ErrorCode::Cancelled : ErrorCode::InvalidInput, message};
}

Error SmtpSession::replyFailure(SmtpFailure kind, const QString& stage, const SmtpReply& reply)
{
    m_lastReply = reply;
    return failure(kind, stage, reply.toString());
}

qint64 SmtpSession::waitSlice(const QDeadlineTimer& deadline) const
{
    const qint64 left = deadline.remainingTime();
    return m_stop ? qMin<qint64>(left, 100) : left;
}

bool SmtpSession::stopRequested() const
{
    return m_stop && m_stop->load(std::memory_order_relaxed);
}

bool SmtpSession::sliceEnded(const QDeadlineTimer& deadline) const
{
    return m_stop && !deadline.hasExpired() && m_socket->state() == QAbstractSocket::ConnectedState &&
           m_socket->error() == QAbstractSocket::SocketTimeoutError;
}

Error SmtpSession::stopped(const QString& stage)
{
    Error error = failure(SmtpFailure::Aborted, stage,
                          QCoreApplication::translate("SmtpSession", "stopped: Mailroom is closing"));
    abort();
    return error;
}

Error SmtpSession::socketFailure(const QString& stage, int timedOutAfterMs)
{
    Error error = [&] {
        if (!m_socket) {
            return failure(SmtpFailure::Network, stage, QCoreApplication::translate("SmtpSession", "not connected"));
        }
        if (timedOutAfterMs > 0) {
            return failure(SmtpFailure::Timeout, stage,
                           QCoreApplication::translate("SmtpSession", "no answer within %1 seconds")
                               .arg(QString::number(timedOutAfterMs / 1000.0)));
        }
        if (m_socket->error() == QAbstractSocket::RemoteHostClosedError ||
            m_socket->state() != QAbstractSocket::ConnectedState) {
            return failure(SmtpFailure::Network, stage,
                           QCoreApplication::translate("SmtpSession", "the connection was closed (%1)")
                               .arg(m_socket->errorString()));
        }
        return failure(SmtpFailure::Network, stage, m_socket->errorString());
    }();
    abort();
    return error;
}

Result<SmtpReply> SmtpSession::readReply(int timeoutMs, const QString& stage)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        auto next = m_parser.next();
        if (!next.ok()) {
            Error error = failure(SmtpFailure::Protocol, stage, next.error().message);
            abort();
            return error;
        }
        if (next.value()) {
            const SmtpReply& reply = *next.value();
            if (m_recording) {
                const auto& lines = reply.lines();
                for (qsizetype i = 0; i < lines.size(); ++i) {
                    note(QStringLiteral("S: %1%2%3")
                             .arg(reply.code())
                             .arg(QLatin1Char(i + 1 < lines.size() ? '-' : ' '))
                             .arg(QString::fromUtf8(lines[i])));
                }
            }
            return *next.value();
        }
        if (!m_socket) {
            return failure(SmtpFailure::Network, stage, QCoreApplication::translate("SmtpSession", "not connected"));
        }
        if (m_socket->bytesAvailable() > 0) {
            m_parser.feed(m_socket->readAll());
            continue;
        }
        if (m_socket->state() != QAbstractSocket::ConnectedState) {
            return socketFailure(stage, 0);
        }
        if (deadline.hasExpired()) {
            return socketFailure(stage, timeoutMs);
        }
        if (!m_socket->waitForReadyRead(int(qMax<qint64>(1, waitSlice(deadline))))) {
            if (m_socket->bytesAvailable() > 0) {
                continue;
            }
            if (stopRequested()) {
                return stopped(stage);
            }
            if (sliceEnded(deadline)) {
                continue;
            }
            const bool timedOut = deadline.hasExpired() || m_socket->error() == QAbstractSocket::SocketTimeoutError;
            return socketFailure(stage,
                                 timedOut && m_socket->state() == QAbstractSocket::ConnectedState ? timeoutMs : 0);
        }
    }
}

Status SmtpSession::writeCommand(const QByteArray& line, const QString& stage, const QString& shownAs)
{
    if (m_recording) {
        note(QStringLiteral("C: ") + (shownAs.isEmpty() ? QString::fromUtf8(line).trimmed() : shownAs));
    }
    if (!m_socket || m_socket->write(line) != line.size()) {
        return socketFailure(stage, 0);
    }
    m_socket->flush();
    return Ok{};
}

Status SmtpSession::flushWrites(int timeoutMs, const QString& stage)
{
    QDeadlineTimer deadline(timeoutMs);
    m_socket->flush();
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        return socketFailure(stage, 0);
    }
    while (m_socket->bytesToWrite() > 0) {
        if (m_socket->state() != QAbstractSocket::ConnectedState) {
            return socketFailure(stage, 0);
        }
        if (deadline.hasExpired()) {
            return socketFailure(stage, timeoutMs);
        }
        if (!m_socket->waitForBytesWritten(int(qMax<qint64>(1, waitSlice(deadline))))) {
            if (m_socket->bytesToWrite() == 0) {
                break;
            }
            if (stopRequested()) {
                return stopped(stage);
            }
            if (sliceEnded(deadline)) {
                continue;
            }
            const bool timedOut = m_socket->state() == QAbstractSocket::ConnectedState &&
                                  (deadline.hasExpired() || m_socket->error() == QAbstractSocket::SocketTimeoutError);
            return socketFailure(stage, timedOut ? timeoutMs : 0);
        }
    }
    return Ok{};
}

Result<SmtpReply> SmtpSession::command(const QByteArray& line, int timeoutMs, const QString& stage,
                                       const QString& shownAs)
{
    Status written = writeCommand(line, stage, shownAs);
    if (!written) {
        return written.error();
    }
    return readReply(timeoutMs, stage);
}

Status SmtpSession::open()
{
    abort();
    m_parser.reset();
    m_caps = {};
    m_peerSha256.clear();
    m_lastFailure = SmtpFailure::None;
    m_lastReply.reset();
    m_transcript.clear();
    m_transcriptBytes = 0;
    m_recording = true;
    auto stopRecording = qScopeGuard([this] { m_recording = false; });

    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration config = m_socket->sslConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    m_socket->setSslConfiguration(config);
    m_socket->setPeerVerifyName(m_settings.host);
    // Errors are only collected here; waitForHandshake() decides. The one certificate the user
    // trusts for this account is let through by its SHA-256, with exactly the errors it raised.
    QObject::connect(m_socket.get(), &QSslSocket::sslErrors, m_socket.get(), [this](const QList<QSslError>& errors) {
        QSslCertificate certificate = m_socket->peerCertificate();
        if (certificate.isNull()) {
            for (const QSslError& e : errors) {
                if (!e.certificate().isNull()) {
                    certificate = e.certificate();
                    break;
                }
            }
        }
        m_peerSha256 = certificate.digest(QCryptographicHash::Sha256);
        m_sslErrors.clear();
        for (const QSslError& e : errors) {
            m_sslErrors.append(e.errorString());
        }
        if (!m_settings.trustedCertificateSha256.isEmpty() && !m_peerSha256.isEmpty() &&
            m_peerSha256 == m_settings.trustedCertificateSha256) {
            m_socket->ignoreSslErrors(errors);
        }
    });
    // Nagle's algorithm would hold back each small command behind the last reply's ACK.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    const bool implicitTls = m_settings.security == SmtpSecurity::ImplicitTls;
    note(QStringLiteral("-- connecting to %1:%2%3")
             .arg(m_settings.host)
             .arg(m_settings.port)
             .arg(implicitTls ? QStringLiteral(" (TLS)") : QString()));
    if (implicitTls) {
        m_socket->connectToHostEncrypted(m_settings.host, m_settings.port);
    } else {
        m_socket->connectToHost(m_settings.host, m_settings.port);
    }
    if (!m_socket->waitForConnected(m_settings.timeouts.connectMs)) {
        const bool timedOut = m_socket->error() == QAbstractSocket::SocketTimeoutError;
        Error error = timedOut ? failure(SmtpFailure::Timeout, QStringLiteral("connect"),
                                         QCoreApplication::translate("SmtpSession", "no connection within %1 seconds")
                                             .arg(m_settings.timeouts.connectMs / 1000.0))
                               : failure(SmtpFailure::Network, QStringLiteral("connect"), m_socket->errorString());
        abort();
        return error;
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (implicitTls) {
        Status handshake = waitForHandshake(m_settings.timeouts.connectMs, QStringLiteral("TLS"));
        if (!handshake) {
            return handshake;
        }
    }

    auto greeting = readReply(m_settings.timeouts.greetingMs, QStringLiteral("greeting"));
    if (!greeting) {
        return greeting.error();
    }
    if (greeting->code() != 220) {
        Error error = replyFailure(SmtpFailure::Rejected, QStringLiteral("greeting"), *greeting);
        abort();
        return error;
    }
    Status hello = ehlo();
    if (!hello) {
        return hello;
    }
    if (m_settings.security == SmtpSecurity::StartTls) {
        Status tls = startTls();
        if (!tls) {
            return tls;
        }
    }
    Status auth = authenticate();
    if (!auth) {
        return auth;
    }
    m_open = true;
    return Ok{};
}

Status SmtpSession::ehlo()
{
    const QByteArray name = m_settings.heloName.isEmpty() ? defaultHeloName(*m_socket) : m_settings.heloName.toUtf8();
    auto reply = command("EHLO " + name + "\r\n", m_settings.timeouts.commandMs, QStringLiteral("EHLO"));
    if (!reply) {
        return reply.error();
    }
    m_caps = {};
    if (reply->isPositiveCompletion()) {
        m_caps.esmtp = true;
        const auto& lines = reply->lines();
        // RFC 5321 4.1.1.1: the first line is the greeting, each further line one extension.
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> words = lines[i].simplified().split(' ');
            QByteArray keyword = words.value(0).toUpper();
            QList<QByteArray> params = words.mid(1);
            if (keyword.startsWith("AUTH=")) { // the pre-standard form some servers still send
                params.prepend(keyword.mid(5));
                keyword = "AUTH";
            }
            if (keyword == "PIPELINING") {
                m_caps.pipelining = true;
            } else if (keyword == "STARTTLS") {
                m_caps.startTls = true;
            } else if (keyword == "8BITMIME") {
                m_caps.eightBitMime = true;
            } else if (keyword == "SMTPUTF8") {
                m_caps.smtpUtf8 = true;
            } else if (keyword == "SIZE") {
                m_caps.sizeOffered = true;
                bool ok = false;
                const qint64 size = params.value(0).toLongLong(&ok);
                m_caps.maxSize = ok && size > 0 ? size : 0;
            } else if (keyword == "AUTH") {
                for (const QByteArray& mechanism : std::as_const(params)) {
                    const QString upper = QString::fromLatin1(mechanism.toUpper());
                    if (!upper.isEmpty() && !m_caps.authMechanisms.contains(upper)) {
                        m_caps.authMechanisms.append(upper);
                    }
                }
            }
        }
        return Ok{};
    }
    if (!reply->isPermanent()) {
        Error error = replyFailure(SmtpFailure::Rejected, QStringLiteral("EHLO"), *reply);
        abort();
        return error;
    }
    // RFC 5321 3.2: a server that does not know EHLO answers 5xx; HELO then, without extensions.
    auto helo = command("HELO " + name + "\r\n", m_settings.timeouts.commandMs, QStringLiteral("HELO"));
    if (!helo) {
        return helo.error();
    }
    if (!helo->isPositiveCompletion()) {
        Error error = replyFailure(SmtpFailure::Rejected, QStringLiteral("HELO"), *helo);
        abort();
        return error;
    }
    return Ok{};
}

Status SmtpSession::startTls()
{
    if (!m_caps.startTls) {
        // Never fall back to plaintext: the account asked for STARTTLS (RFC 3207 4.1 downgrade).
        Error error = failure(SmtpFailure::Policy, QStringLiteral("STARTTLS"),
                              QCoreApplication::translate(
                                  "SmtpSession", "the server does not offer STARTTLS, and this account requires it; "
                                                 "nothing was sent without encryption"));
        abort();
        return error;
    }
    auto reply = command("STARTTLS\r\n", m_settings.timeouts.commandMs, QStringLiteral("STARTTLS"));
    if (!reply) {
        return reply.error();
    }
    if (reply->code() != 220) {
        Error error = replyFailure(SmtpFailure::Tls, QStringLiteral("STARTTLS"), *reply);
        abort();
        return error;
    }
    // RFC 3207 6: whatever arrived after the 220 and before the handshake is not to be trusted
    // (STARTTLS response injection); drop it so it can never be read as a reply.
    const qsizetype discarded = m_parser.pendingBytes() + m_socket->bytesAvailable();
    m_parser.reset();
    m_socket->readAll();
    if (discarded > 0) {
        note(QStringLiteral("-- discarded %1 bytes the server sent before the TLS handshake").arg(discarded));
    }
    m_socket->startClientEncryption();
    Status handshake = waitForHandshake(m_settings.timeouts.commandMs, QStringLiteral("STARTTLS"));
    if (!handshake) {
        return handshake;
    }
    // RFC 3207 4.2: forget what the server said in the clear and ask again.
    m_caps = {};
    return ehlo();
}

Status SmtpSession::waitForHandshake(int timeoutMs, const QString& stage)
{
    m_sslErrors.clear();
    if (!m_socket->waitForEncrypted(timeoutMs)) {
        const bool trusted =
            !m_settings.trustedCertificateSha256.isEmpty() && m_peerSha256 == m_settings.trustedCertificateSha256;
        Error error = [&] {
            if (!m_sslErrors.isEmpty() && !trusted) {
                QString what =
                    QCoreApplication::translate(
                        "SmtpSession", "the server's certificate was not accepted (%1). Its SHA-256 fingerprint is %2")
                        .arg(m_sslErrors.join(QStringLiteral("; ")), formatFingerprint(m_peerSha256));
                if (!m_settings.trustedCertificateSha256.isEmpty()) {
                    what += QCoreApplication::translate(
                                "SmtpSession", "; the certificate trusted for this account is %1, a different one")
                                .arg(formatFingerprint(m_settings.trustedCertificateSha256));
                }
                return failure(SmtpFailure::Certificate, stage, what);
            }
            if (m_socket->error() == QAbstractSocket::SocketTimeoutError) {
                return failure(SmtpFailure::Timeout, stage,
                               QCoreApplication::translate("SmtpSession", "the TLS handshake did not finish in time"));
            }
            return failure(SmtpFailure::Tls, stage,
                           QCoreApplication::translate("SmtpSession", "the TLS handshake failed: %1")
                               .arg(m_socket->errorString()));
        }();
        abort();
        return error;
    }
    m_peerSha256 = m_socket->peerCertificate().digest(QCryptographicHash::Sha256);
    QString protocol;
    switch (m_socket->sessionProtocol()) {
    case QSsl::TlsV1_3:
        protocol = QStringLiteral("TLS 1.3");
        break;
    case QSsl::TlsV1_2:
        protocol = QStringLiteral("TLS 1.2");
        break;
    default:
        protocol = QStringLiteral("TLS");
        break;
    }
    note(QStringLiteral("-- %1 established; server certificate SHA-256 %2%3")
             .arg(protocol, formatFingerprint(m_peerSha256),
                  m_sslErrors.isEmpty() ? QString() : QStringLiteral(" (trusted for this account)")));
    return Ok{};
}

Status SmtpSession::authenticate()
{
    if (m_settings.auth == SmtpAuth::None) {
        return Ok{};
    }
    if (!isEncrypted() && !m_settings.allowPlaintextAuth) {
        Error error =
            failure(SmtpFailure::Policy, QStringLiteral("AUTH"),
                    QCoreApplication::translate(
                        "SmtpSession", "the connection is not encrypted, and this account does not allow sending its "
                                       "credentials in the clear"));
        abort();
        return error;
    }
    const QStringList& offered = m_caps.authMechanisms;
    Status result = Ok{};
    if (m_settings.auth == SmtpAuth::XOAuth2) {
        if (!offered.contains(QStringLiteral("XOAUTH2"))) {
            result =
                failure(SmtpFailure::Policy, QStringLiteral("AUTH"),
                        QCoreApplication::translate("SmtpSession", "the server does not offer XOAUTH2 (it offers: %1)")
                            .arg(offered.isEmpty() ? QCoreApplication::translate("SmtpSession", "nothing")
                                                   : offered.join(QLatin1Char(' '))));
        } else {
            result = authXOAuth2();
        }
    } else if (offered.contains(QStringLiteral("PLAIN"))) {
        result = authPlain();
    } else if (offered.contains(QStringLiteral("LOGIN"))) {
        result = authLogin();
    } else {
        result =
            failure(SmtpFailure::Policy, QStringLiteral("AUTH"),
                    QCoreApplication::translate(
                        "SmtpSession", "the server offers no password sign-in, AUTH PLAIN or LOGIN (it offers: %1)")
                        .arg(offered.isEmpty() ? QCoreApplication::translate("SmtpSession", "nothing")
                                               : offered.join(QLatin1Char(' '))));
    }
    if (!result) {
        abort();
    }
    return result;
}

Status SmtpSession::authPlain()
{
    // RFC 4616: authzid NUL authcid NUL passwd.
    QByteArray credentials = '\0' + m_settings.user.toUtf8() + '\0' + m_settings.secret;
    QByteArray line = "AUTH PLAIN " + credentials.toBase64() + "\r\n";
    credentials.fill('\0');
    auto reply =
        command(line, m_settings.timeouts.commandMs, QStringLiteral("AUTH"), QStringLiteral("AUTH PLAIN ****"));
    line.fill('\0');
    if (!reply) {
        return reply.error();
    }
    if (reply->code() != 235) {
        return replyFailure(SmtpFailure::Auth, QStringLiteral("AUTH"), *reply);
    }
    return Ok{};
}

Status SmtpSession::authLogin()
{
    auto reply = command("AUTH LOGIN\r\n", m_settings.timeouts.commandMs, QStringLiteral("AUTH"));
    if (!reply) {
        return reply.error();
    }
    if (reply->code() != 334) {
        return replyFailure(SmtpFailure::Auth, QStringLiteral("AUTH"), *reply);
    }
    reply = command(m_settings.user.toUtf8().toBase64() + "\r\n", m_settings.timeouts.commandMs, QStringLiteral("AUTH"),
                    QStringLiteral("(user name)"));
    if (!reply) {
        return reply.error();
    }
    if (reply->code() != 334) {
        return replyFailure(SmtpFailure::Auth, QStringLiteral("AUTH"), *reply);
    }
    QByteArray line = m_settings.secret.toBase64() + "\r\n";
    reply = command(line, m_settings.timeouts.commandMs, QStringLiteral("AUTH"), QStringLiteral("****"));
    line.fill('\0');
    if (!reply) {
        return reply.error();
    }
    if (reply->code() != 235) {
        return replyFailure(SmtpFailure::Auth, QStringLiteral("AUTH"), *reply);
    }
    return Ok{};
}

Status SmtpSession::authXOAuth2()
{
    // https://developers.google.com/gmail/imap/xoauth2-protocol
    QByteArray token = "user=" + m_settings.user.toUtf8() +
                       "\x01"
                       "auth=Bearer " +
                       m_settings.secret + "\x01\x01";
    QByteArray line = "AUTH XOAUTH2 " + token.toBase64() + "\r\n";
    token.fill('\0');
    auto reply =
        command(line, m_settings.timeouts.commandMs, QStringLiteral("AUTH"), QStringLiteral("AUTH XOAUTH2 ****"));
    line.fill('\0');
    if (!reply) {
        return reply.error();
    }
    if (reply->code() == 334) {
        // The error details come as a challenge; an empty line gets the final reply.
        reply = command("\r\n", m_settings.timeouts.commandMs, QStringLiteral("AUTH"));
        if (!reply) {
            return reply.error();
        }
    }
    if (reply->code() != 235) {
        return replyFailure(SmtpFailure::Auth, QStringLiteral("AUTH"), *reply);
    }
    return Ok{};
}

Status SmtpSession::reset()
{
    if (!isOpen()) {
        return failure(SmtpFailure::NotOpen, QStringLiteral("RSET"),
                       QCoreApplication::translate("SmtpSession", "the session is not open"));
    }
    auto reply = command("RSET\r\n", m_settings.timeouts.commandMs, QStringLiteral("RSET"));
    if (!reply) {
        return reply.error();
    }
    if (!reply->isPositiveCompletion()) {
        Error error = replyFailure(SmtpFailure::Rejected, QStringLiteral("RSET"), *reply);
        abort();
        return error;
    }
    return Ok{};
}

void SmtpSession::quit()
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        if (writeCommand("QUIT\r\n", QStringLiteral("QUIT"))) {
            (void)readReply(qMin(m_settings.timeouts.commandMs, kMaxQuitWaitMs), QStringLiteral("QUIT"));
        }
        if (m_socket) {
            m_socket->disconnectFromHost();
            if (m_socket->state() != QAbstractSocket::UnconnectedState) {
                m_socket->waitForDisconnected(1000);
            }
        }
    }
    abort();
}

void SmtpSession::abort()
{
    m_open = false;
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
}

void SmtpSession::finishSend(SmtpSendResult& result)
{
    // After a negative reply to MAIL, RCPT or DATA the transaction is reset so the next message
    // can use this connection (RFC 5321 4.1.1.5); 421 means the server is closing it.
    if (result.reply && result.reply->code() == 421) {
        abort();
        result.usable = false;
        return;
    }
    if (!isOpen()) {
        result.usable = false;
        return;
    }
    Status reset = this->reset();
    result.usable = reset.ok();
}

SmtpSendResult SmtpSession::send(const QString& from, const QString& to, QByteArrayView message,
                                 const SmtpSendHooks& hooks)
{
    using Stage = SmtpSendResult::Stage;
    SmtpSendResult result;
    auto fail = [&](Stage stage, SmtpFailure kind, const Error& error) {
        result.stage = stage;
        result.failure = kind;
        result.error = error.message;
        result.usable = isOpen();
        return result;
    };
    if (!isOpen()) {
        return fail(Stage::Connection, SmtpFailure::NotOpen,
                    failure(SmtpFailure::NotOpen, QStringLiteral("MAIL"),
                            QCoreApplication::translate("SmtpSession", "the session is not open")));
    }
    if (!isSafeAddress(from) || !isSafeAddress(to) || to.isEmpty()) {
        return fail(Stage::Mail, SmtpFailure::InvalidAddress,
                    failure(SmtpFailure::InvalidAddress, QStringLiteral("MAIL"),
                            QCoreApplication::translate(
                                "SmtpSession",
                                "refusing an address with spaces, angle brackets or control characters: <%1> to <%2>")
                                .arg(from, to)));
    }
    const bool utf8 = !isAscii(from) || !isAscii(to);
    if (utf8 && !m_caps.smtpUtf8) {
        return fail(Stage::Mail, SmtpFailure::NeedsSmtpUtf8,
                    failure(SmtpFailure::NeedsSmtpUtf8, QStringLiteral("MAIL"),
                            QCoreApplication::translate(
                                "SmtpSession",
                                "<%1> to <%2>: an address with non-ASCII characters needs SMTPUTF8, which the server "
                                "does not offer")
                                .arg(from, to)));
    }
    const bool eightBit = SmtpData::hasEightBitBytes(message);
    if (eightBit && !m_caps.eightBitMime) {
        return fail(
            Stage::Mail, SmtpFailure::NeedsEightBitMime,
            failure(SmtpFailure::NeedsEightBitMime, QStringLiteral("MAIL"),
                    QCoreApplication::translate(
                        "SmtpSession", "the message has 8-bit content and the server does not offer 8BITMIME")));
    }
    SmtpData::encode(message, m_dataBuffer);
    // RFC 1870: refuse here rather than send megabytes the server will reject.
    if (m_caps.sizeOffered && m_caps.maxSize > 0 && m_dataBuffer.size() > m_caps.maxSize) {
        return fail(
            Stage::Mail, SmtpFailure::MessageTooBig,
            failure(SmtpFailure::MessageTooBig, QStringLiteral("MAIL"),
                    QCoreApplication::translate("SmtpSession", "the message is %1 bytes; the server accepts at most %2")
                        .arg(m_dataBuffer.size())
                        .arg(m_caps.maxSize)));
    }

    QByteArray& commands = m_commandBuffer;
    commands.resize(0);
    commands += "MAIL FROM:<";
    commands += from.toUtf8();
    commands += '>';
    if (m_caps.sizeOffered) {
        commands += " SIZE=";
        commands += QByteArray::number(m_dataBuffer.size());
    }
    if (eightBit) {
        commands += " BODY=8BITMIME";
    }
    if (utf8) {
        commands += " SMTPUTF8";
    }
    commands += "\r\n";
    const qsizetype mailLength = commands.size();
    commands += "RCPT TO:<";
    commands += to.toUtf8();
    commands += ">\r\n";
    const qsizetype rcptLength = commands.size() - mailLength;
    commands += "DATA\r\n";

    const SmtpTimeouts& timeouts = m_settings.timeouts;
    std::optional<SmtpReply> mailReply;
    std::optional<SmtpReply> rcptReply;
    std::optional<SmtpReply> dataReply;
    auto readInto = [&](std::optional<SmtpReply>& into, int timeoutMs, const QString& stageName) -> Status {
        auto reply = readReply(timeoutMs, stageName);
        if (!reply) {
            return reply.error();
        }
        into = *reply;
        return Ok{};
    };
    if (m_caps.pipelining) {
        // RFC 2920: MAIL, RCPT and DATA in one write, the three replies read in order.
        Status written = writeCommand(commands, QStringLiteral("MAIL"));
        if (!written) {
            return fail(Stage::Mail, m_lastFailure, written.error());
        }
        if (Status s = readInto(mailReply, timeouts.commandMs, QStringLiteral("MAIL")); !s) {
            return fail(Stage::Mail, m_lastFailure, s.error());
        }
        // A server that refused MAIL or RCPT (421: and closed) may not answer what followed;
        // the refusal is what the caller needs to know.
        auto refusedEarlier = [&](Stage stage, const Error& error) {
            const bool mailRefused = !mailReply->isPositiveCompletion();
            if (!mailRefused && !(rcptReply && !rcptReply->isPositiveCompletion())) {
                return fail(stage, m_lastFailure, error);
            }
            const SmtpReply& reply = mailRefused ? *mailReply : *rcptReply;
            result.stage = mailRefused ? Stage::Mail : Stage::Rcpt;
            result.reply = reply;
            result.failure = SmtpFailure::Rejected;
            result.error = where(mailRefused ? QStringLiteral("MAIL") : QStringLiteral("RCPT")) + QStringLiteral(": ") +
                           reply.toString();
            result.usable = false;
            m_lastReply = reply;
            m_lastFailure = SmtpFailure::Rejected;
            return result;
        };
        if (Status s = readInto(rcptReply, timeouts.commandMs, QStringLiteral("RCPT")); !s) {
            return refusedEarlier(Stage::Rcpt, s.error());
        }
        if (Status s = readInto(dataReply, timeouts.dataStartMs, QStringLiteral("DATA")); !s) {
            return refusedEarlier(Stage::Data, s.error());
        }
    } else {
        Status written = writeCommand(commands.left(mailLength), QStringLiteral("MAIL"));
        if (!written) {
            return fail(Stage::Mail, m_lastFailure, written.error());
        }
        if (Status s = readInto(mailReply, timeouts.commandMs, QStringLiteral("MAIL")); !s) {
            return fail(Stage::Mail, m_lastFailure, s.error());
        }
        if (mailReply->isPositiveCompletion()) {
            written = writeCommand(commands.mid(mailLength, rcptLength), QStringLiteral("RCPT"));
            if (!written) {
                return fail(Stage::Rcpt, m_lastFailure, written.error());
            }
            if (Status s = readInto(rcptReply, timeouts.commandMs, QStringLiteral("RCPT")); !s) {
                return fail(Stage::Rcpt, m_lastFailure, s.error());
            }
            if (rcptReply->isPositiveCompletion()) {
                written = writeCommand(commands.right(6), QStringLiteral("DATA"));
                if (!written) {
                    return fail(Stage::Data, m_lastFailure, written.error());
                }
                if (Status s = readInto(dataReply, timeouts.dataStartMs, QStringLiteral("DATA")); !s) {
                    return fail(Stage::Data, m_lastFailure, s.error());
                }
            }
        }
    }

    auto rejected = [&](Stage stage, const QString& stageName, const SmtpReply& reply) {
        result.stage = stage;
        result.reply = reply;
        result.failure = SmtpFailure::Rejected;
        m_lastReply = reply;
        m_lastFailure = SmtpFailure::Rejected;
        result.error = where(stageName) + QStringLiteral(": ") + reply.toString();
        // A server that let DATA through although MAIL or RCPT failed (RFC 2920 3.1 says it must
        // not) gets an empty message ended at once: there is no recipient to deliver it to.
        if (dataReply && dataReply->code() == 354) {
            if (!writeCommand(".\r\n", QStringLiteral("DATA")) ||
                !readReply(timeouts.dataEndMs, QStringLiteral("DATA")).ok()) {
                result.usable = false;
                return result;
            }
        }
        finishSend(result);
        return result;
    };
    if (!mailReply->isPositiveCompletion()) {
        return rejected(Stage::Mail, QStringLiteral("MAIL"), *mailReply);
    }
    if (!rcptReply->isPositiveCompletion()) {
        return rejected(Stage::Rcpt, QStringLiteral("RCPT"), *rcptReply);
    }
    if (dataReply->code() != 354) {
        const SmtpReply reply = *dataReply;
        dataReply.reset(); // DATA was not opened: nothing to end
        return rejected(Stage::Data, QStringLiteral("DATA"), reply);
    }

    // The body, and then its last kDotTailBytes with the final "." (RFC 5321 4.1.1.4) in one
    // write: a message of up to that size leaves in one system call and one segment. The
    // caller records "in doubt" just before that write, so at most that many bytes before
    // the dot may leave.
    result.stage = Stage::Body;
    const qsizetype bodySize = m_dataBuffer.size();
    m_dataBuffer += ".\r\n";
    const qsizetype head = std::max<qsizetype>(0, bodySize - kDotTailBytes);
    if (head > 0) {
        m_socket->write(m_dataBuffer.constData(), head);
        if (Status s = flushWrites(timeouts.dataBlockMs, QStringLiteral("DATA")); !s) {
            return fail(Stage::Body, m_lastFailure, s.error());
        }
    }
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        return fail(Stage::Body, SmtpFailure::Network, socketFailure(QStringLiteral("DATA"), 0));
    }
    if (hooks.beforeFinalDot && !hooks.beforeFinalDot()) {
        abort(); // the server sees the connection drop before the dot: the message is not sent
        return fail(Stage::Body, SmtpFailure::Aborted,
                    failure(SmtpFailure::Aborted, QStringLiteral("DATA"),
                            QCoreApplication::translate("SmtpSession",
                                                        "stopped before the end of the message; it was not sent")));
    }
    const qsizetype tail = m_dataBuffer.size() - head;
    if (m_socket->write(m_dataBuffer.constData() + head, tail) != tail) {
        return fail(Stage::Body, SmtpFailure::Network, socketFailure(QStringLiteral("DATA"), 0));
    }
    result.dotSent = true; // from here on it may have gone
    if (Status s = flushWrites(timeouts.dataBlockMs, QStringLiteral("DATA")); !s) {
        return fail(Stage::Body, m_lastFailure, s.error());
    }
    if (hooks.awaitingReply) {
        hooks.awaitingReply();
    }
    auto reply = readReply(timeouts.dataEndMs, QStringLiteral("end of DATA"));
    if (!reply) {
        // Dropped or timed out after the dot: the message may or may not have been taken.
        return fail(Stage::Body, m_lastFailure, reply.error());
    }
    result.reply = *reply;
    if (reply->isPositiveCompletion()) {
        result.usable = true;
        return result;
    }
    m_lastReply = *reply;
    m_lastFailure = SmtpFailure::Rejected;
    result.failure = SmtpFailure::Rejected;
    result.error = where(QStringLiteral("end of DATA")) + QStringLiteral(": ") + reply->toString();
    // The transaction is over either way (RFC 5321 4.1.1.4); only 421 closes the connection.
    if (reply->code() == 421) {
        abort();
    }
    result.usable = isOpen();
    return result;
}

SmtpProbeResult SmtpSession::probe(const SmtpSettings& settings)
{
    SmtpProbeResult result;
    SmtpSession session(settings);
    const Status opened = session.open();
    result.certificateSha256 = session.peerCertificateSha256();
    if (!opened) {
        result.failure = session.lastFailure();
        result.verdict = opened.error().message;
        result.transcript = session.transcript();
        return result;
    }
    const QString encryption = session.isEncrypted() ? QCoreApplication::translate("SmtpSession", "encrypted")
                                                     : QCoreApplication::translate("SmtpSession", "not encrypted");
    const QString signIn = settings.auth == SmtpAuth::None
                               ? QCoreApplication::translate("SmtpSession", "no sign-in")
                               : QCoreApplication::translate("SmtpSession", "signed in as %1").arg(settings.user);
    session.m_recording = true;
    session.quit();
    result.transcript = session.transcript();
    result.ok = true;
    result.verdict =
        QCoreApplication::translate("SmtpSession", "%1:%2: connected (%3), %4; the server is ready to take mail.")
            .arg(settings.host)
            .arg(settings.port)
            .arg(encryption, signIn);
    return result;
}
