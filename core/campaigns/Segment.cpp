#include "core/campaigns/Segment.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace {

constexpr int kMaxDays = 36500; // a hundred years: anything longer is a typo

struct OperatorInfo
{
    SegmentOperator op;
    const char* name;  // JSON
    const char* label; // translated with QCoreApplication::translate("Segment", label)
    bool takesValue;
};

const QVector<OperatorInfo>& operatorTable()
{
    static const QVector<OperatorInfo> table = {
        {SegmentOperator::Is, "is", QT_TRANSLATE_NOOP("Segment", "is"), true},
        {SegmentOperator::IsNot, "is_not", QT_TRANSLATE_NOOP("Segment", "is not"), true},
        {SegmentOperator::Contains, "contains", QT_TRANSLATE_NOOP("Segment", "contains"), true},
        {SegmentOperator::DoesNotContain, "not_contains", QT_TRANSLATE_NOOP("Segment", "does not contain"), true},
        {SegmentOperator::StartsWith, "starts_with", QT_TRANSLATE_NOOP("Segment", "starts with"), true},
        {SegmentOperator::EndsWith, "ends_with", QT_TRANSLATE_NOOP("Segment", "ends with"), true},
        {SegmentOperator::IsEmpty, "is_empty", QT_TRANSLATE_NOOP("Segment", "is empty"), false},
        {SegmentOperator::IsNotEmpty, "is_not_empty", QT_TRANSLATE_NOOP("Segment", "is not empty"), false},
        {SegmentOperator::Equal, "=", QT_TRANSLATE_NOOP("Segment", "="), true},
        {SegmentOperator::NotEqual, "!=", QT_TRANSLATE_NOOP("Segment", "≠"), true},
        {SegmentOperator::Less, "<", QT_TRANSLATE_NOOP("Segment", "<"), true},
        {SegmentOperator::LessOrEqual, "<=", QT_TRANSLATE_NOOP("Segment", "≤"), true},
        {SegmentOperator::Greater, ">", QT_TRANSLATE_NOOP("Segment", ">"), true},
        {SegmentOperator::GreaterOrEqual, ">=", QT_TRANSLATE_NOOP("Segment", "≥"), true},
        {SegmentOperator::Before, "before", QT_TRANSLATE_NOOP("Segment", "is before"), true},
        {SegmentOperator::After, "after", QT_TRANSLATE_NOOP("Segment", "is after"), true},
        {SegmentOperator::On, "on", QT_TRANSLATE_NOOP("Segment", "is on"), true},
        {SegmentOperator::WithinLastDays, "within_last_days", QT_TRANSLATE_NOOP("Segment", "is within the last N days"),
         true},
        {SegmentOperator::MoreThanDaysAgo, "more_than_days_ago",
         QT_TRANSLATE_NOOP("Segment", "is more than N days ago"), true},
        {SegmentOperator::IsYes, "is_yes", QT_TRANSLATE_NOOP("Segment", "is yes"), false},
        {SegmentOperator::IsNo, "is_no", QT_TRANSLATE_NOOP("Segment", "is no"), false},
        {SegmentOperator::Has, "has", QT_TRANSLATE_NOOP("Segment", "has"), true},
        {SegmentOperator::HasNot, "has_not", QT_TRANSLATE_NOOP("Segment", "has not"), true},
    };
    return table;
}

const OperatorInfo& infoOf(SegmentOperator op)
{
    return operatorTable().at(static_cast<int>(op));
}

bool isDaysOperator(SegmentOperator op)
{
    return op == SegmentOperator::WithinLastDays || op == SegmentOperator::MoreThanDaysAgo;
}

QString typeLabel(SegmentValueType type)
{
    switch (type) {
    case SegmentValueType::Text:
        return QCoreApplication::translate("Segment", "text");
    case SegmentValueType::Number:
        return QCoreApplication::translate("Segment", "number");
    case SegmentValueType::Date:
        return QCoreApplication::translate("Segment", "date");
    case SegmentValueType::YesNo:
        return QCoreApplication::translate("Segment", "yes/no");
    case SegmentValueType::Group:
        return QCoreApplication::translate("Segment", "tag or list");
    case SegmentValueType::Status:
        return QCoreApplication::translate("Segment", "status");
    }
    return QString();
}

