#pragma once

#include "core/Result.h"

#include <QSqlDatabase>

// RAII transaction: rolls back unless commit() succeeded. Writers begin with
// BEGIN IMMEDIATE so two writers queue on the busy timeout instead of failing
// later with "database is locked" when a read lock cannot be upgraded.
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
    QSqlDatabase m_db;
    bool m_active = false;
};
