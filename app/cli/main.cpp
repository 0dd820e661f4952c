#include "app/cli/CliOutput.h"
#include "app/cli/CommandLine.h"
#include "core/delivery/DeliveryEngine.h"
#include "core/mail/dkim/DkimSigner.h"
#include "core/security/Vault.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    DeliveryEngine::prepareProcess();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Mailroom"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mailroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MAILROOM_VERSION));

    CliOutput out;
    // Known-answer tests of the cryptography the vault and DKIM rest on (a few milliseconds).
    for (const Status& check : {Vault::selfTest(), DkimSigner::selfTest()}) {
        if (!check) {
            out.error(check.error().message);
            return 1;
        }
    }
    const int status = CommandLine().run(app.arguments().mid(1), out);
    std::fflush(stdout);
    return status;
}
