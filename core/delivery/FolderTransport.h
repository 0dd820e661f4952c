#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

// The transport that writes each message as an .eml file into a folder, exactly the bytes SMTP
// would send: for demos, dry runs and tests of everything above SMTP. Files are written
// atomically (a reader never sees half a message) and named after the recipient, so sending
// a campaign again replaces its files instead of doubling them.
class FolderTransport
{
public:
    // The folder is created if missing; InvalidInput/FileError naming it when it cannot be used.
    static Result<FolderTransport> open(const QString& folder);

    // "<contact id>-<address made safe for a file name>.eml" in the folder.
    Result<QString> deliver(qint64 contactId, const QString& address, const QByteArray& message) const;

    QString folder() const { return m_folder; }

private:
    explicit FolderTransport(QString folder)
        : m_folder(std::move(folder))
    {}

    QString m_folder;
};