bool isDateColumn(ContactColumn column)
{
    return column == ContactColumn::CreatedAt || column == ContactColumn::UpdatedAt ||
           column == ContactColumn::ConsentDate;
}

// Tags, lists and status have kinds of their own; every other built-in column is text or a date.
bool isConditionColumn(ContactColumn column)
{
    return column != ContactColumn::Tags && column != ContactColumn::Lists && column != ContactColumn::Status;
}

// The JSON name of a built-in column: its ContactColumn key, but the consent date by its
// column name, like created_at and updated_at beside it.
QString columnJsonKey(ContactColumn column)
{
    if (column == ContactColumn::ConsentDate) {
        return QStringLiteral("consent_at");
    }
    return QString::fromLatin1(contactColumnInfo(column).key);
}

std::optional<ContactColumn> columnFromJsonKey(const QString& key)
{
    if (key == QLatin1String("consent_at")) {
        return ContactColumn::ConsentDate;
    }
    return contactColumnFromKey(key);
}

QString fieldLabel(const SegmentCondition& c, const SegmentSchema* schema)
{
    switch (c.kind) {
    case SegmentFieldKind::Column:
        return contactColumnLabel(c.column);
    case SegmentFieldKind::CustomField:
        if (schema) {
            const auto field = schema->customFields.constFind(c.customFieldId);
            if (field != schema->customFields.cend()) {
                return field->name;
            }
        }
        return QCoreApplication::translate("Segment", "custom field %1").arg(c.customFieldId);
    case SegmentFieldKind::Tag:
        return QCoreApplication::translate("Segment", "Tag");
    case SegmentFieldKind::List:
        return QCoreApplication::translate("Segment", "List");
    case SegmentFieldKind::Status:
        return contactColumnLabel(ContactColumn::Status);
    }
    return QString();
}

Error invalid(const QString& message)
{
    return Error{ErrorCode::InvalidInput, message};
}

// "Condition 2 (City): " — every message about a condition starts by pointing at it.
QString where(int index, const SegmentCondition& c, const SegmentSchema* schema)
{
    return QCoreApplication::translate("Segment", "Condition %1 (%2): ").arg(index + 1).arg(fieldLabel(c, schema));
}

QString jsonTypeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array:
        return QStringLiteral("[...]");
    case QJsonValue::Object:
        return QStringLiteral("{...}");
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

// A whole number from a JSON number or a string of digits; nullopt for anything else.
std::optional<qint64> wholeNumber(const QJsonValue& v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9.0e15) {
            return static_cast<qint64>(d);
        }
        return std::nullopt;
    }
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        if (ok) {
            return n;
        }
    }
    return std::nullopt;
}

