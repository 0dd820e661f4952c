#include "app/cli/CampaignCommands.h"

#include "app/cli/CliVault.h"

#include "app/cli/AccountCommands.h"
#include "app/cli/WorkspaceCommands.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/SegmentRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "core/campaigns/StarterTemplates.h"
#include "core/contacts/GroupRepository.h"
#include "core/delivery/AccountRepository.h"
#include "core/storage/Transaction.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMimeDatabase>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CampaignCommands", text);
}

const QString kCampaign = QStringLiteral("campaign");

QString starterChoices()
{
    QStringList ids;
    for (const StarterTemplate& t : StarterTemplates::all()) {
        ids.append(t.id);
    }
    return ids.join(QStringLiteral(", "));
}

QList<CliOption> messageOptions(bool creating)
{
    QList<CliOption> options = {
        {QStringLiteral("name"), QStringLiteral("NAME"), tr("the campaign's name (only you see it)")},
        {QStringLiteral("subject"), QStringLiteral("TEXT"), tr("the subject line (merge tags allowed)")},
        {QStringLiteral("preheader"), QStringLiteral("TEXT"), tr("the preview text inboxes show after the subject")},
        {QStringLiteral("html"), QStringLiteral("FILE"), tr("the HTML body, read from FILE (UTF-8)")},
        {QStringLiteral("starter"), QStringLiteral("NAME"),
         tr("start the HTML body from a starter template: %1").arg(starterChoices())},
        {QStringLiteral("text"), QStringLiteral("FILE"),
         tr("the plain-text body, read from FILE (default: generated from the HTML)")},
        {QStringLiteral("footer"), QStringLiteral("FILE"),
         tr("the HTML footer with postal address and unsubscribe link (default: the standard footer)")},
        {QStringLiteral("from"), QStringLiteral("\"NAME <ADDRESS>\""), tr("the sender")},
        {QStringLiteral("reply-to"), QStringLiteral("ADDRESS"), tr("where replies go")},
        {QStringLiteral("list"), QStringLiteral("LIST"), tr("send to this list (repeatable)"), true},
        {QStringLiteral("tag"), QStringLiteral("TAG"), tr("send to contacts with this tag (repeatable)"), true},
        {QStringLiteral("segment"), QStringLiteral("NAME"),
         tr("narrow the lists and tags by a saved segment (\"\" for none)")},
        {QStringLiteral("account"), QStringLiteral("NAME"),
         tr("send only from this sender account (repeatable; replaces the list; \"\" for every account)"), true},
    };
    if (!creating) {
        options.append({QStringLiteral("clear-audience"), QString(),
                        tr("drop the campaign's lists and tags before adding --list and --tag")});
    }
    return options;
}

Result<QString> readTextFile(const QString& path, const QString& what)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        return Error{ErrorCode::FileError,
                     tr("Cannot read the %1 file %2: %3")
                         .arg(what, path, QFileInfo::exists(path) ? file.errorString() : tr("it does not exist"))};
    }
    const QByteArray bytes = file.readAll();
    QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() != bytes) {
        return Error{ErrorCode::InvalidInput, tr("The %1 file %2 is not UTF-8 text.").arg(what, path)};
    }
    if (text.startsWith(QChar(0xFEFF))) {
        text.remove(0, 1);
    }
    return text;
}

Result<qint64> campaignId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.trimmed().toLongLong(&ok);
    if (!ok || id <= 0) {
        return Error{ErrorCode::InvalidInput, tr("\"%1\" is not a campaign number (see \"campaign list\").").arg(text)};
    }
    return id;
}

Result<qint64> groupIdByName(QSqlDatabase db, GroupKind kind, const QString& name)
{
    auto group = GroupRepository(db, kind).findByName(name);
    if (!group) {
        return group.error();
    }
    return group->id;
}

