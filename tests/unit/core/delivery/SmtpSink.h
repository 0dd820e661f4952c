#pragma once

// Postfix's smtp-sink (SmtpTestServer::startSmtpSink) told to dump each message, envelope first,
// to a file of its own, so a test can count what every recipient really received.

#include "tests/unit/core/smtp/SmtpTestServer.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QString>
#include <QStringList>

class SmtpSink
{
public:
    // dumpDir: an empty folder of its own (made writable for the sink's unprivileged user).
    bool start(const QString& dumpDir)
    {
        m_dir = dumpDir;
        QDir().mkpath(dumpDir);
        const auto everyone = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                              QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                              QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QFile::setPermissions(dumpDir, everyone);
        // Every folder above must let the sink's user through.
        for (QDir up(dumpDir); up.cdUp() && up.path() != QLatin1String("/");) {
            QFile::setPermissions(up.path(), QFile::permissions(up.path()) | QFileDevice::ExeOther);
        }
        return m_server.startSmtpSink({QStringLiteral("-d"), m_dir + QStringLiteral("/%H%M%S.")});
    }

    void stop() { m_server.stop(); }
    quint16 port() const { return m_server.port(); }
    QString error() const { return m_server.error(); }

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
    SmtpTestServer m_server;
};
