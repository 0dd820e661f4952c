#pragma once

#include "core/Result.h"
#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/Campaign.h"

#include <QSqlDatabase>

#include "core/contacts/Contact.h"

// The audience a campaign goes to: its lists and tags, narrowed by its saved segment.
Result<AudienceSpec> audienceSpecFor(QSqlDatabase db, const Campaign& campaign);

// Who the content checks render the campaign for: its first recipient, or standInRecipient()
// while the audience is empty.
Result<Contact> sampleRecipient(QSqlDatabase db, const Campaign& campaign);

// The made-up "Jane Doe" a campaign is rendered for when nobody is in its audience yet.
Contact standInRecipient();
