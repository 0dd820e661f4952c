#include "core/campaigns/CampaignAudience.h"

#include "core/campaigns/SegmentRepository.h"
#include "core/contacts/ContactRepository.h"

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

Result<Contact> sampleRecipient(QSqlDatabase db, const Campaign& campaign)
{
    auto spec = audienceSpecFor(db, campaign);
    if (!spec) {
        return spec.error();
    }
    auto first = AudienceQuery(db, spec.value()).recipients(0, 1);
    if (!first) {
        return first.error();
    }
    if (!first->isEmpty()) {
        return ContactRepository(db).findById(first->first().contactId);
    }
    return standInRecipient();
}

Contact standInRecipient()
{
    Contact sample;
    sample.id = 1;
    sample.email = QStringLiteral("jane.doe@example.com");
    sample.firstName = QStringLiteral("Jane");
    sample.lastName = QStringLiteral("Doe");
    return sample;
}