// Applies the message options to a campaign; anything not given stays as it is.
Status applyOptions(QSqlDatabase db, const CliArguments& args, Campaign& c)
{
    const QPair<const char*, QString Campaign::*> plain[] = {{"name", &Campaign::name},
                                                             {"subject", &Campaign::subject},
                                                             {"preheader", &Campaign::preheader},
                                                             {"reply-to", &Campaign::replyTo}};
    for (const auto& [option, member] : plain) {
        if (args.isSet(QString::fromLatin1(option))) {
            c.*member = args.value(QString::fromLatin1(option));
        }
    }
    if (args.isSet(QStringLiteral("html")) && args.isSet(QStringLiteral("starter"))) {
        return Error{ErrorCode::InvalidInput, tr("Give --html or --starter, not both.")};
    }
    if (args.isSet(QStringLiteral("starter"))) {
        const StarterTemplate starter = StarterTemplates::byId(args.value(QStringLiteral("starter")).trimmed());
        if (starter.html.isEmpty()) {
            return Error{ErrorCode::InvalidInput, tr("There is no starter template \"%1\"; there are: %2")
                                                      .arg(args.value(QStringLiteral("starter")), starterChoices())};
        }
        c.htmlBody = starter.html;
    }
    const QPair<const char*, QString Campaign::*> files[] = {
        {"html", &Campaign::htmlBody}, {"text", &Campaign::textBody}, {"footer", &Campaign::footerHtml}};
    for (const auto& [option, member] : files) {
        const QString name = QString::fromLatin1(option);
        if (args.isSet(name)) {
            auto text = readTextFile(args.value(name), name);
            if (!text) {
                return text.error();
            }
            c.*member = text.value();
        }
    }
    if (args.isSet(QStringLiteral("from"))) {
        parseMailbox(args.value(QStringLiteral("from")), c.fromName, c.fromAddress);
    }
    if (args.isSet(QStringLiteral("clear-audience"))) {
        c.listIds.clear();
        c.tagIds.clear();
    }
    const QPair<GroupKind, QVector<qint64> Campaign::*> groups[] = {{GroupKind::List, &Campaign::listIds},
                                                                    {GroupKind::Tag, &Campaign::tagIds}};
    for (const auto& [kind, member] : groups) {
        for (const QString& name :
             args.values(kind == GroupKind::List ? QStringLiteral("list") : QStringLiteral("tag"))) {
            auto id = groupIdByName(db, kind, name);
            if (!id) {
                return id.error();
            }
            if (!(c.*member).contains(id.value())) {
                (c.*member).append(id.value());
            }
        }
    }
    if (args.isSet(QStringLiteral("segment"))) {
        const QString name = args.value(QStringLiteral("segment")).trimmed();
        if (name.isEmpty()) {
            c.segmentId.reset();
        } else {
            auto segment = SegmentRepository(db).findByName(name);
            if (!segment) {
                return segment.error();
            }
            c.segmentId = segment->id;
        }
    }
    return Ok{};
}

QString statusName(CampaignStatus status)
{
    return campaignStatusName(status);
}

Result<QStringList> groupNames(QSqlDatabase db, GroupKind kind, const QVector<qint64>& ids)
{
    auto all = GroupRepository(db, kind).all();
    if (!all) {
        return all.error();
    }
    QStringList names;
    for (const Group& g : all.value()) {
        if (ids.contains(g.id)) {
            names.append(g.name);
        }
    }
    return names;
}

} // namespace

std::optional<CampaignCommands::Opened> CampaignCommands::open(const CliRequest& request, const QString& idText,
                                                               bool forWriting, CliStatus& problem)
{
    auto id = campaignId(idText);
    if (!id) {
        problem = CliStatus::usage(id.error().message);
        return std::nullopt;
    }
    auto workspace =
        forWriting ? WorkspaceCommands::openForWriting(request) : WorkspaceCommands::openForReading(request);
    if (!workspace) {
        problem = CliStatus::failed(workspace.error());
        return std::nullopt;
    }
    auto campaign = CampaignRepository(workspace.value()->database()).findById(id.value());
    if (!campaign) {
        problem = CliStatus::failed(campaign.error());
        return std::nullopt;
    }
    return Opened{std::move(workspace).value(), campaign.value(), std::nullopt};
}

std::optional<CampaignCommands::Opened> CampaignCommands::openWithVault(const CliRequest& request,
                                                                        const QString& idText, CliStatus& problem)
{
    auto opened = open(request, idText, true, problem);
    if (!opened) {
        return std::nullopt;
    }
    auto vault = openCliVault(opened->workspace->database(), request);
    if (!vault) {
        problem = CliStatus::failed(vault.error());
        return std::nullopt;
    }
    opened->vault.emplace(std::move(vault).value());
    return opened;
}

