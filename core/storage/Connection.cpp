#include "core/storage/Connection.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("mailroom-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Result<Connection> Connection::open(const QString& path, Mode mode)
{
    const QString name = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
        if (mode == Mode::ReadOnly) {
            options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        }
        db.setConnectOptions(options);
        if (!db.open()) {
            const QString why = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return Error{ErrorCode::Database,
                         QCoreApplication::translate("Connection", "Cannot open the workspace %1: %2").arg(path, why)};
        }
        QSqlQuery q(db);
        // Foreign keys are per connection in SQLite; WAL is per file but cheap to assert.
        const char* pragmas[] = {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL",
                                 "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -32000"};
        for (const char* pragma : pragmas) {
            if (!q.exec(QString::fromLatin1(pragma))) {
                const QString why = q.lastError().text();
                q = QSqlQuery();
                db.close();
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(name);
                return Error{ErrorCode::WorkspaceCorrupt,
                             QCoreApplication::translate("Connection", "%1 is not a readable Mailroom workspace: %2")
                                 .arg(path, why)};
            }
        }
    }
    return Connection(name);
}

Connection::Connection(QString name)
    : m_name(std::move(name))
{}

Connection::Connection(Connection&& other) noexcept
    : m_name(std::move(other.m_name))
{
    other.m_name.clear();
}

Connection& Connection::operator=(Connection&& other) noexcept
{
    if (this != &other) {
        close();
        m_name = std::move(other.m_name);
        other.m_name.clear();
    }
    return *this;
}

Connection::~Connection()
{
    close();
}

QSqlDatabase Connection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

void Connection::close()
{
    if (m_name.isEmpty()) {
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isValid()) {
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_name);
    m_name.clear();
}
