#pragma once

#include "app/cli/CliCommand.h"
#include "core/storage/Workspace.h"

#include <memory>

// `init` and `demo`, and the one way every command opens its workspace.
class WorkspaceCommands
{
public:
    static QList<CliCommand> commands();

    // Opens an existing workspace without waiting: a workspace open in the window is refused.
    static Result<std::unique_ptr<Workspace>> open(const CliRequest& request);

private:
    static CliStatus init(const CliRequest& request, CliOutput& out);
    static CliStatus demo(const CliRequest& request, CliOutput& out);
};
