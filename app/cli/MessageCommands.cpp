#include "app/cli/MessageCommands.h"

#include "app/cli/CampaignCommands.h"
#include "app/cli/CliVault.h"
#include "app/cli/DeliveryCommands.h"
#include "app/cli/WorkspaceCommands.h"
#include "core/campaigns/CampaignAudience.h"
#include "core/campaigns/CampaignRenderer.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/DkimKeyRepository.h"
#include "core/contacts/ContactRepository.h"
#include "core/delivery/FolderSend.h"
#include "core/mail/html/ContentChecker.h"
#include "core/storage/Workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>
#include <optional>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("MessageCommands", text);
}

const QString kCampaign = QStringLiteral("campaign");
constexpr int kRecipientPage = 1000;

Result<QDateTime> parseDate(const CliRequest& request)
{
    if (!request.args.isSet(QStringLiteral("date"))) {
        return QDateTime();
    }
    const QString text = request.args.value(QStringLiteral("date"));
    const QDateTime date = QDateTime::fromString(text, Qt::ISODate);
    if (!date.isValid()) {
        return Error{ErrorCode::InvalidInput,
                     tr("\"%1\" is not a date and time; write it as 2026-11-28T09:30:00+01:00.").arg(text)};
    }
    return date;
}

CliOption dateOption()
{
    return {QStringLiteral("date"), QStringLiteral("ISO-8601"),
            tr("the Date header (default: now), so a rendering can be repeated byte for byte")};
}

QJsonObject issueJson(const ContentIssue& issue)
{
    return QJsonObject{{QStringLiteral("severity"), issue.severity == ContentIssue::Severity::Error
                                                        ? QStringLiteral("error")
                                                        : QStringLiteral("warning")},
                       {QStringLiteral("code"), issue.code},
                       {QStringLiteral("message"), issue.message},
                       {QStringLiteral("explanation"), issue.explanation},
                       {QStringLiteral("line"), issue.line}};
}

QJsonObject countJson(const AudienceCount& count)
{
    return QJsonObject{{QStringLiteral("recipients"), count.recipients},
                       {QStringLiteral("unsubscribed"), count.leftOutUnsubscribed},
                       {QStringLiteral("bounced"), count.leftOutBounced},
                       {QStringLiteral("complained"), count.leftOutComplained},
                       {QStringLiteral("suppressed"), count.leftOutSuppressed}};
}

QString leftOutSentence(const AudienceCount& count)
{
    return tr("%1 recipients; left out: %2 unsubscribed, %3 bounced, %4 complained, %5 suppressed.")
        .arg(count.recipients)
        .arg(count.leftOutUnsubscribed)
        .arg(count.leftOutBounced)
        .arg(count.leftOutComplained)
        .arg(count.leftOutSuppressed);
}

} // namespace

QList<CliCommand> MessageCommands::commands()
{
    const QString id = QStringLiteral("ID");
    return {
        {{QStringLiteral("render")},
         {},
         tr("print the exact message a contact gets from a campaign"),
         {{QStringLiteral("campaign"), QStringLiteral("ID"), tr("the campaign")},
          {QStringLiteral("contact"), QStringLiteral("EMAIL"), tr("the contact it is rendered for")},
          dateOption()},
         &render},
        {{kCampaign, QStringLiteral("check")},
         {id},
         tr("run the content checks; exit status 1 when one is an error"),
         {},
         &check},
        {{kCampaign, QStringLiteral("recipients")},
         {id},
         tr("list who a campaign goes to (never the unsubscribed or suppressed)"),
         {{QStringLiteral("count"), QString(), tr("only count them, with who was left out and why")}},
         &recipients},
        {{kCampaign, QStringLiteral("send")},
         {id},
         tr("send a campaign over SMTP (or render every message into a folder of .eml files)"),
         QList<CliOption>{{QStringLiteral("to-folder"), QStringLiteral("DIR"),
                           tr("write .eml files to this folder instead of sending")},
                          dateOption()} +
             DeliveryCommands::sendOptions(),
         &send},
        {{QStringLiteral("dkim"), QStringLiteral("keygen")},
         {},
         tr("make a DKIM key for a domain and print the DNS record to publish"),
         {{QStringLiteral("domain"), QStringLiteral("DOMAIN"), tr("the domain of your From address")},
          {QStringLiteral("selector"), QStringLiteral("NAME"), tr("the selector, such as mailroom1")},
          {QStringLiteral("algorithm"), QStringLiteral("rsa|ed25519"),
           tr("rsa (2048 bits, read by every receiver; default) or ed25519")}},
         &dkimKeygen},
        {{QStringLiteral("dkim"), QStringLiteral("list")},
         {},
         tr("list the DKIM keys and their DNS records"),
         {},
         &dkimList},
    };
}