Result<SegmentCondition> conditionFromJson(int index, const QJsonValue& value)
{
    if (!value.isObject()) {
        return invalid(QCoreApplication::translate("Segment", "Condition %1 is not a JSON object.").arg(index + 1));
    }
    const QJsonObject o = value.toObject();
    static const QStringList knownKeys = {QStringLiteral("field"), QStringLiteral("field_id"), QStringLiteral("op"),
                                          QStringLiteral("value")};
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!knownKeys.contains(it.key())) {
            return invalid(
                QCoreApplication::translate(
                    "Segment", "Condition %1: unknown key \"%2\" (a condition has field, field_id, op and value).")
                    .arg(index + 1)
                    .arg(it.key()));
        }
    }
    SegmentCondition c;
    const QString field = o.value(QLatin1String("field")).toString();
    if (field.isEmpty()) {
        return invalid(QCoreApplication::translate("Segment", "Condition %1 names no field.").arg(index + 1));
    }
    if (field == QLatin1String("custom")) {
        c.kind = SegmentFieldKind::CustomField;
        const auto id = wholeNumber(o.value(QLatin1String("field_id")));
        if (!id || *id <= 0) {
            return invalid(
                QCoreApplication::translate(
                    "Segment", "Condition %1: a custom field condition needs the field's id as \"field_id\".")
                    .arg(index + 1));
        }
        c.customFieldId = *id;
    } else if (field == QLatin1String("tag") || field == QLatin1String("tags")) {
        c.kind = SegmentFieldKind::Tag;
    } else if (field == QLatin1String("list") || field == QLatin1String("lists")) {
        c.kind = SegmentFieldKind::List;
    } else if (field == QLatin1String("status")) {
        c.kind = SegmentFieldKind::Status;
    } else {
        const auto column = columnFromJsonKey(field);
        if (!column || !isConditionColumn(*column)) {
            return invalid(QCoreApplication::translate("Segment", "Condition %1: there is no field \"%2\".")
                               .arg(index + 1)
                               .arg(field));
        }
        c.kind = SegmentFieldKind::Column;
        c.column = *column;
    }

    const QJsonValue opValue = o.value(QLatin1String("op"));
    if (opValue.isUndefined() || opValue.toString().isEmpty()) {
        return invalid(where(index, c, nullptr) +
                       QCoreApplication::translate("Segment", "the condition has no operator (\"op\")."));
    }
    const auto op = segmentOperatorFromName(opValue.toString());
    if (!op) {
        return invalid(where(index, c, nullptr) +
                       QCoreApplication::translate("Segment", "\"%1\" is not an operator.").arg(jsonTypeName(opValue)));
    }
    c.op = *op;

    if (!segmentOperatorTakesValue(c.op)) {
        return c;
    }
    const QJsonValue v = o.value(QLatin1String("value"));
    const QString label = segmentOperatorLabel(c.op);
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().trimmed().isEmpty())) {
        return invalid(where(index, c, nullptr) +
                       QCoreApplication::translate("Segment", "\"%1\" needs a value.").arg(label));
    }
    if (c.kind == SegmentFieldKind::Tag || c.kind == SegmentFieldKind::List) {
        const auto id = wholeNumber(v);
        if (!id || *id <= 0) {
            return invalid(
                where(index, c, nullptr) +
                QCoreApplication::translate("Segment", "the value must be the id of a tag or list, not \"%1\".")
                    .arg(jsonTypeName(v)));
        }
        c.groupId = *id;
        return c;
    }
    if (isDaysOperator(c.op)) {
        const auto days = wholeNumber(v);
        if (!days || *days < 0 || *days > kMaxDays) {
            return invalid(where(index, c, nullptr) +
                           QCoreApplication::translate(
                               "Segment", "the number of days must be a whole number from 0 to %L1, not \"%2\".")
                               .arg(kMaxDays)
                               .arg(jsonTypeName(v)));
        }
        c.days = static_cast<int>(*days);
        return c;
    }
    if (!v.isString() && !v.isDouble()) {
        return invalid(where(index, c, nullptr) +
                       QCoreApplication::translate("Segment", "the value must be text or a number, not \"%1\".")
                           .arg(jsonTypeName(v)));
    }
    c.value = v.isString() ? v.toString() : QString::number(v.toDouble(), 'g', 15);
    return c;
}

} // namespace

QString segmentOperatorName(SegmentOperator op)
{
    return QString::fromLatin1(infoOf(op).name);
}

std::optional<SegmentOperator> segmentOperatorFromName(const QString& name)
{
    for (const OperatorInfo& info : operatorTable()) {
        if (name == QLatin1String(info.name)) {
            return info.op;
        }
    }
    return std::nullopt;
}

QString segmentOperatorLabel(SegmentOperator op)
{
    return QCoreApplication::translate("Segment", infoOf(op).label);
}

bool segmentOperatorTakesValue(SegmentOperator op)
{
    return infoOf(op).takesValue;
}

