#pragma once

#include "core/Result.h"
#include "core/storage/Connection.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

class QLockFile;

// A workspace is one SQLite file holding a business's contacts. Opening one takes
// an exclusive lock file beside it (one Mailroom process at a time), refuses files
// that are missing, read-only, damaged or from a newer Mailroom without writing to
// them, and upgrades older schemas in a single transaction.
class Workspace
{
public:
    // lockTimeoutMs: how long to wait for another Mailroom to let go of the workspace.
    // Creates a new, empty workspace; fails if anything already exists at path.
    static Result<std::unique_ptr<Workspace>> create(const QString& path, int lockTimeoutMs = 0);
    // Opens an existing workspace; fails if there is none at path.
    static Result<std::unique_ptr<Workspace>> open(const QString& path, int lockTimeoutMs = 0);

    // Opens an existing workspace to read only, without taking the lock: a script can count or
    // search while the window has the workspace open (SQLite's WAL lets readers run beside
    // the writer). Refuses workspaces that need a schema upgrade, which only a writer may do.
    static Result<std::unique_ptr<Workspace>> openForReading(const QString& path);

    // Where workspaces live by default: the per-user data folder (~/.local/share/Mailroom on Linux).
    static QString defaultDirectory();
    static QString demoPath();

    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    QString path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    // The connection of the thread that opened the workspace. Other threads call openConnection().
    QSqlDatabase database() const { return m_connection.database(); }
    Result<Connection> openConnection() const;

private:
    Workspace(QString path, std::unique_ptr<QLockFile> lock, Connection connection, bool readOnly);
    static Status checkExisting(const QString& path);
    static Result<int> probeVersion(const QString& path);
    static Result<std::unique_ptr<Workspace>> openChecked(const QString& path, int lockTimeoutMs, bool creating);

    QString m_path;
    std::unique_ptr<QLockFile> m_lock; // null when opened for reading
    Connection m_connection;
    bool m_readOnly = false;
};