CliStatus MessageCommands::render(const CliRequest& request, CliOutput& out)
{
    if (!request.args.isSet(QStringLiteral("campaign")) || !request.args.isSet(QStringLiteral("contact"))) {
        return CliStatus::usage(tr("render needs --campaign ID and --contact EMAIL"));
    }
    auto date = parseDate(request);
    if (!date) {
        return CliStatus::usage(date.error().message);
    }
    CliStatus problem;
    auto open = CampaignCommands::openWithVault(request, request.args.value(QStringLiteral("campaign")), problem);
    if (!open) {
        return problem;
    }
    QSqlDatabase db = open->workspace->database();
    const Vault& vault = *open->vault;
    auto contact = ContactRepository(db).findByEmail(request.args.value(QStringLiteral("contact")));
    if (!contact) {
        return CliStatus::failed(contact.error());
    }
    CampaignRenderer::Options options;
    options.date = date.value();
    auto renderer = CampaignRenderer::prepare(db, open->campaign, vault, options);
    if (!renderer) {
        return CliStatus::failed(renderer.error());
    }
    auto message = renderer->render(contact.value());
    if (!message) {
        return CliStatus::failed(message.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("subject"), message->subject},
                             {QStringLiteral("message_id"), message->messageId},
                             {QStringLiteral("html"), message->html},
                             {QStringLiteral("text"), message->text},
                             {QStringLiteral("message"), QString::fromLatin1(message->bytes)}});
    } else {
        out.raw(message->bytes);
    }
    return CliStatus::success();
}

CliStatus MessageCommands::check(const CliRequest& request, CliOutput& out)
{
    CliStatus problem;
    auto open = CampaignCommands::openWithVault(request, request.args.positionals().value(0), problem);
    if (!open) {
        return problem;
    }
    QSqlDatabase db = open->workspace->database();
    const Vault& vault = *open->vault;
    auto renderer = CampaignRenderer::prepare(db, open->campaign, vault, {});
    if (!renderer) {
        return CliStatus::failed(renderer.error());
    }
    // The first recipient stands for all; a made-up one when there is nobody yet.
    auto sample = sampleRecipient(db, open->campaign);
    if (!sample) {
        return CliStatus::failed(sample.error());
    }
    const QVector<ContentIssue> issues = renderer->check(sample.value());
    const bool errors = ContentChecker::hasErrors(issues);
    if (request.json) {
        QJsonArray array;
        for (const ContentIssue& issue : issues) {
            array.append(issueJson(issue));
        }
        out.json(QJsonObject{{QStringLiteral("ok"), !errors}, {QStringLiteral("issues"), array}});
    } else if (issues.isEmpty()) {
        out.line(tr("No problems found."));
    } else {
        for (const ContentIssue& issue : issues) {
            const QString where = issue.line > 0 ? tr(" (line %1)").arg(issue.line) : QString();
            out.line((issue.severity == ContentIssue::Severity::Error ? tr("error: %1%2") : tr("warning: %1%2"))
                         .arg(issue.message, where));
            out.line(QStringLiteral("    ") + issue.explanation);
        }
    }
    if (errors) {
        qsizetype count = 0;
        for (const ContentIssue& issue : issues) {
            count += issue.severity == ContentIssue::Severity::Error ? 1 : 0;
        }
        return CliStatus::failed(count == 1
                                     ? tr("The campaign has an error to fix before it can be sent.")
                                     : tr("The campaign has %1 errors to fix before it can be sent.").arg(count));
    }
    return CliStatus::success();
}

CliStatus MessageCommands::recipients(const CliRequest& request, CliOutput& out)
{
    CliStatus problem;
    auto open = CampaignCommands::open(request, request.args.positionals().value(0), false, problem);
    if (!open) {
        return problem;
    }
    QSqlDatabase db = open->workspace->database();
    auto spec = audienceSpecFor(db, open->campaign);
    if (!spec) {
        return CliStatus::failed(spec.error());
    }
    AudienceQuery audience(db, spec.value());
    if (request.args.isSet(QStringLiteral("count"))) {
        auto count = audience.count();
        if (!count) {
            return CliStatus::failed(count.error());
        }
        if (request.json) {
            out.json(countJson(count.value()));
        } else {
            out.line(leftOutSentence(count.value()));
        }
        return CliStatus::success();
    }
    QJsonArray array;
    qint64 after = 0;
    for (;;) {
        auto page = audience.recipients(after, kRecipientPage);
        if (!page) {
            return CliStatus::failed(page.error());
        }
        if (page->isEmpty()) {
            break;
        }
        for (const AudienceRecipient& r : page.value()) {
            if (request.json) {
                array.append(r.email);
            } else {
                out.line(r.email);
            }
        }
        after = page->last().contactId;
    }
    if (request.json) {
        out.json(array);
    }
    return CliStatus::success();
}

