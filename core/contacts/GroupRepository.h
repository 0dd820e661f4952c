#pragma once

#include "core/Result.h"
#include "core/contacts/Group.h"

#include <QSqlDatabase>
#include <QVector>

// Tags or lists (chosen at construction): names, member counts, create / rename / delete.
class GroupRepository
{
public:
    GroupRepository(QSqlDatabase db, GroupKind kind);

    Result<QVector<Group>> all(); // sorted by name, with member counts
    Result<Group> findByName(const QString& name);
    Result<qint64> create(const QString& name);
    Status rename(qint64 id, const QString& newName);
    Status remove(qint64 id);

    static Status validateName(GroupKind kind, const QString& name);

private:
    QSqlDatabase m_db;
    GroupKind m_kind;
};
