#pragma once

#include "app/cli/CliArguments.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStatus.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

// What a command runs with: its parsed arguments, the workspace path and the output format.
struct CliRequest
{
    CliArguments args;
    QString workspacePath;
    bool json = false;
};

// One entry of the command table: the words that name it ("contacts add"), its positional
// arguments (all required), its options and what it does.
struct CliCommand
{
    QStringList words;
    QStringList positionals;
    QString summary; // translated, one line
    QList<CliOption> options;
    std::function<CliStatus(const CliRequest&, CliOutput&)> run;
};
