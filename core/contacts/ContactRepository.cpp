#include "core/contacts/ContactRepository.h"

#include "core/contacts/ContactValidator.h"

#include "core/contacts/EmailAddress.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/SqlError.h"
#include "core/storage/SqlText.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace {

constexpr int kBatchSize = 5000;
constexpr int kInListChunk = 500;

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

const QString kInsertContact = QStringLiteral(
    "INSERT INTO contacts (id, email, email_key, first_name, last_name, company, phone, street, city, region,"
    " postcode, country, notes, status, consent_source, consent_at, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

// The columns every write of a contact binds in this order: email, email_key, the ten
// text fields, status, consent source and consent date.
void bindStoredFields(QSqlQuery& q, const Contact& contact, const EmailAddress& email)
{
    q.addBindValue(email.normalized());
    q.addBindValue(email.key());
    for (const QString& s : {contact.firstName, contact.lastName, contact.company, contact.phone, contact.street,
                             contact.city, contact.region, contact.postcode, contact.country, contact.notes}) {
        q.addBindValue(sqlText(s));
    }
    q.addBindValue(static_cast<int>(contact.status));
    q.addBindValue(sqlText(contact.consentSource));
    q.addBindValue(contact.consentDate.isValid() ? QVariant(contact.consentDate.toString(Qt::ISODate))
                                                 : QVariant(QMetaType(QMetaType::QString)));
}

QString isoOf(const QDateTime& dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODateWithMs) : nowIso();
}

const QString kSelectColumns = QStringLiteral(
    "c.id, c.email, c.first_name, c.last_name, c.company, c.phone, c.street, c.city, c.region, c.postcode,"
    " c.country, c.notes, c.status, c.consent_source, c.consent_at, c.created_at, c.updated_at");

Contact readContact(const QSqlQuery& q)
{
    Contact c;
    c.id = q.value(0).toLongLong();
    c.email = q.value(1).toString();
    c.firstName = q.value(2).toString();
    c.lastName = q.value(3).toString();
    c.company = q.value(4).toString();
    c.phone = q.value(5).toString();
    c.street = q.value(6).toString();
    c.city = q.value(7).toString();
    c.region = q.value(8).toString();
    c.postcode = q.value(9).toString();
    c.country = q.value(10).toString();
    c.notes = q.value(11).toString();
    c.status = static_cast<ContactStatus>(q.value(12).toInt());
    c.consentSource = q.value(13).toString();
    c.consentDate = QDate::fromString(q.value(14).toString(), Qt::ISODate);
    c.createdAt = QDateTime::fromString(q.value(15).toString(), Qt::ISODateWithMs);
    c.updatedAt = QDateTime::fromString(q.value(16).toString(), Qt::ISODateWithMs);
    return c;
}

// "12,15,31": ids written into the statement. They are integers, so nothing can be injected,
// and SQLite gets no bound parameters: Qt's SQLite driver looks each one up by name, which
// made binding a chunk of n ids cost n² (a millisecond for 100 contacts).
QString idList(const QVector<qint64>& ids, qsizetype from, int n)
{
    QString s;
    s.reserve(n * 8);
    for (int i = 0; i < n; ++i) {
        if (i) {
            s += QLatin1Char(',');
        }
        s += QString::number(ids.at(from + i));
    }
    return s;
}

struct Where
{
    QString sql;
    QVariantList binds;
};

// How a search narrows the rows. Materialize: build the set of matching ids once, then
// sort it: right for narrow searches. Probe: walk the sort index and ask FTS about each
// row: right for broad ones ("m" matches a third of a million contacts, and sorting those
// to show 256 would take a quarter of a second).
// SearchOrder: the table is in the order contacts were added (id), which is the search
// index's own order, so a page reads straight off FTS and stops after `limit` rows: the
// default view stays fast as you type whatever the number of matches.
enum class SearchPlan { Materialize, Probe, SearchOrder };

// Above this many matches a probing walk finds a page sooner than a sort of all matches.
// Kept high because matches cluster in the sort order (searching "tho" sorted by last name
// finds nothing before the T's: 850k probes), and each probe must be cheap.
constexpr qint64 kProbeThreshold = 100000;

// A probe is cheap only when every search word is served by a prefix index (prefix = '1 2 3'):
// for a longer prefix FTS5 merges every matching term's postings on each probe, so probing
// "martin" (40k matches) on 1M contacts ran for minutes where materializing takes ~0.1 s.
bool probeIsCheap(const ContactFilter& filter)
{
    const QStringList words = filter.search.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    return std::all_of(words.cbegin(), words.cend(), [](const QString& word) { return word.size() <= 3; });
}

