#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <optional>

enum class CampaignStatus {
    Draft = 0,
    // Rendered into a folder of .eml files (the folder transport); can be sent again.
    Rendered = 1,
};

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
