// The window in German: the translation is embedded, loaded by locale, and reaches the
// menus, the toolbar, the editor form and the status bar.

#include "GuiTestWorkspace.h"
#include "core/contacts/EmailAddress.h"
#include "core/contacts/GroupRepository.h"

#include "models/ContactTableModel.h"
#include "ui/AppSettings.h"
#include "ui/ContactEditor.h"
#include "ui/Dialogs.h"
#include "ui/ImportWizard.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

class TestWindowGerman : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void menusAndLabelsAreGerman();
    void englishIsTheFallback();
};

void TestWindowGerman::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Dialogs::setWarningsSilent(true);
}

void TestWindowGerman::cleanupTestCase()
{
    Translations::uninstall();
}

void TestWindowGerman::menusAndLabelsAreGerman()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)));

    GuiTestWorkspace workspace;
    std::unique_ptr<AppSettings> settings = AppSettings::createTemporary();
    MainWindow window(settings.get());
    window.show();
    window.openInitialWorkspace(workspace.path());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);

    QStringList menuTitles;
    for (QAction* action : window.menuBar()->actions()) {
        menuTitles.append(action->text());
    }
    QVERIFY2(menuTitles.contains(QStringLiteral("&Datei")), qPrintable(menuTitles.join(QLatin1Char(' '))));
    QVERIFY(menuTitles.contains(QStringLiteral("&Bearbeiten")));
    QCOMPARE(window.findChild<QAction*>(QStringLiteral("newContactAction"))->text(), QStringLiteral("&Neuer Kontakt"));
    QCOMPARE(window.findChild<QAction*>(QStringLiteral("addTagAction"))->text(), QStringLiteral("&Tag hinzufügen…"));
    // The import wizard, opened from the File menu.
    QAction* importAction = window.findChild<QAction*>(QStringLiteral("importAction"));
    QCOMPARE(importAction->text(), QStringLiteral("Kontakte &importieren…"));
    importAction->trigger();
    QVERIFY(window.importWizard());
    QCOMPARE(window.importWizard()->windowTitle(), QStringLiteral("Kontakte importieren"));
    QCOMPARE(window.importWizard()->page(ImportWizard::MappingPageId)->title(), QStringLiteral("Spalten zuordnen"));
    window.importWizard()->reject();
    QCOMPARE(window.contactEditor()->findChild<QPushButton*>(QStringLiteral("saveButton"))->text(),
             QStringLiteral("&Speichern"));
    QCOMPARE(window.contactEditor()->findChild<QLabel*>(QStringLiteral("firstNameLabel"))->text(),
             QStringLiteral("Vorname"));
    // Plural forms and number grouping follow the language.
    QTRY_COMPARE(window.countLabel()->text(), QStringLiteral("10 Kontakte"));
    // Core's column headers are translated too.
    QCOMPARE(window.contactModel()
                 ->headerData(window.contactModel()->columnForBuiltin(ContactColumn::LastName), Qt::Horizontal)
                 .toString(),
             QStringLiteral("Nachname"));
    // The engine's messages too, including those built in file-local helpers.
    const auto bad = EmailAddress::parse(QStringLiteral("jane@localhost"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().message,
             QStringLiteral("„jane@localhost“ ist keine E-Mail-Adresse: die Domain „localhost“ enthält keinen "
                            "Punkt (example.com)."));
    QCOMPARE(GroupRepository::validateName(GroupKind::List, QString()).error().message,
             QStringLiteral("Eine Liste braucht einen Namen."));
}

void TestWindowGerman::englishIsTheFallback()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    Translations::install(QLocale(QLocale::French, QLocale::France));
    std::unique_ptr<AppSettings> settings = AppSettings::createTemporary();
    MainWindow window(settings.get());
    QCOMPARE(window.findChild<QAction*>(QStringLiteral("newContactAction"))->text(), QStringLiteral("&New Contact"));
}

QTEST_MAIN(TestWindowGerman)
#include "test_window_german.moc"