Where whereFor(const ContactFilter& filter, SearchPlan plan = SearchPlan::Materialize)
{
    Where w;
    QStringList parts;
    const QString fts = ftsQueryFor(filter.search);
    if (!fts.isEmpty()) {
        switch (plan) {
        case SearchPlan::Probe:
            parts << QStringLiteral("EXISTS (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH ?"
                                    " AND contacts_fts.rowid = c.id)");
            break;
        case SearchPlan::SearchOrder: // contacts_fts is joined in the FROM clause
            parts << QStringLiteral("contacts_fts MATCH ?");
            break;
        case SearchPlan::Materialize:
            parts << QStringLiteral("c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)");
            break;
        }
        w.binds << fts;
    }
    if (filter.tagId) {
        parts << QStringLiteral("c.id IN (SELECT contact_id FROM contact_tags WHERE tag_id = ?)");
        w.binds << *filter.tagId;
    }
    if (filter.listId) {
        parts << QStringLiteral("c.id IN (SELECT contact_id FROM list_members WHERE list_id = ?)");
        w.binds << *filter.listId;
    }
    if (filter.status) {
        parts << QStringLiteral("c.status = ?");
        w.binds << static_cast<int>(*filter.status);
    }
    w.sql = parts.isEmpty() ? QStringLiteral("1 = 1") : parts.join(QStringLiteral(" AND "));
    return w;
}

// The sort expression and the join it needs. Custom fields sort by their canonical text
// (ISO dates and yes/no sort correctly as text); numbers sort numerically.
struct SortSql
{
    QString expr;
    QString join;
};

SortSql sortFor(const ContactSort& sort, QSqlDatabase db)
{
    if (sort.customFieldId > 0) {
        int type = 0;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT type FROM custom_fields WHERE id = ?"));
        q.addBindValue(sort.customFieldId);
        if (q.exec() && q.next()) {
            type = q.value(0).toInt();
        }
        const QString join = QStringLiteral(" LEFT JOIN contact_field_values fv ON fv.contact_id = c.id"
                                            " AND fv.field_id = %1")
                                 .arg(sort.customFieldId);
        if (type == static_cast<int>(FieldType::Number)) {
            return {QStringLiteral("COALESCE(CAST(fv.value AS REAL), -1e300)"), join};
        }
        return {QStringLiteral("COALESCE(fv.value, '')"), join};
    }
    if (!sort.column) {
        return {QStringLiteral("c.id"), QString()};
    }
    const char* expr = contactColumnInfo(*sort.column).sortSql;
    if (!expr) {
        expr = contactColumnInfo(ContactColumn::LastName).sortSql;
    }
    return {QString::fromLatin1(expr), QString()};
}

// Everything a listing query needs: tables, conditions, their binds and the sort expression.
struct Shape
{
    QString from;
    Where where;
    QString sortExpr;
    // The sort key is the id itself (the order added): no tie-breaker. This matters beyond
    // tidiness: "ORDER BY contacts_fts.rowid, c.id" makes SQLite sort every match (0.4 s
    // for a one-letter search on 1M contacts) where "ORDER BY contacts_fts.rowid" lets FTS5
    // hand rows over in order and stop at the LIMIT (under 1 ms).
    bool keyIsId = false;

    QString orderBy(bool descending) const
    {
        const QString dir = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
        return keyIsId ? QStringLiteral("%1 %2").arg(sortExpr, dir)
                       : QStringLiteral("%1 %2, c.id %2").arg(sortExpr, dir);
    }

    // "At or after `from`" in this order, spelled so SQLite seeks the sort index: the
    // row-value form (k, id) >= (?, ?) is not used for a seek when k carries a COLLATE, and
    // then every page scans from the start of the index.
    QString keyset(const SortKey& from, bool descending, QVariantList& binds) const
    {
        if (keyIsId) {
            binds << from.id;
            return QStringLiteral(" AND %1 %2 ?")
                .arg(sortExpr, descending ? QStringLiteral("<=") : QStringLiteral(">="));
        }
        binds << from.value << from.value << from.id;
        return descending ? QStringLiteral(" AND %1 <= ? AND (%1 < ? OR c.id <= ?)").arg(sortExpr)
                          : QStringLiteral(" AND %1 >= ? AND (%1 > ? OR c.id >= ?)").arg(sortExpr);
    }
};