QList<CliCommand> CampaignCommands::commands()
{
    const QString id = QStringLiteral("ID");
    return {
        {{kCampaign, QStringLiteral("create")},
         {},
         tr("create a campaign (a draft) from an HTML file or a starter template"),
         messageOptions(true),
         &create},
        {{kCampaign, QStringLiteral("list")}, {}, tr("list the campaigns"), {}, &list},
        {{kCampaign, QStringLiteral("show")}, {id}, tr("show a campaign's fields and audience"), {}, &show},
        {{kCampaign, QStringLiteral("edit")}, {id}, tr("change a campaign"), messageOptions(false), &edit},
        {{kCampaign, QStringLiteral("delete")}, {id}, tr("delete a campaign"), {}, &remove},
        {{kCampaign, QStringLiteral("attach")},
         {id, QStringLiteral("FILE")},
         tr("attach a file to a campaign, or add an inline image with --inline"),
         {{QStringLiteral("inline"), QStringLiteral("CID"),
           tr("make it an inline image the HTML shows as <img src=\"cid:CID\">; CID like logo@shop")},
          {QStringLiteral("type"), QStringLiteral("MIME"), tr("its MIME type (default: guessed from the file)")}},
         &attach},
        {{QStringLiteral("sender"), QStringLiteral("show")}, {}, tr("show the sender settings"), {}, &senderShow},
        {{QStringLiteral("sender"), QStringLiteral("set")},
         {},
         tr("set what every message carries: postal address and where unsubscribes go"),
         {{QStringLiteral("postal-address"), QStringLiteral("TEXT"),
           tr("the postal address printed in every footer (the law asks for it)")},
          {QStringLiteral("unsubscribe-url"), QStringLiteral("URL"),
           tr("your https unsubscribe page, with {token} where the recipient's token goes; empty: none")},
          {QStringLiteral("unsubscribe-mailto"), QStringLiteral("ADDRESS"),
           tr("the address unsubscribe mails go to (default: the campaign's From)")}},
         &senderSet},
    };
}

CliStatus CampaignCommands::create(const CliRequest& request, CliOutput& out)
{
    if (!request.args.isSet(QStringLiteral("name"))) {
        return CliStatus::usage(tr("campaign create needs --name"));
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    Campaign c;
    c.footerHtml = StarterTemplates::defaultFooter();
    if (auto s = applyOptions(db, request.args, c); !s) {
        return CliStatus::failed(s.error());
    }
    auto accounts = AccountCommands::accountIds(db, request.args.values(QStringLiteral("account")));
    if (!accounts) {
        return CliStatus::failed(accounts.error());
    }
    // The campaign and the accounts it may send from, together or not at all.
    Transaction tx(db);
    if (auto s = tx.begin(); !s) {
        return CliStatus::failed(s.error());
    }
    auto id = CampaignRepository(db).create(c);
    if (!id) {
        return CliStatus::failed(id.error());
    }
    if (auto s = AccountRepository(db).setCampaignAccounts(id.value(), accounts.value()); !s) {
        return CliStatus::failed(s.error());
    }
    if (auto s = tx.commit(); !s) {
        return CliStatus::failed(s.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("id"), id.value()}});
    } else {
        out.line(tr("Created campaign %1 \"%2\".").arg(id.value()).arg(c.name.trimmed()));
    }
    return CliStatus::success();
}

CliStatus CampaignCommands::list(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    auto campaigns = CampaignRepository(workspace.value()->database()).all();
    if (!campaigns) {
        return CliStatus::failed(campaigns.error());
    }
    if (request.json) {
        QJsonArray array;
        for (const Campaign& c : campaigns.value()) {
            array.append(QJsonObject{{QStringLiteral("id"), c.id},
                                     {QStringLiteral("name"), c.name},
                                     {QStringLiteral("subject"), c.subject},
                                     {QStringLiteral("status"), statusName(c.status)},
                                     {QStringLiteral("updated_at"), c.updatedAt.toString(Qt::ISODate)}});
        }
        out.json(array);
        return CliStatus::success();
    }
    if (campaigns->isEmpty()) {
        out.line(tr("No campaigns yet."));
        return CliStatus::success();
    }
    QList<QStringList> rows;
    for (const Campaign& c : campaigns.value()) {
        rows.append({QString::number(c.id), c.name, c.subject, statusName(c.status),
                     c.updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))});
    }
    out.table({tr("ID"), tr("Name"), tr("Subject"), tr("Status"), tr("Changed")}, rows);
    return CliStatus::success();
}

