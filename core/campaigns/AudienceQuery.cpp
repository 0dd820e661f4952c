#include "core/campaigns/AudienceQuery.h"

#include "core/campaigns/SuppressionList.h"
#include "core/storage/SqlError.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

namespace {

// The domain of an email key (everything after its only @), and that domain's parent.
const QString kDomain = QStringLiteral("substr(c.email_key, instr(c.email_key, '@') + 1)");
const QString kParentDomain = QStringLiteral("substr(%1, instr(%1, '.') + 1)")
                                  .arg(QStringLiteral("substr(c.email_key, instr(c.email_key, '@') + 1)"));

// 1 when the contact's address or domain is suppressed, else 0, testing only the kinds the
// list holds (most workspaces suppress few domains, many none).
//  - For a count (one pass over many contacts) the IN lists are built once per statement from
//    the (kind, pattern) index and probed per contact.
//  - For a page (a short walk from a contact id) each contact probes the index itself, so a
//    page does not rebuild a list of every suppressed address.
// The parent domains of a domain with two or more dots (a@mail.example.com) are walked only for
// such addresses (the GLOB is a cheap test), so example.com also suppresses its subdomains at
// little cost for the usual two-label domains.
QString suppressedCase(const SuppressionCounts& counts, bool perContactProbe)
{
    if (counts.emails == 0 && counts.domains == 0) {
        return QStringLiteral("0");
    }
    QString sql = QStringLiteral("CASE");
    if (counts.emails > 0) {
        sql += perContactProbe ? QStringLiteral(" WHEN EXISTS (SELECT 1 FROM suppressions s"
                                                " WHERE s.kind = 0 AND s.pattern = c.email_key) THEN 1")
                               : QStringLiteral(" WHEN c.email_key IN (SELECT pattern FROM suppressions"
                                                " WHERE kind = 0) THEN 1");
    }
    if (counts.domains > 0) {
        sql +=
            perContactProbe
                ? QStringLiteral(" WHEN EXISTS (SELECT 1 FROM suppressions s"
                                 " WHERE s.kind = 1 AND s.pattern = %1) THEN 1")
                      .arg(kDomain)
                : QStringLiteral(" WHEN %1 IN (SELECT pattern FROM suppressions WHERE kind = 1) THEN 1").arg(kDomain);
        sql += QStringLiteral(" WHEN c.email_key GLOB '*@*.*.*' AND EXISTS ("
                              "WITH RECURSIVE parents(d) AS (SELECT %1"
                              " UNION ALL SELECT substr(d, instr(d, '.') + 1) FROM parents WHERE instr(d, '.') > 0)"
                              " SELECT 1 FROM parents JOIN suppressions s ON s.kind = 1 AND s.pattern = parents.d)"
                              " THEN 1")
                   .arg(kParentDomain);
    }
    return sql + QStringLiteral(" ELSE 0 END");
}

QString placeholders(int n)
{
    QStringList marks;
    for (int i = 0; i < n; ++i) {
        marks << QStringLiteral("?");
    }
    return marks.join(QStringLiteral(", "));
}

QString likeEscaped(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (QChar ch : value) {
        if (ch == QLatin1Char('\\') || ch == QLatin1Char('%') || ch == QLatin1Char('_')) {
            out += QLatin1Char('\\');
        }
        out += ch;
    }
    return out;
}

QString columnSql(ContactColumn column)
{
    switch (column) {
    case ContactColumn::Email:
        return QStringLiteral("c.email");
    case ContactColumn::FirstName:
        return QStringLiteral("c.first_name");
    case ContactColumn::LastName:
        return QStringLiteral("c.last_name");
    case ContactColumn::Company:
        return QStringLiteral("c.company");
    case ContactColumn::Phone:
        return QStringLiteral("c.phone");
    case ContactColumn::Street:
        return QStringLiteral("c.street");
    case ContactColumn::City:
        return QStringLiteral("c.city");
    case ContactColumn::Region:
        return QStringLiteral("c.region");
    case ContactColumn::Postcode:
        return QStringLiteral("c.postcode");
    case ContactColumn::Country:
        return QStringLiteral("c.country");
    case ContactColumn::ConsentSource:
        return QStringLiteral("c.consent_source");
    case ContactColumn::ConsentDate:
        return QStringLiteral("c.consent_at");
    case ContactColumn::Notes:
        return QStringLiteral("c.notes");
    case ContactColumn::CreatedAt:
        return QStringLiteral("c.created_at");
    case ContactColumn::UpdatedAt:
        return QStringLiteral("c.updated_at");
    case ContactColumn::Status:
    case ContactColumn::Tags:
    case ContactColumn::Lists:
        break;
    }
    return QString();
}

// Builds one condition's SQL. `x` is the value expression: a contact column, or v.value inside
// an EXISTS over the custom field's values (see wrap()).
class ConditionSql
{
public:
    ConditionSql(const QDateTime& now, QVariantList& binds)
        : m_now(now)
        , m_binds(binds)
    {}