Shape shapeFor(const ContactFilter& filter, const ContactSort& sort, QSqlDatabase db,
               SearchPlan plan = SearchPlan::Materialize)
{
    const bool searching = !ftsQueryFor(filter.search).isEmpty();
    if (searching && !sort.column && sort.customFieldId == 0) {
        plan = SearchPlan::SearchOrder;
    } else if (plan == SearchPlan::SearchOrder) {
        plan = SearchPlan::Materialize;
    }
    const SortSql sortSql = sortFor(sort, db);
    Shape shape;
    shape.where = whereFor(filter, plan);
    if (plan == SearchPlan::SearchOrder) {
        shape.from = QStringLiteral("contacts_fts JOIN contacts c ON c.id = contacts_fts.rowid");
        shape.sortExpr = QStringLiteral("contacts_fts.rowid");
    } else {
        shape.from = QStringLiteral("contacts c") + sortSql.join;
        shape.sortExpr = sortSql.expr;
    }
    shape.keyIsId = !sort.column && sort.customFieldId == 0;
    return shape;
}

void bindAll(QSqlQuery& q, const QVariantList& values)
{
    for (const QVariant& v : values) {
        q.addBindValue(v);
    }
}

// Keeps a per-connection temporary table of the ids a bulk operation works on, so
// each batch is a handful of set-based statements instead of one per contact.
Status loadBatch(QSqlDatabase db, const QVector<qint64>& ids, qsizetype from, qsizetype count)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS bulk_ids (id INTEGER PRIMARY KEY)")) ||
        !q.exec(QStringLiteral("DELETE FROM bulk_ids"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "prepare a bulk edit"));
    }
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO bulk_ids (id) VALUES (?)"));
    for (qsizetype i = from; i < from + count; ++i) {
        q.bindValue(0, ids.at(i));
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "prepare a bulk edit"));
        }
    }
    return Ok{};
}

Status execAll(QSqlDatabase db, const QList<QPair<QString, QVariantList>>& statements, const char* doing)
{
    QSqlQuery q(db);
    for (const auto& [sql, binds] : statements) {
        q.prepare(sql);
        bindAll(q, binds);
        if (!q.exec()) {
            return sqlError(q, doing);
        }
    }
    return Ok{};
}

Result<QVector<qint64>> bulkIds(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id FROM bulk_ids ORDER BY id"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read a bulk edit"));
    }
    QVector<qint64> ids;
    while (q.next()) {
        ids.append(q.value(0).toLongLong());
    }
    return ids;
}

const QString kReindexBulk =
    QStringLiteral("INSERT INTO contacts_fts (rowid, email, first_name, last_name, company, tags, notes)"
                   " SELECT c.id, c.email, c.first_name, c.last_name, c.company,"
                   " COALESCE((SELECT group_concat(t.name, ' ') FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"
                   "           WHERE ct.contact_id = c.id), ''), c.notes"
                   " FROM contacts c WHERE c.id IN (SELECT id FROM bulk_ids)");

// Runs `perBatch` over ids in batches inside one transaction, reporting progress.
template <typename F>
Status inBatches(QSqlDatabase db, const QVector<qint64>& ids, const ProgressCallback& progress, F perBatch)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    const qsizetype total = ids.size();
    for (qsizetype from = 0; from < total; from += kBatchSize) {
        const qsizetype n = std::min<qsizetype>(kBatchSize, total - from);
        if (auto s = loadBatch(db, ids, from, n); !s) {
            return s;
        }
        if (Status s = perBatch(); !s) {
            return s;
        }
        if (progress && !progress(from + n, total)) {
            return Error{ErrorCode::Cancelled,
                         QCoreApplication::translate("ContactRepository", "Cancelled; nothing was changed.")};
        }
    }
    return tx.commit();
}

} // namespace

ContactRepository::ContactRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

QVector<QPair<QString, QString>> ContactRepository::problems(const Contact& input)
{
    const Contact contact = ContactValidator::normalized(input);
    if (contact.fields.isEmpty()) {
        return ContactValidator::problems(contact, {});
    }
    const auto known = fieldsByName();
    if (!known) {
        return {{QStringLiteral("fields"), known.error().message}};
    }
    return ContactValidator::problems(contact, known.value());
}

Status ContactRepository::validate(const Contact& contact)
{
    const auto found = problems(contact);
    if (found.isEmpty()) {
        return Ok{};
    }
    const auto& [key, message] = found.first();
    if (key.startsWith(QLatin1String("field:"))) {
        auto known = fieldsByName();
        if (known && !known->contains(key.mid(6).toLower())) {
            return Error{ErrorCode::UnknownField, message};
        }
    }
    return Error{ErrorCode::InvalidInput, message};
}

Result<QHash<QString, CustomField>> ContactRepository::fieldsByName()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, name, type FROM custom_fields"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the custom fields"));
    }
    QHash<QString, CustomField> fields;
    while (q.next()) {
        CustomField f{q.value(0).toLongLong(), q.value(1).toString(), static_cast<FieldType>(q.value(2).toInt())};
        fields.insert(f.name.toLower(), f);
    }
    return fields;
}

