#pragma once

#include "app/cli/CliCommand.h"

// `segment list|show|create|delete` and `suppress add|remove|list|import`: the saved rules that
// narrow an audience, and the addresses and domains nobody ever mails.
class AudienceCommands
{
public:
    static QList<CliCommand> commands();

private:
    static CliStatus segmentList(const CliRequest& request, CliOutput& out);
    static CliStatus segmentShow(const CliRequest& request, CliOutput& out);
    static CliStatus segmentCreate(const CliRequest& request, CliOutput& out);
    static CliStatus segmentDelete(const CliRequest& request, CliOutput& out);
    static CliStatus suppressAdd(const CliRequest& request, CliOutput& out);
    static CliStatus suppressRemove(const CliRequest& request, CliOutput& out);
    static CliStatus suppressList(const CliRequest& request, CliOutput& out);
    static CliStatus suppressImport(const CliRequest& request, CliOutput& out);
};
