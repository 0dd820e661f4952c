#pragma once

#include "core/Result.h"

#include <QSqlDatabase>

// RAII transaction: rolls back unless commit() succeeded. Writers begin with
// BEGIN IMMEDIATE so two writers queue on the busy timeout instead of failing
// later with "database is locked" when a read lock cannot be upgraded. A Transaction begun
// while another is open on the same connection is a savepoint inside it: it commits into
// the outer transaction, and its rollback undoes only its own work.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status begin();
    Status commit();
    void rollback();

private:
    void finish();

    QSqlDatabase m_db;
    int m_depth = 0; // 0: the outermost transaction
    bool m_active = false;
};