Status ContactRepository::checkDuplicate(const QString& emailKey, qint64 exceptId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, email, first_name, last_name FROM contacts WHERE email_key = ? AND id <> ?"));
    q.addBindValue(emailKey);
    q.addBindValue(exceptId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "check for duplicates"));
    }
    if (q.next()) {
        const QString name = (q.value(2).toString() + QLatin1Char(' ') + q.value(3).toString()).trimmed();
        return Error{ErrorCode::Duplicate,
                     name.isEmpty() ? QCoreApplication::translate("ContactRepository",
                                                                  "%1 is already in this workspace (contact #%2).")
                                          .arg(q.value(1).toString())
                                          .arg(q.value(0).toLongLong())
                                    : QCoreApplication::translate(
                                          "ContactRepository", "%1 is already in this workspace as %2 (contact #%3).")
                                          .arg(q.value(1).toString(), name)
                                          .arg(q.value(0).toLongLong())};
    }
    return Ok{};
}

Status ContactRepository::writeMemberships(qint64 id, const Contact& contact)
{
    QSqlQuery q(m_db);
    for (const char* sql :
         {"DELETE FROM contact_tags WHERE contact_id = ?", "DELETE FROM list_members WHERE contact_id = ?",
          "DELETE FROM contact_field_values WHERE contact_id = ?"}) {
        q.prepare(QString::fromLatin1(sql));
        q.addBindValue(id);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save a contact"));
        }
    }
    const QList<std::pair<GroupKind, const QStringList*>> memberships = {{GroupKind::Tag, &contact.tags},
                                                                         {GroupKind::List, &contact.lists}};
    for (const auto& [kind, names] : memberships) {
        GroupRepository groups(m_db, kind);
        q.prepare(kind == GroupKind::Tag
                      ? QStringLiteral("INSERT INTO contact_tags (tag_id, contact_id) VALUES (?, ?)")
                      : QStringLiteral("INSERT INTO list_members (list_id, contact_id) VALUES (?, ?)"));
        for (const QString& name : *names) {
            auto groupId = groups.ensure(name);
            if (!groupId) {
                return groupId.error();
            }
            q.addBindValue(groupId.value());
            q.addBindValue(id);
            if (!q.exec()) {
                return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save a contact's tags and lists"));
            }
        }
    }
    if (!contact.fields.isEmpty()) {
        auto known = fieldsByName();
        if (!known) {
            return known.error();
        }
        for (auto it = contact.fields.cbegin(); it != contact.fields.cend(); ++it) {
            const auto field = known->constFind(it.key().toLower());
            if (field == known->cend()) {
                return Error{ErrorCode::UnknownField,
                             QCoreApplication::translate("ContactRepository", "There is no custom field named \"%1\".")
                                 .arg(it.key())};
            }
            auto value = field->canonicalValue(it.value());
            if (!value) {
                return value.error();
            }
            if (value->isEmpty()) {
                continue;
            }
            q.prepare(
                QStringLiteral("INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, ?)"));
            q.addBindValue(id);
            q.addBindValue(field->id);
            q.addBindValue(value.value());
            if (!q.exec()) {
                return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save a custom field"));
            }
        }
    }
    return reindex(id);
}

Status ContactRepository::reindex(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM contacts_fts WHERE rowid = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "update the search index"));
    }
    q.prepare(QStringLiteral("INSERT INTO contacts_fts (rowid, email, first_name, last_name, company, tags, notes)"
                             " SELECT c.id, c.email, c.first_name, c.last_name, c.company,"
                             " COALESCE((SELECT group_concat(t.name, ' ') FROM contact_tags ct"
                             "           JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),"
                             " c.notes FROM contacts c WHERE c.id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "update the search index"));
    }
    return Ok{};
}

Result<qint64> ContactRepository::add(const Contact& input)
{
    const Contact contact = ContactValidator::normalized(input);
    if (auto valid = validate(contact); !valid) {
        return valid.error();
    }
    const EmailAddress email = EmailAddress::parse(contact.email).value();
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    if (auto s = checkDuplicate(email.key(), 0); !s) {
        return s.error();
    }
    const QString now = nowIso();
    QSqlQuery q(m_db);
    q.prepare(kInsertContact);
    q.addBindValue(contact.id > 0 ? QVariant(contact.id) : QVariant(QMetaType(QMetaType::LongLong)));
    bindStoredFields(q, contact, email);
    q.addBindValue(contact.createdAt.isValid() ? isoOf(contact.createdAt) : now);
    q.addBindValue(contact.updatedAt.isValid() ? isoOf(contact.updatedAt) : now);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "add the contact"));
    }
    const qint64 id = q.lastInsertId().toLongLong();
    if (auto s = writeMemberships(id, contact); !s) {
        return s.error();
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return id;
}

