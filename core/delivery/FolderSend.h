#pragma once

#include "core/Result.h"
#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/Campaign.h"
#include "core/campaigns/CampaignRenderer.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>

class Vault;

struct FolderSendReport
{
    AudienceCount audience; // who was matched and who was left out, before writing
    qint64 written = 0;
    QString folder;
};

// "Send" on the folder transport: every recipient's message, rendered and signed exactly as
// SMTP would send it, written as one .eml file each. Refuses a campaign whose content checks
// find an error, as sending would.
class FolderSend
{
public:
    // (written so far, recipients in all); return false to stop (ErrorCode::Cancelled).
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    static Result<FolderSendReport> run(QSqlDatabase db, const Campaign& campaign, const Vault& vault,
                                        const QString& folder, const CampaignRenderer::Options& options,
                                        const Progress& progress = {});
};
