#include "core/campaigns/SuppressionList.h"

#include "core/contacts/EmailAddress.h"
#include "core/contacts/import/CsvReader.h"
#include "core/storage/SqlError.h"
#include "core/storage/SqlText.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

namespace {

Suppression readSuppression(const QSqlQuery& q)
{
    Suppression s;
    s.id = q.value(0).toLongLong();
    s.kind = static_cast<SuppressionKind>(q.value(1).toInt());
    s.pattern = q.value(2).toString();
    s.reason = q.value(3).toString();
    s.createdAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
    return s;
}

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// The domain and each parent that is still a domain: mail.example.com, example.com (never "com":
// a suppressed domain always has a dot, as an email address's domain must).
QStringList domainAndParents(const QString& asciiDomain)
{
    QStringList out;
    QString d = asciiDomain;
    while (d.contains(QLatin1Char('.'))) {
        out << d;
        d = d.mid(d.indexOf(QLatin1Char('.')) + 1);
    }
    return out;
}

bool looksLikeEmailHeader(const QString& name)
{
    const QString n = name.trimmed().toLower();
    return n.contains(QLatin1String("mail")) || n == QLatin1String("address");
}

} // namespace

SuppressionList::SuppressionList(QSqlDatabase db)
    : m_db(std::move(db))
{}

Result<std::pair<SuppressionKind, QString>> SuppressionList::normalize(const QString& emailOrDomain)
{
    const QString text = emailOrDomain.trimmed();
    if (text.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("SuppressionList", "An email address or a domain is required.")};
    }
    QString domain = text;
    if (domain.startsWith(QLatin1String("*."))) {
        domain = domain.mid(2);
    } else if (domain.startsWith(QLatin1Char('@'))) {
        domain = domain.mid(1);
    }
    if (domain.contains(QLatin1Char('@'))) {
        auto email = EmailAddress::parse(text);
        if (!email) {
            return email.error();
        }
        return std::make_pair(SuppressionKind::Email, email->key());
    }
    // A domain is checked exactly as the domain of an address is, so its stored form is
    // the one the contact's email key ends with.
    auto probe = EmailAddress::parse(QStringLiteral("x@") + domain);
    if (!probe || domain.contains(QLatin1Char(' '))) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate(
                         "SuppressionList", "\"%1\" is neither an email address nor a domain name (like example.com).")
                         .arg(text)};
    }
    return std::make_pair(SuppressionKind::Domain, probe->asciiDomain());
}

Result<Suppression> SuppressionList::add(const QString& emailOrDomain, const QString& reason)
{
    auto key = normalize(emailOrDomain);
    if (!key) {
        return key.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO suppressions (kind, pattern, reason, created_at) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT (kind, pattern) DO NOTHING"));
    q.addBindValue(static_cast<int>(key->first));
    q.addBindValue(key->second);
    q.addBindValue(sqlText(reason.trimmed()));
    q.addBindValue(nowIso());
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "add to the suppression list"));
    }
    q.prepare(QStringLiteral("SELECT id, kind, pattern, reason, created_at FROM suppressions"
                             " WHERE kind = ? AND pattern = ?"));
    q.addBindValue(static_cast<int>(key->first));
    q.addBindValue(key->second);
    if (!q.exec() || !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the suppression list"));
    }
    return readSuppression(q);
}

Status SuppressionList::remove(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM suppressions WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "remove from the suppression list"));
    }
    if (q.numRowsAffected() == 0) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("SuppressionList", "The suppression list has no entry %1.").arg(id)};
    }
    return Ok{};
}

Status SuppressionList::remove(const QString& emailOrDomain)
{
    auto key = normalize(emailOrDomain);
    if (!key) {
        return key.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM suppressions WHERE kind = ? AND pattern = ?"));
    q.addBindValue(static_cast<int>(key->first));
    q.addBindValue(key->second);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "remove from the suppression list"));
    }
    if (q.numRowsAffected() == 0) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("SuppressionList", "%1 is not on the suppression list.")
                         .arg(emailOrDomain.trimmed())};
    }
    return Ok{};
}

Result<QVector<Suppression>> SuppressionList::page(qint64 afterId, int limit, std::optional<SuppressionKind> kind)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, kind, pattern, reason, created_at FROM suppressions"
                             " WHERE id > ? AND (? < 0 OR kind = ?) ORDER BY id LIMIT ?"));
    const int k = kind ? static_cast<int>(*kind) : -1;
    q.addBindValue(afterId);
    q.addBindValue(k);
    q.addBindValue(k);
    q.addBindValue(qMax(0, limit));
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the suppression list"));
    }
    QVector<Suppression> out;
    while (q.next()) {
        out.append(readSuppression(q));
    }
    return out;
}