QVector<SegmentOperator> segmentOperatorsFor(SegmentValueType type)
{
    using Op = SegmentOperator;
    switch (type) {
    case SegmentValueType::Text:
        return {Op::Is,         Op::IsNot,    Op::Contains, Op::DoesNotContain,
                Op::StartsWith, Op::EndsWith, Op::IsEmpty,  Op::IsNotEmpty};
    case SegmentValueType::Number:
        return {Op::Equal,   Op::NotEqual,       Op::Less,    Op::LessOrEqual,
                Op::Greater, Op::GreaterOrEqual, Op::IsEmpty, Op::IsNotEmpty};
    case SegmentValueType::Date:
        return {Op::Before, Op::After, Op::On, Op::WithinLastDays, Op::MoreThanDaysAgo, Op::IsEmpty, Op::IsNotEmpty};
    case SegmentValueType::YesNo:
        return {Op::IsYes, Op::IsNo};
    case SegmentValueType::Group:
        return {Op::Has, Op::HasNot};
    case SegmentValueType::Status:
        return {Op::Is, Op::IsNot};
    }
    return {};
}

std::optional<SegmentValueType> segmentValueType(const SegmentCondition& condition, const SegmentSchema& schema)
{
    switch (condition.kind) {
    case SegmentFieldKind::Column:
        if (!isConditionColumn(condition.column)) {
            return std::nullopt;
        }
        return isDateColumn(condition.column) ? SegmentValueType::Date : SegmentValueType::Text;
    case SegmentFieldKind::CustomField: {
        const auto field = schema.customFields.constFind(condition.customFieldId);
        if (field == schema.customFields.cend()) {
            return std::nullopt;
        }
        switch (field->type) {
        case FieldType::Text:
            return SegmentValueType::Text;
        case FieldType::Number:
            return SegmentValueType::Number;
        case FieldType::Date:
            return SegmentValueType::Date;
        case FieldType::YesNo:
            return SegmentValueType::YesNo;
        }
        return std::nullopt;
    }
    case SegmentFieldKind::Tag:
    case SegmentFieldKind::List:
        return SegmentValueType::Group;
    case SegmentFieldKind::Status:
        return SegmentValueType::Status;
    }
    return std::nullopt;
}

SegmentCondition SegmentCondition::onColumn(ContactColumn column, SegmentOperator op, const QString& value)
{
    SegmentCondition c;
    c.kind = SegmentFieldKind::Column;
    c.column = column;
    c.op = op;
    c.value = value;
    return c;
}

SegmentCondition SegmentCondition::onCustomField(qint64 fieldId, SegmentOperator op, const QString& value)
{
    SegmentCondition c;
    c.kind = SegmentFieldKind::CustomField;
    c.customFieldId = fieldId;
    c.op = op;
    c.value = value;
    return c;
}

SegmentCondition SegmentCondition::onTag(SegmentOperator op, qint64 tagId)
{
    SegmentCondition c;
    c.kind = SegmentFieldKind::Tag;
    c.op = op;
    c.groupId = tagId;
    return c;
}

SegmentCondition SegmentCondition::onList(SegmentOperator op, qint64 listId)
{
    SegmentCondition c;
    c.kind = SegmentFieldKind::List;
    c.op = op;
    c.groupId = listId;
    return c;
}

SegmentCondition SegmentCondition::onStatus(SegmentOperator op, ContactStatus status)
{
    SegmentCondition c;
    c.kind = SegmentFieldKind::Status;
    c.op = op;
    c.value = contactStatusName(status);
    return c;
}

SegmentCondition SegmentCondition::daysAgo(ContactColumn column, SegmentOperator op, int days, qint64 fieldId)
{
    SegmentCondition c;
    if (fieldId != 0) {
        c.kind = SegmentFieldKind::CustomField;
        c.customFieldId = fieldId;
    } else {
        c.kind = SegmentFieldKind::Column;
        c.column = column;
    }
    c.op = op;
    c.days = days;
    return c;
}

