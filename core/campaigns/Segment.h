#pragma once

#include "core/Result.h"
#include "core/campaigns/SegmentSchema.h"
#include "core/contacts/Contact.h"
#include "core/contacts/ContactColumn.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

enum class SegmentMatch { All, Any };

// What a condition looks at.
//  - Column: a built-in text column (email, names, address, phone, notes, consent source) or
//    one of the three dates (created_at, updated_at, consent date).
//  - CustomField: a user-defined field, compared by its type.
//  - Tag / List: membership. Status: the contact's status.
enum class SegmentFieldKind { Column, CustomField, Tag, List, Status };

// How a field's values compare; decides which operators apply.
enum class SegmentValueType { Text, Number, Date, YesNo, Group, Status };

enum class SegmentOperator {
    // text
    Is,
    IsNot,
    Contains,
    DoesNotContain,
    StartsWith,
    EndsWith,
    IsEmpty,
    IsNotEmpty,
    // number
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    // date
    Before,
    After,
    On,
    WithinLastDays,
    MoreThanDaysAgo,
    // yes/no
    IsYes,
    IsNo,
    // tag / list
    Has,
    HasNot,
    // status uses Is / IsNot
};

// Stable, untranslated operator names used in the rules JSON ("is", "not_contains", ">=", ...).
QString segmentOperatorName(SegmentOperator op);
std::optional<SegmentOperator> segmentOperatorFromName(const QString& name);
// Translated label for the window ("does not contain", "within the last N days").
QString segmentOperatorLabel(SegmentOperator op);
// The operators a value type offers, in the order the editor lists them.
QVector<SegmentOperator> segmentOperatorsFor(SegmentValueType type);
// Whether the operator compares against a value (false for is empty, is yes, ...).
bool segmentOperatorTakesValue(SegmentOperator op);

// One rule. Which members are read depends on `kind` and `op`:
//  - column for Column, customFieldId for CustomField, groupId for Tag / List;
//  - value: text as typed, a number ("12.5"), a date (YYYY-MM-DD) or a status name ("bounced");
//  - days for WithinLastDays / MoreThanDaysAgo.
struct SegmentCondition
{
    SegmentFieldKind kind = SegmentFieldKind::Column;
    ContactColumn column = ContactColumn::Email;
    qint64 customFieldId = 0;
    qint64 groupId = 0;
    SegmentOperator op = SegmentOperator::Is;
    QString value;
    int days = 0;

    static SegmentCondition onColumn(ContactColumn column, SegmentOperator op, const QString& value = {});
    static SegmentCondition onCustomField(qint64 fieldId, SegmentOperator op, const QString& value = {});
    static SegmentCondition onTag(SegmentOperator op, qint64 tagId);
    static SegmentCondition onList(SegmentOperator op, qint64 listId);
    static SegmentCondition onStatus(SegmentOperator op, ContactStatus status);
    // WithinLastDays / MoreThanDaysAgo on a date column or a custom date field (fieldId != 0).
    static SegmentCondition daysAgo(ContactColumn column, SegmentOperator op, int days, qint64 fieldId = 0);

    bool operator==(const SegmentCondition& o) const;
    bool operator!=(const SegmentCondition& o) const { return !(*this == o); }
};

// A saved, named set of rules that narrows an audience. No conditions: everybody.
// The rules travel as JSON (the segments.rules column, the CLI):
//   {"match": "all", "conditions": [
//     {"field": "city", "op": "is", "value": "Berlin"},
//     {"field": "custom", "field_id": 3, "op": ">=", "value": 10},
//     {"field": "tag", "op": "has", "value": 5},
//     {"field": "created_at", "op": "within_last_days", "value": 30}]}
struct Segment
{
    qint64 id = 0;
    QString name;
    SegmentMatch match = SegmentMatch::All;
    QVector<SegmentCondition> conditions;
    QDateTime createdAt;
    QDateTime updatedAt;

    // The rules (match and conditions) as compact JSON; name and id are not part of it.
    QByteArray rulesJson() const;
    // Reads and validates rules JSON against what the workspace holds; the error names the
    // condition (1-based) and what is wrong with it.
    static Result<Segment> fromRulesJson(const QByteArray& json, const SegmentSchema& schema);
    // The same without the workspace: checks the JSON, the field names, operators and values, but
    // not that custom fields, tags and lists exist or that an operator suits a custom field.
    static Result<Segment> parseRules(const QByteArray& json);

    // Checks every condition: the field exists, the operator suits its type, the value is given
    // and readable (numbers, dates, status names, day counts), the tag or list exists.
    Status validate(const SegmentSchema& schema) const;

    // Compares the rules only (not id, name or timestamps).
    bool sameRules(const Segment& o) const { return match == o.match && conditions == o.conditions; }
};

// The value type of a condition's field, or nullopt for a custom field the schema lacks.
std::optional<SegmentValueType> segmentValueType(const SegmentCondition& condition, const SegmentSchema& schema);

Q_DECLARE_METATYPE(Segment)
