#pragma once

#include "app/cli/CliCommand.h"
#include "core/campaigns/Campaign.h"
#include "core/security/Vault.h"
#include "core/storage/Workspace.h"

#include <memory>
#include <optional>

// `campaign create|list|show|edit|delete|attach` and `sender show|set`: campaigns and the
// sender settings every message carries.
class CampaignCommands
{
public:
    static QList<CliCommand> commands();

    // The workspace and the campaign an ID argument names; `problem` says why not (a bad ID is
    // a usage error, a missing campaign or workspace a refusal).
    struct Opened
    {
        std::unique_ptr<Workspace> workspace;
        Campaign campaign;
        std::optional<Vault> vault; // set by openWithVault()
    };
    static std::optional<Opened> open(const CliRequest& request, const QString& idText, bool forWriting,
                                      CliStatus& problem);
    // The same, writable, with the workspace's vault open (keychain, MAILROOM_PASSPHRASE or
    // --passphrase-stdin): for the commands that render, sign or send.
    static std::optional<Opened> openWithVault(const CliRequest& request, const QString& idText, CliStatus& problem);

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