bool SegmentCondition::operator==(const SegmentCondition& o) const
{
    if (kind != o.kind || op != o.op) {
        return false;
    }
    switch (kind) {
    case SegmentFieldKind::Column:
        if (column != o.column) {
            return false;
        }
        break;
    case SegmentFieldKind::CustomField:
        if (customFieldId != o.customFieldId) {
            return false;
        }
        break;
    case SegmentFieldKind::Tag:
    case SegmentFieldKind::List:
        return groupId == o.groupId;
    case SegmentFieldKind::Status:
        break;
    }
    if (!segmentOperatorTakesValue(op)) {
        return true;
    }
    return isDaysOperator(op) ? days == o.days : value == o.value;
}

QByteArray Segment::rulesJson() const
{
    QJsonArray list;
    for (const SegmentCondition& c : conditions) {
        QJsonObject o;
        switch (c.kind) {
        case SegmentFieldKind::Column:
            o.insert(QStringLiteral("field"), columnJsonKey(c.column));
            break;
        case SegmentFieldKind::CustomField:
            o.insert(QStringLiteral("field"), QStringLiteral("custom"));
            o.insert(QStringLiteral("field_id"), c.customFieldId);
            break;
        case SegmentFieldKind::Tag:
            o.insert(QStringLiteral("field"), QStringLiteral("tag"));
            break;
        case SegmentFieldKind::List:
            o.insert(QStringLiteral("field"), QStringLiteral("list"));
            break;
        case SegmentFieldKind::Status:
            o.insert(QStringLiteral("field"), QStringLiteral("status"));
            break;
        }
        o.insert(QStringLiteral("op"), segmentOperatorName(c.op));
        if (segmentOperatorTakesValue(c.op)) {
            if (c.kind == SegmentFieldKind::Tag || c.kind == SegmentFieldKind::List) {
                o.insert(QStringLiteral("value"), c.groupId);
            } else if (isDaysOperator(c.op)) {
                o.insert(QStringLiteral("value"), c.days);
            } else {
                // Numbers too travel as the text given, so a round trip keeps them exactly.
                o.insert(QStringLiteral("value"), c.value);
            }
        }
        list.append(o);
    }
    const QJsonObject root{
        {QStringLiteral("match"), match == SegmentMatch::All ? QStringLiteral("all") : QStringLiteral("any")},
        {QStringLiteral("conditions"), list},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Result<Segment> Segment::fromRulesJson(const QByteArray& json, const SegmentSchema& schema)
{
    auto segment = parseRules(json);
    if (!segment) {
        return segment.error();
    }
    if (auto valid = segment->validate(schema); !valid) {
        return valid.error();
    }
    return segment;
}

Result<Segment> Segment::parseRules(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return invalid(
            QCoreApplication::translate("Segment", "The segment's rules are not valid JSON: %1 at character %2.")
                .arg(parseError.errorString())
                .arg(parseError.offset + 1));
    }
    if (!doc.isObject()) {
        return invalid(QCoreApplication::translate(
            "Segment", "The segment's rules must be a JSON object with \"match\" and \"conditions\"."));
    }
    const QJsonObject root = doc.object();
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (it.key() != QLatin1String("match") && it.key() != QLatin1String("conditions")) {
            return invalid(
                QCoreApplication::translate(
                    "Segment", "The segment's rules have an unknown key \"%1\" (they have match and conditions).")
                    .arg(it.key()));
        }
    }
    Segment segment;
    const QJsonValue match = root.value(QLatin1String("match"));
    if (match.isUndefined() || match.toString() == QLatin1String("all")) {
        segment.match = SegmentMatch::All;
    } else if (match.toString() == QLatin1String("any")) {
        segment.match = SegmentMatch::Any;
    } else {
        return invalid(
            QCoreApplication::translate("Segment", "The segment's \"match\" must be \"all\" or \"any\", not \"%1\".")
                .arg(jsonTypeName(match)));
    }
    const QJsonValue conditions = root.value(QLatin1String("conditions"));
    if (!conditions.isUndefined() && !conditions.isArray()) {
        return invalid(
            QCoreApplication::translate("Segment", "The segment's \"conditions\" must be a list of conditions."));
    }
    const QJsonArray array = conditions.toArray();
    for (int i = 0; i < array.size(); ++i) {
        auto condition = conditionFromJson(i, array.at(i));
        if (!condition) {
            return condition.error();
        }
        segment.conditions.append(condition.value());
    }
    return segment;
}

