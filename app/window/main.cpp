#include "ui/AppSettings.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Mailroom"));
    QApplication::setApplicationName(QStringLiteral("Mailroom"));
    QApplication::setApplicationVersion(QStringLiteral(MAILROOM_VERSION));
    // Matches packaging/io.github.mailroom.mailroom.desktop, so docks group the window with its launcher.
    QApplication::setDesktopFileName(QStringLiteral("io.github.mailroom.mailroom"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.mailroom.mailroom")));
    Translations::install(QLocale::system());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Mailroom: contacts and email campaigns."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"),
        QApplication::translate("main", "Open the workspace at PATH (default: the last one used, else the demo)."),
        QApplication::translate("main", "PATH"));
    parser.addOption(workspaceOption);
    parser.process(app);

    AppSettings settings;
    MainWindow window(&settings);
    window.show();
    const QString requested = parser.value(workspaceOption);
    // Open after the event loop starts, so the window is on screen while a demo is made.
    QTimer::singleShot(0, &window, [&window, requested] { window.openInitialWorkspace(requested); });
    return QApplication::exec();
}
