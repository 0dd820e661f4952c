#pragma once

#include "core/Result.h"
#include "core/campaigns/Segment.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>
#include <QVector>

#include <atomic>
#include <functional>
#include <optional>

// Who a campaign goes to: everyone in any of these lists or tags (none of either: every
// contact), narrowed by the segment's rules.
struct AudienceSpec
{
    QVector<qint64> listIds;
    QVector<qint64> tagIds;
    std::optional<Segment> segment;
};

// How many contacts the spec matched and what became of them. A matched contact is counted
// once: under its status when that is not Subscribed, else as suppressed when its address or
// domain is on the suppression list, else as a recipient.
struct AudienceCount
{
    qint64 recipients = 0;
    qint64 leftOutUnsubscribed = 0;
    qint64 leftOutBounced = 0;
    qint64 leftOutComplained = 0;
    qint64 leftOutSuppressed = 0;

    qint64 matched() const
    {
        return recipients + leftOutUnsubscribed + leftOutBounced + leftOutComplained + leftOutSuppressed;
    }
    bool operator==(const AudienceCount& o) const
    {
        return recipients == o.recipients && leftOutUnsubscribed == o.leftOutUnsubscribed &&
               leftOutBounced == o.leftOutBounced && leftOutComplained == o.leftOutComplained &&
               leftOutSuppressed == o.leftOutSuppressed;
    }
};

struct AudienceRecipient
{
    qint64 contactId = 0;
    QString email;
};

// The SQL of an audience: one parameterised statement per question, built from the spec.
// Contacts that are not Subscribed, or are suppressed, are never recipients whatever the spec
// says. Run on the calling thread's connection; a worker thread opens its own.
//
// Dates: created_at / updated_at are instants, compared by the calendar days of the local
// time zone ("on 2024-03-31" is that local day); the consent date and custom date fields are
// plain dates. "Within the last N days" counts back from now(), "more than N days ago" is
// before that. Text compares ignoring ASCII case (SQLite NOCASE / LIKE); a negated text or
// number condition (is not, does not contain, !=) matches contacts with no value too. A
// yes/no field "is no" unless it is yes.
class AudienceQuery
{
public:
    explicit AudienceQuery(QSqlDatabase db, AudienceSpec spec);

    // "Now" for the relative date rules; the current time unless set (tests use a fixed one).
    void setNow(const QDateTime& now) { m_now = now; }
    // Set from any thread to stop a running count() or recipients(): they return ErrorCode::Cancelled.
    // SQLite asks while it runs the statement (a progress handler), so a long count stops at once.
    void setCancelFlag(const std::atomic_bool* cancel);
    // The same as a callback (called on the querying thread); an empty function clears it.
    void setCancelCheck(std::function<bool()> shouldCancel) { m_shouldCancel = std::move(shouldCancel); }

    Result<AudienceCount> count();
    // Up to `limit` recipients with contact id > afterId, in id order (keyset paging).
    Result<QVector<AudienceRecipient>> recipients(qint64 afterId, int limit);

    // The statement count() runs and its parameters, for EXPLAIN QUERY PLAN and the curious.
    struct Statement
    {
        QString sql;
        QVariantList binds;
    };
    Result<Statement> countStatement();
    Result<Statement> recipientsStatement(qint64 afterId, int limit);

private:
    // perContactProbe: the form for a page of recipients (see the .cpp), else for a count.
    Result<Statement> whereClause(bool perContactProbe);

    QSqlDatabase m_db;
    AudienceSpec m_spec;
    QDateTime m_now;
    bool cancelRequested() const { return m_shouldCancel && m_shouldCancel(); }

    std::function<bool()> m_shouldCancel;
};