CliStatus CampaignCommands::show(const CliRequest& request, CliOutput& out)
{
    CliStatus problem;
    auto opened = open(request, request.args.positionals().value(0), false, problem);
    if (!opened) {
        return problem;
    }
    QSqlDatabase db = opened->workspace->database();
    CampaignRepository repo(db);
    const Campaign* c = &opened->campaign;
    auto lists = groupNames(db, GroupKind::List, c->listIds);
    auto tags = groupNames(db, GroupKind::Tag, c->tagIds);
    auto files = repo.attachments(c->id);
    if (!lists || !tags || !files) {
        return CliStatus::failed(!lists ? lists.error() : !tags ? tags.error() : files.error());
    }
    QStringList accountNames;
    {
        auto accountIds = AccountRepository(db).campaignAccounts(c->id);
        auto accounts = AccountRepository(db).list();
        if (!accountIds || !accounts) {
            return CliStatus::failed(!accountIds ? accountIds.error() : accounts.error());
        }
        for (const Account& a : accounts.value()) {
            if (accountIds->contains(a.id)) {
                accountNames.append(a.name);
            }
        }
    }
    if (request.json) {
        QJsonArray attachments;
        for (const CampaignAttachment& a : files.value()) {
            attachments.append(QJsonObject{{QStringLiteral("id"), a.id},
                                           {QStringLiteral("file_name"), a.fileName},
                                           {QStringLiteral("mime_type"), a.mimeType},
                                           {QStringLiteral("content_id"), a.contentId},
                                           {QStringLiteral("size"), a.size}});
        }
        out.json(QJsonObject{{QStringLiteral("id"), c->id},
                             {QStringLiteral("name"), c->name},
                             {QStringLiteral("subject"), c->subject},
                             {QStringLiteral("preheader"), c->preheader},
                             {QStringLiteral("from_name"), c->fromName},
                             {QStringLiteral("from_address"), c->fromAddress},
                             {QStringLiteral("reply_to"), c->replyTo},
                             {QStringLiteral("html"), c->htmlBody},
                             {QStringLiteral("text"), c->textBody},
                             {QStringLiteral("footer"), c->footerHtml},
                             {QStringLiteral("lists"), QJsonArray::fromStringList(lists.value())},
                             {QStringLiteral("tags"), QJsonArray::fromStringList(tags.value())},
                             {QStringLiteral("status"), statusName(c->status)},
                             {QStringLiteral("accounts"), QJsonArray::fromStringList(accountNames)},
                             {QStringLiteral("attachments"), attachments}});
        return CliStatus::success();
    }
    const QString from =
        c->fromName.isEmpty() ? c->fromAddress : QStringLiteral("%1 <%2>").arg(c->fromName, c->fromAddress);
    QList<QStringList> rows = {
        {tr("Name"), c->name},
        {tr("Status"), statusName(c->status)},
        {tr("Subject"), c->subject},
        {tr("Preheader"), c->preheader},
        {tr("From"), from},
        {tr("Reply-To"), c->replyTo},
        {tr("Lists"), lists->join(QStringLiteral(", "))},
        {tr("Tags"), tags->join(QStringLiteral(", "))},
        {tr("Accounts"), accountNames.isEmpty() ? tr("every account") : accountNames.join(QStringLiteral(", "))},
        {tr("HTML"), tr("%1 characters").arg(c->htmlBody.size())},
        {tr("Text"),
         c->textBody.isEmpty() ? tr("generated from the HTML") : tr("%1 characters").arg(c->textBody.size())},
    };
    for (const CampaignAttachment& a : files.value()) {
        rows.append({a.contentId.isEmpty() ? tr("Attachment") : tr("Inline image"),
                     QStringLiteral("%1 (%2, %3 bytes)%4")
                         .arg(a.fileName, a.mimeType)
                         .arg(a.size)
                         .arg(a.contentId.isEmpty() ? QString() : QStringLiteral(" cid:") + a.contentId)});
    }
    out.table({tr("Field"), tr("Value")}, rows);
    return CliStatus::success();
}

CliStatus CampaignCommands::edit(const CliRequest& request, CliOutput& out)
{
    CliStatus problem;
    auto opened = open(request, request.args.positionals().value(0), true, problem);
    if (!opened) {
        return problem;
    }
    QSqlDatabase db = opened->workspace->database();
    Campaign* c = &opened->campaign;
    if (auto s = applyOptions(db, request.args, *c); !s) {
        return CliStatus::failed(s.error());
    }
    auto accounts = AccountCommands::accountIds(db, request.args.values(QStringLiteral("account")));
    if (!accounts) {
        return CliStatus::failed(accounts.error());
    }
    if (auto s = CampaignRepository(db).update(*c); !s) {
        return CliStatus::failed(s.error());
    }
    if (request.args.isSet(QStringLiteral("account"))) {
        if (auto s = AccountRepository(db).setCampaignAccounts(c->id, accounts.value()); !s) {
            return CliStatus::failed(s.error());
        }
    }
    if (!request.json) {
        out.line(tr("Changed campaign %1.").arg(c->id));
    } else {
        out.json(QJsonObject{{QStringLiteral("id"), c->id}});
    }
    return CliStatus::success();
}

