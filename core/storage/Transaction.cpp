#include "core/storage/Transaction.h"

#include "core/storage/SqlError.h"

#include <QSqlQuery>

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{}

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::begin()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "begin a transaction"));
    }
    m_active = true;
    return Ok{};
}

Status Transaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "commit"));
    }
    m_active = false;
    return Ok{};
}

void Transaction::rollback()
{
    if (m_active) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK"));
        m_active = false;
    }
}
