#pragma once

#include <QDate>
#include <QLocale>
#include <QString>
#include <QTime>
#include <QVector>

#include <optional>

// The format of the `date` filter, a strftime subset (%Y %m %d %e %B %b %A %a %H %M and %%),
// compiled once when the template is parsed so rendering a million recipients only walks a
// short list of pieces.
class TemplateDateFormat
{
public:
    struct DateTime
    {
        QDate date;
        QTime time; // midnight for a date without a time
    };

    // Compiles `format`. On an unknown code, errorIndex() is its index in `format` (at the '%').
    static TemplateDateFormat compile(const QString& format);

    bool isValid() const { return m_errorIndex < 0; }
    int errorIndex() const { return m_errorIndex; }
    // The code at fault as written ("%Q", or "%" when the format ends in a lone '%').
    QString errorCode() const { return m_errorCode; }

    // An ISO 8601 date ("2024-03-05") or date-time ("2024-03-05T10:20[:30[.123]]", optionally with
    // Z or an offset; a space may stand for the T), after trimming. The time is the one written,
    // in its own offset: nothing is converted to the machine's time zone.
    static std::optional<DateTime> parseIso(const QString& value);

    QString format(const DateTime& value, const QLocale& locale) const;

private:
    enum class Piece {
        Literal,
        Year,
        Month,
        Day,
        DaySpacePadded,
        MonthName,
        MonthShort,
        DayName,
        DayShort,
        Hour,
        Minute
    };
    struct Part
    {
        Piece piece;
        QString literal;
    };

    QVector<Part> m_parts;
    int m_errorIndex = -1;
    QString m_errorCode;
};
