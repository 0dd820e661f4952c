#include "app/cli/CommandLine.h"

#include "app/cli/AccountCommands.h"
#include "app/cli/AudienceCommands.h"
#include "app/cli/CampaignCommands.h"
#include "app/cli/ContactCommands.h"
#include "app/cli/DeliveryCommands.h"
#include "app/cli/FieldCommands.h"
#include "app/cli/GroupCommands.h"
#include "app/cli/ImportExportCommands.h"
#include "app/cli/MessageCommands.h"
#include "app/cli/WorkspaceCommands.h"
#include "core/storage/Workspace.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CommandLine", text);
}

const QString kWorkspaceVariable = QStringLiteral("MAILROOM_WORKSPACE");

QString optionSynopsis(const CliOption& option)
{
    QString text = QStringLiteral("--") + option.name;
    if (!option.valueName.isEmpty()) {
        text += QLatin1Char(' ') + option.valueName;
    }
    if (option.repeatable) {
        text += QStringLiteral("...");
    }
    return text;
}

QString optionLines(const QList<CliOption>& options)
{
    qsizetype width = 0;
    for (const CliOption& option : options) {
        width = std::max(width, optionSynopsis(option).size());
    }
    QString text;
    for (const CliOption& option : options) {
        text +=
            QStringLiteral("  ") + optionSynopsis(option).leftJustified(width + 2) + option.help + QLatin1Char('\n');
    }
    return text;
}

} // namespace

CommandLine::CommandLine()
{
    for (const auto& group : {WorkspaceCommands::commands(), ContactCommands::commands(), GroupCommands::commands(),
                              FieldCommands::commands(), ImportExportCommands::commands(), CampaignCommands::commands(),
                              AudienceCommands::commands(), MessageCommands::commands(), AccountCommands::commands(),
                              DeliveryCommands::commands()}) {
        m_commands.append(group);
    }
}

QList<CliOption> CommandLine::globalOptions()
{
    return {
        {QStringLiteral("workspace"), QStringLiteral("PATH"),
         tr("the workspace file (default: $%1)").arg(kWorkspaceVariable)},
        {QStringLiteral("json"), QString(), tr("print the result as JSON on stdout")},
        {QStringLiteral("passphrase-stdin"), QString(),
         tr("read the vault's passphrase from the first line of stdin (else $MAILROOM_PASSPHRASE or the keychain)")},
        {QStringLiteral("help"), QString(), tr("show help and exit")},
        {QStringLiteral("version"), QString(), tr("show the version and exit")},
    };
}

QString CommandLine::usage() const
{
    QString text = tr("Usage: mailroom-cli [--workspace PATH] [--json] COMMAND [ARGUMENTS]\n"
                      "\n"
                      "Manage the contacts of a Mailroom workspace from scripts and cron jobs.\n"
                      "\n"
                      "Commands:\n");
    qsizetype width = 0;
    QList<QPair<QString, QString>> lines;
    for (const CliCommand& command : m_commands) {
        QString synopsis = command.words.join(QLatin1Char(' '));
        for (const QString& positional : command.positionals) {
            synopsis += QLatin1Char(' ') + positional;
        }
        width = std::max(width, synopsis.size());
        lines.append({synopsis, command.summary});
    }
    for (const auto& [synopsis, summary] : lines) {
        text += QStringLiteral("  ") + synopsis.leftJustified(width + 2) + summary + QLatin1Char('\n');
    }
    text += QLatin1Char('\n') + tr("Options for every command:") + QLatin1Char('\n') + optionLines(globalOptions());
    text += QLatin1Char('\n') +
            tr("The workspace is the file given with --workspace, else the one named by the %1 environment variable. "
               "There is no implicit default, so a script never edits the wrong workspace by accident; "
               "the window's demo workspace is %2.")
                .arg(kWorkspaceVariable, Workspace::demoPath()) +
            QLatin1Char('\n');
    text +=
        QLatin1Char('\n') +
        tr("Exit status: 0 success; 1 the request was refused (a bad email address, a duplicate, an unknown "
           "tag, list or field, a missing, locked or newer workspace), with one line on stderr saying why and "
           "the workspace unchanged; 2 bad usage (an unknown command or option, a missing or malformed "
           "argument, a value outside the documented choices). \"import\" exits 0 when it imported rows, even if it "
           "reported others as invalid, and 1 when it could import none.") +
        QLatin1Char('\n');
    text +=
        QLatin1Char('\n') + tr("Run \"mailroom-cli COMMAND --help\" for the options of a command.") + QLatin1Char('\n');
    return text;
}

