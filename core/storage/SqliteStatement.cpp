#include "core/storage/SqliteStatement.h"

#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace {

sqlite3* handleOf(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    return *static_cast<sqlite3* const*>(handle.constData());
}

} // namespace

SqliteStatement::SqliteStatement(sqlite3* db, sqlite3_stmt* statement, const char* doing)
    : m_db(db)
    , m_statement(statement)
    , m_doing(doing)
{}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

Result<std::unique_ptr<SqliteStatement>> SqliteStatement::prepare(const QSqlDatabase& db, const QString& sql,
                                                                  const char* doing)
{
    sqlite3* handle = handleOf(db);
    if (!handle) {
        return sqliteError(SQLITE_MISUSE, QStringLiteral("not a SQLite connection"), doing);
    }
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt* statement = nullptr;
    const int rc =
        sqlite3_prepare_v3(handle, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) {
        return sqliteError(sqlite3_extended_errcode(handle), QString::fromUtf8(sqlite3_errmsg(handle)), doing);
    }
    return std::unique_ptr<SqliteStatement>(new SqliteStatement(handle, statement, doing));
}

void SqliteStatement::bindText(int index, const QString& value)
{
    // A null QString has no characters to point at; SQLite would read a null pointer as NULL.
    static const char16_t empty[] = u"";
    const void* data = value.isEmpty() ? static_cast<const void*>(empty) : static_cast<const void*>(value.utf16());
    sqlite3_bind_text16(m_statement, index, data, int(value.size() * sizeof(char16_t)), SQLITE_STATIC);
}

void SqliteStatement::bindInt(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

Result<bool> SqliteStatement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    Error error = sqliteError(sqlite3_extended_errcode(m_db), QString::fromUtf8(sqlite3_errmsg(m_db)), m_doing);
    sqlite3_reset(m_statement);
    return error;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
}

qint64 SqliteStatement::columnInt(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString SqliteStatement::columnText(int column) const
{
    // UTF-16 as QString holds it; the byte count is asked after the text, as SQLite wants.
    const void* text = sqlite3_column_text16(m_statement, column);
    const int bytes = sqlite3_column_bytes16(m_statement, column);
    return text ? QString(static_cast<const QChar*>(text), bytes / int(sizeof(QChar))) : QString();
}

qint64 SqliteStatement::changes() const
{
    return sqlite3_changes(m_db);
}

qint64 SqliteStatement::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}
