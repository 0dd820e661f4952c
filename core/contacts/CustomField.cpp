#include "core/contacts/CustomField.h"

#include <QCoreApplication>
#include <QDate>
#include <QRegularExpression>

QString fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return QStringLiteral("text");
    case FieldType::Number:
        return QStringLiteral("number");
    case FieldType::Date:
        return QStringLiteral("date");
    case FieldType::YesNo:
        return QStringLiteral("yesno");
    }
    return QStringLiteral("text");
}

std::optional<FieldType> fieldTypeFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("text")) {
        return FieldType::Text;
    }
    if (n == QLatin1String("number")) {
        return FieldType::Number;
    }
    if (n == QLatin1String("date")) {
        return FieldType::Date;
    }
    if (n == QLatin1String("yesno") || n == QLatin1String("yes/no") || n == QLatin1String("bool") ||
        n == QLatin1String("boolean")) {
        return FieldType::YesNo;
    }
    return std::nullopt;
}

Result<QString> CustomField::canonicalValue(const QString& input) const
{
    const QString value = input.trimmed();
    if (value.isEmpty()) {
        return QString();
    }
    switch (type) {
    case FieldType::Text:
        if (value.size() > 10000) {
            return Error{ErrorCode::InvalidInput,
                         QCoreApplication::translate("CustomField", "%1 is longer than 10,000 characters.").arg(name)};
        }
        return value;
    case FieldType::Number: {
        bool ok = false;
        const double number = value.toDouble(&ok);
        if (!ok || !qIsFinite(number)) {
            return Error{ErrorCode::InvalidInput,
                         QCoreApplication::translate("CustomField", "%1: \"%2\" is not a number.").arg(name, value)};
        }
        return QString::number(number, 'g', 15);
    }
    case FieldType::Date: {
        const QDate date = QDate::fromString(value, Qt::ISODate);
        if (!date.isValid()) {
            return Error{ErrorCode::InvalidInput,
                         QCoreApplication::translate("CustomField", "%1: \"%2\" is not a date; write it as YYYY-MM-DD.")
                             .arg(name, value)};
        }
        return date.toString(Qt::ISODate);
    }
    case FieldType::YesNo: {
        const QString v = value.toLower();
        if (v == QLatin1String("yes") || v == QLatin1String("y") || v == QLatin1String("true") ||
            v == QLatin1String("1")) {
            return QStringLiteral("yes");
        }
        if (v == QLatin1String("no") || v == QLatin1String("n") || v == QLatin1String("false") ||
            v == QLatin1String("0")) {
            return QStringLiteral("no");
        }
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("CustomField", "%1: \"%2\" is not yes or no.").arg(name, value)};
    }
    }
    return value;
}

Status validateFieldName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[\\p{L}\\p{N}_][\\p{L}\\p{N}_ \\-]{0,63}$"));
    if (!pattern.match(name).hasMatch()) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate(
                "CustomField", "\"%1\" is not a valid field name: use up to 64 letters, digits, spaces, _ or -.")
                .arg(name)};
    }
    return Ok{};
}