    // A positive predicate on x, and whether the condition is its negation.
    struct Predicate
    {
        QString sql;
        bool negated = false;
    };

    Predicate text(const QString& x, SegmentOperator op, const QString& value)
    {
        using Op = SegmentOperator;
        const QString v = value.trimmed();
        switch (op) {
        case Op::Is:
        case Op::IsNot:
            m_binds << v;
            return {x + QStringLiteral(" = ? COLLATE NOCASE"), op == Op::IsNot};
        case Op::Contains:
        case Op::DoesNotContain:
            m_binds << QStringLiteral("%") + likeEscaped(v) + QStringLiteral("%");
            return {x + QStringLiteral(" LIKE ? ESCAPE '\\'"), op == Op::DoesNotContain};
        case Op::StartsWith:
            m_binds << likeEscaped(v) + QStringLiteral("%");
            return {x + QStringLiteral(" LIKE ? ESCAPE '\\'")};
        case Op::EndsWith:
            m_binds << QStringLiteral("%") + likeEscaped(v);
            return {x + QStringLiteral(" LIKE ? ESCAPE '\\'")};
        default:
            return emptiness(x, op);
        }
    }

    Predicate number(const QString& x, SegmentOperator op, const QString& value)
    {
        using Op = SegmentOperator;
        const char* cmp = nullptr;
        switch (op) {
        case Op::Equal:
        case Op::NotEqual:
            cmp = "=";
            break;
        case Op::Less:
            cmp = "<";
            break;
        case Op::LessOrEqual:
            cmp = "<=";
            break;
        case Op::Greater:
            cmp = ">";
            break;
        case Op::GreaterOrEqual:
            cmp = ">=";
            break;
        default:
            return emptiness(x, op);
        }
        m_binds << value.trimmed().toDouble();
        // Custom values are stored as canonical decimal text ("1234.5", "1e+20"), which CAST reads back.
        return {QStringLiteral("(%1 <> '' AND CAST(%1 AS REAL) %2 ?)").arg(x, QLatin1String(cmp)), op == Op::NotEqual};
    }

    // A plain date (YYYY-MM-DD text): the consent date and custom date fields.
    Predicate date(const QString& x, SegmentOperator op, const QString& value, int days)
    {
        using Op = SegmentOperator;
        const QDate today = m_now.toLocalTime().date();
        const QString v = QDate::fromString(value.trimmed(), Qt::ISODate).toString(Qt::ISODate);
        switch (op) {
        case Op::Before:
            m_binds << v;
            return {x + QStringLiteral(" < ?")};
        case Op::After:
            m_binds << v;
            return {x + QStringLiteral(" > ?")};
        case Op::On:
            m_binds << v;
            return {x + QStringLiteral(" = ?")};
        case Op::WithinLastDays:
            m_binds << today.addDays(-days).toString(Qt::ISODate) << today.toString(Qt::ISODate);
            return {QStringLiteral("(%1 >= ? AND %1 <= ?)").arg(x)};
        case Op::MoreThanDaysAgo:
            m_binds << today.addDays(-days).toString(Qt::ISODate);
            return {QStringLiteral("(%1 <> '' AND %1 < ?)").arg(x)};
        default:
            return emptiness(x, op);
        }
    }

