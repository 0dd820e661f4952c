// SmtpSession against real servers on 127.0.0.1: aiosmtpd (TLS, AUTH, the received bytes),
// the scripted fault server (every way a server can fail) and Postfix's smtp-sink (bulk).
#include "core/smtp/SmtpData.h"
#include "core/smtp/SmtpSession.h"
#include "tests/unit/core/smtp/SmtpTestServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace {

const QByteArray kPassword = "s3cret-Pa55word";

QByteArray message(const QByteArray& subject, const QByteArray& body = "Hello.\r\n")
{
    return "From: sender@example.com\r\nTo: rcpt@example.com\r\nSubject: " + subject + "\r\n\r\n" + body;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Waits for the server to have written n.eml (aiosmtpd writes it before its 250).
QByteArray receivedMessage(const QString& dir, int n)
{
    const QString path = QDir(dir).filePath(QStringLiteral("%1.eml").arg(n));
    for (int i = 0; i < 100 && !QFile::exists(path); ++i) {
        QThread::msleep(20);
    }
    return readFile(path);
}

int receivedCount(const QString& dir)
{
    return int(QDir(dir).entryList({QStringLiteral("*.eml")}, QDir::Files).size());
}

QStringList commandLog(const QString& dir)
{
    return QString::fromUtf8(readFile(QDir(dir).filePath(QStringLiteral("commands.log"))))
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// No form of the secret in what a user or a log could see.
bool leaksSecret(const QStringList& lines, const QByteArray& secret)
{
    const QString all = lines.join(QLatin1Char('\n'));
    return all.contains(QString::fromUtf8(secret)) || all.contains(QString::fromLatin1(secret.toBase64())) ||
           all.contains(QString::fromLatin1(("\0user\0"_qba + secret).toBase64()));
}

// TCP_NODELAY on this process's socket connected to 127.0.0.1:port: -1 when there is none.
int noDelayOfConnectionTo(quint16 port)
{
    for (int fd = 3; fd < 1024; ++fd) {
        sockaddr_in peer{};
        socklen_t length = sizeof(peer);
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0 || peer.sin_family != AF_INET ||
            ntohs(peer.sin_port) != port) {
            continue;
        }
        int value = 0;
        socklen_t size = sizeof(value);
        if (getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, &size) == 0) {
            return value != 0 ? 1 : 0;
        }
    }
    return -1;
}

} // namespace

class TestSmtpSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_certDir;
    std::optional<TestCertificate> m_cert;
    std::optional<TestCertificate> m_otherCert;

    SmtpSettings settings(quint16 port, SmtpSecurity security = SmtpSecurity::None, SmtpAuth auth = SmtpAuth::None)
    {
        SmtpSettings s;
        s.host = QStringLiteral("127.0.0.1");
        s.port = port;
        s.security = security;
        s.auth = auth;
        s.user = QStringLiteral("user");
        s.secret = kPassword;
        s.heloName = QStringLiteral("client.test");
        s.timeouts.connectMs = 5000;
        s.timeouts.greetingMs = 5000;
        s.timeouts.commandMs = 5000;
        s.timeouts.dataStartMs = 5000;
        s.timeouts.dataBlockMs = 5000;
        s.timeouts.dataEndMs = 5000;
        return s;
    }

    QStringList tlsArgs(const char* mode) const
    {
        return {QString::fromLatin1(mode), QStringLiteral("--cert"), m_cert->certPath, QStringLiteral("--key"),
                m_cert->keyPath};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_certDir.isValid());
        m_cert = TestCertificate::generate(m_certDir.path());
        m_otherCert = TestCertificate::generate(m_certDir.path(), QStringLiteral("other"));
        QVERIFY2(m_cert && m_otherCert, "openssl could not make a test certificate");
        QVERIFY(m_cert->sha256 != m_otherCert->sha256);
    }

    void startTlsWithAuth_data()
    {
        QTest::addColumn<QString>("mechanisms");
        QTest::newRow("PLAIN") << QStringLiteral("PLAIN,LOGIN");
        QTest::newRow("LOGIN") << QStringLiteral("LOGIN");
    }
    void startTlsWithAuth()
    {
        QFETCH(QString, mechanisms);
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY2(
            server.start(SmtpTestServer::aiosmtpd(),
                         tlsArgs("--starttls") + QStringList{QStringLiteral("--auth"),
                                                             QStringLiteral("user:") + QString::fromUtf8(kPassword),
                                                             QStringLiteral("--auth-mechanisms"), mechanisms,
                                                             QStringLiteral("--out"), out.path()}),
            qPrintable(server.error()));
        SmtpSettings s = settings(server.port(), SmtpSecurity::StartTls, SmtpAuth::Password);
        s.trustedCertificateSha256 = m_cert->sha256;
        SmtpSession session(s);
        const Status opened = session.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));
        QVERIFY(session.isOpen());
        QVERIFY(session.isEncrypted());
        QCOMPARE(session.peerCertificateSha256(), m_cert->sha256);
        const QString transcript = session.transcript().join(QLatin1Char('\n'));
        QVERIFY2(!leaksSecret(session.transcript(), kPassword), qPrintable(transcript));
        if (mechanisms.startsWith(QStringLiteral("PLAIN"))) {
            QVERIFY2(transcript.contains(QStringLiteral("C: AUTH PLAIN ****")), qPrintable(transcript));
        } else {
            QVERIFY2(transcript.contains(QStringLiteral("C: AUTH LOGIN")), qPrintable(transcript));
        }
        // RFC 3207: EHLO again after the handshake; the second answer offers AUTH (not in the clear).
        QCOMPARE(transcript.count(QStringLiteral("C: EHLO client.test")), 2);
        QVERIFY(!session.capabilities().startTls);

        const QByteArray sent = message("over STARTTLS");
        // The hooks run in the message's order: the body, then the dot, then the reply.
        QStringList moments;
        SmtpSendHooks hooks;
        hooks.beforeFinalDot = [&] {
            moments << QStringLiteral("before dot");
            return true;
        };
        hooks.awaitingReply = [&] { moments << QStringLiteral("dot sent"); };
        const SmtpSendResult r =
            session.send(QStringLiteral("sender@example.com"), QStringLiteral("rcpt@example.com"), sent, hooks);
        QVERIFY2(r.delivered(), qPrintable(r.error));
        QCOMPARE(moments, (QStringList{QStringLiteral("before dot"), QStringLiteral("dot sent")}));
        QCOMPARE(r.stage, SmtpSendResult::Stage::Body);
        QVERIFY(r.sessionUsable());
        QCOMPARE(receivedMessage(out.path(), 1), sent);
        const QJsonObject envelope =
            QJsonDocument::fromJson(readFile(QDir(out.path()).filePath(QStringLiteral("1.json")))).object();
        QCOMPARE(envelope.value(QStringLiteral("from")).toString(), QStringLiteral("sender@example.com"));
        QCOMPARE(envelope.value(QStringLiteral("to")).toArray().first().toString(), QStringLiteral("rcpt@example.com"));
        session.quit();
        QVERIFY(!session.isOpen());
    }

    void implicitTls()
    {
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY2(server.start(SmtpTestServer::aiosmtpd(),
                              tlsArgs("--tls") + QStringList{QStringLiteral("--auth"),
                                                             QStringLiteral("user:") + QString::fromUtf8(kPassword),
                                                             QStringLiteral("--out"), out.path()}),
                 qPrintable(server.error()));
        SmtpSettings s = settings(server.port(), SmtpSecurity::ImplicitTls, SmtpAuth::Password);
        s.trustedCertificateSha256 = m_cert->sha256;
        const SmtpProbeResult probe = SmtpSession::probe(s);
        QVERIFY2(probe.ok, qPrintable(probe.verdict));
        QVERIFY2(probe.verdict.contains(QStringLiteral("127.0.0.1:%1").arg(server.port())), qPrintable(probe.verdict));
        QVERIFY(probe.transcript.join(QLatin1Char('\n')).contains(QStringLiteral("S: 221")));
        QVERIFY(!leaksSecret(probe.transcript, kPassword));

        SmtpSession session(s);
        QVERIFY(session.open().ok());
        QVERIFY(session.isEncrypted());
        const SmtpSendResult r =
            session.send(QStringLiteral("sender@example.com"), QStringLiteral("rcpt@example.com"), message("TLS"));
        QVERIFY2(r.delivered(), qPrintable(r.error));
        QCOMPARE(receivedMessage(out.path(), 1), message("TLS"));
    }

    void wrongPasswordIsAnAuthFailure()
    {
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(),
                             tlsArgs("--tls") + QStringList{QStringLiteral("--auth"), QStringLiteral("user:other")}));
        SmtpSettings s = settings(server.port(), SmtpSecurity::ImplicitTls, SmtpAuth::Password);
        s.trustedCertificateSha256 = m_cert->sha256;
        SmtpSession session(s);
        const Status opened = session.open();
        QVERIFY2(!opened.ok(), "opened");
        QCOMPARE(session.lastFailure(), SmtpFailure::Auth);
        QVERIFY2(opened.error().message.startsWith(QStringLiteral("127.0.0.1:%1: AUTH: 535").arg(server.port())),
                 qPrintable(opened.error().message));
        QVERIFY(!leaksSecret(session.transcript(), kPassword));
        QVERIFY(!opened.error().message.contains(QString::fromUtf8(kPassword)));
    }

    void untrustedCertificateFailsNamingHostAndFingerprint_data()
    {
        QTest::addColumn<bool>("implicit");
        QTest::addColumn<bool>("trustOther");
        QTest::newRow("STARTTLS, nothing trusted") << false << false;
        QTest::newRow("TLS, nothing trusted") << true << false;
        QTest::newRow("STARTTLS, another certificate trusted") << false << true;
    }
    void untrustedCertificateFailsNamingHostAndFingerprint()
    {
        QFETCH(bool, implicit);
        QFETCH(bool, trustOther);
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(), tlsArgs(implicit ? "--tls" : "--starttls") +
                                                             QStringList{QStringLiteral("--out"), out.path()}));
        SmtpSettings s = settings(server.port(), implicit ? SmtpSecurity::ImplicitTls : SmtpSecurity::StartTls);
        if (trustOther) {
            s.trustedCertificateSha256 = m_otherCert->sha256;
        }
        SmtpSession session(s);
        const Status opened = session.open();
        QVERIFY(!opened.ok());
        QCOMPARE(session.lastFailure(), SmtpFailure::Certificate);
        const QString error = opened.error().message;
        QVERIFY2(error.startsWith(QStringLiteral("127.0.0.1:%1: ").arg(server.port())), qPrintable(error));
        QVERIFY2(error.contains(SmtpSession::formatFingerprint(m_cert->sha256)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("self")), qPrintable(error)); // "self-signed", Qt's words
        QCOMPARE(session.peerCertificateSha256(), m_cert->sha256);
        QVERIFY(!session.isOpen());
        const SmtpProbeResult probe = SmtpSession::probe(s);
        QVERIFY(!probe.ok);
        QCOMPARE(probe.failure, SmtpFailure::Certificate);
        QCOMPARE(probe.certificateSha256, m_cert->sha256);
    }

    void certificateVerifiedByItsAuthority()
    {
        // What a public server gets: a certificate that verifies, no fingerprint needed. The test
        // certificate is made an authority for this process only, then put back.
        const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
        QSslConfiguration withTestCa = saved;
        withTestCa.addCaCertificates(QSslCertificate::fromPath(m_cert->certPath));
        QSslConfiguration::setDefaultConfiguration(withTestCa);
        auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(saved); });
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(), tlsArgs("--starttls")));
        SmtpSession session(settings(server.port(), SmtpSecurity::StartTls));
        const Status opened = session.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));
        QVERIFY(session.isEncrypted());
        QVERIFY(!session.transcript().join(QLatin1Char('\n')).contains(QStringLiteral("trusted for this account")));
    }

    void nagleIsOffOnEverySession_data()
    {
        QTest::addColumn<int>("security");
        QTest::newRow("plain") << int(SmtpSecurity::None);
        QTest::newRow("STARTTLS") << int(SmtpSecurity::StartTls);
        QTest::newRow("TLS") << int(SmtpSecurity::ImplicitTls);
    }
    void nagleIsOffOnEverySession()
    {
        // With Nagle's algorithm a persistent TLS session fell from 270 to 23 messages/s (issue 5).
        QFETCH(int, security);
        SmtpTestServer server;
        const auto mode = SmtpSecurity(security);
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(), mode == SmtpSecurity::None       ? QStringList()
                                                         : mode == SmtpSecurity::StartTls ? tlsArgs("--starttls")
                                                                                          : tlsArgs("--tls")));
        SmtpSettings s = settings(server.port(), mode);
        s.trustedCertificateSha256 = m_cert->sha256;
        SmtpSession session(s);
        QVERIFY(session.open().ok());
        QCOMPARE(noDelayOfConnectionTo(server.port()), 1);
    }

    void authNeverGoesOutInTheClear()
    {
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(),
                             {QStringLiteral("--auth"), QStringLiteral("user:") + QString::fromUtf8(kPassword),
                              QStringLiteral("--allow-plaintext-auth")}));
        // The account does not allow it: refused before any AUTH is written.
        SmtpSettings s = settings(server.port(), SmtpSecurity::None, SmtpAuth::Password);
        SmtpSession refused(s);
        Status opened = refused.open();
        QVERIFY(!opened.ok());
        QCOMPARE(refused.lastFailure(), SmtpFailure::Policy);
        QVERIFY2(opened.error().message.contains(QStringLiteral(": AUTH: ")), qPrintable(opened.error().message));
        QVERIFY(!refused.transcript().join(QLatin1Char('\n')).contains(QStringLiteral("C: AUTH")));
        // The account allows it: then it works.
        s.allowPlaintextAuth = true;
        SmtpSession allowed(s);
        opened = allowed.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));
        QVERIFY(!allowed.isEncrypted());
        QVERIFY(!leaksSecret(allowed.transcript(), kPassword));
    }

    void serverRefusingPlaintextAuthIsClear()
    {
        // aiosmtpd offers no AUTH before TLS: the client says so instead of sending a password.
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(),
                             {QStringLiteral("--auth"), QStringLiteral("user:") + QString::fromUtf8(kPassword)}));
        SmtpSettings s = settings(server.port(), SmtpSecurity::None, SmtpAuth::Password);
        s.allowPlaintextAuth = true;
        SmtpSession session(s);
        const Status opened = session.open();
        QVERIFY(!opened.ok());
        QCOMPARE(session.lastFailure(), SmtpFailure::Policy);
        QVERIFY2(opened.error().message.contains(QStringLiteral("AUTH PLAIN or LOGIN")),
                 qPrintable(opened.error().message));
    }

    void startTlsNotOfferedFailsLoudly()
    {
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(),
                             {QStringLiteral("--auth"), QStringLiteral("--out"), out.path()}));
        SmtpSession session(settings(server.port(), SmtpSecurity::StartTls, SmtpAuth::Password));
        const Status opened = session.open();
        QVERIFY(!opened.ok());
        QCOMPARE(session.lastFailure(), SmtpFailure::Policy);
        QVERIFY2(opened.error().message.startsWith(QStringLiteral("127.0.0.1:%1: STARTTLS: ").arg(server.port())),
                 qPrintable(opened.error().message));
        // Nothing after EHLO went out in the clear.
        const QStringList commands = commandLog(out.path());
        QCOMPARE(commands.size(), 1);
        QVERIFY(commands.first().endsWith(QStringLiteral("EHLO client.test")));
    }

    void startTlsResponseInjectionIsDiscarded()
    {
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(),
                             tlsArgs("--starttls") + QStringList{QStringLiteral("--inject-after-starttls"),
                                                                 QStringLiteral("--pipelining"),
                                                                 QStringLiteral("--out"), out.path()}));
        SmtpSettings s = settings(server.port(), SmtpSecurity::StartTls);
        s.trustedCertificateSha256 = m_cert->sha256;
        SmtpSession session(s);
        const Status opened = session.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));
        // The injected "250 SIZE 10" was not taken as the answer to the EHLO after TLS.
        QCOMPARE(session.capabilities().maxSize, qint64(1000000));
        QVERIFY(session.transcript().join(QLatin1Char('\n')).contains(QStringLiteral("discarded 27 bytes")));
        const SmtpSendResult r =
            session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"), message("after injection"));
        QVERIFY2(r.delivered(), qPrintable(r.error));
        QCOMPARE(r.reply->code(), 250);
    }

    void startTlsHandshakeFailure()
    {
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(), tlsArgs("--starttls-fail")));
        SmtpSession session(settings(server.port(), SmtpSecurity::StartTls));
        const Status opened = session.open();
        QVERIFY(!opened.ok());
        QVERIFY(session.lastFailure() == SmtpFailure::Tls || session.lastFailure() == SmtpFailure::Network);
        QVERIFY2(opened.error().message.startsWith(QStringLiteral("127.0.0.1:%1: STARTTLS: ").arg(server.port())),
                 qPrintable(opened.error().message));
    }

    void heloWhenEhloIsUnknown()
    {
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(), {QStringLiteral("--ehlo-unknown")}));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        QVERIFY(!session.capabilities().esmtp);
        QVERIFY(session.transcript().join(QLatin1Char('\n')).contains(QStringLiteral("C: HELO client.test")));
        QVERIFY(session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"), message("helo"))
                    .delivered());
    }

    void xoauth2()
    {
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(), {QStringLiteral("--auth"), QStringLiteral("--xoauth2"),
                                                             QStringLiteral("user:ya29.token")}));
        SmtpSettings s = settings(server.port(), SmtpSecurity::None, SmtpAuth::XOAuth2);
        s.allowPlaintextAuth = true;
        s.secret = "ya29.token";
        SmtpSession good(s);
        const Status opened = good.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));
        QVERIFY(good.transcript().join(QLatin1Char('\n')).contains(QStringLiteral("C: AUTH XOAUTH2 ****")));
        QVERIFY(!leaksSecret(good.transcript(), s.secret));
        good.quit();

        s.secret = "expired.token";
        SmtpSession bad(s);
        const Status refused = bad.open();
        QVERIFY(!refused.ok());
        QCOMPARE(bad.lastFailure(), SmtpFailure::Auth);
        QVERIFY2(refused.error().message.endsWith(QStringLiteral("AUTH: 535 5.7.8 Username and Password not accepted")),
                 qPrintable(refused.error().message));
    }

    void pipeliningSendsMailRcptDataInOneWrite_data()
    {
        QTest::addColumn<bool>("offered");
        QTest::newRow("PIPELINING") << true;
        QTest::newRow("no PIPELINING") << false;
    }
    void pipeliningSendsMailRcptDataInOneWrite()
    {
        QFETCH(bool, offered);
        QTemporaryDir out;
        SmtpTestServer server;
        QStringList args{QStringLiteral("--out"), out.path()};
        if (offered) {
            args << QStringLiteral("--pipelining");
        }
        QVERIFY(server.start(SmtpTestServer::faultServer(), args));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        QCOMPARE(session.capabilities().pipelining, offered);
        for (int i = 0; i < 3; ++i) {
            const SmtpSendResult r =
                session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"), message("p"));
            QVERIFY2(r.delivered(), qPrintable(r.error));
        }
        session.quit();
        QCOMPARE(receivedCount(out.path()), 3);
        // "<batch> <command>": commands that arrived in one read share the batch number.
        QHash<QString, QStringList> byBatch;
        for (const QString& line : commandLog(out.path())) {
            byBatch[line.section(QLatin1Char(' '), 0, 0)].append(line.section(QLatin1Char(' '), 1));
        }
        int together = 0;
        for (const QStringList& batch : std::as_const(byBatch)) {
            if (batch.size() == 3 && batch[0].startsWith(QStringLiteral("MAIL FROM:<a@example.com>")) &&
                batch[1] == QStringLiteral("RCPT TO:<b@example.com>") && batch[2] == QStringLiteral("DATA")) {
                ++together;
            }
        }
        QCOMPARE(together, offered ? 3 : 0);
    }

    void manyMessagesOverOneConnection()
    {
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(),
                             {QStringLiteral("--reject-rcpt"), QStringLiteral("nobody@example.com"),
                              QStringLiteral("--out"), out.path()}));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        int delivered = 0;
        for (int i = 0; i < 20; ++i) {
            const bool bad = i % 5 == 2;
            const SmtpSendResult r =
                session.send(QStringLiteral("sender@example.com"),
                             bad ? QStringLiteral("nobody@example.com") : QStringLiteral("r%1@example.com").arg(i),
                             message("n" + QByteArray::number(i)));
            if (bad) {
                QVERIFY(!r.delivered());
                QCOMPARE(r.stage, SmtpSendResult::Stage::Rcpt);
                QVERIFY(!r.dotSent);
                QVERIFY(r.reply);
                QCOMPARE(r.reply->code(), 550);
                QCOMPARE(r.reply->enhancedStatus(), QStringLiteral("5.1.1"));
                QCOMPARE(r.failure, SmtpFailure::Rejected);
                QVERIFY2(r.error.contains(QStringLiteral(": RCPT: 550 5.1.1 No such user")), qPrintable(r.error));
            } else {
                QVERIFY2(r.delivered(), qPrintable(r.error));
                ++delivered;
                QCOMPARE(receivedMessage(out.path(), delivered), message("n" + QByteArray::number(i)));
            }
            QVERIFY(r.sessionUsable());
            QVERIFY(session.isOpen());
        }
        QCOMPARE(receivedCount(out.path()), 16);
    }

    void lineEndsAndDotsOnTheWire()
    {
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(), {QStringLiteral("--out"), out.path()}));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        // Bare LF, bare CR, a lone dot (would end DATA early) and "\n.\n" (SMTP smuggling).
        const QByteArray body = "line one\nline two\rline three\r\n.\r\n.leading dot\r\n"
                                "smuggle\n.\nMAIL FROM:<evil@example.com>\r\nend";
        const QByteArray sent = message("dots", body);
        const SmtpSendResult r = session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"), sent);
        QVERIFY2(r.delivered(), qPrintable(r.error));
        const QByteArray received = receivedMessage(out.path(), 1);
        QCOMPARE(received, message("dots", "line one\r\nline two\r\nline three\r\n.\r\n.leading dot\r\n"
                                           "smuggle\r\n.\r\nMAIL FROM:<evil@example.com>\r\nend\r\n"));
        QCOMPARE(receivedCount(out.path()), 1); // one message, nothing smuggled
    }

    void aMessageLongerThanTheDotsWriteArrivesWhole()
    {
        // The body goes out in two writes, the second with the dot (SmtpSession::kDotTailBytes):
        // nothing may be lost, doubled or unstuffed at the seam, and the hook runs once, before
        // the dot, after the first write.
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(), {QStringLiteral("--out"), out.path()}));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        QByteArray body;
        for (int i = 0; body.size() < 3 * SmtpSession::kDotTailBytes; ++i) {
            body += (i % 7 == 0 ? "." : "") + QByteArray::number(i) + ' ' + QByteArray(60, char('a' + i % 26)) + "\r\n";
        }
        const QByteArray sent = message("long", body);
        int calls = 0;
        const SmtpSendResult r = session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"), sent,
                                              SmtpSendHooks{[&] { return ++calls > 0; }, {}});
        QVERIFY2(r.delivered(), qPrintable(r.error));
        QCOMPARE(calls, 1);
        QCOMPARE(receivedMessage(out.path(), 1), sent);
    }

    void sizeIsCheckedBeforeMail()
    {
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(),
                             {QStringLiteral("--size"), QStringLiteral("2000"), QStringLiteral("--out"), out.path()}));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        QCOMPARE(session.capabilities().maxSize, qint64(2000));
        const SmtpSendResult big = session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"),
                                                message("big", QByteArray(3000, 'x') + "\r\n"));
        QCOMPARE(big.stage, SmtpSendResult::Stage::Mail);
        QCOMPARE(big.failure, SmtpFailure::MessageTooBig);
        QVERIFY(!big.reply);
        QVERIFY(!big.dotSent);
        QVERIFY(big.sessionUsable());
        QVERIFY2(big.error.contains(QStringLiteral("2000")), qPrintable(big.error));
        const SmtpSendResult small =
            session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"), message("small"));
        QVERIFY2(small.delivered(), qPrintable(small.error));
        QCOMPARE(receivedCount(out.path()), 1);
    }

    void eightBitAndUtf8NeedTheirExtensions()
    {
        QTemporaryDir out;
        SmtpTestServer plain;
        QVERIFY(plain.start(SmtpTestServer::faultServer(), {}));
        SmtpSession session(settings(plain.port()));
        QVERIFY(session.open().ok());
        SmtpSendResult r = session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"),
                                        message("8bit", "Zo\xc3\xab\r\n"));
        QCOMPARE(r.failure, SmtpFailure::NeedsEightBitMime);
        QVERIFY(r.sessionUsable());
        r = session.send(QStringLiteral("a@example.com"), QStringLiteral("zo\u00eb@example.com"), message("utf8"));
        QCOMPARE(r.failure, SmtpFailure::NeedsSmtpUtf8);
        QVERIFY2(r.error.contains(QStringLiteral("SMTPUTF8")), qPrintable(r.error));

        SmtpTestServer modern;
        QVERIFY(modern.start(SmtpTestServer::faultServer(), {QStringLiteral("--8bitmime"), QStringLiteral("--smtputf8"),
                                                             QStringLiteral("--out"), out.path()}));
        SmtpSession both(settings(modern.port()));
        QVERIFY(both.open().ok());
        r = both.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"),
                      message("8bit", "Zo\xc3\xab\r\n"));
        QVERIFY2(r.delivered(), qPrintable(r.error));
        r = both.send(QStringLiteral("a@example.com"), QStringLiteral("zo\u00eb@example.com"), message("utf8"));
        QVERIFY2(r.delivered(), qPrintable(r.error));
        const QStringList commands = commandLog(out.path());
        QVERIFY2(commands.filter(QStringLiteral("MAIL FROM:<a@example.com> BODY=8BITMIME")).size() == 1,
                 qPrintable(commands.join(QLatin1Char('\n'))));
        QVERIFY(commands.filter(QStringLiteral("MAIL FROM:<a@example.com> SMTPUTF8")).size() == 1);
        QVERIFY(commands.filter(QStringLiteral("RCPT TO:<zo\u00eb@example.com>")).size() == 1);
    }

    void refusesAddressesThatCouldInjectCommands()
    {
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(), {}));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        const SmtpSendResult r = session.send(QStringLiteral("a@example.com"),
                                              QStringLiteral("b@example.com>\r\nRCPT TO:<c@example.com"), message("x"));
        QCOMPARE(r.failure, SmtpFailure::InvalidAddress);
        QVERIFY(!r.dotSent);
        QVERIFY(r.sessionUsable());
    }

    void abortBeforeTheDotSendsNothing()
    {
        QTemporaryDir out;
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::aiosmtpd(), {QStringLiteral("--out"), out.path()}));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        const SmtpSendResult r = session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"),
                                              message("stopped"), SmtpSendHooks{[] { return false; }, {}});
        QCOMPARE(r.stage, SmtpSendResult::Stage::Body);
        QCOMPARE(r.failure, SmtpFailure::Aborted);
        QVERIFY(!r.dotSent);
        QVERIFY(!r.delivered());
        QVERIFY(!r.sessionUsable());
        QVERIFY(!session.isOpen());
        // A new connection delivers the next one; the stopped one never arrived.
        QVERIFY(session.open().ok());
        QVERIFY(session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"), message("next"))
                    .delivered());
        QCOMPARE(receivedMessage(out.path(), 1), message("next"));
        QCOMPARE(receivedCount(out.path()), 1);
    }

    void faultsGiveTheRightResult_data()
    {
        QTest::addColumn<QStringList>("script");
        QTest::addColumn<int>("stage");
        QTest::addColumn<bool>("dotSent");
        QTest::addColumn<int>("code"); // 0: no reply
        QTest::addColumn<QString>("enhanced");
        QTest::addColumn<int>("failure");
        QTest::addColumn<bool>("usable");
        QTest::addColumn<bool>("marked"); // beforeFinalDot was called

        using S = SmtpSendResult::Stage;
        using F = SmtpFailure;
        auto row = [](const char* name, QStringList script, S stage, bool dot, int code, const char* enhanced,
                      F failure, bool usable, bool marked) {
            QTest::newRow(name) << script << int(stage) << dot << code << QString::fromLatin1(enhanced) << int(failure)
                                << usable << marked;
        };
        const QString reply = QStringLiteral("--reply");
        const QString pipe = QStringLiteral("--pipelining");
        row("MAIL 421 4.7.0 (Gmail's rate limit)",
            {reply, QStringLiteral("mail=421 4.7.0 Try again later, closing connection")}, S::Mail, false, 421, "4.7.0",
            F::Rejected, false, false);
        row("MAIL 550 5.4.5 (Gmail's daily limit), pipelined",
            {pipe, reply, QStringLiteral("mail=550-5.4.5 Daily user sending limit exceeded.|550 5.4.5 Learn more")},
            S::Mail, false, 550, "5.4.5", F::Rejected, true, false);
        row("MAIL 421 4.7.0, pipelined",
            {pipe, reply, QStringLiteral("mail=421 4.7.0 Try again later, closing connection")}, S::Mail, false, 421,
            "4.7.0", F::Rejected, false, false);
        row("RCPT 421, pipelined", {pipe, reply, QStringLiteral("rcpt=421 4.7.0 Too many messages, closing")}, S::Rcpt,
            false, 421, "4.7.0", F::Rejected, false, false);
        row("RCPT 450", {reply, QStringLiteral("rcpt=450 4.2.1 Mailbox busy")}, S::Rcpt, false, 450, "4.2.1",
            F::Rejected, true, false);
        row("RCPT 451, pipelined", {pipe, reply, QStringLiteral("rcpt=451 4.3.0 Local error")}, S::Rcpt, false, 451,
            "4.3.0", F::Rejected, true, false);
        row("RCPT 452", {reply, QStringLiteral("rcpt=452 4.5.3 Too many recipients")}, S::Rcpt, false, 452, "4.5.3",
            F::Rejected, true, false);
        row("RCPT 550", {reply, QStringLiteral("rcpt=550 5.1.1 No such user")}, S::Rcpt, false, 550, "5.1.1",
            F::Rejected, true, false);
        row("DATA 554", {reply, QStringLiteral("data=554 5.7.1 Rejected")}, S::Data, false, 554, "5.7.1", F::Rejected,
            true, false);
        row("DATA 451, pipelined", {pipe, reply, QStringLiteral("data=451 4.3.0 Try later")}, S::Data, false, 451,
            "4.3.0", F::Rejected, true, false);
        row("dot 552", {reply, QStringLiteral("dot=552 5.3.4 Message size exceeds fixed limit")}, S::Body, true, 552,
            "5.3.4", F::Rejected, true, true);
        row("dot 554 5.2.0 (Microsoft's quota)",
            {reply, QStringLiteral("dot=554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException")},
            S::Body, true, 554, "5.2.0", F::Rejected, true, true);
        row("dot 421 4.3.2 (too many connections)", {reply, QStringLiteral("dot=421 4.3.2 Too many connections")},
            S::Body, true, 421, "4.3.2", F::Rejected, false, true);
        row("dot 450", {reply, QStringLiteral("dot=450 4.7.1 Greylisted")}, S::Body, true, 450, "4.7.1", F::Rejected,
            true, true);
        row("drop after the dot", {QStringLiteral("--drop"), QStringLiteral("dot")}, S::Body, true, 0, "", F::Network,
            false, true);
        row("garbage after the dot", {QStringLiteral("--garbage"), QStringLiteral("dot")}, S::Body, true, 0, "",
            F::Protocol, false, true);
        row("drop at MAIL", {QStringLiteral("--drop"), QStringLiteral("mail")}, S::Mail, false, 0, "", F::Network,
            false, false);
        row("drop at RCPT, pipelined", {pipe, QStringLiteral("--drop"), QStringLiteral("rcpt")}, S::Rcpt, false, 0, "",
            F::Network, false, false);
        row("garbage at MAIL", {QStringLiteral("--garbage"), QStringLiteral("mail")}, S::Mail, false, 0, "",
            F::Protocol, false, false);
        row("silent after the dot", {QStringLiteral("--silent"), QStringLiteral("dot")}, S::Body, true, 0, "",
            F::Timeout, false, true);
        row("slow after the dot", {QStringLiteral("--delay"), QStringLiteral("dot=3")}, S::Body, true, 0, "",
            F::Timeout, false, true);
        row("silent at RCPT", {QStringLiteral("--silent"), QStringLiteral("rcpt")}, S::Rcpt, false, 0, "", F::Timeout,
            false, false);
        row("slow 354", {QStringLiteral("--delay"), QStringLiteral("data=3")}, S::Data, false, 0, "", F::Timeout, false,
            false);
    }
    void faultsGiveTheRightResult()
    {
        QFETCH(QStringList, script);
        QFETCH(int, stage);
        QFETCH(bool, dotSent);
        QFETCH(int, code);
        QFETCH(QString, enhanced);
        QFETCH(int, failure);
        QFETCH(bool, usable);
        QFETCH(bool, marked);
        SmtpTestServer server;
        QVERIFY2(server.start(SmtpTestServer::faultServer(), script), qPrintable(server.error()));
        SmtpSettings s = settings(server.port());
        // Short stage timeouts: the slow and silent servers must not hold the test.
        s.timeouts.commandMs = 700;
        s.timeouts.dataStartMs = 700;
        s.timeouts.dataEndMs = 700;
        SmtpSession session(s);
        QVERIFY(session.open().ok());
        bool called = false;
        QElapsedTimer timer;
        timer.start();
        const SmtpSendResult r = session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"),
                                              message("fault"), SmtpSendHooks{[&] { return called = true; }, {}});
        QVERIFY(timer.elapsed() < 2500);
        QCOMPARE(int(r.stage), stage);
        QCOMPARE(r.dotSent, dotSent);
        QCOMPARE(called, marked);
        QCOMPARE(r.reply.has_value(), code != 0);
        if (code) {
            QCOMPARE(r.reply->code(), code);
            QCOMPARE(r.reply->enhancedStatus(), enhanced);
        }
        QCOMPARE(int(r.failure), failure);
        if (r.failure == SmtpFailure::Timeout) {
            QVERIFY2(r.error.endsWith(QStringLiteral("no answer within 0.7 seconds")), qPrintable(r.error));
        }
        QVERIFY(!r.delivered());
        QVERIFY(!r.error.isEmpty());
        QVERIFY2(r.error.startsWith(QStringLiteral("127.0.0.1:%1: ").arg(server.port())), qPrintable(r.error));
        QCOMPARE(r.sessionUsable(), usable);
        QCOMPARE(session.isOpen(), usable);
        if (usable) {
            // RSET done: the same connection takes the next message (the fault applies again,
            // so only check the session answers).
            QVERIFY(session.reset().ok());
        }
    }

    void dropInTheMiddleOfTheBodyIsNotSent()
    {
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(), {QStringLiteral("--drop"), QStringLiteral("body")}));
        SmtpSession session(settings(server.port()));
        QVERIFY(session.open().ok());
        // Larger than the socket buffers, so the drop is seen while the body is still being written.
        QByteArray body;
        const QByteArray line(76, 'x');
        while (body.size() < 24 * 1024 * 1024) {
            body += line + "\r\n";
        }
        bool called = false;
        const SmtpSendResult r = session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"),
                                              message("big", body), SmtpSendHooks{[&] { return called = true; }, {}});
        QCOMPARE(r.stage, SmtpSendResult::Stage::Body);
        QVERIFY(!r.dotSent);
        QVERIFY(!called);
        QVERIFY(!r.reply);
        QCOMPARE(r.failure, SmtpFailure::Network);
        QVERIFY(!r.sessionUsable());
    }

    void openFaults_data()
    {
        QTest::addColumn<QStringList>("script");
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("errorStart");
        QTest::newRow("greeting 554") << QStringList{QStringLiteral("--reply"),
                                                     QStringLiteral("greeting=554 5.7.1 No service")}
                                      << int(SmtpFailure::Rejected) << QStringLiteral("greeting: 554 5.7.1 No service");
        QTest::newRow("greeting 421") << QStringList{QStringLiteral("--reply"),
                                                     QStringLiteral("greeting=421 4.3.2 Busy")}
                                      << int(SmtpFailure::Rejected) << QStringLiteral("greeting: 421 4.3.2 Busy");
        QTest::newRow("silent greeting") << QStringList{QStringLiteral("--silent"), QStringLiteral("greeting")}
                                         << int(SmtpFailure::Timeout) << QStringLiteral("greeting: ");
        QTest::newRow("garbage greeting") << QStringList{QStringLiteral("--garbage"), QStringLiteral("greeting")}
                                          << int(SmtpFailure::Protocol) << QStringLiteral("greeting: ");
        QTest::newRow("drop at EHLO") << QStringList{QStringLiteral("--drop"), QStringLiteral("ehlo")}
                                      << int(SmtpFailure::Network) << QStringLiteral("EHLO: ");
        QTest::newRow("AUTH 535") << QStringList{QStringLiteral("--auth"), QStringLiteral("--reply"),
                                                 QStringLiteral("auth=535 5.7.8 Username and Password not accepted")}
                                  << int(SmtpFailure::Auth)
                                  << QStringLiteral("AUTH: 535 5.7.8 Username and Password not accepted");
    }
    void openFaults()
    {
        QFETCH(QStringList, script);
        QFETCH(int, failure);
        QFETCH(QString, errorStart);
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(), script));
        SmtpSettings s = settings(server.port(), SmtpSecurity::None, SmtpAuth::Password);
        s.allowPlaintextAuth = true;
        s.timeouts.greetingMs = 500;
        SmtpSession session(s);
        QElapsedTimer timer;
        timer.start();
        const Status opened = session.open();
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY(!opened.ok());
        QCOMPARE(int(session.lastFailure()), failure);
        const QString expected = QStringLiteral("127.0.0.1:%1: ").arg(server.port()) + errorStart;
        QVERIFY2(opened.error().message.startsWith(expected), qPrintable(opened.error().message));
        QVERIFY(!session.isOpen());
        QVERIFY(!leaksSecret(session.transcript(), kPassword));
        const SmtpSendResult r = session.send(QStringLiteral("a@example.com"), QStringLiteral("b@example.com"), "x");
        QCOMPARE(r.stage, SmtpSendResult::Stage::Connection);
        QCOMPARE(r.failure, SmtpFailure::NotOpen);
    }

    void transcriptIsCapped()
    {
        // A server with a very long EHLO answer (twice: before and after STARTTLS) cannot make the
        // "Test account" transcript grow without end.
        QStringList ehlo;
        for (int i = 0; i < 98; ++i) {
            ehlo << QStringLiteral("250-X-EXTENSION-%1").arg(i);
        }
        ehlo << QStringLiteral("250-STARTTLS") << QStringLiteral("250 HELP");
        SmtpTestServer server;
        QVERIFY(
            server.start(SmtpTestServer::faultServer(),
                         tlsArgs("--starttls") + QStringList{QStringLiteral("--reply"),
                                                             QStringLiteral("ehlo=") + ehlo.join(QLatin1Char('|'))}));
        SmtpSettings s = settings(server.port(), SmtpSecurity::StartTls);
        s.trustedCertificateSha256 = m_cert->sha256;
        SmtpSession session(s);
        const Status opened = session.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));
        QVERIFY(session.transcript().size() <= 201);
        QCOMPARE(session.transcript().last(), QStringLiteral("-- (transcript truncated)"));
    }

    void quitDoesNotWaitForASilentServer()
    {
        SmtpTestServer server;
        QVERIFY(server.start(SmtpTestServer::faultServer(), {QStringLiteral("--silent"), QStringLiteral("quit")}));
        SmtpSettings s = settings(server.port());
        s.timeouts.commandMs = 500;
        SmtpSession session(s);
        QVERIFY(session.open().ok());
        QElapsedTimer timer;
        timer.start();
        session.quit();
        QVERIFY(timer.elapsed() < 2000);
        QVERIFY(!session.isOpen());
    }

    void connectionRefused()
    {
        SmtpSession session(settings(SmtpTestServer::freePort()));
        const Status opened = session.open();
        QVERIFY(!opened.ok());
        QCOMPARE(session.lastFailure(), SmtpFailure::Network);
        QVERIFY2(opened.error().message.contains(QStringLiteral(": connect: ")), qPrintable(opened.error().message));
    }

    void bulkOverOneSessionToSmtpSink()
    {
        SmtpTestServer sink;
        QVERIFY2(sink.startSmtpSink(), qPrintable(sink.error()));
        SmtpSession session(settings(sink.port()));
        QVERIFY(session.open().ok());
        QVERIFY(session.capabilities().pipelining);
        const QByteArray body =
            message("bulk", QByteArray(20 * 1024, 'x').replace(QByteArray(78, 'x'), QByteArray(78, 'x') + "\r\n"));
        const int count = 3000;
        QElapsedTimer timer;
        timer.start();
        int delivered = 0;
        for (int i = 0; i < count; ++i) {
            const SmtpSendResult r =
                session.send(QStringLiteral("a@example.com"), QStringLiteral("r%1@example.com").arg(i), body,
                             SmtpSendHooks{[] { return true; }, {}});
            delivered += r.delivered() ? 1 : 0;
            if (!r.sessionUsable()) {
                QFAIL(qPrintable(r.error));
            }
        }
        QCOMPARE(delivered, count);
        qInfo("%d messages of %lld bytes over one session in %lld ms", count, qlonglong(body.size()),
              qlonglong(timer.elapsed()));
        session.quit();
    }
};

QTEST_GUILESS_MAIN(TestSmtpSession)
#include "test_smtp_session.moc"
