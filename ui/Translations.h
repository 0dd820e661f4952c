#pragma once

#include <QLocale>

// Loads Mailroom's translation (embedded at :/i18n) and Qt's own for a locale, replacing
// whatever was installed before, so a test can switch languages at run time.
class Translations
{
public:
    // Returns true when a Mailroom translation for the locale was found.
    static bool install(const QLocale& locale);
    static void uninstall();
};