    // An instant (UTC ISO 8601 text with milliseconds): created_at and updated_at. Days are the
    // local calendar's, turned into UTC bounds so the comparison walks the column's index.
    Predicate instant(const QString& x, SegmentOperator op, const QString& value, int days)
    {
        using Op = SegmentOperator;
        const QDate d = QDate::fromString(value.trimmed(), Qt::ISODate);
        switch (op) {
        case Op::Before:
            m_binds << startOf(d);
            return {x + QStringLiteral(" < ?")};
        case Op::After:
            m_binds << startOf(d.addDays(1));
            return {x + QStringLiteral(" >= ?")};
        case Op::On:
            m_binds << startOf(d) << startOf(d.addDays(1));
            return {QStringLiteral("(%1 >= ? AND %1 < ?)").arg(x)};
        case Op::WithinLastDays:
            m_binds << iso(m_now.addDays(-days));
            return {x + QStringLiteral(" >= ?")};
        case Op::MoreThanDaysAgo:
            m_binds << iso(m_now.addDays(-days));
            return {x + QStringLiteral(" < ?")};
        default:
            return emptiness(x, op);
        }
    }

    Predicate emptiness(const QString& x, SegmentOperator op)
    {
        // Text columns are NOT NULL DEFAULT ''; the consent date is NULL when unknown.
        return {QStringLiteral("COALESCE(%1, '') <> ''").arg(x), op == SegmentOperator::IsEmpty};
    }

private:
    static QString iso(const QDateTime& t) { return t.toUTC().toString(Qt::ISODateWithMs); }
    static QString startOf(const QDate& d) { return iso(d.startOfDay(Qt::LocalTime)); }

    QDateTime m_now;
    QVariantList& m_binds;
};

Result<QString> conditionSql(const SegmentCondition& c, const SegmentSchema& schema, const QDateTime& now,
                             QVariantList& binds)
{
    using Op = SegmentOperator;
    const auto type = segmentValueType(c, schema);
    if (!type) {
        return Error{ErrorCode::UnknownField,
                     QCoreApplication::translate("AudienceQuery",
                                                 "A segment condition names a field this workspace does not have.")};
    }
    ConditionSql build(now, binds);
    switch (c.kind) {
    case SegmentFieldKind::Tag:
        binds << c.groupId;
        return QStringLiteral("%1EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag_id = ?)")
            .arg(c.op == Op::HasNot ? QStringLiteral("NOT ") : QString());
    case SegmentFieldKind::List:
        binds << c.groupId;
        return QStringLiteral("%1EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = ? AND m.contact_id = c.id)")
            .arg(c.op == Op::HasNot ? QStringLiteral("NOT ") : QString());
    case SegmentFieldKind::Status:
        binds << static_cast<int>(contactStatusFromName(c.value.trimmed()).value_or(ContactStatus::Subscribed));
        return c.op == Op::IsNot ? QStringLiteral("c.status <> ?") : QStringLiteral("c.status = ?");
    case SegmentFieldKind::Column: {
        const QString x = columnSql(c.column);
        ConditionSql::Predicate p;
        if (*type == SegmentValueType::Text) {
            p = build.text(x, c.op, c.value);
        } else if (c.column == ContactColumn::ConsentDate) {
            p = build.date(x, c.op, c.value, c.days);
        } else {
            p = build.instant(x, c.op, c.value, c.days);
        }
        return p.negated ? QStringLiteral("NOT (%1)").arg(p.sql) : p.sql;
    }
    case SegmentFieldKind::CustomField: {
        // The field id is bound before the predicate's own values, as they appear in the SQL.
        binds << c.customFieldId;
        const QString x = QStringLiteral("v.value");
        ConditionSql::Predicate p;
        switch (*type) {
        case SegmentValueType::Text:
            p = build.text(x, c.op, c.value);
            break;
        case SegmentValueType::Number:
            p = build.number(x, c.op, c.value);
            break;
        case SegmentValueType::Date:
            p = build.date(x, c.op, c.value, c.days);
            break;
        case SegmentValueType::YesNo:
            p = {QStringLiteral("v.value = 'yes'"), c.op == Op::IsNo};
            break;
        case SegmentValueType::Group:
        case SegmentValueType::Status:
            break;
        }
        // A contact without a value for the field has no row: it fails every positive test and
        // so passes every negated one (is not, does not contain, !=, is empty, is no).
        return QStringLiteral("%1EXISTS (SELECT 1 FROM contact_field_values v"
                              " WHERE v.contact_id = c.id AND v.field_id = ? AND %2)")
            .arg(p.negated ? QStringLiteral("NOT ") : QString(), p.sql);
    }
    }
    return QStringLiteral("1 = 1");
}

sqlite3* sqliteHandle(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    return *static_cast<sqlite3* const*>(handle.constData());
}

int checkCancel(void* check)
{
    return (*static_cast<const std::function<bool()>*>(check))() ? 1 : 0;
}

// Lets a long statement stop when the cancel flag is set: SQLite calls the handler every few
// thousand virtual machine steps and interrupts the statement when it returns non-zero.
class CancelGuard
{
public:
    CancelGuard(const QSqlDatabase& db, const std::function<bool()>& shouldCancel)
        : m_handle(shouldCancel ? sqliteHandle(db) : nullptr)
    {
        if (m_handle) {
            sqlite3_progress_handler(m_handle, 4000, &checkCancel,
                                     const_cast<void*>(static_cast<const void*>(&shouldCancel)));
        }
    }
    ~CancelGuard()
    {
        if (m_handle) {
            sqlite3_progress_handler(m_handle, 0, nullptr, nullptr);
        }
    }
    CancelGuard(const CancelGuard&) = delete;
    CancelGuard& operator=(const CancelGuard&) = delete;

private:
    sqlite3* m_handle;
};

// SQLITE_INTERRUPT: the progress handler stopped the statement.
bool interrupted(const QSqlQuery& q)
{
    return (q.lastError().nativeErrorCode().toInt() & 0xff) == SQLITE_INTERRUPT;
}

Error cancelled()
{
    return Error{ErrorCode::Cancelled,
                 QCoreApplication::translate("AudienceQuery", "Counting the audience was cancelled.")};
}

} // namespace

