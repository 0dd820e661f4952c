#include "app/cli/DeliveryCommands.h"

#include "app/cli/CampaignCommands.h"
#include "app/cli/CliVault.h"
#include "app/cli/WorkspaceCommands.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/delivery/AccountRepository.h"
#include "core/delivery/CampaignDelivery.h"
#include "core/delivery/Clock.h"
#include "core/delivery/DeliveryEngine.h"
#include "core/delivery/DeliveryStatus.h"
#include "core/delivery/Outbox.h"
#include "core/security/Vault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DeliveryCommands", text);
}

const QString kCampaign = QStringLiteral("campaign");
constexpr int kOutboxPage = 1000;

QString localTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// "2026-12-01T09:00", "2026-12-01 09:00" (local time) or with an offset.
Result<qint64> parseTime(const QString& text)
{
    QString t = text.trimmed();
    t.replace(QLatin1Char(' '), QLatin1Char('T'));
    QDateTime at = QDateTime::fromString(t, Qt::ISODate);
    if (!at.isValid()) {
        return Error{ErrorCode::InvalidInput,
                     tr("\"%1\" is not a date and time; write it as 2026-12-01T09:00 (local time) or with an "
                        "offset, 2026-12-01T09:00+01:00.")
                         .arg(text)};
    }
    return at.toMSecsSinceEpoch();
}

void printStatus(const DeliveryStatus& status, CliOutput& out)
{
    out.line(QStringLiteral("%1 (#%2): %3").arg(status.campaignName).arg(status.campaignId).arg(status.summary()));
    QStringList parts;
    for (int i = 0; i < kOutboxStateCount; ++i) {
        const auto state = static_cast<OutboxState>(i);
        if (isOutboxState(i) && status.counts.of(state) > 0) {
            parts.append(QStringLiteral("%1 %2").arg(outboxStateName(state)).arg(status.counts.of(state)));
        }
    }
    if (!parts.isEmpty()) {
        out.line(parts.join(QStringLiteral(", ")));
    }
    QList<QStringList> rows;
    for (const AccountUse& use : status.accounts) {
        QString note;
        if (use.coolUntil > status.nowMs) {
            note = tr("resting until %1: %2").arg(localTime(use.coolUntil), use.coolReason);
        } else if (use.availableNow == 0 && use.nextAvailableAt > status.nowMs) {
            note = tr("next at %1").arg(localTime(use.nextAvailableAt));
        }
        rows.append({use.name, QStringLiteral("%1 / %2").arg(use.sentInWindow).arg(use.dailyLimit),
                     QString::number(use.sentLastMinute), note});
    }
    if (!rows.isEmpty()) {
        out.table({tr("Account"), tr("Last 24 h"), tr("Last minute"), tr("Note")}, rows);
    }
}

// Runs the engine until nothing more can go now, showing `campaignId`'s progress (0: all).
CliStatus deliverNow(Workspace& workspace, const Vault& vault, qint64 campaignId, CliOutput& out)
{
    SystemClock clock;
    auto engine = DeliveryEngine::start(workspace.path(), vault, clock);
    if (!engine) {
        return CliStatus::failed(engine.error());
    }
    QString lastProblem;
    const QString label = tr("Sending");
    auto idle = engine.value()->waitUntilIdle([&]() -> bool {
        const DeliveryActivity now = engine.value()->activity();
        if (now.lastProblem != lastProblem && !now.lastProblem.isEmpty()) {
            lastProblem = now.lastProblem;
            out.endProgress();
            out.error(lastProblem);
        }
        if (campaignId == 0) {
            return true;
        }
        auto status = DeliveryStatus::load(workspace.database(), campaignId, clock.nowMs());
        if (status) {
            const qint64 total = status->counts.total();
            out.progress(label, total - status->counts.remaining(), total);
        }
        return true;
    });
    out.endProgress();
    engine.value().reset(); // workers finish their message; claimed rows go back to the queue
    if (!idle) {
        return CliStatus::failed(idle.error());
    }
    if (idle->resumeAt) {
        out.line(tr("Nothing more can go now; delivery resumes at %1 (leave the window open, or run "
                    "`mailroom-cli run --due` then).")
                     .arg(localTime(*idle->resumeAt)));
    }
    return CliStatus::success();
}

} // namespace

