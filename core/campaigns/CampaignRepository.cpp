#include "core/campaigns/CampaignRepository.h"

#include "core/contacts/EmailAddress.h"
#include "core/mail/mime/EncodedPart.h"
#include "core/storage/SqlError.h"
#include "core/storage/SqlText.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace {

constexpr int kListKind = 0;
constexpr int kTagKind = 1;
constexpr int kMaxNameLength = 200;
constexpr int kMaxLineLength = 998; // RFC 5322 2.1.1: a header line can never be longer

// The stored fields, in the order bindFields binds them.
const QString kFieldColumns = QStringLiteral("name, subject, preheader, from_name, from_address, reply_to, html_body,"
                                             " text_body, footer_html, segment_id, status, scheduled_at");
const QString kColumns = QStringLiteral("id, ") + kFieldColumns + QStringLiteral(", created_at, updated_at");

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

Campaign campaignFrom(const QSqlQuery& q)
{
    Campaign c;
    c.id = q.value(0).toLongLong();
    c.name = q.value(1).toString();
    c.subject = q.value(2).toString();
    c.preheader = q.value(3).toString();
    c.fromName = q.value(4).toString();
    c.fromAddress = q.value(5).toString();
    c.replyTo = q.value(6).toString();
    c.htmlBody = q.value(7).toString();
    c.textBody = q.value(8).toString();
    c.footerHtml = q.value(9).toString();
    if (!q.value(10).isNull()) {
        c.segmentId = q.value(10).toLongLong();
    }
    c.status = static_cast<CampaignStatus>(q.value(11).toInt());
    if (!q.value(12).isNull()) {
        c.scheduledAt = q.value(12).toLongLong();
    }
    c.createdAt = QDateTime::fromString(q.value(13).toString(), Qt::ISODateWithMs);
    c.updatedAt = QDateTime::fromString(q.value(14).toString(), Qt::ISODateWithMs);
    return c;
}

// Header fields are one line: a line break typed into them would start a new header.
Status singleLine(const QString& value, const char* fieldMessage)
{
    for (QChar c : value) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c == QChar(0)) {
            return Error{ErrorCode::InvalidInput, QCoreApplication::translate("CampaignRepository", fieldMessage)};
        }
    }
    return Ok{};
}

Status exists(QSqlDatabase db, const QString& table, qint64 id, const QString& missing)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaign's audience"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound, missing};
    }
    return Ok{};
}