AudienceQuery::AudienceQuery(QSqlDatabase db, AudienceSpec spec)
    : m_db(std::move(db))
    , m_spec(std::move(spec))
{}

void AudienceQuery::setCancelFlag(const std::atomic_bool* cancel)
{
    if (cancel) {
        m_shouldCancel = [cancel] { return cancel->load(std::memory_order_relaxed); };
    } else {
        m_shouldCancel = {};
    }
}

Result<AudienceQuery::Statement> AudienceQuery::whereClause(bool perContactProbe)
{
    auto schema = SegmentSchema::load(m_db);
    if (!schema) {
        return schema.error();
    }
    for (qint64 id : m_spec.listIds) {
        if (!schema->listIds.contains(id)) {
            return Error{
                ErrorCode::NotFound,
                QCoreApplication::translate("AudienceQuery", "There is no list with id %1; was it deleted?").arg(id)};
        }
    }
    for (qint64 id : m_spec.tagIds) {
        if (!schema->tagIds.contains(id)) {
            return Error{
                ErrorCode::NotFound,
                QCoreApplication::translate("AudienceQuery", "There is no tag with id %1; was it deleted?").arg(id)};
        }
    }
    Statement where;
    QStringList parts;
    if (!m_spec.listIds.isEmpty() || !m_spec.tagIds.isEmpty()) {
        // A count builds the set of members once and looks each one up by id; a page walks the
        // contacts from an id and asks of each whether it is a member (the (contact, list) and
        // (contact, tag) keys), so it never rebuilds a set of every member for a page of them.
        QStringList members;
        if (!m_spec.listIds.isEmpty()) {
            members << (perContactProbe ? QStringLiteral("EXISTS (SELECT 1 FROM list_members m"
                                                         " WHERE m.contact_id = c.id AND m.list_id IN (%1))")
                                        : QStringLiteral("SELECT contact_id FROM list_members WHERE list_id IN (%1)"))
                           .arg(placeholders(int(m_spec.listIds.size())));
            for (qint64 id : m_spec.listIds) {
                where.binds << id;
            }
        }
        if (!m_spec.tagIds.isEmpty()) {
            members << (perContactProbe ? QStringLiteral("EXISTS (SELECT 1 FROM contact_tags t"
                                                         " WHERE t.contact_id = c.id AND t.tag_id IN (%1))")
                                        : QStringLiteral("SELECT contact_id FROM contact_tags WHERE tag_id IN (%1)"))
                           .arg(placeholders(int(m_spec.tagIds.size())));
            for (qint64 id : m_spec.tagIds) {
                where.binds << id;
            }
        }
        parts << (perContactProbe ? QStringLiteral("(%1)").arg(members.join(QStringLiteral(" OR ")))
                                  : QStringLiteral("c.id IN (%1)").arg(members.join(QStringLiteral(" UNION "))));
    }
    if (m_spec.segment && !m_spec.segment->conditions.isEmpty()) {
        const Segment& segment = *m_spec.segment;
        if (auto valid = segment.validate(*schema); !valid) {
            if (segment.name.isEmpty()) {
                return valid.error();
            }
            return Error{valid.error().code, QCoreApplication::translate("AudienceQuery", "The segment \"%1\": %2")
                                                 .arg(segment.name, valid.error().message)};
        }
        const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTime();
        QStringList conditions;
        for (const SegmentCondition& c : segment.conditions) {
            auto sql = conditionSql(c, *schema, now, where.binds);
            if (!sql) {
                return sql.error();
            }
            conditions << sql.value();
        }
        const QString glue = segment.match == SegmentMatch::All ? QStringLiteral(" AND ") : QStringLiteral(" OR ");
        parts << QStringLiteral("(%1)").arg(conditions.join(glue));
    }
    where.sql = parts.isEmpty() ? QStringLiteral("1 = 1") : parts.join(QStringLiteral(" AND "));
    return where;
}

