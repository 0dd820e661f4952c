#pragma once

#include "core/Result.h"
#include "core/contacts/CustomField.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>

// What a segment's conditions may refer to in one workspace: its custom fields (with their
// types, which decide how values compare), tags and lists. Read once per validation or query.
struct SegmentSchema
{
    QHash<qint64, CustomField> customFields;
    QSet<qint64> tagIds;
    QSet<qint64> listIds;

    static Result<SegmentSchema> load(QSqlDatabase db);
};