QList<CliOption> DeliveryCommands::sendOptions()
{
    return {{QStringLiteral("wait"), QString(),
             tr("deliver now and wait until the campaign is done or must wait for quota (progress on stderr)")},
            {QStringLiteral("at"), QStringLiteral("TIME"),
             tr("start by itself at this time instead (2026-12-01T09:00, local time)")}};
}

QList<CliCommand> DeliveryCommands::commands()
{
    const QString id = QStringLiteral("ID");
    return {
        {{kCampaign, QStringLiteral("pause")}, {id}, tr("stop sending a campaign for now"), {}, &pause},
        {{kCampaign, QStringLiteral("resume")}, {id}, tr("go on sending a paused campaign"), {}, &resume},
        {{kCampaign, QStringLiteral("cancel")},
         {id},
         tr("stop a campaign for good; who has not been sent to is not"),
         {},
         &cancel},
        {{kCampaign, QStringLiteral("status")},
         {id},
         tr("counts per state, each account's use, and when the campaign will finish"),
         {},
         &status},
        {{kCampaign, QStringLiteral("resend")},
         {id},
         tr("queue the recipients whose delivery is unknown (or failed) again"),
         {{QStringLiteral("unknown"), QString(), tr("those in doubt after a crash (some may get it twice)")},
          {QStringLiteral("failed"), QString(), tr("those the server refused")}},
         &resend},
        {{QStringLiteral("outbox")},
         {id},
         tr("each recipient of a campaign: state, attempts and the server's last reply"),
         {{QStringLiteral("state"), QStringLiteral("STATE"),
           tr("only this state: queued, sending, sent, deferred, failed, unknown, skipped, cancelled")}},
         &outbox},
        {{QStringLiteral("run")},
         {},
         tr("deliver what is due within every account's limits, then exit (for cron or a timer)"),
         {{QStringLiteral("due"), QString(), tr("required: deliver what is due")}},
         &runDue},
    };
}

CliStatus DeliveryCommands::send(const CliRequest& request, CliOutput& out)
{
    CliStatus problem;
    auto open = CampaignCommands::openWithVault(request, request.args.positionals().value(0), problem);
    if (!open) {
        return problem;
    }
    QSqlDatabase db = open->workspace->database();
    const Vault& vault = *open->vault;
    const Campaign& campaign = open->campaign;
    SystemClock clock;
    if (request.args.isSet(QStringLiteral("at"))) {
        if (request.args.isSet(QStringLiteral("wait"))) {
            return CliStatus::usage(tr("--at and --wait do not go together"));
        }
        auto at = parseTime(request.args.value(QStringLiteral("at")));
        if (!at) {
            return CliStatus::usage(at.error().message);
        }
        if (auto s = CampaignDelivery::schedule(db, campaign.id, at.value(), vault, clock.nowMs()); !s) {
            return CliStatus::failed(s.error());
        }
        out.line(tr("Scheduled to start at %1.").arg(localTime(at.value())));
        return CliStatus::success();
    }
    if (auto accounts = AccountRepository(db).accountsFor(campaign.id)) {
        for (const Account& account : accounts.value()) {
            if (const QString warning = account.fromWarning(campaign.fromAddress); !warning.isEmpty()) {
                out.error(tr("warning: %1").arg(warning));
            }
        }
    }
    switch (campaign.status) {
    case CampaignStatus::Draft:
    case CampaignStatus::Rendered:
    case CampaignStatus::Scheduled: {
        auto started = CampaignDelivery::start(db, campaign.id, vault, clock.nowMs());
        if (!started) {
            return CliStatus::failed(started.error());
        }
        out.line(tr("Queued %1 recipients.").arg(started->queued));
        break;
    }
    case CampaignStatus::Sending:
        out.line(tr("The campaign is already sending."));
        break;
    case CampaignStatus::Paused:
        return CliStatus::failed(tr("The campaign is paused; resume it with `campaign resume %1`.").arg(campaign.id));
    case CampaignStatus::Done:
        return CliStatus::failed(
            tr("The campaign is done. `campaign resend %1 --failed` or `--unknown` queues recipients again.")
                .arg(campaign.id));
    case CampaignStatus::Cancelled:
        return CliStatus::failed(tr("The campaign was cancelled."));
    }
    if (request.args.isSet(QStringLiteral("wait"))) {
        if (CliStatus s = deliverNow(*open->workspace, vault, campaign.id, out); s.exit != CliStatus::Exit::Success) {
            return s;
        }
    } else {
        out.line(tr("Mailroom delivers it while its window is open; or run `mailroom-cli run --due` (from cron), or "
                    "`campaign send %1 --wait`.")
                     .arg(campaign.id));
    }
    auto status = DeliveryStatus::load(db, campaign.id, clock.nowMs());
    if (!status) {
        return CliStatus::failed(status.error());
    }
    printStatus(status.value(), out);
    return CliStatus::success();
}

