#include "core/campaigns/StarterTemplates.h"

#include <QCoreApplication>
#include <QFile>

namespace {

QString resource(const QString& name)
{
    QFile file(QStringLiteral(":/templates/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

} // namespace

QVector<StarterTemplate> StarterTemplates::all()
{
    return {
        {QStringLiteral("newsletter"), QCoreApplication::translate("StarterTemplates", "Newsletter"),
         resource(QStringLiteral("newsletter.html"))},
        {QStringLiteral("announcement"), QCoreApplication::translate("StarterTemplates", "Announcement"),
         resource(QStringLiteral("announcement.html"))},
        {QStringLiteral("letter"), QCoreApplication::translate("StarterTemplates", "Plain letter"),
         resource(QStringLiteral("letter.html"))},
    };
}

StarterTemplate StarterTemplates::byId(const QString& id)
{
    for (const StarterTemplate& t : all()) {
        if (t.id == id) {
            return t;
        }
    }
    return {};
}

QString StarterTemplates::defaultFooter()
{
    return resource(QStringLiteral("footer.html"));
}
