#include "core/campaigns/SegmentSchema.h"

#include "core/storage/SqlError.h"

#include <QSqlQuery>
#include <QVariant>

Result<SegmentSchema> SegmentSchema::load(QSqlDatabase db)
{
    SegmentSchema schema;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, type FROM custom_fields"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the custom fields"));
    }
    while (q.next()) {
        const CustomField field{q.value(0).toLongLong(), q.value(1).toString(),
                                static_cast<FieldType>(q.value(2).toInt())};
        schema.customFields.insert(field.id, field);
    }
    if (!q.exec(QStringLiteral("SELECT id FROM tags"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the tags and lists"));
    }
    while (q.next()) {
        schema.tagIds.insert(q.value(0).toLongLong());
    }
    if (!q.exec(QStringLiteral("SELECT id FROM lists"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the tags and lists"));
    }
    while (q.next()) {
        schema.listIds.insert(q.value(0).toLongLong());
    }
    return schema;
}
