#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

Error sqlError(const QSqlQuery& query, const char* doing)
{
    const QSqlError err = query.lastError();
    return sqliteError(err.nativeErrorCode().toInt(), err.text(), doing);
}

Error sqliteError(int resultCode, const QString& text, const char* doing)
{
    // Call sites mark `doing` with QT_TRANSLATE_NOOP("SqlError", ...), so it translates here.
    const QString what = QCoreApplication::translate("SqlError", doing);
    // SQLite primary result codes: 5 BUSY, 6 LOCKED, 8 READONLY, 11 CORRUPT, 13 FULL, 26 NOTADB.
    const int code = resultCode & 0xff;
    switch (code) {
    case 5:
    case 6:
        return {ErrorCode::WorkspaceLocked,
                QCoreApplication::translate(
                    "SqlError", "The workspace is busy in another program; could not %1. Try again in a moment.")
                    .arg(what)};
    case 8:
        return {ErrorCode::WorkspaceReadOnly,
                QCoreApplication::translate("SqlError", "The workspace is read-only; could not %1.").arg(what)};
    case 11:
    case 26:
        return {ErrorCode::WorkspaceCorrupt,
                QCoreApplication::translate("SqlError", "The workspace file is damaged; could not %1 (%2).")
                    .arg(what, text)};
    case 13:
        return {ErrorCode::Database,
                QCoreApplication::translate("SqlError", "The disk is full; could not %1.").arg(what)};
    default:
        return {ErrorCode::Database, QCoreApplication::translate("SqlError", "Could not %1: %2").arg(what, text)};
    }
}
