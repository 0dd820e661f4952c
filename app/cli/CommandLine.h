#pragma once

#include "app/cli/CliCommand.h"

#include <QList>
#include <QStringList>

// `mailroom-cli [--workspace PATH] [--json] COMMAND [ARGS]`: finds the command, parses its
// options, resolves the workspace and maps the outcome to the documented exit status.
class CommandLine
{
public:
    CommandLine();

    // arguments without the program name. Returns the exit status.
    int run(const QStringList& arguments, CliOutput& out) const;

    QString usage() const;
    QString help(const CliCommand& command) const;

private:
    static QList<CliOption> globalOptions();
    // Consumes the command words from tokens; nullptr and a usage status when none matches.
    const CliCommand* find(QStringList& tokens, CliStatus& problem) const;

    QList<CliCommand> m_commands;
};
