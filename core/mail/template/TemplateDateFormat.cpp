#include "core/mail/template/TemplateDateFormat.h"

#include <QDateTime>

namespace {

void appendTwoDigits(QString& out, int value, QChar pad)
{
    if (value < 10) {
        out += pad;
    }
    out += QString::number(value);
}

} // namespace

TemplateDateFormat TemplateDateFormat::compile(const QString& format)
{
    TemplateDateFormat result;
    QString literal;
    auto flushLiteral = [&] {
        if (!literal.isEmpty()) {
            result.m_parts.append({Piece::Literal, literal});
            literal.clear();
        }
    };
    for (int i = 0; i < format.size(); ++i) {
        const QChar c = format.at(i);
        if (c != u'%') {
            literal += c;
            continue;
        }
        if (i + 1 >= format.size()) {
            result.m_errorIndex = i;
            result.m_errorCode = QStringLiteral("%");
            return result;
        }
        const QChar code = format.at(i + 1);
        std::optional<Piece> piece;
        switch (code.unicode()) {
        case u'Y':
            piece = Piece::Year;
            break;
        case u'm':
            piece = Piece::Month;
            break;
        case u'd':
            piece = Piece::Day;
            break;
        case u'e':
            piece = Piece::DaySpacePadded;
            break;
        case u'B':
            piece = Piece::MonthName;
            break;
        case u'b':
            piece = Piece::MonthShort;
            break;
        case u'A':
            piece = Piece::DayName;
            break;
        case u'a':
            piece = Piece::DayShort;
            break;
        case u'H':
            piece = Piece::Hour;
            break;
        case u'M':
            piece = Piece::Minute;
            break;
        case u'%':
            literal += u'%';
            break;
        default:
            result.m_errorIndex = i;
            // A surrogate pair is one character to the user.
            result.m_errorCode = format.mid(i, code.isHighSurrogate() && i + 2 < format.size() ? 3 : 2);
            return result;
        }
        ++i;
        if (piece) {
            flushLiteral();
            result.m_parts.append({*piece, QString()});
        }
    }
    flushLiteral();
    return result;
}

std::optional<TemplateDateFormat::DateTime> TemplateDateFormat::parseIso(const QString& value)
{
    QString text = value.trimmed();
    if (text.size() < 10) {
        return std::nullopt;
    }
    if (text.size() == 10) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid()) {
            return std::nullopt;
        }
        return DateTime{date, QTime(0, 0)};
    }
    // Without a zone the value is read as UTC, not local time: then no daylight-saving gap of
    // the machine running Mailroom can move or drop the time the user wrote.
    const QStringView timePart = QStringView(text).mid(10);
    if (!timePart.contains(u'Z') && !timePart.contains(u'+') && !timePart.contains(u'-')) {
        text += u'Z';
    }
    const QDateTime dateTime = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dateTime.isValid()) {
        return std::nullopt;
    }
    return DateTime{dateTime.date(), dateTime.time()};
}

QString TemplateDateFormat::format(const DateTime& value, const QLocale& locale) const
{
    QString out;
    for (const Part& part : m_parts) {
        switch (part.piece) {
        case Piece::Literal:
            out += part.literal;
            break;
        case Piece::Year:
            out += QString::number(value.date.year()).rightJustified(4, u'0');
            break;
        case Piece::Month:
            appendTwoDigits(out, value.date.month(), u'0');
            break;
        case Piece::Day:
            appendTwoDigits(out, value.date.day(), u'0');
            break;
        case Piece::DaySpacePadded:
            appendTwoDigits(out, value.date.day(), u' ');
            break;
        case Piece::MonthName:
            out += locale.monthName(value.date.month(), QLocale::LongFormat);
            break;
        case Piece::MonthShort:
            out += locale.monthName(value.date.month(), QLocale::ShortFormat);
            break;
        case Piece::DayName:
            out += locale.dayName(value.date.dayOfWeek(), QLocale::LongFormat);
            break;
        case Piece::DayShort:
            out += locale.dayName(value.date.dayOfWeek(), QLocale::ShortFormat);
            break;
        case Piece::Hour:
            appendTwoDigits(out, value.time.hour(), u'0');
            break;
        case Piece::Minute:
            appendTwoDigits(out, value.time.minute(), u'0');
            break;
        }
    }
    return out;
}
