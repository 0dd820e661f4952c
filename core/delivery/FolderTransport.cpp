#include "core/delivery/FolderTransport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

Result<FolderTransport> FolderTransport::open(const QString& folder)
{
    if (folder.trimmed().isEmpty()) {
        return Error{ErrorCode::InvalidInput, QCoreApplication::translate("FolderTransport", "No folder was given.")};
    }
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir()) {
        return Error{ErrorCode::FileError,
                     QCoreApplication::translate("FolderTransport", "%1 is a file, not a folder.").arg(folder)};
    }
    if (!QDir().mkpath(folder)) {
        return Error{ErrorCode::FileError,
                     QCoreApplication::translate("FolderTransport", "Cannot create the folder %1.").arg(folder)};
    }
    return FolderTransport(QFileInfo(folder).absoluteFilePath());
}

Result<QString> FolderTransport::deliver(qint64 contactId, const QString& address, const QByteArray& message) const
{
    // Only characters every file system takes; the id keeps two addresses apart anyway.
    QString safe;
    for (QChar c : address.left(100)) {
        safe +=
            (c.unicode() < 128 && (c.isLetterOrNumber() || QStringLiteral("@.-_+").contains(c))) ? c : QLatin1Char('_');
    }
    const QString path = QDir(m_folder).filePath(QStringLiteral("%1-%2.eml").arg(contactId).arg(safe));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(message) != message.size() || !file.commit()) {
        return Error{
            ErrorCode::FileError,
            QCoreApplication::translate("FolderTransport", "Cannot write %1: %2").arg(path, file.errorString())};
    }
    return path;
}
