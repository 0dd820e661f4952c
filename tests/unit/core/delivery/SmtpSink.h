#pragma once

// Postfix's smtp-sink (Debian: postfix) as a test's SMTP server: it accepts everything on
// 127.0.0.1 at a free port and dumps each message, envelope first, to a file of its own, so a
// test can count what every recipient really received.

#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <unistd.h>

class SmtpSink
{
public:
    ~SmtpSink() { stop(); }

    // dumpDir: an empty folder of its own (made writable for the sink's unprivileged user).
    bool start(const QString& dumpDir, int backlog = 256)
    {
        m_dir = dumpDir;
        QDir().mkpath(dumpDir);
        QFile::setPermissions(dumpDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                           QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther |
                                           QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup);
        // Every folder above must let the sink's user through.
        for (QDir up(dumpDir); up.cdUp() && up.path() != QLatin1String("/");) {
            QFile::setPermissions(up.path(), QFile::permissions(up.path()) | QFileDevice::ExeOther);
        }
        {
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost, 0)) {
                return false;
            }
            m_port = probe.serverPort();
        }
        QStringList args;
        if (::geteuid() == 0) {
            args << QStringLiteral("-u") << QStringLiteral("nobody"); // required when run as root
        }
        args << QStringLiteral("-d") << m_dir + QStringLiteral("/%H%M%S.") << QStringLiteral("127.0.0.1:%1").arg(m_port)
             << QString::number(backlog);
        m_process.start(QStringLiteral("/usr/sbin/smtp-sink"), args);
        if (!m_process.waitForStarted(5000)) {
            return false;
        }
        for (int i = 0; i < 100; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(200)) {
                return true;
            }
            QThread::msleep(50);
        }
        return false;
    }

    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }

    quint16 port() const { return m_port; }

    // The dumps of every message received so far.
    QStringList files() const { return QDir(m_dir).entryList(QDir::Files, QDir::Name); }

    // How many messages each recipient address got (from the envelope, "X-Rcpt-Args: <a@b>").
    QHash<QString, int> countsByRecipient() const
    {
        QHash<QString, int> counts;
        for (const QString& name : files()) {
            QFile f(m_dir + QLatin1Char('/') + name);
            if (!f.open(QIODevice::ReadOnly)) {
                continue;
            }
            while (!f.atEnd()) {
                const QByteArray line = f.readLine().trimmed();
                if (line.isEmpty()) {
                    break; // end of the envelope and headers
                }
                if (line.startsWith("X-Rcpt-Args: <")) {
                    const qsizetype end = line.indexOf('>');
                    counts[QString::fromUtf8(line.mid(14, end - 14)).toLower()] += 1;
                }
            }
        }
        return counts;
    }

    QByteArray message(const QString& fileName) const
    {
        QFile f(m_dir + QLatin1Char('/') + fileName);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private:
    QString m_dir;
    quint16 m_port = 0;
    QProcess m_process;
};