namespace {

// Opens the campaign an ID argument names for writing and changes its status with `change`.
CliStatus changeCampaign(const CliRequest& request, CliOutput& out,
                         const std::function<Result<QString>(QSqlDatabase, qint64, qint64)>& change)
{
    CliStatus problem;
    auto open = CampaignCommands::open(request, request.args.positionals().value(0), true, problem);
    if (!open) {
        return problem;
    }
    auto said = change(open->workspace->database(), open->campaign.id, SystemClock().nowMs());
    if (!said) {
        return CliStatus::failed(said.error());
    }
    out.line(said.value());
    return CliStatus::success();
}

Result<QString> said(const Status& status, const QString& text)
{
    if (!status) {
        return status.error();
    }
    return text;
}

} // namespace

CliStatus DeliveryCommands::pause(const CliRequest& request, CliOutput& out)
{
    return changeCampaign(request, out, [](QSqlDatabase db, qint64 id, qint64 now) {
        return said(CampaignDelivery::pause(db, id, now), tr("Paused."));
    });
}

CliStatus DeliveryCommands::resume(const CliRequest& request, CliOutput& out)
{
    return changeCampaign(request, out, [](QSqlDatabase db, qint64 id, qint64 now) {
        return said(CampaignDelivery::resume(db, id, now), tr("Sending again."));
    });
}

CliStatus DeliveryCommands::cancel(const CliRequest& request, CliOutput& out)
{
    return changeCampaign(request, out, [](QSqlDatabase db, qint64 id, qint64 now) -> Result<QString> {
        auto cancelled = CampaignDelivery::cancel(db, id, now);
        if (!cancelled) {
            return cancelled.error();
        }
        return tr("Cancelled; %1 recipients will not get it.").arg(cancelled.value());
    });
}

CliStatus DeliveryCommands::status(const CliRequest& request, CliOutput& out)
{
    CliStatus problem;
    auto open = CampaignCommands::open(request, request.args.positionals().value(0), false, problem);
    if (!open) {
        return problem;
    }
    auto status = DeliveryStatus::load(open->workspace->database(), open->campaign.id, SystemClock().nowMs());
    if (!status) {
        return CliStatus::failed(status.error());
    }
    if (request.json) {
        out.json(status->toJson());
    } else {
        printStatus(status.value(), out);
    }
    return CliStatus::success();
}

CliStatus DeliveryCommands::resend(const CliRequest& request, CliOutput& out)
{
    const bool unknown = request.args.isSet(QStringLiteral("unknown"));
    const bool failed = request.args.isSet(QStringLiteral("failed"));
    if (unknown == failed) {
        return CliStatus::usage(tr("campaign resend needs either --unknown or --failed"));
    }
    const OutboxState from = unknown ? OutboxState::Unknown : OutboxState::Failed;
    return changeCampaign(request, out, [from](QSqlDatabase db, qint64 id, qint64 now) -> Result<QString> {
        auto queued = CampaignDelivery::resend(db, id, from, now);
        if (!queued) {
            return queued.error();
        }
        return tr("Queued %1 recipients again.").arg(queued.value());
    });
}

