#include "core/delivery/DeliveryEngine.h"
#include "core/mail/dkim/DkimSigner.h"
#include "core/security/Vault.h"
#include "ui/AppSettings.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>

#include <memory>

namespace {

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Mailroom"));
    QCoreApplication::setApplicationName(QStringLiteral("Mailroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MAILROOM_VERSION));
}

bool asksOnlyForInformation(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version") {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    DeliveryEngine::prepareProcess();
    // --help and --version answer without a display (scripts, package checks, ssh sessions):
    // QApplication would abort first when no screen can be opened.
    std::unique_ptr<QCoreApplication> app;
    if (asksOnlyForInformation(argc, argv)) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        app = std::make_unique<QApplication>(argc, argv);
    }
    setApplicationNames();
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
    parser.process(*app); // exits here for --help and --version

    // Matches packaging/io.github.mailroom.mailroom.desktop, so docks group the window with its launcher.
    QApplication::setDesktopFileName(QStringLiteral("io.github.mailroom.mailroom"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.mailroom.mailroom")));

    // Known-answer tests of the cryptography the vault and DKIM rest on: a wrong answer from the
    // library must stop the app before it encrypts or signs anything with it.
    for (const Status& check : {Vault::selfTest(), DkimSigner::selfTest()}) {
        if (!check) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Mailroom"), check.error().message);
            return 1;
        }
    }

    AppSettings settings;
    MainWindow window(&settings);
    window.show();
    const QString requested = parser.value(workspaceOption);
    // Open after the event loop starts, so the window is on screen while a demo is made.
    QTimer::singleShot(0, &window, [&window, requested] { window.openInitialWorkspace(requested); });
    return QApplication::exec();
}
