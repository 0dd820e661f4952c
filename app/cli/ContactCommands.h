#pragma once

#include "app/cli/CliCommand.h"

// `contacts add|show|edit|delete|search|count`.
class ContactCommands
{
public:
    static QList<CliCommand> commands();

private:
    static CliStatus add(const CliRequest& request, CliOutput& out);
    static CliStatus show(const CliRequest& request, CliOutput& out);
    static CliStatus edit(const CliRequest& request, CliOutput& out);
    static CliStatus remove(const CliRequest& request, CliOutput& out);
    static CliStatus search(const CliRequest& request, CliOutput& out);
    static CliStatus count(const CliRequest& request, CliOutput& out);
};
