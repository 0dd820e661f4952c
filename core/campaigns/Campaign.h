#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

// Stored as these integers (campaigns.status). The delivery lifecycle (CampaignDelivery):
// Draft/Rendered -> Scheduled -> Sending <-> Paused -> Done; Sending, Paused or Scheduled ->
// Cancelled. Done goes back to Sending when the user resends unknown or failed recipients.
enum class CampaignStatus {
    Draft = 0,
    // Rendered into a folder of .eml files (the folder transport); can be sent again.
    Rendered = 1,
    Scheduled = 2, // starts by itself at scheduledAt
    Sending = 3,   // its outbox is being delivered (or waits for quota)
    Paused = 4,    // the user paused it; nothing is claimed until resumed
    Done = 5,      // nothing left to send or retry
    Cancelled = 6, // stopped by the user; what was not sent is Cancelled in the outbox
};

// "draft", "rendered", "scheduled", "sending", "paused", "done", "cancelled": what the CLI
// prints and JSON holds.
QString campaignStatusName(CampaignStatus status);
std::optional<CampaignStatus> campaignStatusFromName(const QString& name);

// A campaign: who gets it (lists and tags, narrowed by a saved segment) and the message,
// written once with merge tags. Subject, preheader, HTML and text are templates.
struct Campaign
{
    qint64 id = 0;
    QString name;
    QString subject;
    QString preheader;
    QString fromName;
    QString fromAddress;
    QString replyTo;
    QString htmlBody;
    // Empty: the text part is generated from the HTML when the message is rendered.
    QString textBody;
    // Under the body of both parts (its text form is generated): the sender's postal address
    // and the unsubscribe link, which every campaign must carry to be sent.
    QString footerHtml;
    QVector<qint64> listIds;
    QVector<qint64> tagIds;
    std::optional<qint64> segmentId;
    CampaignStatus status = CampaignStatus::Draft;
    // When a Scheduled campaign starts: milliseconds since the epoch (UTC), as delivery keeps time.
    std::optional<qint64> scheduledAt;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool operator==(const Campaign& other) const;
    bool operator!=(const Campaign& other) const { return !(*this == other); }
};

// A file that goes with a campaign: an attachment, or an inline image when contentId is
// set (the HTML refers to it as cid:<contentId>).
struct CampaignAttachment
{
    qint64 id = 0;
    QString fileName;
    QString mimeType;
    QString contentId;
    qint64 size = 0;
};

Q_DECLARE_METATYPE(Campaign)
