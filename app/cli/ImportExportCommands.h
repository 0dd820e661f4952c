#pragma once

#include "app/cli/CliCommand.h"

// `import FILE` and `export FILE`: the wizard's import engine and the window's export, for
// scripts. The import holds the workspace lock; the export only reads, so it runs while the
// window has the workspace open.
class ImportExportCommands
{
public:
    static QList<CliCommand> commands();

private:
    static CliStatus importFile(const CliRequest& request, CliOutput& out);
    static CliStatus exportFile(const CliRequest& request, CliOutput& out);
};