CliStatus MessageCommands::send(const CliRequest& request, CliOutput& out)
{
    if (!request.args.isSet(QStringLiteral("to-folder"))) {
        if (request.args.isSet(QStringLiteral("date"))) {
            return CliStatus::usage(
                tr("--date goes with --to-folder; over SMTP each message is dated when it is sent"));
        }
        return DeliveryCommands::send(request, out);
    }
    if (request.args.isSet(QStringLiteral("wait")) || request.args.isSet(QStringLiteral("at"))) {
        return CliStatus::usage(tr("--wait and --at are for sending over SMTP, not with --to-folder"));
    }
    auto date = parseDate(request);
    if (!date) {
        return CliStatus::usage(date.error().message);
    }
    CliStatus problem;
    auto open = CampaignCommands::openWithVault(request, request.args.positionals().value(0), problem);
    if (!open) {
        return problem;
    }
    QSqlDatabase db = open->workspace->database();
    const Vault& vault = *open->vault;
    CampaignRenderer::Options options;
    options.date = date.value();
    const QString label = tr("Writing messages");
    auto report = FolderSend::run(db, open->campaign, vault, request.args.value(QStringLiteral("to-folder")), options,
                                  [&out, &label](qint64 done, qint64 total) {
                                      out.progress(label, done, total);
                                      return true;
                                  });
    out.endProgress();
    if (!report) {
        return CliStatus::failed(report.error());
    }
    if (request.json) {
        QJsonObject json = countJson(report->audience);
        json.insert(QStringLiteral("written"), report->written);
        json.insert(QStringLiteral("folder"), report->folder);
        out.json(json);
    } else {
        out.line(tr("Wrote %1 messages to %2.").arg(report->written).arg(report->folder));
        out.line(leftOutSentence(report->audience));
    }
    return CliStatus::success();
}

CliStatus MessageCommands::dkimKeygen(const CliRequest& request, CliOutput& out)
{
    if (!request.args.isSet(QStringLiteral("domain")) || !request.args.isSet(QStringLiteral("selector"))) {
        return CliStatus::usage(tr("dkim keygen needs --domain and --selector"));
    }
    const QString algorithmName = request.args.isSet(QStringLiteral("algorithm"))
                                      ? request.args.value(QStringLiteral("algorithm"))
                                      : QStringLiteral("rsa");
    DkimKey::Algorithm algorithm = DkimKey::Algorithm::Rsa2048;
    if (algorithmName == QLatin1String("ed25519")) {
        algorithm = DkimKey::Algorithm::Ed25519;
    } else if (algorithmName != QLatin1String("rsa")) {
        return CliStatus::usage(tr("--algorithm must be rsa or ed25519, not \"%1\"").arg(algorithmName));
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    auto vault = openCliVault(db, request);
    if (!vault) {
        return CliStatus::failed(vault.error());
    }
    DkimKeyRepository keys(db);
    auto info = keys.generate(vault.value(), request.args.value(QStringLiteral("domain")),
                              request.args.value(QStringLiteral("selector")), algorithm);
    if (!info) {
        return CliStatus::failed(info.error());
    }
    auto record = info->zoneLine();
    if (!record) {
        return CliStatus::failed(record.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("domain"), info->domain},
                             {QStringLiteral("selector"), info->selector},
                             {QStringLiteral("algorithm"), info->algorithm},
                             {QStringLiteral("name"), info->recordName()},
                             {QStringLiteral("value"), info->recordValue()},
                             {QStringLiteral("record"), record.value()}});
    } else {
        out.line(tr("Publish this TXT record in the DNS of %1, then send:").arg(info->domain));
        out.line(record.value());
    }
    return CliStatus::success();
}

CliStatus MessageCommands::dkimList(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    auto keys = DkimKeyRepository(workspace.value()->database()).all();
    if (!keys) {
        return CliStatus::failed(keys.error());
    }
    if (request.json) {
        QJsonArray array;
        for (const DkimKeyInfo& k : keys.value()) {
            array.append(QJsonObject{{QStringLiteral("domain"), k.domain},
                                     {QStringLiteral("selector"), k.selector},
                                     {QStringLiteral("algorithm"), k.algorithm},
                                     {QStringLiteral("name"), k.recordName()},
                                     {QStringLiteral("value"), k.recordValue()}});
        }
        out.json(array);
        return CliStatus::success();
    }
    if (keys->isEmpty()) {
        out.line(tr("No DKIM keys yet; make one with \"dkim keygen\"."));
        return CliStatus::success();
    }
    QList<QStringList> rows;
    for (const DkimKeyInfo& k : keys.value()) {
        rows.append({k.recordName(), k.algorithm, k.recordValue()});
    }
    out.table({tr("Record"), tr("Algorithm"), tr("Value")}, rows);
    return CliStatus::success();
}