Status Segment::validate(const SegmentSchema& schema) const
{
    for (int i = 0; i < conditions.size(); ++i) {
        const SegmentCondition& c = conditions.at(i);
        const auto type = segmentValueType(c, schema);
        if (!type) {
            if (c.kind == SegmentFieldKind::CustomField) {
                return Error{ErrorCode::UnknownField,
                             QCoreApplication::translate(
                                 "Segment", "Condition %1: there is no custom field with id %2; was it deleted?")
                                 .arg(i + 1)
                                 .arg(c.customFieldId)};
            }
            return Error{ErrorCode::UnknownField,
                         QCoreApplication::translate("Segment", "Condition %1: there is no field \"%2\".")
                             .arg(i + 1)
                             .arg(columnJsonKey(c.column))};
        }
        const QString at = where(i, c, &schema);
        if (!segmentOperatorsFor(*type).contains(c.op)) {
            return invalid(at + QCoreApplication::translate("Segment", "\"%1\" does not apply to a %2 field.")
                                    .arg(segmentOperatorLabel(c.op), typeLabel(*type)));
        }
        if (!segmentOperatorTakesValue(c.op)) {
            continue;
        }
        if (*type == SegmentValueType::Group) {
            if (c.groupId <= 0) {
                return invalid(at + QCoreApplication::translate("Segment", "\"%1\" needs a tag or list.")
                                        .arg(segmentOperatorLabel(c.op)));
            }
            const bool isTag = c.kind == SegmentFieldKind::Tag;
            if (!(isTag ? schema.tagIds : schema.listIds).contains(c.groupId)) {
                return Error{ErrorCode::NotFound,
                             (isTag ? QCoreApplication::translate(
                                          "Segment", "Condition %1: there is no tag with id %2; was it deleted?")
                                    : QCoreApplication::translate(
                                          "Segment", "Condition %1: there is no list with id %2; was it deleted?"))
                                 .arg(i + 1)
                                 .arg(c.groupId)};
            }
            continue;
        }
        if (isDaysOperator(c.op)) {
            if (c.days < 0 || c.days > kMaxDays) {
                return invalid(at +
                               QCoreApplication::translate(
                                   "Segment", "the number of days must be a whole number from 0 to %L1, not \"%2\".")
                                   .arg(kMaxDays)
                                   .arg(c.days));
            }
            continue;
        }
        const QString value = c.value.trimmed();
        if (value.isEmpty()) {
            return invalid(
                at + QCoreApplication::translate("Segment", "\"%1\" needs a value.").arg(segmentOperatorLabel(c.op)));
        }
        switch (*type) {
        case SegmentValueType::Number: {
            bool ok = false;
            const double number = value.toDouble(&ok);
            if (!ok || !std::isfinite(number)) {
                return invalid(at + QCoreApplication::translate("Segment", "\"%1\" is not a number.").arg(c.value));
            }
            break;
        }
        case SegmentValueType::Date:
            if (!QDate::fromString(value, Qt::ISODate).isValid()) {
                return invalid(at +
                               QCoreApplication::translate("Segment", "\"%1\" is not a date; write it as YYYY-MM-DD.")
                                   .arg(c.value));
            }
            break;
        case SegmentValueType::Status:
            if (!contactStatusFromName(value)) {
                return invalid(
                    at + QCoreApplication::translate(
                             "Segment", "\"%1\" is not a status (subscribed, unsubscribed, bounced or complained).")
                             .arg(c.value));
            }
            break;
        case SegmentValueType::Text:
            if (value.size() > 1000) {
                return invalid(at +
                               QCoreApplication::translate("Segment", "the value is longer than 1,000 characters."));
            }
            break;
        case SegmentValueType::YesNo:
        case SegmentValueType::Group:
            break;
        }
    }
    return Ok{};
}
