#pragma once

#include "core/Result.h"
#include "core/campaigns/Segment.h"

#include <QSqlDatabase>
#include <QVector>

// Saved segments (the segments table). Names are unique ignoring case. Rules are validated
// against the workspace (fields, tags, lists) when saved; reading gives them back as stored,
// and AudienceQuery checks them again when it runs, so a segment naming a since-deleted tag
// says so instead of quietly matching nobody.
class SegmentRepository
{
public:
    explicit SegmentRepository(QSqlDatabase db);

    Result<QVector<Segment>> all(); // sorted by name
    Result<Segment> find(qint64 id);
    Result<Segment> findByName(const QString& name);
    // Returns the new id.
    Result<qint64> create(const Segment& segment);
    // Renames and/or replaces the rules of segment.id.
    Status update(const Segment& segment);
    // Refuses a segment a campaign still uses: deleting it would widen that campaign's audience.
    Status remove(qint64 id);

    static Status validateName(const QString& name);

private:
    Status validateForSave(const Segment& segment);
    Result<Segment> findWhere(const QString& where, const QVariant& key, const QString& notFound);

    QSqlDatabase m_db;
};