CliStatus CampaignCommands::remove(const CliRequest& request, CliOutput& out)
{
    auto id = campaignId(request.args.positionals().value(0));
    if (!id) {
        return CliStatus::usage(id.error().message);
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    if (auto s = CampaignRepository(workspace.value()->database()).remove(id.value()); !s) {
        return CliStatus::failed(s.error());
    }
    if (!request.json) {
        out.line(tr("Deleted campaign %1.").arg(id.value()));
    } else {
        out.json(QJsonObject{{QStringLiteral("id"), id.value()}});
    }
    return CliStatus::success();
}

CliStatus CampaignCommands::attach(const CliRequest& request, CliOutput& out)
{
    auto id = campaignId(request.args.positionals().value(0));
    if (!id) {
        return CliStatus::usage(id.error().message);
    }
    const QString path = request.args.positionals().value(1);
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        return CliStatus::failed(
            tr("Cannot read %1: %2").arg(path, QFileInfo::exists(path) ? file.errorString() : tr("it does not exist")));
    }
    if (file.size() > CampaignRepository::kMaxAttachmentBytes) {
        return CliStatus::failed(tr("%1 is %2 MB; attachments can be at most 18 MB.")
                                     .arg(path)
                                     .arg(double(file.size()) / (1024 * 1024), 0, 'f', 1));
    }
    const QByteArray content = file.readAll();
    QString type = request.args.value(QStringLiteral("type"));
    if (type.isEmpty()) {
        type = QMimeDatabase().mimeTypeForFileNameAndData(path, content).name();
    }
    const QString contentId = request.args.value(QStringLiteral("inline"));
    if (!contentId.isEmpty() && !type.startsWith(QLatin1String("image/"))) {
        return CliStatus::failed(tr("%1 is %2, not an image; only images can be inline.").arg(path, type));
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    auto added = CampaignRepository(workspace.value()->database())
                     .addAttachment(id.value(), QFileInfo(path).fileName(), type, contentId, content);
    if (!added) {
        return CliStatus::failed(added.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("id"), added.value()}, {QStringLiteral("mime_type"), type}});
    } else {
        out.line(contentId.isEmpty()
                     ? tr("Attached %1 (%2).").arg(QFileInfo(path).fileName(), type)
                     : tr("Added the inline image %1 as cid:%2.").arg(QFileInfo(path).fileName(), contentId));
    }
    return CliStatus::success();
}

CliStatus CampaignCommands::senderShow(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    auto settings = SenderSettings::load(workspace.value()->database());
    if (!settings) {
        return CliStatus::failed(settings.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("postal_address"), settings->postalAddress},
                             {QStringLiteral("unsubscribe_url"), settings->unsubscribeUrlTemplate},
                             {QStringLiteral("unsubscribe_mailto"), settings->unsubscribeMailto}});
        return CliStatus::success();
    }
    out.table({tr("Setting"), tr("Value")},
              {{tr("Postal address"), settings->postalAddress},
               {tr("Unsubscribe URL"), settings->unsubscribeUrlTemplate},
               {tr("Unsubscribe address"),
                settings->unsubscribeMailto.isEmpty() ? tr("(the campaign's From)") : settings->unsubscribeMailto}});
    return CliStatus::success();
}

CliStatus CampaignCommands::senderSet(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    auto settings = SenderSettings::load(db);
    if (!settings) {
        return CliStatus::failed(settings.error());
    }
    const QPair<const char*, QString SenderSettings::*> options[] = {
        {"postal-address", &SenderSettings::postalAddress},
        {"unsubscribe-url", &SenderSettings::unsubscribeUrlTemplate},
        {"unsubscribe-mailto", &SenderSettings::unsubscribeMailto}};
    for (const auto& [option, member] : options) {
        if (request.args.isSet(QString::fromLatin1(option))) {
            settings.value().*member = request.args.value(QString::fromLatin1(option)).trimmed();
        }
    }
    if (auto s = settings->save(db); !s) {
        return CliStatus::failed(s.error());
    }
    if (!request.json) {
        out.line(tr("Saved the sender settings."));
    } else {
        out.json(QJsonObject{{QStringLiteral("saved"), true}});
    }
    return CliStatus::success();
}
