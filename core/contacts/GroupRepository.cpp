#include "core/contacts/GroupRepository.h"

#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace {

struct Tables
{
    QString groups;
    QString members;
    QString memberKey;
};

Tables tablesFor(GroupKind kind)
{
    if (kind == GroupKind::Tag) {
        return {QStringLiteral("tags"), QStringLiteral("contact_tags"), QStringLiteral("tag_id")};
    }
    return {QStringLiteral("lists"), QStringLiteral("list_members"), QStringLiteral("list_id")};
}

// Whole sentences per kind, never a "%1" for the word tag/list: other languages inflect
// the sentence around the noun (German: "Ein Tag ...", "Eine Liste ...").
QString byKind(GroupKind kind, const char* tagText, const char* listText)
{
    return QCoreApplication::translate("GroupRepository", kind == GroupKind::Tag ? tagText : listText);
}

} // namespace

GroupRepository::GroupRepository(QSqlDatabase db, GroupKind kind)
    : m_db(std::move(db))
    , m_kind(kind)
{}

Status GroupRepository::validateName(GroupKind kind, const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return Error{ErrorCode::InvalidInput, byKind(kind, QT_TRANSLATE_NOOP("GroupRepository", "A tag needs a name."),
                                                     QT_TRANSLATE_NOOP("GroupRepository", "A list needs a name."))};
    }
    if (trimmed.size() > 100) {
        return Error{ErrorCode::InvalidInput,
                     byKind(kind,
                            QT_TRANSLATE_NOOP("GroupRepository", "The tag name \"%1\" is longer than 100 characters."),
                            QT_TRANSLATE_NOOP("GroupRepository", "The list name \"%1\" is longer than 100 characters."))
                         .arg(trimmed.left(40) + QStringLiteral("…"))};
    }
    for (QChar c : trimmed) {
        if (c.category() == QChar::Other_Control) {
            return Error{
                ErrorCode::InvalidInput,
                byKind(kind, QT_TRANSLATE_NOOP("GroupRepository", "The tag name \"%1\" contains a control character."),
                       QT_TRANSLATE_NOOP("GroupRepository", "The list name \"%1\" contains a control character."))
                    .arg(trimmed)};
        }
    }
    // The editor, the CLI and CSV files all separate tags and lists with commas.
    if (trimmed.contains(QLatin1Char(','))) {
        return Error{ErrorCode::InvalidInput,
                     byKind(kind,
                            QT_TRANSLATE_NOOP("GroupRepository",
                                              "The tag \"%1\" contains a comma; tags are separated by commas."),
                            QT_TRANSLATE_NOOP("GroupRepository",
                                              "The list \"%1\" contains a comma; lists are separated by commas."))
                         .arg(trimmed)};
    }
    return Ok{};
}

Result<QVector<Group>> GroupRepository::all()
{
    const Tables t = tablesFor(m_kind);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT g.id, g.name, (SELECT count(*) FROM %1 m WHERE m.%2 = g.id)"
                                       " FROM %3 g ORDER BY g.name COLLATE NOCASE")
                            .arg(t.members, t.memberKey, t.groups);
    if (!q.exec(sql)) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the tags and lists"));
    }
    QVector<Group> groups;
    while (q.next()) {
        groups.append(Group{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()});
    }
    return groups;
}

Result<Group> GroupRepository::findByName(const QString& name)
{
    const Tables t = tablesFor(m_kind);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT g.id, g.name, (SELECT count(*) FROM %1 m WHERE m.%2 = g.id)"
                             " FROM %3 g WHERE g.name = ?")
                  .arg(t.members, t.memberKey, t.groups));
    q.addBindValue(name.trimmed());
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "look up a tag or list"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     byKind(m_kind, QT_TRANSLATE_NOOP("GroupRepository", "There is no tag named \"%1\"."),
                            QT_TRANSLATE_NOOP("GroupRepository", "There is no list named \"%1\"."))
                         .arg(name.trimmed())};
    }
    return Group{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()};
}

Result<qint64> GroupRepository::ensure(const QString& name, const QDateTime& createdAt)
{
    if (auto valid = validateName(m_kind, name); !valid) {
        return valid.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM %1 WHERE name = ?").arg(tablesFor(m_kind).groups));
    q.addBindValue(name.trimmed());
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "look up a tag or list"));
    }
    if (q.next()) {
        return q.value(0).toLongLong();
    }
    return insert(name.trimmed(), createdAt.isValid() ? createdAt : QDateTime::currentDateTimeUtc());
}

Result<qint64> GroupRepository::insert(const QString& name, const QDateTime& createdAt)
{
    QSqlQuery q(m_db);
    if (m_kind == GroupKind::Tag) {
        q.prepare(QStringLiteral("INSERT INTO tags (name) VALUES (?)"));
        q.addBindValue(name);
    } else {
        q.prepare(QStringLiteral("INSERT INTO lists (name, created_at) VALUES (?, ?)"));
        q.addBindValue(name);
        q.addBindValue(createdAt.toUTC().toString(Qt::ISODateWithMs));
    }
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "create a tag or list"));
    }
    return q.lastInsertId().toLongLong();
}

Result<qint64> GroupRepository::create(const QString& name)
{
    if (auto valid = validateName(m_kind, name); !valid) {
        return valid.error();
    }
    if (findByName(name).ok()) {
        return Error{ErrorCode::Duplicate,
                     byKind(m_kind, QT_TRANSLATE_NOOP("GroupRepository", "A tag named \"%1\" already exists."),
                            QT_TRANSLATE_NOOP("GroupRepository", "A list named \"%1\" already exists."))
                         .arg(name.trimmed())};
    }
    return insert(name.trimmed(), QDateTime::currentDateTimeUtc());
}

Status GroupRepository::remove(qint64 id)
{
    const Tables t = tablesFor(m_kind);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(t.groups));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete a tag or list"));
    }
    return Ok{};
}
