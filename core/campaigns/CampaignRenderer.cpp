#include "core/campaigns/CampaignRenderer.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/MergeFields.h"
#include "core/campaigns/SenderSettings.h"
#include "core/campaigns/UnsubscribeToken.h"
#include "core/contacts/EmailAddress.h"
#include "core/mail/html/ContentChecker.h"
#include "core/mail/html/HtmlBodySlots.h"
#include "core/mail/html/HtmlDocument.h"
#include "core/mail/mime/HeaderEncoding.h"
#include "core/mail/mime/MimeMessage.h"
#include "core/mail/template/MergeTemplate.h"
#include "core/security/Vault.h"

#include <QCoreApplication>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <vector>

namespace {

// Now in local time, as a fixed offset from UTC: asked of the C library once a second per thread,
// not once a message (each asking stats /etc/localtime).
QDateTime localNow()
{
    thread_local qint64 second = -1;
    thread_local QDateTime local;
    const qint64 nowSecond = QDateTime::currentSecsSinceEpoch();
    if (nowSecond != second) {
        const QDateTime asked = QDateTime::fromSecsSinceEpoch(nowSecond, Qt::LocalTime);
        local = QDateTime(asked.date(), asked.time(), Qt::OffsetFromUTC, asked.offsetFromUtc());
        second = nowSecond;
    }
    return local;
}

// Inboxes show the first text of the body after the subject; this puts the preheader there
// without showing it in the message itself.
const QString kPreheaderOpen =
    QStringLiteral("<div style=\"display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;"
                   "overflow:hidden;mso-hide:all;\">");
const QString kPreheaderClose = QStringLiteral("</div>\n");

Result<QByteArray> unsubscribeKey(const Vault& vault)
{
    auto key = vault.get(UnsubscribeToken::vaultKind(), UnsubscribeToken::vaultName());
    if (key) {
        return key;
    }
    if (key.error().code != ErrorCode::NotFound) {
        return key.error();
    }
    QByteArray fresh(UnsubscribeToken::kKeyBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(fresh.data()),
                                          UnsubscribeToken::kKeyBytes / sizeof(quint32));
    if (auto put = vault.put(UnsubscribeToken::vaultKind(), UnsubscribeToken::vaultName(), fresh); !put) {
        return put.error();
    }
    return fresh;
}

struct NamedTemplate
{
    QString where; // translated: "Subject"
    MergeTemplate parsed;
};

} // namespace

struct CampaignRenderer::Private
{
    Campaign campaign;
    Options options;
    SenderSettings sender;
    MergeFields fields;
    QHash<QString, QString> campaignValues; // all campaign names but unsubscribe_url
    MergeTemplate subject;
    MergeTemplate preheader;
    MergeTemplate htmlHead; // up to the end of <body ...>
    MergeTemplate htmlMain; // the body's content
    MergeTemplate htmlTail; // from </body>
    MergeTemplate footer;
    MergeTemplate text;
    QVector<TemplateIssue> issues;
    std::vector<EncodedPart> inlineImages;
    std::vector<EncodedPart> attachments;
    std::optional<DkimKeyInfo> dkimInfo;
    std::optional<DkimSigner> signer;
    QByteArray unsubscribeKey;
    QByteArray messageIdSalt;
    // What every recipient's message shares (Date when Options::date is set, From, Reply-To,
    // inline images, attachments), its header fields written once: render() copies it.
    MimeMessage prototype;
    QString fromDomain;
    bool usesUnsubscribe = false;
    bool usesPostalAddress = false;
};

CampaignRenderer::CampaignRenderer(std::unique_ptr<Private> data)
    : d(std::move(data))
{}
CampaignRenderer::CampaignRenderer(CampaignRenderer&&) noexcept = default;
CampaignRenderer& CampaignRenderer::operator=(CampaignRenderer&&) noexcept = default;
CampaignRenderer::~CampaignRenderer() = default;

