#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

// A prepared statement run straight on the SQLite handle under a Qt SQL connection, for the
// few statements an import runs a million times. Qt SQL's binding (a QVariant and a
// placeholder name built per value) cost a fifth of the writer's time there; everywhere else
// QSqlQuery is the portable form and stays. A PostgreSQL workspace would import with COPY.
class SqliteStatement
{
public:
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // `doing` is marked with QT_TRANSLATE_NOOP("SqlError", ...), as for sqlError().
    static Result<std::unique_ptr<SqliteStatement>> prepare(const QSqlDatabase& db, const QString& sql,
                                                            const char* doing);

    // Parameters count from 1. The string is not copied: it must live until step().
    void bindText(int index, const QString& value);
    void bindInt(int index, qint64 value);
    void bindNull(int index);

    // Runs the statement to its next row: true when there is one, false when it is done.
    Result<bool> step();
    // Ready to bind and run again.
    void reset();

    qint64 columnInt(int column) const;
    QString columnText(int column) const;
    qint64 changes() const;
    qint64 lastInsertId() const;

private:
    SqliteStatement(sqlite3* db, sqlite3_stmt* statement, const char* doing);

    sqlite3* m_db;
    sqlite3_stmt* m_statement;
    const char* m_doing;
};
