#pragma once

#include "core/Result.h"
#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/Campaign.h"

#include <QSqlDatabase>

// The audience a campaign goes to: its lists and tags, narrowed by its saved segment.
Result<AudienceSpec> audienceSpecFor(QSqlDatabase db, const Campaign& campaign);
