#include "core/contacts/ContactQuery.h"

#include <QRegularExpression>

QString ftsQueryFor(const QString& userText)
{
    QStringList terms;
    // Control characters (NUL above all: SQLite would end the query string there) separate words.
    QString text = userText;
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
            c = QLatin1Char(' ');
        }
    }
    const QStringList words = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (QString word : words) {
        // Inside an FTS5 string a double quote is written twice; everything else is literal.
        word.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        bool hasToken = false;
        for (QChar c : word) {
            if (c.isLetterOrNumber()) {
                hasToken = true;
                break;
            }
        }
        if (hasToken) {
            terms << QLatin1Char('"') + word + QStringLiteral("\"*");
        }
    }
    return terms.join(QLatin1Char(' '));
}
