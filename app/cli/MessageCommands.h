#pragma once

#include "app/cli/CliCommand.h"

// What turns a campaign into messages: `render`, `campaign check|recipients|send` and
// `dkim keygen|list`.
class MessageCommands
{
public:
    static QList<CliCommand> commands();

private:
    static CliStatus render(const CliRequest& request, CliOutput& out);
    static CliStatus check(const CliRequest& request, CliOutput& out);
    static CliStatus recipients(const CliRequest& request, CliOutput& out);
    static CliStatus send(const CliRequest& request, CliOutput& out);
    static CliStatus dkimKeygen(const CliRequest& request, CliOutput& out);
    static CliStatus dkimList(const CliRequest& request, CliOutput& out);
};
