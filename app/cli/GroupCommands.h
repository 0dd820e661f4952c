#pragma once

#include "app/cli/CliCommand.h"
#include "core/contacts/Group.h"

// `tags` and `lists`: every tag or list with how many contacts it holds.
class GroupCommands
{
public:
    static QList<CliCommand> commands();

private:
    static CliStatus list(GroupKind kind, const CliRequest& request, CliOutput& out);
};