CliStatus DeliveryCommands::outbox(const CliRequest& request, CliOutput& out)
{
    std::optional<OutboxState> state;
    if (request.args.isSet(QStringLiteral("state"))) {
        state = outboxStateFromName(request.args.value(QStringLiteral("state")));
        if (!state) {
            return CliStatus::usage(
                tr("--state must be queued, sending, sent, deferred, failed, unknown, skipped or cancelled, "
                   "not \"%1\"")
                    .arg(request.args.value(QStringLiteral("state"))));
        }
    }
    CliStatus problem;
    auto open = CampaignCommands::open(request, request.args.positionals().value(0), false, problem);
    if (!open) {
        return problem;
    }
    QSqlDatabase db = open->workspace->database();
    auto accounts = AccountRepository(db).list();
    if (!accounts) {
        return CliStatus::failed(accounts.error());
    }
    QHash<qint64, QString> accountNames;
    for (const Account& a : accounts.value()) {
        accountNames.insert(a.id, a.name);
    }
    Outbox box(db);
    QJsonArray array;
    qint64 after = 0;
    for (;;) {
        auto page = box.page(open->campaign.id, state, after, kOutboxPage);
        if (!page) {
            return CliStatus::failed(page.error());
        }
        if (page->isEmpty()) {
            break;
        }
        for (const OutboxItem& item : page.value()) {
            const QString account = item.accountId ? accountNames.value(*item.accountId) : QString();
            if (request.json) {
                array.append(QJsonObject{
                    {QStringLiteral("email"), item.email},
                    {QStringLiteral("contact_id"), item.contactId},
                    {QStringLiteral("state"), outboxStateName(item.state)},
                    {QStringLiteral("attempts"), item.attempts},
                    {QStringLiteral("account"), account},
                    {QStringLiteral("reply"), item.reply},
                    {QStringLiteral("next_attempt_at"),
                     item.state == OutboxState::Deferred
                         ? QJsonValue(QDateTime::fromMSecsSinceEpoch(item.nextAttemptAt, Qt::UTC).toString(Qt::ISODate))
                         : QJsonValue()},
                    {QStringLiteral("updated_at"),
                     QDateTime::fromMSecsSinceEpoch(item.updatedAt, Qt::UTC).toString(Qt::ISODate)},
                });
            } else {
                out.line(QStringList{item.email, outboxStateName(item.state), QString::number(item.attempts), account,
                                     item.reply}
                             .join(QLatin1Char('\t')));
            }
        }
        after = page->last().id;
    }
    if (request.json) {
        out.json(array);
    }
    return CliStatus::success();
}

CliStatus DeliveryCommands::runDue(const CliRequest& request, CliOutput& out)
{
    if (!request.args.isSet(QStringLiteral("due"))) {
        return CliStatus::usage(tr("run needs --due"));
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        if (workspace.error().code == ErrorCode::WorkspaceLocked) {
            // The window (or another run) has it open, and delivers it: nothing for cron to do.
            out.line(workspace.error().message);
            out.line(tr("Nothing to do: the Mailroom that has it open delivers it."));
            return CliStatus::success();
        }
        return CliStatus::failed(workspace.error());
    }
    auto vault = openCliVault(workspace.value()->database(), request);
    if (!vault) {
        return CliStatus::failed(vault.error());
    }
    if (CliStatus s = deliverNow(*workspace.value(), vault.value(), 0, out); s.exit != CliStatus::Exit::Success) {
        return s;
    }
    // What each campaign that is (still) going looks like now.
    auto campaigns = CampaignRepository(workspace.value()->database()).all();
    if (!campaigns) {
        return CliStatus::failed(campaigns.error());
    }
    const qint64 now = SystemClock().nowMs();
    for (const Campaign& c : campaigns.value()) {
        if (c.status != CampaignStatus::Sending && c.status != CampaignStatus::Scheduled) {
            continue;
        }
        auto status = DeliveryStatus::load(workspace.value()->database(), c.id, now);
        if (status) {
            printStatus(status.value(), out);
        }
    }
    return CliStatus::success();
}
