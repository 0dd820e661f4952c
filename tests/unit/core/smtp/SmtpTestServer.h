#pragma once

// Real SMTP servers for tests, each started on 127.0.0.1 on a free port and stopped with the
// test (also when it fails: the destructor; the servers also exit when their stdin closes):
//
//   SmtpTestServer server;
//   QVERIFY2(server.start(SmtpTestServer::aiosmtpd(), {"--out", dir}), qPrintable(server.error()));
//   settings.port = server.port();
//
// aiosmtpd() is tests/tools/smtp_server.py (STARTTLS, implicit TLS, AUTH, message files),
// faultServer() tests/tools/smtp_fault_server.py (scripted faults); each script's top comment
// lists its options. smtpSink() starts Postfix's smtp-sink (fast, accepts everything).
// TestCertificate::generate() makes a self-signed certificate for 127.0.0.1 and localhost.

#include <QByteArray>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

#include <optional>

#include <unistd.h>

class SmtpTestServer
{
public:
    SmtpTestServer() = default;
    ~SmtpTestServer() { stop(); }
    SmtpTestServer(const SmtpTestServer&) = delete;
    SmtpTestServer& operator=(const SmtpTestServer&) = delete;

    static QString toolsDir() { return QStringLiteral(MAILROOM_TEST_DATA_DIR "/../tools"); }
    static QString aiosmtpd() { return toolsDir() + QStringLiteral("/smtp_server.py"); }
    static QString faultServer() { return toolsDir() + QStringLiteral("/smtp_fault_server.py"); }

    // Runs /usr/bin/python3 script --port 0 args... and waits for its "PORT n" line.
    bool start(const QString& script, const QStringList& args, int timeoutMs = 15000)
    {
        stop();
        m_process.setProgram(QStringLiteral("/usr/bin/python3"));
        m_process.setArguments(QStringList{script, QStringLiteral("--port"), QStringLiteral("0")} + args);
        m_process.start();
        if (!m_process.waitForStarted(timeoutMs)) {
            m_error = QStringLiteral("cannot start %1: %2").arg(script, m_process.errorString());
            return false;
        }
        QDeadlineTimer deadline(timeoutMs);
        QByteArray out;
        while (!out.contains('\n')) {
            if (deadline.hasExpired() || (!m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))) &&
                                          m_process.state() != QProcess::Running)) {
                m_error = QStringLiteral("%1 did not start: %2")
                              .arg(script, QString::fromUtf8(m_process.readAllStandardError()));
                stop();
                return false;
            }
            out += m_process.readAllStandardOutput();
        }
        const QByteArray line = out.left(out.indexOf('\n')).trimmed();
        if (!line.startsWith("PORT ")) {
            m_error = QStringLiteral("%1 said %2").arg(script, QString::fromUtf8(line));
            stop();
            return false;
        }
        m_port = quint16(line.mid(5).toUInt());
        return m_port != 0;
    }

    // Postfix's smtp-sink on a free port (it cannot bind port 0 and say which it got).
    bool startSmtpSink(const QStringList& options = {})
    {
        stop();
        for (int attempt = 0; attempt < 5; ++attempt) {
            const quint16 port = freePort();
            m_process.setProgram(QStringLiteral("/usr/sbin/smtp-sink"));
            QStringList args = options;
            if (::geteuid() == 0) {
                args << QStringLiteral("-u") << QStringLiteral("nobody"); // smtp-sink insists when run as root
            }
            m_process.setArguments(args + QStringList{QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("256")});
            m_process.start();
            if (!m_process.waitForStarted(5000)) {
                m_error = m_process.errorString();
                return false;
            }
            // Listening once a connection succeeds; an exit means the port was taken meanwhile.
            QDeadlineTimer deadline(5000);
            while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
                QTcpSocket probe;
                probe.connectToHost(QStringLiteral("127.0.0.1"), port);
                if (probe.waitForConnected(200)) {
                    probe.abort();
                    m_port = port;
                    return true;
                }
                m_process.waitForFinished(50);
            }
            stop();
        }
        m_error = QStringLiteral("smtp-sink did not start");
        return false;
    }

    quint16 port() const { return m_port; }
    QString error() const { return m_error; }
    QByteArray standardError() { return m_process.readAllStandardError(); }

    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.closeWriteChannel();
            m_process.terminate();
            if (!m_process.waitForFinished(3000)) {
                m_process.kill();
                m_process.waitForFinished(3000);
            }
        }
        m_port = 0;
    }

    static quint16 freePort()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        return server.serverPort();
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

// A self-signed certificate (EC P-256) for CN 127.0.0.1, SAN IP:127.0.0.1 and DNS:localhost.
struct TestCertificate
{
    QString certPath;
    QString keyPath;
    QByteArray sha256; // raw, as SmtpSettings::trustedCertificateSha256 wants it

    static std::optional<TestCertificate> generate(const QString& dir, const QString& name = QStringLiteral("server"))
    {
        TestCertificate c;
        c.certPath = QDir(dir).filePath(name + QStringLiteral(".crt"));
        c.keyPath = QDir(dir).filePath(name + QStringLiteral(".key"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"), QStringLiteral("-keyout"),
                       c.keyPath, QStringLiteral("-out"), c.certPath});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
            return std::nullopt;
        }
        const auto certificates = QSslCertificate::fromPath(c.certPath);
        if (certificates.isEmpty()) {
            return std::nullopt;
        }
        c.sha256 = certificates.first().digest(QCryptographicHash::Sha256);
        return c;
    }
};