Status ContactRepository::update(const Contact& input)
{
    const Contact contact = ContactValidator::normalized(input);
    if (auto valid = validate(contact); !valid) {
        return valid;
    }
    const EmailAddress email = EmailAddress::parse(contact.email).value();
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    if (auto s = checkDuplicate(email.key(), contact.id); !s) {
        return s;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE contacts SET email = ?, email_key = ?, first_name = ?, last_name = ?, company = ?,"
                             " phone = ?, street = ?, city = ?, region = ?, postcode = ?, country = ?, notes = ?,"
                             " status = ?, consent_source = ?, consent_at = ?, updated_at = ? WHERE id = ?"));
    bindStoredFields(q, contact, email);
    q.addBindValue(nowIso());
    q.addBindValue(contact.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the contact"));
    }
    if (q.numRowsAffected() == 0) {
        return Error{
            ErrorCode::NotFound,
            QCoreApplication::translate("ContactRepository", "The contact %1 no longer exists.").arg(contact.email)};
    }
    if (auto s = writeMemberships(contact.id, contact); !s) {
        return s;
    }
    return tx.commit();
}

Status ContactRepository::remove(qint64 id)
{
    auto removed = removeMany({id});
    if (!removed) {
        return removed.error();
    }
    if (removed->changedIds.isEmpty()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("ContactRepository", "That contact no longer exists.")};
    }
    return Ok{};
}

Result<Contact> ContactRepository::findById(qint64 id)
{
    auto found = findByIds({id});
    if (!found) {
        return found.error();
    }
    if (found->isEmpty()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("ContactRepository", "There is no contact #%1.").arg(id)};
    }
    return found->first();
}

Result<Contact> ContactRepository::findByEmail(const QString& emailText)
{
    auto email = EmailAddress::parse(emailText);
    if (!email) {
        return email.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM contacts WHERE email_key = ?"));
    q.addBindValue(email->key());
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "look up a contact"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("ContactRepository", "There is no contact with the email %1.")
                         .arg(email->normalized())};
    }
    return findById(q.value(0).toLongLong());
}

Result<QVector<Contact>> ContactRepository::findByIds(const QVector<qint64>& ids, const ProgressCallback& progress)
{
    QVector<Contact> contacts;
    contacts.reserve(ids.size());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    for (qsizetype from = 0; from < ids.size(); from += kInListChunk) {
        const int n = static_cast<int>(std::min<qsizetype>(kInListChunk, ids.size() - from));
        if (!q.exec(QStringLiteral("SELECT %1 FROM contacts c WHERE c.id IN (%2)")
                        .arg(kSelectColumns, idList(ids, from, n)))) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read contacts"));
        }
        while (q.next()) {
            contacts.append(readContact(q));
        }
        if (progress && !progress(from + n, ids.size())) {
            return Error{ErrorCode::Cancelled,
                         QCoreApplication::translate("ContactRepository", "Cancelled; nothing was changed.")};
        }
    }
    if (auto s = fillDetails(contacts); !s) {
        return s.error();
    }
    // Keep the caller's order.
    QHash<qint64, int> order;
    for (int i = 0; i < ids.size(); ++i) {
        order.insert(ids.at(i), i);
    }
    std::sort(contacts.begin(), contacts.end(),
              [&order](const Contact& a, const Contact& b) { return order.value(a.id) < order.value(b.id); });
    return contacts;
}

Status ContactRepository::fillDetails(QVector<Contact>& contacts)
{
    if (contacts.isEmpty()) {
        return Ok{};
    }
    QHash<qint64, int> index;
    for (int i = 0; i < contacts.size(); ++i) {
        index.insert(contacts.at(i).id, i);
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const QList<QPair<QString, int>> detailQueries = {
        {QStringLiteral("SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"
                        " WHERE ct.contact_id IN (%1) ORDER BY t.name COLLATE NOCASE"),
         0},
        {QStringLiteral("SELECT lm.contact_id, l.name FROM list_members lm JOIN lists l ON l.id = lm.list_id"
                        " WHERE lm.contact_id IN (%1) ORDER BY l.name COLLATE NOCASE"),
         1},
        {QStringLiteral("SELECT v.contact_id, f.name, v.value FROM contact_field_values v"
                        " JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id IN (%1)"),
         2},
    };
    QVector<qint64> ids;
    ids.reserve(contacts.size());
    for (const Contact& c : contacts) {
        ids.append(c.id);
    }
    for (qsizetype from = 0; from < contacts.size(); from += kInListChunk) {
        const int n = static_cast<int>(std::min<qsizetype>(kInListChunk, contacts.size() - from));
        const QString inList = idList(ids, from, n);
        for (const auto& [sql, kind] : detailQueries) {
            if (!q.exec(sql.arg(inList))) {
                return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read contact details"));
            }
            while (q.next()) {
                Contact& c = contacts[index.value(q.value(0).toLongLong())];
                if (kind == 0) {
                    c.tags << q.value(1).toString();
                } else if (kind == 1) {
                    c.lists << q.value(1).toString();
                } else {
                    c.fields.insert(q.value(1).toString(), q.value(2).toString());
                }
            }
        }
    }
    return Ok{};
}

Result<qint64> ContactRepository::count(const ContactFilter& filter)
{
    const QString fts = ftsQueryFor(filter.search);
    if (!fts.isEmpty() && !filter.tagId && !filter.listId && !filter.status) {
        // The search index has exactly one row per contact: count there, without a join.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?"));
        q.addBindValue(fts);
        if (!q.exec() || !q.next()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "count contacts"));
        }
        return q.value(0).toLongLong();
    }
    const Where w = whereFor(filter);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM contacts c WHERE %1").arg(w.sql));
    bindAll(q, w.binds);
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "count contacts"));
    }
    return q.value(0).toLongLong();
}

