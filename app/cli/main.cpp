#include "app/cli/CliOutput.h"
#include "app/cli/CommandLine.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Mailroom"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mailroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MAILROOM_VERSION));

    CliOutput out;
    const int status = CommandLine().run(app.arguments().mid(1), out);
    std::fflush(stdout);
    return status;
}
