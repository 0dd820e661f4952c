#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>
#include <vector>

namespace {

std::vector<std::unique_ptr<QTranslator>>& installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

} // namespace

bool Translations::install(const QLocale& locale)
{
    uninstall();
    // Qt's own strings first (standard buttons, context menus of text fields), when Debian ships them.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        installed().push_back(std::move(qt));
    }
    // The English plural forms ("1 contact", "2 contacts"), under whichever language follows.
    auto english = std::make_unique<QTranslator>();
    if (english->load(QStringLiteral("mailroom_en"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(english.get());
        installed().push_back(std::move(english));
    }
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) {
        return true;
    }
    auto mailroom = std::make_unique<QTranslator>();
    if (!mailroom->load(locale, QStringLiteral("mailroom"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        return false;
    }
    QCoreApplication::installTranslator(mailroom.get());
    installed().push_back(std::move(mailroom));
    return true;
}

void Translations::uninstall()
{
    for (const auto& translator : installed()) {
        QCoreApplication::removeTranslator(translator.get());
    }
    installed().clear();
}