Result<QHash<ContactStatus, qint64>> ContactRepository::statusCounts()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT status, count(*) FROM contacts GROUP BY status"))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "count contacts by status"));
    }
    QHash<ContactStatus, qint64> counts;
    for (ContactStatus s : allContactStatuses()) {
        counts.insert(s, 0);
    }
    while (q.next()) {
        counts.insert(static_cast<ContactStatus>(q.value(0).toInt()), q.value(1).toLongLong());
    }
    return counts;
}

Result<ContactPage> ContactRepository::page(const ContactPageRequest& request)
{
    SearchPlan plan = SearchPlan::Materialize;
    const bool columnSort = request.sort.column && request.sort.customFieldId == 0;
    if (!ftsQueryFor(request.filter.search).isEmpty() && columnSort && probeIsCheap(request.filter)) {
        qint64 matches = request.matchCountHint;
        if (matches < 0) {
            auto counted = count(request.filter);
            if (!counted) {
                return counted.error();
            }
            matches = counted.value();
        }
        plan = matches > kProbeThreshold ? SearchPlan::Probe : SearchPlan::Materialize;
    }
    const Shape shape = shapeFor(request.filter, request.sort, m_db, plan);
    // Fetching the last rows walks the order backwards, then flips the page.
    const bool descending = (request.sort.order == Qt::DescendingOrder) != request.fromEnd;
    QString keyset;
    QVariantList binds = shape.where.binds;
    if (request.from && !request.fromEnd) {
        keyset = shape.keyset(*request.from, descending, binds);
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4%5 ORDER BY %6 LIMIT ?")
                  .arg(kSelectColumns, shape.sortExpr, shape.from, shape.where.sql, keyset, shape.orderBy(descending)));
    bindAll(q, binds);
    q.addBindValue(request.limit);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read contacts"));
    }
    ContactPage page;
    while (q.next()) {
        page.contacts.append(readContact(q));
        page.keys.append(SortKey{q.value(17), page.contacts.last().id});
    }
    if (request.fromEnd) {
        std::reverse(page.contacts.begin(), page.contacts.end());
        std::reverse(page.keys.begin(), page.keys.end());
    }
    if (auto s = fillDetails(page.contacts); !s) {
        return s.error();
    }
    return page;
}

Result<QVector<SortKey>> ContactRepository::sparseKeys(const ContactFilter& filter, const ContactSort& sort, int stride)
{
    const Shape shape = shapeFor(filter, sort, m_db);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT k, id FROM (SELECT %1 AS k, c.id AS id,"
                             " row_number() OVER (ORDER BY %2) AS rn FROM %3 WHERE %4)"
                             " WHERE (rn - 1) % ? = 0 ORDER BY rn")
                  .arg(shape.sortExpr, shape.orderBy(sort.order == Qt::DescendingOrder), shape.from, shape.where.sql));
    bindAll(q, shape.where.binds);
    q.addBindValue(stride);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "index the contact list"));
    }
    QVector<SortKey> keys;
    while (q.next()) {
        keys.append(SortKey{q.value(0), q.value(1).toLongLong()});
    }
    return keys;
}

Result<QVector<qint64>> ContactRepository::idsInRange(const ContactFilter& filter, const ContactSort& sort,
                                                      const std::optional<SortKey>& from, qint64 skip, qint64 count)
{
    const Shape shape = shapeFor(filter, sort, m_db);
    const bool descending = sort.order == Qt::DescendingOrder;
    QVariantList binds = shape.where.binds;
    QString keyset;
    if (from) {
        keyset = shape.keyset(*from, descending, binds);
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.id FROM %1 WHERE %2%3 ORDER BY %4 LIMIT ? OFFSET ?")
                  .arg(shape.from, shape.where.sql, keyset, shape.orderBy(descending)));
    bindAll(q, binds);
    q.addBindValue(count);
    q.addBindValue(skip);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the selected contacts"));
    }
    QVector<qint64> ids;
    while (q.next()) {
        ids.append(q.value(0).toLongLong());
    }
    return ids;
}

