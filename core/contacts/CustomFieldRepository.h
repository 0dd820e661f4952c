#pragma once

#include "core/Result.h"
#include "core/contacts/CustomField.h"

#include <QSqlDatabase>
#include <QVector>

class CustomFieldRepository
{
public:
    explicit CustomFieldRepository(QSqlDatabase db);

    Result<QVector<CustomField>> all(); // sorted by name
    Result<CustomField> findByName(const QString& name);
    Result<qint64> create(const QString& name, FieldType type);
    Status remove(qint64 id); // drops every contact's value for it too

private:
    QSqlDatabase m_db;
};
