#include "core/campaigns/SegmentRepository.h"

#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace {

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

const QString kSelect = QStringLiteral("SELECT id, name, rules, created_at, updated_at FROM segments");

// Rules as stored, read without the workspace: the structure and values are checked, the
// fields, tags and lists they name are checked when the segment is used.
Result<Segment> readSegment(const QSqlQuery& q)
{
    const QString name = q.value(1).toString();
    auto segment = Segment::parseRules(q.value(2).toString().toUtf8());
    if (!segment) {
        return Error{segment.error().code,
                     QCoreApplication::translate("SegmentRepository", "The segment \"%1\" is damaged: %2")
                         .arg(name, segment.error().message)};
    }
    Segment s = std::move(segment).value();
    s.id = q.value(0).toLongLong();
    s.name = name;
    s.createdAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    s.updatedAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    return s;
}

} // namespace

SegmentRepository::SegmentRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

Status SegmentRepository::validateName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("SegmentRepository", "A segment needs a name.")};
    }
    if (trimmed.size() > 100) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("SegmentRepository", "The segment name \"%1\" is longer than 100 characters.")
                .arg(trimmed.left(40) + QStringLiteral("…"))};
    }
    for (QChar c : trimmed) {
        if (c.category() == QChar::Other_Control) {
            return Error{ErrorCode::InvalidInput,
                         QCoreApplication::translate("SegmentRepository",
                                                     "The segment name \"%1\" contains a control character.")
                             .arg(trimmed)};
        }
    }
    return Ok{};
}

Status SegmentRepository::validateForSave(const Segment& segment)
{
    if (auto s = validateName(segment.name); !s) {
        return s;
    }
    auto schema = SegmentSchema::load(m_db);
    if (!schema) {
        return schema.error();
    }
    if (auto s = segment.validate(*schema); !s) {
        return Error{s.error().code, QCoreApplication::translate("SegmentRepository", "The segment \"%1\": %2")
                                         .arg(segment.name.trimmed(), s.error().message)};
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name FROM segments WHERE name = ? AND id <> ?"));
    q.addBindValue(segment.name.trimmed());
    q.addBindValue(segment.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "look up a segment"));
    }
    if (q.next()) {
        return Error{ErrorCode::Duplicate,
                     QCoreApplication::translate("SegmentRepository", "A segment named \"%1\" already exists.")
                         .arg(q.value(0).toString())};
    }
    return Ok{};
}

Result<QVector<Segment>> SegmentRepository::all()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(kSelect + QStringLiteral(" ORDER BY name COLLATE NOCASE"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the segments"));
    }
    QVector<Segment> out;
    while (q.next()) {
        auto segment = readSegment(q);
        if (!segment) {
            return segment.error();
        }
        out.append(std::move(segment).value());
    }
    return out;
}

Result<Segment> SegmentRepository::findWhere(const QString& where, const QVariant& key, const QString& notFound)
{
    QSqlQuery q(m_db);
    q.prepare(kSelect + QStringLiteral(" WHERE ") + where);
    q.addBindValue(key);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "look up a segment"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound, notFound};
    }
    return readSegment(q);
}

Result<Segment> SegmentRepository::find(qint64 id)
{
    return findWhere(QStringLiteral("id = ?"), id,
                     QCoreApplication::translate("SegmentRepository", "There is no segment with id %1.").arg(id));
}

Result<Segment> SegmentRepository::findByName(const QString& name)
{
    return findWhere(
        QStringLiteral("name = ?"), name.trimmed(),
        QCoreApplication::translate("SegmentRepository", "There is no segment named \"%1\".").arg(name.trimmed()));
}

Result<qint64> SegmentRepository::create(const Segment& segment)
{
    Segment fresh = segment;
    fresh.id = 0;
    if (auto s = validateForSave(fresh); !s) {
        return s.error();
    }
    const QString now = nowIso();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO segments (name, rules, created_at, updated_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(segment.name.trimmed());
    q.addBindValue(QString::fromUtf8(segment.rulesJson()));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save a segment"));
    }
    return q.lastInsertId().toLongLong();
}

Status SegmentRepository::update(const Segment& segment)
{
    if (auto existing = find(segment.id); !existing && existing.error().code == ErrorCode::NotFound) {
        return existing.error();
    }
    if (auto s = validateForSave(segment); !s) {
        return s;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE segments SET name = ?, rules = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(segment.name.trimmed());
    q.addBindValue(QString::fromUtf8(segment.rulesJson()));
    q.addBindValue(nowIso());
    q.addBindValue(segment.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save a segment"));
    }
    return Ok{};
}

Status SegmentRepository::remove(qint64 id)
{
    auto segment = find(id);
    if (!segment && segment.error().code == ErrorCode::NotFound) {
        return segment.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name FROM campaigns WHERE segment_id = ? ORDER BY name"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete a segment"));
    }
    QStringList users;
    while (q.next()) {
        users << QStringLiteral("\"%1\"").arg(q.value(0).toString());
    }
    if (!users.isEmpty()) {
        const QString name = segment ? segment->name : QString::number(id);
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate(
                         "SegmentRepository",
                         "The segment \"%1\" is used by %n campaign(s) (%2); choose another audience for them first.",
                         nullptr, int(users.size()))
                         .arg(name, users.join(QStringLiteral(", ")))};
    }
    q.prepare(QStringLiteral("DELETE FROM segments WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete a segment"));
    }
    return Ok{};
}