Result<SuppressionCounts> SuppressionList::counts()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM suppressions WHERE kind = 0),"
                               " (SELECT count(*) FROM suppressions WHERE kind = 1)")) ||
        !q.next()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "count the suppression list"));
    }
    return SuppressionCounts{q.value(0).toLongLong(), q.value(1).toLongLong()};
}

Result<bool> SuppressionList::isSuppressed(const QString& email)
{
    auto address = EmailAddress::parse(email);
    if (!address) {
        return address.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM suppressions WHERE kind = 0 AND pattern = ?"));
    q.addBindValue(address->key());
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the suppression list"));
    }
    if (q.next()) {
        return true;
    }
    q.prepare(QStringLiteral("SELECT 1 FROM suppressions WHERE kind = 1 AND pattern = ?"));
    for (const QString& domain : domainAndParents(address->asciiDomain())) {
        q.addBindValue(domain);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the suppression list"));
        }
        if (q.next()) {
            return true;
        }
    }
    return false;
}

Result<SuppressionImportReport> SuppressionList::importFile(const QString& path,
                                                            const SuppressionImportOptions& options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{
            ErrorCode::FileError,
            QCoreApplication::translate("SuppressionList", "Cannot read %1: %2").arg(path, file.errorString())};
    }
    // Header detection is ours (below): CsvReader's would take a first line "example.com"
    // above a line of addresses for a header.
    CsvOptions csv;
    csv.header = CsvOptions::Header::Absent;
    CsvReader reader(&file, csv);
    if (auto opened = reader.open(); !opened) {
        return opened.error();
    }

    SuppressionImportReport report;
    QVector<std::pair<SuppressionKind, QString>> entries;
    QSet<QString> seen;
    int column = -1;
    bool first = true;
    while (true) {
        auto next = reader.next();
        if (!next) {
            return next.error();
        }
        if (!next->has_value()) {
            break;
        }
        const CsvRecord& record = **next;
        if (record.fields.size() == 1 && record.fields.first().trimmed().startsWith(QLatin1Char('#'))) {
            continue;
        }
        if (first) {
            first = false;
            bool hasAt = false;
            bool readable = false;
            for (const QString& f : record.fields) {
                hasAt = hasAt || f.contains(QLatin1Char('@'));
                readable = readable || normalize(f).ok();
            }
            if (!hasAt && !readable) {
                for (int i = 0; i < record.fields.size() && column < 0; ++i) {
                    if (looksLikeEmailHeader(record.fields.at(i))) {
                        column = i;
                    }
                }
                continue; // a header
            }
        }
        if (column < 0) {
            column = 0;
            for (int i = 0; i < record.fields.size(); ++i) {
                if (record.fields.at(i).contains(QLatin1Char('@'))) {
                    column = i;
                    break;
                }
            }
        }
        const QString value = column < record.fields.size() ? record.fields.at(column).trimmed() : QString();
        if (value.isEmpty()) {
            report.problems.append(
                {record.line, record.raw,
                 QCoreApplication::translate("SuppressionList", "Line %L1: no email address or domain in column %2.")
                     .arg(record.line)
                     .arg(column + 1)});
            continue;
        }
        auto key = normalize(value);
        if (!key) {
            report.problems.append({record.line, value,
                                    QCoreApplication::translate("SuppressionList", "Line %L1: %2")
                                        .arg(record.line)
                                        .arg(key.error().message)});
            continue;
        }
        const QString dedupe = QString::number(static_cast<int>(key->first)) + key->second;
        if (seen.contains(dedupe)) {
            ++report.alreadySuppressed;
            continue;
        }
        seen.insert(dedupe);
        entries.append(key.value());
    }
    if (options.refuseIfAnyInvalid && !report.problems.isEmpty()) {
        return report;
    }

    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO suppressions (kind, pattern, reason, created_at) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT (kind, pattern) DO NOTHING"));
    const QString reason = sqlText(options.reason.trimmed());
    const QString now = nowIso();
    for (const auto& entry : entries) {
        q.addBindValue(static_cast<int>(entry.first));
        q.addBindValue(entry.second);
        q.addBindValue(reason);
        q.addBindValue(now);
        if (!q.exec()) {
            return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "add to the suppression list"));
        }
        if (q.numRowsAffected() > 0) {
            ++report.added;
        } else {
            ++report.alreadySuppressed;
        }
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return report;
}
