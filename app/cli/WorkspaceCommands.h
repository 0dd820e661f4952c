#pragma once

#include "app/cli/CliCommand.h"
#include "core/storage/Workspace.h"

#include <memory>

// `init` and `demo`, and the one way every command opens its workspace.
class WorkspaceCommands
{
public:
    static QList<CliCommand> commands();

    // For commands that change the workspace: takes the lock without waiting, so a workspace
    // open in the window is refused with a message naming it.
    static Result<std::unique_ptr<Workspace>> openForWriting(const CliRequest& request);
    // For read commands: no lock, so scripts can read while the window is open. A workspace
    // that needs a schema upgrade is opened for writing instead (the upgrade needs the lock).
    static Result<std::unique_ptr<Workspace>> openForReading(const CliRequest& request);

private:
    static CliStatus init(const CliRequest& request, CliOutput& out);
    static CliStatus demo(const CliRequest& request, CliOutput& out);
};