void bindFields(QSqlQuery& q, const Campaign& campaign)
{
    q.addBindValue(sqlText(campaign.name.trimmed()));
    q.addBindValue(sqlText(campaign.subject));
    q.addBindValue(sqlText(campaign.preheader));
    q.addBindValue(sqlText(campaign.fromName.trimmed()));
    q.addBindValue(sqlText(campaign.fromAddress.trimmed()));
    q.addBindValue(sqlText(campaign.replyTo.trimmed()));
    q.addBindValue(sqlText(campaign.htmlBody));
    q.addBindValue(sqlText(campaign.textBody));
    q.addBindValue(sqlText(campaign.footerHtml));
    q.addBindValue(campaign.segmentId ? QVariant(*campaign.segmentId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(static_cast<int>(campaign.status));
    q.addBindValue(campaign.scheduledAt ? QVariant(*campaign.scheduledAt) : QVariant(QMetaType(QMetaType::LongLong)));
}

} // namespace

bool Campaign::operator==(const Campaign& o) const
{
    return id == o.id && name == o.name && subject == o.subject && preheader == o.preheader && fromName == o.fromName &&
           fromAddress == o.fromAddress && replyTo == o.replyTo && htmlBody == o.htmlBody && textBody == o.textBody &&
           footerHtml == o.footerHtml && listIds == o.listIds && tagIds == o.tagIds && segmentId == o.segmentId &&
           status == o.status && scheduledAt == o.scheduledAt;
}

namespace {

const std::pair<CampaignStatus, const char*> kStatusNames[] = {
    {CampaignStatus::Draft, "draft"},         {CampaignStatus::Rendered, "rendered"},
    {CampaignStatus::Scheduled, "scheduled"}, {CampaignStatus::Sending, "sending"},
    {CampaignStatus::Paused, "paused"},       {CampaignStatus::Done, "done"},
    {CampaignStatus::Cancelled, "cancelled"},
};

} // namespace

QString campaignStatusName(CampaignStatus status)
{
    for (const auto& [value, name] : kStatusNames) {
        if (value == status) {
            return QLatin1String(name);
        }
    }
    return QString::number(static_cast<int>(status));
}

std::optional<CampaignStatus> campaignStatusFromName(const QString& name)
{
    const QString wanted = name.trimmed().toLower();
    for (const auto& [value, text] : kStatusNames) {
        if (wanted == QLatin1String(text)) {
            return value;
        }
    }
    return std::nullopt;
}

CampaignRepository::CampaignRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

Status CampaignRepository::validate(const Campaign& c)
{
    const QString name = c.name.trimmed();
    if (name.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("CampaignRepository", "A campaign needs a name.")};
    }
    if (name.size() > kMaxNameLength) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("CampaignRepository", "The campaign name \"%1\" is longer than 200 characters.")
                .arg(name.left(40) + QStringLiteral("…"))};
    }
    if (auto s = singleLine(c.subject, QT_TRANSLATE_NOOP("CampaignRepository", "The subject must be one line.")); !s) {
        return s;
    }
    if (c.subject.size() > kMaxLineLength) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("CampaignRepository", "The subject is longer than 998 characters.")};
    }
    if (auto s = singleLine(c.preheader, QT_TRANSLATE_NOOP("CampaignRepository", "The preheader must be one line."));
        !s) {
        return s;
    }
    if (auto s = singleLine(c.fromName, QT_TRANSLATE_NOOP("CampaignRepository", "The sender's name must be one line."));
        !s) {
        return s;
    }
    if (c.fromName.size() > kMaxNameLength) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("CampaignRepository", "The sender's name is longer than 200 characters.")};
    }
    const QPair<QString, const char*> addresses[] = {
        {c.fromAddress, QT_TRANSLATE_NOOP("CampaignRepository", "The From address \"%1\" is not valid: %2")},
        {c.replyTo, QT_TRANSLATE_NOOP("CampaignRepository", "The Reply-To address \"%1\" is not valid: %2")},
    };
    for (const auto& [address, message] : addresses) {
        if (address.trimmed().isEmpty()) {
            continue;
        }
        if (auto parsed = EmailAddress::parse(address); !parsed) {
            return Error{ErrorCode::InvalidInput, QCoreApplication::translate("CampaignRepository", message)
                                                      .arg(address.trimmed(), parsed.error().message)};
        }
    }
    for (qint64 id : c.listIds) {
        if (auto s = exists(
                m_db, QStringLiteral("lists"), id,
                QCoreApplication::translate("CampaignRepository", "The campaign's list %1 does not exist.").arg(id));
            !s) {
            return s;
        }
    }
    for (qint64 id : c.tagIds) {
        if (auto s = exists(
                m_db, QStringLiteral("tags"), id,
                QCoreApplication::translate("CampaignRepository", "The campaign's tag %1 does not exist.").arg(id));
            !s) {
            return s;
        }
    }
    if (c.segmentId) {
        if (auto s =
                exists(m_db, QStringLiteral("segments"), *c.segmentId,
                       QCoreApplication::translate("CampaignRepository", "The campaign's segment %1 does not exist.")
                           .arg(*c.segmentId));
            !s) {
            return s;
        }
    }
    return Ok{};
}