Result<QVector<qint64>> ContactRepository::allIds(const ContactFilter& filter)
{
    const Where w = whereFor(filter);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.id FROM contacts c WHERE %1 ORDER BY c.id").arg(w.sql));
    bindAll(q, w.binds);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the selected contacts"));
    }
    QVector<qint64> ids;
    while (q.next()) {
        ids.append(q.value(0).toLongLong());
    }
    return ids;
}

Result<BulkChange> ContactRepository::bulkGroup(const QVector<qint64>& ids, GroupKind kind, const QString& name,
                                                bool add, const ProgressCallback& progress)
{
    if (auto valid = GroupRepository::validateName(kind, name); !valid) {
        return valid.error();
    }
    const bool isTag = kind == GroupKind::Tag;
    const QString members = isTag ? QStringLiteral("contact_tags") : QStringLiteral("list_members");
    const QString key = isTag ? QStringLiteral("tag_id") : QStringLiteral("list_id");
    qint64 groupId = 0;
    BulkChange change;
    // Group creation happens inside the same transaction as the edit (inBatches begins it),
    // so a cancelled "add tag" leaves no empty tag behind.
    bool resolved = false;
    const QString now = nowIso();
    Status done = inBatches(m_db, ids, progress, [&]() -> Status {
        if (!resolved) {
            if (add) {
                change.createdGroup = !GroupRepository(m_db, kind).findByName(name).ok();
                auto id = GroupRepository(m_db, kind).ensure(name);
                if (!id) {
                    return id.error();
                }
                groupId = id.value();
            } else {
                auto group = GroupRepository(m_db, kind).findByName(name);
                if (!group) {
                    return group.error();
                }
                groupId = group->id;
            }
            resolved = true;
        }
        // Narrow the batch to the contacts this edit really changes.
        const QString narrow =
            add ? QStringLiteral("DELETE FROM bulk_ids WHERE id NOT IN (SELECT id FROM contacts)"
                                 " OR id IN (SELECT contact_id FROM %1 WHERE %2 = ?)")
                      .arg(members, key)
                : QStringLiteral("DELETE FROM bulk_ids WHERE id NOT IN (SELECT contact_id FROM %1 WHERE %2 = ?)")
                      .arg(members, key);
        const QString apply =
            add ? (isTag ? QStringLiteral("INSERT INTO contact_tags (contact_id, tag_id) SELECT id, ? FROM bulk_ids")
                         : QStringLiteral("INSERT INTO list_members (contact_id, list_id) SELECT id, ? FROM bulk_ids"))
                : QStringLiteral("DELETE FROM %1 WHERE %2 = ? AND contact_id IN (SELECT id FROM bulk_ids)")
                      .arg(members, key);
        QList<QPair<QString, QVariantList>> statements = {
            {narrow, {groupId}},
            {apply, {groupId}},
            {QStringLiteral("UPDATE contacts SET updated_at = ? WHERE id IN (SELECT id FROM bulk_ids)"), {now}},
        };
        if (isTag) {
            statements.append(
                {QStringLiteral("DELETE FROM contacts_fts WHERE rowid IN (SELECT id FROM bulk_ids)"), {}});
            statements.append({kReindexBulk, {}});
        }
        if (auto s = execAll(m_db, statements, QT_TRANSLATE_NOOP("SqlError", "change tags or lists")); !s) {
            return s;
        }
        auto changed = bulkIds(m_db);
        if (!changed) {
            return changed.error();
        }
        change.changedIds += changed.value();
        return Ok{};
    });
    if (!done) {
        return done.error();
    }
    return change;
}

Result<BulkChange> ContactRepository::addTag(const QVector<qint64>& ids, const QString& tag,
                                             const ProgressCallback& progress)
{
    return bulkGroup(ids, GroupKind::Tag, tag, true, progress);
}

Result<BulkChange> ContactRepository::removeTag(const QVector<qint64>& ids, const QString& tag,
                                                const ProgressCallback& progress)
{
    return bulkGroup(ids, GroupKind::Tag, tag, false, progress);
}

Result<BulkChange> ContactRepository::addToList(const QVector<qint64>& ids, const QString& list,
                                                const ProgressCallback& progress)
{
    return bulkGroup(ids, GroupKind::List, list, true, progress);
}

Result<BulkChange> ContactRepository::removeFromList(const QVector<qint64>& ids, const QString& list,
                                                     const ProgressCallback& progress)
{
    return bulkGroup(ids, GroupKind::List, list, false, progress);
}

