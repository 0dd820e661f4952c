#pragma once

#include "app/cli/CliCommand.h"

// `campaign create|list|show|edit|delete|attach` and `sender show|set`: campaigns and the
// sender settings every message carries.
class CampaignCommands
{
public:
    static QList<CliCommand> commands();

private:
    static CliStatus create(const CliRequest& request, CliOutput& out);
    static CliStatus list(const CliRequest& request, CliOutput& out);
    static CliStatus show(const CliRequest& request, CliOutput& out);
    static CliStatus edit(const CliRequest& request, CliOutput& out);
    static CliStatus remove(const CliRequest& request, CliOutput& out);
    static CliStatus attach(const CliRequest& request, CliOutput& out);
    static CliStatus senderShow(const CliRequest& request, CliOutput& out);
    static CliStatus senderSet(const CliRequest& request, CliOutput& out);
};
