#pragma once

#include "app/cli/CliCommand.h"

// `fields` and `fields add NAME --type TYPE`: the custom fields `contacts add --field` refers to.
class FieldCommands
{
public:
    static QList<CliCommand> commands();

private:
    static CliStatus list(const CliRequest& request, CliOutput& out);
    static CliStatus add(const CliRequest& request, CliOutput& out);
};
