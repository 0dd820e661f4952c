#include "core/campaigns/DemoCampaign.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "core/campaigns/StarterTemplates.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>

Result<qint64> DemoCampaign::add(QSqlDatabase db)
{
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    auto sender = SenderSettings::load(db);
    if (!sender) {
        return sender.error();
    }
    if (sender->postalAddress.isEmpty()) {
        sender.value().postalAddress = QStringLiteral("Sunrise Ceramics, 12 Harbour Lane, Springfield");
        if (auto s = sender->save(db); !s) {
            return s.error();
        }
    }
    Campaign campaign;
    campaign.name = QCoreApplication::translate("DemoCampaign", "Spring newsletter (sample)");
    campaign.subject = QCoreApplication::translate("DemoCampaign", "{{ first_name | default: \"Hello\" }}, our spring "
                                                                   "range is in");
    campaign.preheader =
        QCoreApplication::translate("DemoCampaign", "New glazes, and 10% off for subscribers until Sunday");
    campaign.fromName = QStringLiteral("Sunrise Ceramics");
    campaign.fromAddress = QStringLiteral("news@sunrise-ceramics.example");
    campaign.htmlBody = StarterTemplates::byId(QStringLiteral("newsletter")).html;
    campaign.footerHtml = StarterTemplates::defaultFooter();
    if (auto list = GroupRepository(db, GroupKind::List).findByName(QStringLiteral("Newsletter"))) {
        campaign.listIds = {list->id};
    }
    auto id = CampaignRepository(db).create(campaign);
    if (!id) {
        return id.error();
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return id;
}
