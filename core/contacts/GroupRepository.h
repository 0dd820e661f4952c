#pragma once

#include "core/Result.h"
#include "core/contacts/Group.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QVector>

// Tags or lists (chosen at construction): names, member counts, create / delete.
class GroupRepository
{
public:
    GroupRepository(QSqlDatabase db, GroupKind kind);

    Result<QVector<Group>> all(); // sorted by name, with member counts
    Result<Group> findByName(const QString& name);
    Result<qint64> create(const QString& name);
    // The id of the group with this name (case-insensitively), created if there is none.
    // `createdAt` stamps a new list (default: now); tags have no timestamp.
    Result<qint64> ensure(const QString& name, const QDateTime& createdAt = {});
    Status remove(qint64 id);

    static Status validateName(GroupKind kind, const QString& name);

private:
    Result<qint64> insert(const QString& name, const QDateTime& createdAt);

    QSqlDatabase m_db;
    GroupKind m_kind;
};
