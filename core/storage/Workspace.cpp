#include "core/storage/Workspace.h"

#include "core/storage/Migrations.h"
#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlQuery>
#include <QStandardPaths>

namespace {

QString lockPathFor(const QString& path)
{
    return path + QStringLiteral(".lock");
}

// Checks the 16-byte SQLite header ourselves so a stray spreadsheet or a truncated
// download gets a plain message before the driver reports "file is not a database".
Status checkHeader(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{
            ErrorCode::WorkspaceReadOnly,
            QCoreApplication::translate("Workspace", "Cannot read the workspace %1: %2").arg(path, file.errorString())};
    }
    const QByteArray header = file.read(16);
    if (header.isEmpty()) {
        return Error{
            ErrorCode::WorkspaceCorrupt,
            QCoreApplication::translate("Workspace", "%1 is an empty file, not a Mailroom workspace.").arg(path)};
    }
    if (header != QByteArray("SQLite format 3\0", 16)) {
        return Error{ErrorCode::WorkspaceCorrupt,
                     QCoreApplication::translate(
                         "Workspace", "%1 is not a Mailroom workspace (it is not a database file, or it is damaged).")
                         .arg(path)};
    }
    return Ok{};
}

Result<std::unique_ptr<QLockFile>> takeLock(const QString& path, int timeoutMs)
{
    auto lock = std::make_unique<QLockFile>(lockPathFor(path));
    // A lock left by a crashed Mailroom is stale as soon as its process is gone; QLockFile
    // checks the PID, so no time-based staleness is needed.
    lock->setStaleLockTime(0);
    if (lock->tryLock(timeoutMs)) {
        return lock;
    }
    if (lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString app;
        lock->getLockInfo(&pid, &host, &app);
        return Error{
            ErrorCode::WorkspaceLocked,
            QCoreApplication::translate(
                "Workspace", "The workspace %1 is open in another Mailroom (process %2 on %3). Close it there first.")
                .arg(path)
                .arg(pid)
                .arg(host.isEmpty() ? QCoreApplication::translate("Workspace", "this computer") : host)};
    }
    return Error{ErrorCode::WorkspaceReadOnly,
                 QCoreApplication::translate("Workspace", "Cannot lock the workspace %1: its folder is not writable.")
                     .arg(path)};
}

} // namespace

Workspace::Workspace(QString path, std::unique_ptr<QLockFile> lock, Connection connection, bool readOnly)
    : m_path(std::move(path))
    , m_lock(std::move(lock))
    , m_connection(std::move(connection))
    , m_readOnly(readOnly)
{}

Workspace::~Workspace() = default;

QString Workspace::defaultDirectory()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(dir).filePath(QStringLiteral("Mailroom"));
}

QString Workspace::demoPath()
{
    return QDir(defaultDirectory()).filePath(QStringLiteral("demo.mailroom"));
}

Result<std::unique_ptr<Workspace>> Workspace::create(const QString& path, int lockTimeoutMs)
{
    const QFileInfo info(path);
    if (info.exists()) {
        return Error{ErrorCode::WorkspaceExists,
                     QCoreApplication::translate(
                         "Workspace",
                         "%1 already exists; Mailroom will not overwrite it. Open it instead, or choose another name.")
                         .arg(path)};
    }
    if (!QDir().mkpath(info.absolutePath())) {
        return Error{ErrorCode::WorkspaceReadOnly,
                     QCoreApplication::translate("Workspace", "Cannot create the folder %1.").arg(info.absolutePath())};
    }
    return openChecked(info.absoluteFilePath(), lockTimeoutMs, true);
}

