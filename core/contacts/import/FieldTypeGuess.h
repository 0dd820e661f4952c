#pragma once

#include "core/contacts/CustomField.h"

#include <QRegularExpression>
#include <QString>

// What a column's values say a new custom field holds, narrowed with each value: a date, a
// number or yes/no when every non-empty value is one (in that order of preference), else
// text. The CSV mapping's guess and the vCard reader's field scan both judge this way.
class FieldTypeGuess
{
public:
    // Values looked at, at most: enough to be sure, few enough to stay quick.
    static constexpr int MaxValues = 1000;

    // False once more values cannot change the guess.
    bool open() const { return m_tested < MaxValues && (m_date || m_number || m_yesNo); }

    void add(const QString& value)
    {
        const QString v = value.trimmed();
        if (v.isEmpty() || !open()) {
            return;
        }
        ++m_tested;
        // "030 1234" and "01067" are phone numbers and postcodes: as numbers they would lose the 0.
        thread_local const QRegularExpression leadingZero(QStringLiteral("^[+-]?0[0-9]"));
        m_date = m_date && fits(FieldType::Date, v);
        m_number = m_number && fits(FieldType::Number, v) && !leadingZero.match(v).hasMatch();
        m_yesNo = m_yesNo && fits(FieldType::YesNo, v);
    }

    FieldType type() const
    {
        if (m_tested == 0) {
            return FieldType::Text;
        }
        return m_date ? FieldType::Date : m_number ? FieldType::Number : m_yesNo ? FieldType::YesNo : FieldType::Text;
    }

private:
    static bool fits(FieldType type, const QString& value)
    {
        return CustomField{0, QStringLiteral("probe"), type}.canonicalValue(value).ok();
    }

    int m_tested = 0;
    bool m_date = true;
    bool m_number = true;
    bool m_yesNo = true;
};