Result<BulkChange> ContactRepository::setStatus(const QVector<qint64>& ids, ContactStatus status,
                                                const ProgressCallback& progress)
{
    BulkChange change;
    const QString now = nowIso();
    Status done = inBatches(m_db, ids, progress, [&]() -> Status {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("DELETE FROM bulk_ids WHERE id NOT IN (SELECT id FROM contacts WHERE status <> ?)"));
        q.addBindValue(static_cast<int>(status));
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "change statuses"));
        }
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT c.id, c.status FROM contacts c JOIN bulk_ids b ON b.id = c.id"))) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "change statuses"));
        }
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            change.changedIds.append(id);
            change.previousStatus.insert(id, static_cast<ContactStatus>(q.value(1).toInt()));
        }
        return execAll(m_db,
                       {{QStringLiteral("UPDATE contacts SET status = ?, updated_at = ?"
                                        " WHERE id IN (SELECT id FROM bulk_ids)"),
                         {static_cast<int>(status), now}}},
                       QT_TRANSLATE_NOOP("SqlError", "change statuses"));
    });
    if (!done) {
        return done.error();
    }
    return change;
}

Status ContactRepository::dropGroupIfEmpty(GroupKind kind, const QString& name)
{
    GroupRepository groups(m_db, kind);
    auto group = groups.findByName(name);
    if (!group) {
        return group.error().code == ErrorCode::NotFound ? Status() : Status(group.error());
    }
    return group->memberCount == 0 ? groups.remove(group->id) : Status();
}

Status ContactRepository::restoreStatuses(const QHash<qint64, ContactStatus>& statuses,
                                          const ProgressCallback& progress)
{
    // Each contact gets its own old status back, all inside one transaction.
    QVector<qint64> ordered;
    ordered.reserve(statuses.size());
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it) {
        ordered.append(it.key());
    }
    std::sort(ordered.begin(), ordered.end(),
              [&statuses](qint64 a, qint64 b) { return statuses.value(a) < statuses.value(b); });
    const QString now = nowIso();
    return inBatches(m_db, ordered, progress, [&]() -> Status {
        auto batch = bulkIds(m_db);
        if (!batch) {
            return batch.error();
        }
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("UPDATE contacts SET status = ?, updated_at = ? WHERE id = ?"));
        for (qint64 id : batch.value()) {
            q.addBindValue(static_cast<int>(statuses.value(id)));
            q.addBindValue(now);
            q.addBindValue(id);
            if (!q.exec()) {
                return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "restore statuses"));
            }
        }
        return Ok{};
    });
}

Result<BulkChange> ContactRepository::removeMany(const QVector<qint64>& ids, const ProgressCallback& progress)
{
    BulkChange change;
    Status done = inBatches(m_db, ids, progress, [&]() -> Status {
        if (auto s =
                execAll(m_db, {{QStringLiteral("DELETE FROM bulk_ids WHERE id NOT IN (SELECT id FROM contacts)"), {}}},
                        QT_TRANSLATE_NOOP("SqlError", "delete contacts"));
            !s) {
            return s;
        }
        auto batch = bulkIds(m_db);
        if (!batch) {
            return batch.error();
        }
        change.changedIds += batch.value();
        return execAll(m_db,
                       {{QStringLiteral("DELETE FROM contacts_fts WHERE rowid IN (SELECT id FROM bulk_ids)"), {}},
                        {QStringLiteral("DELETE FROM contacts WHERE id IN (SELECT id FROM bulk_ids)"), {}}},
                       QT_TRANSLATE_NOOP("SqlError", "delete contacts"));
    });
    if (!done) {
        return done.error();
    }
    return change;
}

Status ContactRepository::restore(const QVector<Contact>& contacts, const ProgressCallback& progress)
{
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    QSqlQuery q(m_db);
    q.prepare(kInsertContact);
    for (qsizetype i = 0; i < contacts.size(); ++i) {
        const Contact& c = contacts.at(i);
        auto email = EmailAddress::parse(c.email);
        if (!email) {
            return email.error();
        }
        if (auto s = checkDuplicate(email->key(), c.id); !s) {
            return s;
        }
        q.addBindValue(c.id);
        bindStoredFields(q, c, email.value());
        q.addBindValue(isoOf(c.createdAt));
        q.addBindValue(isoOf(c.updatedAt));
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "restore contacts"));
        }
        if (auto s = writeMemberships(c.id, c); !s) {
            return s;
        }
        if (progress && (i % 1000 == 999 || i + 1 == contacts.size()) && !progress(i + 1, contacts.size())) {
            return Error{ErrorCode::Cancelled,
                         QCoreApplication::translate("ContactRepository", "Cancelled; nothing was changed.")};
        }
    }
    return tx.commit();
}