Result<AudienceQuery::Statement> AudienceQuery::countStatement()
{
    auto where = whereClause(false);
    if (!where) {
        return where.error();
    }
    auto suppressed = SuppressionList(m_db).counts();
    if (!suppressed) {
        return suppressed.error();
    }
    // The statuses are plain column tests; only subscribed contacts pay for the suppression test.
    Statement s;
    s.sql = QStringLiteral("SELECT count(*), COALESCE(sum(c.status = 1), 0), COALESCE(sum(c.status = 2), 0),"
                           " COALESCE(sum(c.status = 3), 0),"
                           " COALESCE(sum(CASE WHEN c.status <> 0 THEN 0 ELSE (%1) END), 0)"
                           " FROM contacts c WHERE %2")
                .arg(suppressedCase(suppressed.value(), false), where->sql);
    s.binds = where->binds;
    return s;
}

Result<AudienceQuery::Statement> AudienceQuery::recipientsStatement(qint64 afterId, int limit)
{
    auto where = whereClause(true);
    if (!where) {
        return where.error();
    }
    auto suppressed = SuppressionList(m_db).counts();
    if (!suppressed) {
        return suppressed.error();
    }
    Statement s;
    s.sql = QStringLiteral("SELECT c.id, c.email FROM contacts c WHERE c.id > ? AND c.status = 0 AND %1"
                           " AND (%2) = 0 ORDER BY c.id LIMIT ?")
                .arg(where->sql, suppressedCase(suppressed.value(), true));
    s.binds << afterId;
    s.binds += where->binds;
    s.binds << qMax(0, limit);
    return s;
}

Result<AudienceCount> AudienceQuery::count()
{
    if (cancelRequested()) {
        return cancelled();
    }
    auto statement = countStatement();
    if (!statement) {
        return statement.error();
    }
    CancelGuard guard(m_db, m_shouldCancel);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(statement->sql);
    for (const QVariant& v : statement->binds) {
        q.addBindValue(v);
    }
    if (!q.exec() || !q.next()) {
        if (interrupted(q)) {
            return cancelled();
        }
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "count the audience"));
    }
    AudienceCount count;
    const qint64 matched = q.value(0).toLongLong();
    count.leftOutUnsubscribed = q.value(1).toLongLong();
    count.leftOutBounced = q.value(2).toLongLong();
    count.leftOutComplained = q.value(3).toLongLong();
    count.leftOutSuppressed = q.value(4).toLongLong();
    count.recipients =
        matched - count.leftOutUnsubscribed - count.leftOutBounced - count.leftOutComplained - count.leftOutSuppressed;
    return count;
}

Result<QVector<AudienceRecipient>> AudienceQuery::recipients(qint64 afterId, int limit)
{
    if (cancelRequested()) {
        return cancelled();
    }
    auto statement = recipientsStatement(afterId, limit);
    if (!statement) {
        return statement.error();
    }
    CancelGuard guard(m_db, m_shouldCancel);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(statement->sql);
    for (const QVariant& v : statement->binds) {
        q.addBindValue(v);
    }
    if (!q.exec()) {
        if (interrupted(q)) {
            return cancelled();
        }
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "list the audience"));
    }
    QVector<AudienceRecipient> out;
    while (q.next()) {
        out.append(AudienceRecipient{q.value(0).toLongLong(), q.value(1).toString()});
    }
    if (q.lastError().isValid()) {
        if (interrupted(q)) {
            return cancelled();
        }
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "list the audience"));
    }
    return out;
}
