#include "core/storage/Transaction.h"

#include "core/storage/SqlError.h"

#include <QHash>
#include <QSqlQuery>

namespace {

// How many Transactions are open on each connection of this thread (connections are per
// thread, so no lock is needed). The outermost one is a real transaction; inner ones are
// savepoints, so a repository write can run inside an import's single transaction.
QHash<QString, int>& openDepths()
{
    thread_local QHash<QString, int> depths;
    return depths;
}

} // namespace

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{}

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::begin()
{
    int& depth = openDepths()[m_db.connectionName()];
    QSqlQuery q(m_db);
    const QString sql = depth == 0 ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("SAVEPOINT tx%1").arg(depth);
    if (!q.exec(sql)) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "begin a transaction"));
    }
    m_depth = depth++;
    m_active = true;
    return Ok{};
}

Status Transaction::commit()
{
    QSqlQuery q(m_db);
    const QString sql = m_depth == 0 ? QStringLiteral("COMMIT") : QStringLiteral("RELEASE tx%1").arg(m_depth);
    if (!q.exec(sql)) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "commit"));
    }
    finish();
    return Ok{};
}

void Transaction::rollback()
{
    if (m_active) {
        QSqlQuery q(m_db);
        if (m_depth == 0) {
            q.exec(QStringLiteral("ROLLBACK"));
        } else {
            q.exec(QStringLiteral("ROLLBACK TO tx%1").arg(m_depth));
            q.exec(QStringLiteral("RELEASE tx%1").arg(m_depth));
        }
        finish();
    }
}

void Transaction::finish()
{
    m_active = false;
    openDepths()[m_db.connectionName()] = m_depth;
}
