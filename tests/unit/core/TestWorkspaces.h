#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QString>

// Small helpers shared by the core tests.
inline QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}