Status Workspace::checkExisting(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return Error{ErrorCode::WorkspaceMissing,
                     QCoreApplication::translate(
                         "Workspace",
                         "There is no workspace at %1. Create one with \"mailroom-cli init\" or File > New Workspace.")
                         .arg(path)};
    }
    if (info.isDir()) {
        return Error{
            ErrorCode::WorkspaceMissing,
            QCoreApplication::translate("Workspace", "%1 is a folder, not a Mailroom workspace file.").arg(path)};
    }
    return checkHeader(path);
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString& path, int lockTimeoutMs)
{
    if (auto exists = checkExisting(path); !exists) {
        return exists.error();
    }
    const QFileInfo info(path);
    // The permission bits count even for root: a file its owner marked read-only is not ours to write.
    const bool writable = info.isWritable() && (info.permissions() & QFileDevice::WriteOwner);
    if (!writable || !QFileInfo(info.absolutePath()).isWritable()) {
        return Error{ErrorCode::WorkspaceReadOnly,
                     QCoreApplication::translate(
                         "Workspace",
                         "The workspace %1 is read-only. Mailroom needs to write to the file and its folder; "
                         "check their permissions or copy the workspace somewhere writable.")
                         .arg(path)};
    }
    return openChecked(info.absoluteFilePath(), lockTimeoutMs, false);
}

Result<int> Workspace::probeVersion(const QString& path)
{
    auto probe = Connection::open(path, Connection::Mode::ReadOnly);
    if (!probe) {
        return probe.error();
    }
    const Result<int> version = Migrations::currentVersion(probe->database());
    if (!version) {
        return version.error();
    }
    if (version.value() == 0) {
        return Error{
            ErrorCode::WorkspaceCorrupt,
            QCoreApplication::translate("Workspace", "%1 is an empty database, not a Mailroom workspace.").arg(path)};
    }
    if (version.value() > Migrations::latestVersion()) {
        return Error{ErrorCode::WorkspaceTooNew,
                     QCoreApplication::translate(
                         "Workspace",
                         "The workspace %1 was made by a newer Mailroom (schema %2; this version reads up to %3). "
                         "Update Mailroom to open it; this file was not changed.")
                         .arg(path)
                         .arg(version.value())
                         .arg(Migrations::latestVersion())};
    }
    return version.value();
}

Result<std::unique_ptr<Workspace>> Workspace::openChecked(const QString& path, int lockTimeoutMs, bool creating)
{
    auto lock = takeLock(path, lockTimeoutMs);
    if (!lock) {
        return lock.error();
    }
    if (creating && QFileInfo::exists(path)) {
        return Error{
            ErrorCode::WorkspaceExists,
            QCoreApplication::translate("Workspace", "%1 already exists; Mailroom will not overwrite it.").arg(path)};
    }

    // Look before touching: a newer or foreign file is refused from a read-only connection.
    if (!creating) {
        if (auto version = probeVersion(path); !version) {
            return version.error();
        }
    }

    auto connection = Connection::open(path);
    if (!connection) {
        return connection.error();
    }
    QSqlQuery q(connection->database());
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "switch the workspace to write-ahead logging"));
    }
    q.finish();
    if (auto migrated = Migrations::migrate(connection->database()); !migrated) {
        return migrated.error();
    }
    return std::unique_ptr<Workspace>(
        new Workspace(path, std::move(lock).value(), std::move(connection).value(), false));
}

Result<std::unique_ptr<Workspace>> Workspace::openForReading(const QString& path)
{
    if (auto exists = checkExisting(path); !exists) {
        return exists.error();
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    auto version = probeVersion(absolute);
    if (!version) {
        return version.error();
    }
    if (version.value() < Migrations::latestVersion()) {
        return Error{ErrorCode::WorkspaceNeedsUpgrade,
                     QCoreApplication::translate("Workspace",
                                                 "The workspace %1 was made by an older Mailroom and must be upgraded "
                                                 "first: open it in Mailroom, or run a command that changes it.")
                         .arg(path)};
    }
    auto connection = Connection::open(absolute, Connection::Mode::ReadOnly);
    if (!connection) {
        return connection.error();
    }
    return std::unique_ptr<Workspace>(new Workspace(absolute, nullptr, std::move(connection).value(), true));
}

Result<Connection> Workspace::openConnection() const
{
    return Connection::open(m_path, m_readOnly ? Connection::Mode::ReadOnly : Connection::Mode::ReadWrite);
}
