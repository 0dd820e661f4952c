#pragma once

#include <QMetaType>
#include <QString>

// Tags and static lists behave alike (named sets of contacts with member counts),
// so one repository serves both.
enum class GroupKind { Tag, List };

struct Group
{
    qint64 id = 0;
    QString name;
    qint64 memberCount = 0;
};

Q_DECLARE_METATYPE(Group)
