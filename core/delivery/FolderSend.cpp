#include "core/delivery/FolderSend.h"

#include "core/campaigns/CampaignAudience.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/contacts/ContactRepository.h"
#include "core/delivery/FolderTransport.h"
#include "core/mail/html/ContentChecker.h"

#include <QCoreApplication>

namespace {

constexpr int kPage = 500;

} // namespace

Result<FolderSendReport> FolderSend::run(QSqlDatabase db, const Campaign& campaign, const Vault& vault,
                                         const QString& folder, const CampaignRenderer::Options& options,
                                         const Progress& progress)
{
    auto transport = FolderTransport::open(folder);
    if (!transport) {
        return transport.error();
    }
    auto renderer = CampaignRenderer::prepare(db, campaign, vault, options);
    if (!renderer) {
        return renderer.error();
    }
    auto spec = audienceSpecFor(db, campaign);
    if (!spec) {
        return spec.error();
    }
    AudienceQuery audience(db, spec.value());
    auto count = audience.count();
    if (!count) {
        return count.error();
    }
    auto sample = sampleRecipient(db, campaign);
    if (!sample) {
        return sample.error();
    }
    const QVector<ContentIssue> issues = renderer->check(sample.value());
    if (ContentChecker::hasErrors(issues)) {
        QStringList errors;
        for (const ContentIssue& issue : issues) {
            if (issue.severity == ContentIssue::Severity::Error) {
                errors.append(issue.message);
            }
        }
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("FolderSend", "The campaign cannot be sent: %1")
                         .arg(errors.join(QStringLiteral("; ")))};
    }

    FolderSendReport report;
    report.audience = count.value();
    report.folder = transport->folder();
    ContactRepository contacts(db);
    qint64 after = 0;
    for (;;) {
        auto page = audience.recipients(after, kPage);
        if (!page) {
            return page.error();
        }
        if (page->isEmpty()) {
            break;
        }
        QVector<qint64> ids;
        ids.reserve(page->size());
        for (const AudienceRecipient& r : page.value()) {
            ids.append(r.contactId);
        }
        after = ids.last();
        auto loaded = contacts.findByIds(ids);
        if (!loaded) {
            return loaded.error();
        }
        for (const Contact& contact : loaded.value()) {
            auto message = renderer->render(contact);
            if (!message) {
                return Error{
                    message.error().code,
                    QCoreApplication::translate("FolderSend", "%1: %2").arg(contact.email, message.error().message)};
            }
            if (auto written = transport->deliver(contact.id, contact.email, message->bytes); !written) {
                return written.error();
            }
            ++report.written;
        }
        if (progress && !progress(report.written, report.audience.recipients)) {
            return Error{ErrorCode::Cancelled,
                         QCoreApplication::translate("FolderSend", "Stopped after %1 messages.").arg(report.written)};
        }
    }
    Campaign done = campaign;
    done.status = CampaignStatus::Rendered;
    if (auto s = CampaignRepository(db).update(done); !s) {
        return s.error();
    }
    return report;
}
