#pragma once

#include "core/Result.h"

#include <QString>

#include <optional>

enum class FieldType { Text = 0, Number = 1, Date = 2, YesNo = 3 };

QString fieldTypeName(FieldType type); // "text", "number", "date", "yesno"
std::optional<FieldType> fieldTypeFromName(const QString& name);

// A user-defined contact field. Values are stored as canonical text: numbers as
// plain decimals ("1234.5"), dates as ISO 8601 ("2024-03-31"), yes/no as "yes"/"no",
// so they sort and compare the same in SQL and in the window.
struct CustomField
{
    qint64 id = 0;
    QString name;
    FieldType type = FieldType::Text;

    // Validates what a user typed and returns the canonical form, or an error naming the field.
    Result<QString> canonicalValue(const QString& input) const;
};

// Field names are identifiers a merge tag can use later: letters, digits, spaces, _ and -.
Status validateFieldName(const QString& name);