Result<QVector<Campaign>> CampaignRepository::all()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM campaigns ORDER BY updated_at DESC, id DESC").arg(kColumns))) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaigns"));
    }
    QVector<Campaign> campaigns;
    while (q.next()) {
        campaigns.append(campaignFrom(q));
    }
    for (Campaign& c : campaigns) {
        if (auto s = loadGroups(c); !s) {
            return s.error();
        }
    }
    return campaigns;
}

Result<Campaign> CampaignRepository::findById(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM campaigns WHERE id = ?").arg(kColumns));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaign"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("CampaignRepository", "There is no campaign %1.").arg(id)};
    }
    Campaign c = campaignFrom(q);
    if (auto s = loadGroups(c); !s) {
        return s.error();
    }
    return c;
}

Status CampaignRepository::loadGroups(Campaign& c)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT kind, group_id FROM campaign_groups WHERE campaign_id = ? ORDER BY kind, group_id"));
    q.addBindValue(c.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaign's audience"));
    }
    c.listIds.clear();
    c.tagIds.clear();
    while (q.next()) {
        (q.value(0).toInt() == kListKind ? c.listIds : c.tagIds).append(q.value(1).toLongLong());
    }
    return Ok{};
}

Status CampaignRepository::writeGroups(const Campaign& c)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM campaign_groups WHERE campaign_id = ?"));
    q.addBindValue(c.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the campaign's audience"));
    }
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO campaign_groups (campaign_id, kind, group_id) VALUES (?, ?, ?)"));
    const QPair<int, const QVector<qint64>*> groups[] = {{kListKind, &c.listIds}, {kTagKind, &c.tagIds}};
    for (const auto& [kind, ids] : groups) {
        for (qint64 id : *ids) {
            q.addBindValue(c.id);
            q.addBindValue(kind);
            q.addBindValue(id);
            if (!q.exec()) {
                return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the campaign's audience"));
            }
        }
    }
    return Ok{};
}

Result<qint64> CampaignRepository::create(const Campaign& campaign)
{
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s.error();
    }
    if (auto s = validate(campaign); !s) {
        return s.error();
    }
    const QString now = nowIso();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO campaigns (%1, created_at, updated_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                  .arg(kFieldColumns));
    bindFields(q, campaign);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the campaign"));
    }
    Campaign stored = campaign;
    stored.id = q.lastInsertId().toLongLong();
    if (auto s = writeGroups(stored); !s) {
        return s.error();
    }
    if (auto s = tx.commit(); !s) {
        return s.error();
    }
    return stored.id;
}

Status CampaignRepository::update(const Campaign& campaign)
{
    Transaction tx(m_db);
    if (auto s = tx.begin(); !s) {
        return s;
    }
    if (auto s = validate(campaign); !s) {
        return s;
    }
    QSqlQuery q(m_db);
    QString assignments = kFieldColumns + QStringLiteral(" = ?");
    assignments.replace(QStringLiteral(","), QStringLiteral(" = ?,"));
    // Once delivery owns the campaign (scheduled, sending, paused, done, cancelled) only
    // CampaignDelivery moves its status: an editor saving a copy loaded before the campaign
    // started must not turn it back into a draft.
    assignments.replace(QStringLiteral("status = ?"),
                        QStringLiteral("status = CASE WHEN status IN (0, 1) THEN ? ELSE status END"));
    assignments.replace(QStringLiteral("scheduled_at = ?"),
                        QStringLiteral("scheduled_at = CASE WHEN status IN (0, 1) THEN ? ELSE scheduled_at END"));
    q.prepare(QStringLiteral("UPDATE campaigns SET %1, updated_at = ? WHERE id = ?").arg(assignments));
    bindFields(q, campaign);
    q.addBindValue(nowIso());
    q.addBindValue(campaign.id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the campaign"));
    }
    if (q.numRowsAffected() == 0) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("CampaignRepository", "There is no campaign %1.").arg(campaign.id)};
    }
    if (auto s = writeGroups(campaign); !s) {
        return s;
    }
    return tx.commit();
}

