#include "core/contacts/CustomFieldRepository.h"

#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace {

CustomField readField(const QSqlQuery& q)
{
    return CustomField{q.value(0).toLongLong(), q.value(1).toString(), static_cast<FieldType>(q.value(2).toInt())};
}

} // namespace

CustomFieldRepository::CustomFieldRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<QVector<CustomField>> CustomFieldRepository::all()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, name, type FROM custom_fields ORDER BY name COLLATE NOCASE"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the custom fields"));
    }
    QVector<CustomField> fields;
    while (q.next()) {
        fields.append(readField(q));
    }
    return fields;
}

Result<CustomField> CustomFieldRepository::findByName(const QString& name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, name, type FROM custom_fields WHERE name = ?"));
    q.addBindValue(name.trimmed());
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "look up a custom field"));
    }
    if (!q.next()) {
        return Error{ErrorCode::UnknownField,
                     QCoreApplication::translate("CustomFieldRepository", "There is no custom field named \"%1\".")
                         .arg(name.trimmed())};
    }
    return readField(q);
}

Result<qint64> CustomFieldRepository::create(const QString& name, FieldType type)
{
    const QString trimmed = name.trimmed();
    if (auto valid = validateFieldName(trimmed); !valid) {
        return valid.error();
    }
    if (findByName(trimmed).ok()) {
        return Error{ErrorCode::Duplicate,
                     QCoreApplication::translate("CustomFieldRepository", "A custom field named \"%1\" already exists.")
                         .arg(trimmed)};
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO custom_fields (name, type) VALUES (?, ?)"));
    q.addBindValue(trimmed);
    q.addBindValue(static_cast<int>(type));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "create a custom field"));
    }
    return q.lastInsertId().toLongLong();
}

Status CustomFieldRepository::remove(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM custom_fields WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete a custom field"));
    }
    return Ok{};
}
