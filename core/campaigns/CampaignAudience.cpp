#include "core/campaigns/CampaignAudience.h"

#include "core/campaigns/SegmentRepository.h"

Result<AudienceSpec> audienceSpecFor(QSqlDatabase db, const Campaign& campaign)
{
    AudienceSpec spec;
    spec.listIds = campaign.listIds;
    spec.tagIds = campaign.tagIds;
    if (campaign.segmentId) {
        auto segment = SegmentRepository(db).find(*campaign.segmentId);
        if (!segment) {
            return segment.error();
        }
        spec.segment = segment.value();
    }
    return spec;
}
