#pragma once

#include "core/Result.h"
#include "core/campaigns/Campaign.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QVector>

// Campaigns, the lists and tags they go to, and their attachments.
class CampaignRepository
{
public:
    explicit CampaignRepository(QSqlDatabase db);

    // Gmail refuses messages over 25 MB; base64 makes a file a third bigger on the wire.
    static constexpr qint64 kMaxAttachmentBytes = 18 * 1024 * 1024;

    Result<QVector<Campaign>> all(); // most recently changed first
    Result<Campaign> findById(qint64 id);
    Result<qint64> create(const Campaign& campaign);
    Status update(const Campaign& campaign);
    Status remove(qint64 id);

    Result<QVector<CampaignAttachment>> attachments(qint64 campaignId);
    Result<QByteArray> attachmentContent(qint64 attachmentId);
    // Adds a file; an empty `contentId` makes it an attachment, a set one an inline image.
    Result<qint64> addAttachment(qint64 campaignId, const QString& fileName, const QString& mimeType,
                                 const QString& contentId, const QByteArray& content);
    Status removeAttachment(qint64 attachmentId);

    // What makes a campaign unsavable (not what makes it unsendable: see the content checks).
    Status validate(const Campaign& campaign);

private:
    Status writeGroups(const Campaign& campaign);
    // A campaign's files changed: it counts as changed (the delivery engine renders anew, the
    // list shows it first). `where` selects the campaign by "id = ?" or through an attachment.
    Status touch(const QString& where, qint64 id);
    Status loadGroups(Campaign& campaign);

    QSqlDatabase m_db;
};