Result<CampaignRenderer> CampaignRenderer::prepare(QSqlDatabase db, const Campaign& campaign, const Vault& vault,
                                                   const Options& options)
{
    auto p = std::make_unique<Private>();
    p->campaign = campaign;
    p->options = options;
    if (options.date.isValid()) {
        p->prototype.setDate(options.date);
    }
    auto sender = SenderSettings::load(db);
    if (!sender) {
        return sender.error();
    }
    p->sender = sender.value();
    auto fields = MergeFields::load(db);
    if (!fields) {
        return fields.error();
    }
    p->fields = fields.value();
    auto key = unsubscribeKey(vault);
    if (!key) {
        return key.error();
    }
    p->unsubscribeKey = key.value();
    p->messageIdSalt = QMessageAuthenticationCode::hash(QByteArrayLiteral("message-id"), p->unsubscribeKey,
                                                        QCryptographicHash::Sha256);

    p->prototype.setFrom(Mailbox{campaign.fromName, campaign.fromAddress});
    p->prototype.setReplyTo(Mailbox{QString(), campaign.replyTo});
    if (auto parsed = EmailAddress::parse(campaign.fromAddress)) {
        p->fromDomain = parsed->asciiDomain();
    }
    p->campaignValues = {{QStringLiteral("postal_address"), p->sender.postalAddress},
                         {QStringLiteral("campaign_name"), campaign.name},
                         {QStringLiteral("from_name"), campaign.fromName},
                         {QStringLiteral("from_address"), campaign.fromAddress}};

    // The templates, each checked whole so a problem is reported at its own line.
    const QSet<QString> known = p->fields.knownNames();
    std::vector<NamedTemplate> named;
    named.push_back(
        {QCoreApplication::translate("CampaignRenderer", "Subject"), MergeTemplate::parse(campaign.subject)});
    named.push_back(
        {QCoreApplication::translate("CampaignRenderer", "Preheader"), MergeTemplate::parse(campaign.preheader)});
    named.push_back({QCoreApplication::translate("CampaignRenderer", "HTML"), MergeTemplate::parse(campaign.htmlBody)});
    named.push_back(
        {QCoreApplication::translate("CampaignRenderer", "Footer"), MergeTemplate::parse(campaign.footerHtml)});
    QString textSource;
    if (campaign.textBody.trimmed().isEmpty()) {
        textSource = HtmlDocument::parse(campaign.htmlBody).toPlainText();
    } else {
        textSource = campaign.textBody;
        named.push_back(
            {QCoreApplication::translate("CampaignRenderer", "Text"), MergeTemplate::parse(campaign.textBody)});
    }
    const QString footerText = HtmlDocument::parse(campaign.footerHtml).toPlainText();
    if (!footerText.trimmed().isEmpty()) {
        textSource += QStringLiteral("\n\n-- \n") + footerText;
    }
    for (const NamedTemplate& t : named) {
        auto problems = t.parsed.syntaxErrors();
        problems += t.parsed.unknownNames(known);
        for (TemplateIssue issue : problems) {
            issue.message = QCoreApplication::translate("CampaignRenderer", "%1: %2").arg(t.where, issue.message);
            p->issues.append(issue);
        }
        p->usesUnsubscribe = p->usesUnsubscribe || t.parsed.names().contains(QStringLiteral("unsubscribe_url"));
        p->usesPostalAddress = p->usesPostalAddress || t.parsed.names().contains(QStringLiteral("postal_address"));
    }
    p->subject = named[0].parsed;
    p->preheader = named[1].parsed;
    p->footer = named[3].parsed;
    p->text = MergeTemplate::parse(textSource);

    // The preheader goes right after <body>, the footer right before </body>.
    const HtmlBodySlots slots = HtmlBodySlots::find(campaign.htmlBody);
    p->htmlHead = MergeTemplate::parse(campaign.htmlBody.left(slots.bodyStart));
    p->htmlMain = MergeTemplate::parse(campaign.htmlBody.mid(slots.bodyStart, slots.bodyEnd - slots.bodyStart));
    p->htmlTail = MergeTemplate::parse(campaign.htmlBody.mid(slots.bodyEnd));
    if (named[2].parsed.isValid() && (!p->htmlHead.isValid() || !p->htmlMain.isValid() || !p->htmlTail.isValid())) {
        p->issues.append(
            TemplateIssue{1, 1,
                          QCoreApplication::translate(
                              "CampaignRenderer",
                              "HTML: an {% if %} block must open and close on the same side of <body> and </body>.")});
    }

    // What every recipient shares, encoded once.
    CampaignRepository campaigns(db);
    auto files = options.files ? campaigns.attachments(campaign.id) : QVector<CampaignAttachment>();
    if (!files) {
        return files.error();
    }
    for (const CampaignAttachment& file : files.value()) {
        auto content = campaigns.attachmentContent(file.id);
        if (!content) {
            return content.error();
        }
        auto part = file.contentId.isEmpty()
                        ? EncodedPart::attachment(file.fileName, file.mimeType, content.value())
                        : EncodedPart::inlineImage(file.contentId, file.mimeType, content.value(), file.fileName);
        if (!part) {
            return part.error();
        }
        (file.contentId.isEmpty() ? p->attachments : p->inlineImages).push_back(part.value());
    }
    for (const EncodedPart& image : p->inlineImages) {
        p->prototype.addInlineImage(image);
    }
    for (const EncodedPart& file : p->attachments) {
        p->prototype.addAttachment(file);
    }

    if (options.sign && !p->fromDomain.isEmpty()) {
        DkimKeyRepository keys(db);
        auto info = keys.forDomain(p->fromDomain);
        if (!info) {
            return info.error();
        }
        if (options.dkimKeyId) {
            // The sending account's own key (its selector), when it is for the From domain.
            auto all = keys.all();
            if (!all) {
                return all.error();
            }
            for (const DkimKeyInfo& k : all.value()) {
                if (k.id == *options.dkimKeyId && k.domain.compare(p->fromDomain, Qt::CaseInsensitive) == 0) {
                    info.value() = k;
                }
            }
        }
        if (info.value()) {
            auto signer = keys.signerFor(vault, *info.value());
            if (!signer) {
                return signer.error();
            }
            p->dkimInfo = info.value();
            p->signer = signer.value();
        }
    }
    return CampaignRenderer(std::move(p));
}

