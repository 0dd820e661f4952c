#include "core/contacts/ContactQuery.h"

#include <QRegularExpression>

QString ftsQueryFor(const QString& userText)
{
    QStringList terms;
    const QStringList words = userText.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
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
