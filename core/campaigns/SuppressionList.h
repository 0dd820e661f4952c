#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

#include <optional>

// Stored as integers (suppressions.kind); the order is part of the schema.
enum class SuppressionKind { Email = 0, Domain = 1 };

// An address or a whole domain that is never mailed, whatever a campaign's audience says.
//  - Email: the pattern is the address's key (EmailAddress::key(): lower-case, domain in
//    punycode), so it matches the contact however its address was typed.
//  - Domain: the pattern is the lower-case ASCII (punycode) domain, the same form as the
//    domain in an email key. Suppressing example.com also suppresses every subdomain
//    (a@mail.example.com): whoever asks never to mail a company means all of its mail servers.
struct Suppression
{
    qint64 id = 0;
    SuppressionKind kind = SuppressionKind::Email;
    QString pattern;
    QString reason;
    QDateTime createdAt;
};

struct SuppressionCounts
{
    qint64 emails = 0;
    qint64 domains = 0;
};

// One line of an import file that could not be read as an email address or domain.
struct SuppressionImportProblem
{
    qint64 line = 0; // 1-based
    QString text;    // the value as in the file
    QString message; // translated, naming the line
};

struct SuppressionImportReport
{
    qint64 added = 0;             // new suppressions
    qint64 alreadySuppressed = 0; // in the file, but already in the list (or twice in the file)
    QVector<SuppressionImportProblem> problems;
};

struct SuppressionImportOptions
{
    QString reason;
    // true: a file with any unreadable line adds nothing (the report still lists every problem).
    // false: the readable lines are added, the others reported.
    bool refuseIfAnyInvalid = false;
};

// The workspace's suppression list: add, remove, page through, check, import.
class SuppressionList
{
public:
    explicit SuppressionList(QSqlDatabase db);

    // What an entry is stored as: an email address (anything with an @) or a domain
    // ("example.com", "@example.com", "*.example.com", "bücher.de"), normalised as described above.
    static Result<std::pair<SuppressionKind, QString>> normalize(const QString& emailOrDomain);

    // Adds an address or domain; adding one already there is not an error (returns the existing one).
    Result<Suppression> add(const QString& emailOrDomain, const QString& reason = {});
    Status remove(qint64 id);
    // Removes the entry for this address or domain; NotFound if there is none.
    Status remove(const QString& emailOrDomain);

    // Keyset paging in the order entries were added: `limit` entries with id > afterId.
    Result<QVector<Suppression>> page(qint64 afterId, int limit, std::optional<SuppressionKind> kind = {});
    Result<SuppressionCounts> counts();

    // Whether mail to this address is suppressed, by itself or by its domain (or a parent domain).
    Result<bool> isSuppressed(const QString& email);

    // Reads a file with one email address or domain per line, or a CSV file whose email column
    // (named like "email", else the first whose value holds an @) is used. A first line without
    // any @ and nothing readable in it is a header. Lines starting with # are comments. All the
    // additions are one transaction: a failure part-way adds nothing.
    Result<SuppressionImportReport> importFile(const QString& path, const SuppressionImportOptions& options = {});

private:
    QSqlDatabase m_db;
};