QVector<TemplateIssue> CampaignRenderer::templateIssues() const
{
    return d->issues;
}

std::optional<DkimKeyInfo> CampaignRenderer::dkimKey() const
{
    return d->dkimInfo;
}

Result<RenderedMessage> CampaignRenderer::render(const Contact& contact) const
{
    if (!d->issues.isEmpty()) {
        return Error{ErrorCode::TemplateError, d->issues.first().message};
    }
    const QString token = UnsubscribeToken::make(d->unsubscribeKey, d->campaign.id, contact.id);
    const QString httpsUrl = d->sender.unsubscribeUrl(token);
    const QString mailto = d->sender.unsubscribeMailtoUrl(token, d->campaign.fromAddress);
    QHash<QString, QString> values = d->campaignValues;
    values.insert(QStringLiteral("unsubscribe_url"), httpsUrl.isEmpty() ? mailto : httpsUrl);
    const MergeTemplate::Lookup lookup = d->fields.lookupFor(contact, values);
    const QLocale& locale = d->options.locale;

    RenderedMessage out;
    auto subject = d->subject.render(lookup, MergeTemplate::Escape::Header, locale);
    if (!subject) {
        return Error{subject.error().code,
                     QCoreApplication::translate("CampaignRenderer", "Subject: %1").arg(subject.error().message)};
    }
    // What the receiver reads: the header writer makes each run of spaces one space.
    out.subject = HeaderEncoding::sanitized(subject.value());
    auto preheader = d->preheader.render(lookup, MergeTemplate::Escape::Html, locale);
    if (!preheader) {
        return Error{preheader.error().code,
                     QCoreApplication::translate("CampaignRenderer", "Preheader: %1").arg(preheader.error().message)};
    }
    out.html.reserve(d->campaign.htmlBody.size() + d->campaign.footerHtml.size() + 1024);
    const std::pair<const MergeTemplate*, const char*> htmlParts[] = {
        {&d->htmlHead, QT_TRANSLATE_NOOP("CampaignRenderer", "HTML: %1")},
        {nullptr, nullptr}, // the preheader
        {&d->htmlMain, QT_TRANSLATE_NOOP("CampaignRenderer", "HTML: %1")},
        {&d->footer, QT_TRANSLATE_NOOP("CampaignRenderer", "Footer: %1")},
        {&d->htmlTail, QT_TRANSLATE_NOOP("CampaignRenderer", "HTML: %1")},
    };
    for (const auto& [part, where] : htmlParts) {
        if (part == nullptr) {
            if (!preheader->trimmed().isEmpty()) {
                out.html += kPreheaderOpen + preheader.value() + kPreheaderClose;
            }
            continue;
        }
        if (auto s = part->renderInto(out.html, lookup, MergeTemplate::Escape::Html, locale); !s) {
            return Error{s.error().code, QCoreApplication::translate("CampaignRenderer", where).arg(s.error().message)};
        }
    }
    auto text = d->text.render(lookup, MergeTemplate::Escape::Text, locale);
    if (!text) {
        return Error{text.error().code,
                     QCoreApplication::translate("CampaignRenderer", "Text: %1").arg(text.error().message)};
    }
    out.text = text.value();

    auto messageId = MimeMessage::messageIdFor(
        d->campaign.id, contact.id, d->fromDomain.isEmpty() ? QStringLiteral("mailroom.invalid") : d->fromDomain,
        d->messageIdSalt);
    if (!messageId) {
        return messageId.error();
    }
    out.messageId = messageId.value();

    MimeMessage message = d->prototype;
    if (!d->options.date.isValid()) {
        message.setDate(localNow());
    }
    const QString name = (contact.firstName + QLatin1Char(' ') + contact.lastName).trimmed();
    message.setTo({Mailbox{name, contact.email}});
    message.setSubject(out.subject);
    message.setMessageId(out.messageId);
    message.setListUnsubscribe(mailto, httpsUrl);
    message.setPlainText(out.text);
    message.setHtml(out.html);
    auto bytes = message.render();
    if (!bytes) {
        return bytes.error();
    }
    if (d->signer) {
        auto signature = d->signer->signatureHeader(bytes.value());
        if (!signature) {
            return signature.error();
        }
        out.bytes.reserve(signature->size() + bytes->size());
        out.bytes += signature.value();
        out.bytes += bytes.value();
    } else {
        out.bytes = bytes.value();
    }
    return out;
}

