#pragma once

#include "core/Result.h"
#include "core/campaigns/Campaign.h"
#include "core/campaigns/DkimKeyRepository.h"
#include "core/contacts/Contact.h"
#include "core/mail/html/ContentIssue.h"
#include "core/mail/template/TemplateIssue.h"

#include <QByteArray>
#include <QDateTime>
#include <QLocale>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

class Vault;

// One recipient's message: the exact bytes to send (DKIM-signed when the From domain has a
// key) and the parts as the preview shows them.
struct RenderedMessage
{
    QString subject;
    QString html;
    QString text;
    QString messageId;
    QByteArray bytes;
};

// Turns a campaign into each recipient's message. Everything the recipients share is done once
// in prepare(): the templates parsed, the generated text part, attachments and inline images
// encoded, the DKIM key read from the vault. render() then only fills in one contact's values,
// so the preview in the window, `mailroom-cli render` and the .eml files all run the same code
// and a preview is byte for byte what is sent. render() is const and may run on several
// threads at once.
class CampaignRenderer
{
public:
    struct Options
    {
        QDateTime date; // the Date header; invalid: the time of each render
        QLocale locale = QLocale::c();
        bool sign = true; // DKIM-sign when the From domain has a key
        // false: leave attachments and inline images out of the message (a preview that only
        // shows subject, HTML and text, re-prepared as someone types, need not re-encode them).
        bool files = true;
        // Sign with this DKIM key (a sender account's) when it is for the From domain; else, and
        // by default, with the From domain's newest key.
        std::optional<qint64> dkimKeyId;
    };

    // Reads the campaign's attachments, the workspace's custom fields, sender settings and DKIM
    // key, and the unsubscribe key from the vault (made on first use, so `db` must be writable).
    static Result<CampaignRenderer> prepare(QSqlDatabase db, const Campaign& campaign, const Vault& vault,
                                            const Options& options);

    CampaignRenderer(CampaignRenderer&&) noexcept;
    CampaignRenderer& operator=(CampaignRenderer&&) noexcept;
    ~CampaignRenderer();

    // Syntax errors and unknown names in every template of the campaign, each message saying
    // which one ("Subject: line 1: ...").
    QVector<TemplateIssue> templateIssues() const;
    // The DKIM key messages are signed with, if any.
    std::optional<DkimKeyInfo> dkimKey() const;

    Result<RenderedMessage> render(const Contact& contact) const;

    // The content checks for this campaign as rendered for `sample` (size, links, footer...).
    QVector<ContentIssue> check(const Contact& sample) const;
    // The same for a message render() already made (the preview has it in hand).
    QVector<ContentIssue> check(const Result<RenderedMessage>& rendered) const;

private:
    struct Private;
    explicit CampaignRenderer(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};
