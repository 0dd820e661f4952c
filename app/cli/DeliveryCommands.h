#pragma once

#include "app/cli/CliCommand.h"

// Delivery over SMTP: `campaign send ID [--wait] [--at TIME]`, `campaign pause|resume|cancel ID`,
// `campaign status ID`, `campaign resend ID --unknown|--failed`, `outbox ID` and `run --due`.
class DeliveryCommands
{
public:
    static QList<CliCommand> commands();
    // `campaign send ID` without --to-folder (the folder transport stays in MessageCommands).
    static CliStatus send(const CliRequest& request, CliOutput& out);
    // The options `campaign send` takes for SMTP.
    static QList<CliOption> sendOptions();

private:
    static CliStatus pause(const CliRequest& request, CliOutput& out);
    static CliStatus resume(const CliRequest& request, CliOutput& out);
    static CliStatus cancel(const CliRequest& request, CliOutput& out);
    static CliStatus status(const CliRequest& request, CliOutput& out);
    static CliStatus resend(const CliRequest& request, CliOutput& out);
    static CliStatus outbox(const CliRequest& request, CliOutput& out);
    static CliStatus runDue(const CliRequest& request, CliOutput& out);
};