QString CommandLine::help(const CliCommand& command) const
{
    QString synopsis =
        QStringLiteral("mailroom-cli [--workspace PATH] [--json] ") + command.words.join(QLatin1Char(' '));
    for (const QString& positional : command.positionals) {
        synopsis += QLatin1Char(' ') + positional;
    }
    if (!command.options.isEmpty()) {
        synopsis += QStringLiteral(" [OPTIONS]");
    }
    QString text = tr("Usage: %1").arg(synopsis) + QStringLiteral("\n\n") + command.summary + QLatin1Char('\n');
    if (!command.options.isEmpty()) {
        text += QLatin1Char('\n') + tr("Options:") + QLatin1Char('\n') + optionLines(command.options);
    }
    text += QLatin1Char('\n') + tr("Options for every command:") + QLatin1Char('\n') + optionLines(globalOptions());
    return text;
}

const CliCommand* CommandLine::find(QStringList& tokens, CliStatus& problem) const
{
    const QString first = tokens.value(0);
    QStringList subcommands;
    const CliCommand* single = nullptr;
    for (const CliCommand& command : m_commands) {
        if (command.words.constFirst() != first) {
            continue;
        }
        if (command.words.size() == 1) {
            single = &command;
        } else if (tokens.value(1) == command.words.at(1)) {
            tokens.remove(0, 2);
            return &command;
        } else {
            subcommands.append(command.words.at(1));
        }
    }
    if (single != nullptr) {
        tokens.removeFirst();
        return single;
    }
    if (!subcommands.isEmpty()) {
        const QString second = tokens.value(1);
        problem = CliStatus::usage(
            second.isEmpty() || second.startsWith(QLatin1Char('-'))
                ? tr("\"%1\" needs a subcommand: %2").arg(first, subcommands.join(QStringLiteral(", ")))
                : tr("unknown command \"%1 %2\" (try: %3)").arg(first, second, subcommands.join(QStringLiteral(", "))));
        return nullptr;
    }
    problem = CliStatus::usage(tr("unknown command \"%1\"; run \"mailroom-cli --help\" for the commands").arg(first));
    return nullptr;
}

int CommandLine::run(const QStringList& arguments, CliOutput& out) const
{
    auto fail = [&out](const CliStatus& status) {
        out.error(status.message);
        return status.exitCode();
    };

    // Global options may come before the command word as well as after it.
    QStringList leading;
    QStringList tokens = arguments;
    while (!tokens.isEmpty() && tokens.constFirst().startsWith(QLatin1Char('-'))) {
        leading.append(tokens.takeFirst());
        const QString& option = leading.constLast();
        if ((option == QLatin1String("--workspace")) && !tokens.isEmpty()) {
            leading.append(tokens.takeFirst());
        }
    }
    auto globals = CliArguments::parse(leading, globalOptions());
    if (!globals) {
        return fail(CliStatus::usage(globals.error().message));
    }
    if (globals->isSet(QStringLiteral("version"))) {
        out.line(QStringLiteral("mailroom-cli %1").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    if (tokens.isEmpty() || tokens.constFirst() == QLatin1String("help")) {
        if (tokens.size() > 1) {
            tokens.removeFirst();
            CliStatus problem;
            if (const CliCommand* command = find(tokens, problem)) {
                out.line(help(*command));
                return 0;
            }
            return fail(problem);
        }
        if (tokens.isEmpty() && !globals->isSet(QStringLiteral("help"))) {
            return fail(CliStatus::usage(tr("no command given; run \"mailroom-cli --help\" for the commands")));
        }
        out.line(usage());
        return 0;
    }

    CliStatus problem;
    const CliCommand* command = find(tokens, problem);
    if (command == nullptr) {
        return fail(problem);
    }
    auto parsed = CliArguments::parse(tokens, command->options + globalOptions());
    if (!parsed) {
        return fail(CliStatus::usage(parsed.error().message));
    }
    CliRequest request;
    request.args = std::move(parsed).value();
    request.args.merge(globals.value());
    if (request.args.isSet(QStringLiteral("help"))) {
        out.line(help(*command));
        return 0;
    }
    const qsizetype given = request.args.positionals().size();
    const qsizetype wanted = command->positionals.size();
    const QString name = command->words.join(QLatin1Char(' '));
    if (given < wanted) {
        return fail(CliStatus::usage(tr("\"%1\" needs %2").arg(name, command->positionals.join(QLatin1Char(' ')))));
    }
    if (given > wanted) {
        return fail(CliStatus::usage(
            tr("\"%1\" does not take the argument \"%2\"").arg(name, request.args.positionals().at(wanted))));
    }
    request.json = request.args.isSet(QStringLiteral("json"));
    request.workspacePath = request.args.value(QStringLiteral("workspace"));
    if (request.workspacePath.isEmpty()) {
        request.workspacePath = qEnvironmentVariable("MAILROOM_WORKSPACE");
    }
    if (request.workspacePath.isEmpty()) {
        return fail(CliStatus::usage(tr("no workspace given; use --workspace PATH or set %1").arg(kWorkspaceVariable)));
    }
    const CliStatus status = command->run(request, out);
    if (status.exit != CliStatus::Exit::Success) {
        return fail(status);
    }
    return 0;
}