QVector<ContentIssue> CampaignRenderer::check(const Contact& sample) const
{
    return check(render(sample));
}

QVector<ContentIssue> CampaignRenderer::check(const Result<RenderedMessage>& rendered) const
{
    ContentCheckInput input;
    input.subject = d->campaign.subject;
    input.preheader = d->campaign.preheader;
    input.fromAddress = d->campaign.fromAddress;
    input.fromDomainHasDkimKey = d->dkimInfo.has_value();
    input.postalAddress = d->usesPostalAddress ? d->sender.postalAddress : QString();
    input.hasUnsubscribeLink = d->usesUnsubscribe;
    for (const TemplateIssue& issue : d->issues) {
        input.templateIssues.append(ContentTemplateIssue{issue.line, issue.message});
    }
    if (rendered) {
        input.subject = rendered->subject;
        input.html = rendered->html;
        input.text = rendered->text;
        // Gmail clips a message by the size of its text and HTML, not its files.
        qint64 files = 0;
        for (const auto* parts : {&d->attachments, &d->inlineImages}) {
            for (const EncodedPart& part : *parts) {
                files += part.headers().size() + part.body().size();
            }
        }
        input.messageBytes = rendered->bytes.size() - files;
    } else {
        input.html = d->campaign.htmlBody + d->campaign.footerHtml;
        input.text = d->campaign.textBody;
        if (d->issues.isEmpty()) {
            input.templateIssues.append(ContentTemplateIssue{0, rendered.error().message});
        }
    }
    return ContentChecker::check(input);
}