Status CampaignRepository::remove(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM campaigns WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete the campaign"));
    }
    if (q.numRowsAffected() == 0) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("CampaignRepository", "There is no campaign %1.").arg(id)};
    }
    return Ok{};
}

Result<QVector<CampaignAttachment>> CampaignRepository::attachments(qint64 campaignId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, file_name, mime_type, COALESCE(content_id, ''), length(content)"
                             " FROM campaign_attachments WHERE campaign_id = ? ORDER BY id"));
    q.addBindValue(campaignId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaign's attachments"));
    }
    QVector<CampaignAttachment> files;
    while (q.next()) {
        files.append(CampaignAttachment{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                                        q.value(3).toString(), q.value(4).toLongLong()});
    }
    return files;
}

Result<QByteArray> CampaignRepository::attachmentContent(qint64 attachmentId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT content FROM campaign_attachments WHERE id = ?"));
    q.addBindValue(attachmentId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "read the campaign's attachments"));
    }
    if (!q.next()) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("CampaignRepository", "There is no attachment %1.").arg(attachmentId)};
    }
    return q.value(0).toByteArray();
}

Result<qint64> CampaignRepository::addAttachment(qint64 campaignId, const QString& fileName, const QString& mimeType,
                                                 const QString& contentId, const QByteArray& content)
{
    const QString name = fileName.trimmed();
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\'))) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("CampaignRepository", "The attachment name \"%1\" is not a file name.")
                         .arg(name)};
    }
    if (auto s = singleLine(name, QT_TRANSLATE_NOOP("CampaignRepository", "An attachment's name must be one line."));
        !s) {
        return s.error();
    }
    if (content.size() > kMaxAttachmentBytes) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate(
                         "CampaignRepository",
                         "%1 is %2 MB; attachments can be at most 18 MB (most mail servers refuse bigger messages).")
                         .arg(name)
                         .arg(double(content.size()) / (1024 * 1024), 0, 'f', 1)};
    }
    // The rules the message writer holds parts to, checked now rather than at send time.
    const QString type = mimeType.trimmed();
    auto part = contentId.isEmpty() ? EncodedPart::attachment(name, type, QByteArray())
                                    : EncodedPart::inlineImage(contentId, type, QByteArray(), name);
    if (!part) {
        return part.error();
    }
    if (auto s = exists(m_db, QStringLiteral("campaigns"), campaignId,
                        QCoreApplication::translate("CampaignRepository", "There is no campaign %1.").arg(campaignId));
        !s) {
        return s.error();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO campaign_attachments (campaign_id, file_name, mime_type, content_id, content)"
                             " VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(campaignId);
    q.addBindValue(name);
    q.addBindValue(type);
    q.addBindValue(contentId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(contentId));
    q.addBindValue(content);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the attachment"));
    }
    const qint64 attachmentId = q.lastInsertId().toLongLong();
    if (auto s = touch(QStringLiteral("id = ?"), campaignId); !s) {
        return s.error();
    }
    return attachmentId;
}

Status CampaignRepository::touch(const QString& where, qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE campaigns SET updated_at = ? WHERE ") + where);
    q.addBindValue(nowIso());
    q.addBindValue(id);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "save the campaign"));
    }
    return Ok{};
}

Status CampaignRepository::removeAttachment(qint64 attachmentId)
{
    if (auto s =
            touch(QStringLiteral("id = (SELECT campaign_id FROM campaign_attachments WHERE id = ?)"), attachmentId);
        !s) {
        return s;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM campaign_attachments WHERE id = ?"));
    q.addBindValue(attachmentId);
    if (!q.exec()) {
        return sqlError(q, QT_TRANSLATE_NOOP("SqlError", "delete the attachment"));
    }
    if (q.numRowsAffected() == 0) {
        return Error{ErrorCode::NotFound,
                     QCoreApplication::translate("CampaignRepository", "There is no attachment %1.").arg(attachmentId)};
    }
    return Ok{};
}
