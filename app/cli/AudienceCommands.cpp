#include "app/cli/AudienceCommands.h"

#include "app/cli/WorkspaceCommands.h"
#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/SegmentRepository.h"
#include "core/campaigns/SegmentSchema.h"
#include "core/campaigns/SuppressionList.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("AudienceCommands", text);
}

constexpr int kPage = 1000;

QJsonObject segmentJson(const Segment& s, const AudienceCount& count)
{
    return QJsonObject{{QStringLiteral("id"), s.id},
                       {QStringLiteral("name"), s.name},
                       {QStringLiteral("rules"), QJsonDocument::fromJson(s.rulesJson()).object()},
                       {QStringLiteral("recipients"), count.recipients},
                       {QStringLiteral("left_out"), count.matched() - count.recipients}};
}

Result<AudienceCount> countOf(QSqlDatabase db, const Segment& segment)
{
    AudienceSpec spec;
    spec.segment = segment;
    return AudienceQuery(db, spec).count();
}

} // namespace

QList<CliCommand> AudienceCommands::commands()
{
    const QString segment = QStringLiteral("segment");
    const QString suppress = QStringLiteral("suppress");
    const QString name = QStringLiteral("NAME");
    const QString entry = QStringLiteral("EMAIL|DOMAIN");
    return {
        {{segment, QStringLiteral("list")},
         {},
         tr("list the saved segments with how many they match"),
         {},
         &segmentList},
        {{segment, QStringLiteral("show")},
         {name},
         tr("show a segment's rules (JSON) and its count"),
         {},
         &segmentShow},
        {{segment, QStringLiteral("create")},
         {name},
         tr("save a segment from rules in a JSON file (see docs/architecture.md, \"Segments\")"),
         {{QStringLiteral("rules"), QStringLiteral("FILE"),
           tr("the rules: {\"match\": \"all\", \"conditions\": [...]}")},
          {QStringLiteral("replace"), QString(), tr("replace the rules of an existing segment of that name")}},
         &segmentCreate},
        {{segment, QStringLiteral("delete")}, {name}, tr("delete a segment"), {}, &segmentDelete},
        {{suppress, QStringLiteral("add")},
         {entry},
         tr("never mail this address, or anyone at this domain"),
         {{QStringLiteral("reason"), QStringLiteral("TEXT"), tr("why (shown in the list)")}},
         &suppressAdd},
        {{suppress, QStringLiteral("remove")},
         {entry},
         tr("take an address or domain off the list"),
         {},
         &suppressRemove},
        {{suppress, QStringLiteral("list")}, {}, tr("list the suppressed addresses and domains"), {}, &suppressList},
        {{suppress, QStringLiteral("import")},
         {QStringLiteral("FILE")},
         tr("add every address or domain in a file (one per line, or a CSV with an email column)"),
         {{QStringLiteral("reason"), QStringLiteral("TEXT"), tr("why (shown in the list)")},
          {QStringLiteral("strict"), QString(), tr("add nothing when any line cannot be read")}},
         &suppressImport},
    };
}

CliStatus AudienceCommands::segmentList(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    auto segments = SegmentRepository(db).all();
    if (!segments) {
        return CliStatus::failed(segments.error());
    }
    QJsonArray array;
    QList<QStringList> rows;
    for (const Segment& s : segments.value()) {
        auto count = countOf(db, s);
        if (!count) {
            return CliStatus::failed(count.error());
        }
        array.append(segmentJson(s, count.value()));
        rows.append(
            {s.name, QString::number(count->recipients), QString::number(count->matched() - count->recipients)});
    }
    if (request.json) {
        out.json(array);
    } else if (rows.isEmpty()) {
        out.line(tr("No segments yet."));
    } else {
        out.table({tr("Segment"), tr("Recipients"), tr("Left out")}, rows);
    }
    return CliStatus::success();
}

CliStatus AudienceCommands::segmentShow(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    auto segment = SegmentRepository(db).findByName(request.args.positionals().value(0));
    if (!segment) {
        return CliStatus::failed(segment.error());
    }
    auto count = countOf(db, segment.value());
    if (!count) {
        return CliStatus::failed(count.error());
    }
    if (request.json) {
        out.json(segmentJson(segment.value(), count.value()));
    } else {
        out.line(
            QString::fromUtf8(QJsonDocument::fromJson(segment->rulesJson()).toJson(QJsonDocument::Indented)).trimmed());
        out.line(tr("%1 recipients, %2 left out (unsubscribed, bounced, complained or suppressed).")
                     .arg(count->recipients)
                     .arg(count->matched() - count->recipients));
    }
    return CliStatus::success();
}

CliStatus AudienceCommands::segmentCreate(const CliRequest& request, CliOutput& out)
{
    const QString path = request.args.value(QStringLiteral("rules"));
    if (path.isEmpty()) {
        return CliStatus::usage(tr("segment create needs --rules FILE"));
    }
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        return CliStatus::failed(tr("Cannot read the rules file %1.").arg(path));
    }
    const QByteArray json = file.readAll();
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    QSqlDatabase db = workspace.value()->database();
    auto schema = SegmentSchema::load(db);
    if (!schema) {
        return CliStatus::failed(schema.error());
    }
    auto rules = Segment::fromRulesJson(json, schema.value());
    if (!rules) {
        return CliStatus::failed(tr("%1: %2").arg(path, rules.error().message));
    }
    Segment segment = rules.value();
    segment.name = request.args.positionals().value(0);
    SegmentRepository segments(db);
    Result<qint64> id = qint64(0);
    if (request.args.isSet(QStringLiteral("replace"))) {
        auto existing = segments.findByName(segment.name);
        if (!existing) {
            return CliStatus::failed(existing.error());
        }
        segment.id = existing->id;
        if (auto s = segments.update(segment); !s) {
            return CliStatus::failed(s.error());
        }
        id = segment.id;
    } else {
        id = segments.create(segment);
        if (!id) {
            return CliStatus::failed(id.error());
        }
    }
    segment.id = id.value();
    auto count = countOf(db, segment);
    if (!count) {
        return CliStatus::failed(count.error());
    }
    if (request.json) {
        out.json(segmentJson(segment, count.value()));
    } else {
        out.line(tr("Saved the segment \"%1\": %2 recipients.").arg(segment.name).arg(count->recipients));
    }
    return CliStatus::success();
}

CliStatus AudienceCommands::segmentDelete(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    SegmentRepository segments(workspace.value()->database());
    auto segment = segments.findByName(request.args.positionals().value(0));
    if (!segment) {
        return CliStatus::failed(segment.error());
    }
    if (auto s = segments.remove(segment->id); !s) {
        return CliStatus::failed(s.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("deleted"), segment->name}});
    } else {
        out.line(tr("Deleted the segment \"%1\".").arg(segment->name));
    }
    return CliStatus::success();
}

CliStatus AudienceCommands::suppressAdd(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    auto added = SuppressionList(workspace.value()->database())
                     .add(request.args.positionals().value(0), request.args.value(QStringLiteral("reason")));
    if (!added) {
        return CliStatus::failed(added.error());
    }
    const bool domain = added->kind == SuppressionKind::Domain;
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("id"), added->id},
                             {QStringLiteral("kind"), domain ? QStringLiteral("domain") : QStringLiteral("email")},
                             {QStringLiteral("pattern"), added->pattern}});
    } else {
        out.line(domain ? tr("Nobody at %1 will be mailed.").arg(added->pattern)
                        : tr("%1 will not be mailed.").arg(added->pattern));
    }
    return CliStatus::success();
}

CliStatus AudienceCommands::suppressRemove(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    const QString entry = request.args.positionals().value(0);
    if (auto s = SuppressionList(workspace.value()->database()).remove(entry); !s) {
        return CliStatus::failed(s.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("removed"), entry}});
    } else {
        out.line(tr("Removed %1 from the suppression list.").arg(entry));
    }
    return CliStatus::success();
}

CliStatus AudienceCommands::suppressList(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    SuppressionList list(workspace.value()->database());
    QJsonArray array;
    QList<QStringList> rows;
    qint64 after = 0;
    for (;;) {
        auto page = list.page(after, kPage);
        if (!page) {
            return CliStatus::failed(page.error());
        }
        if (page->isEmpty()) {
            break;
        }
        for (const Suppression& s : page.value()) {
            const QString kind = s.kind == SuppressionKind::Domain ? QStringLiteral("domain") : QStringLiteral("email");
            array.append(QJsonObject{{QStringLiteral("kind"), kind},
                                     {QStringLiteral("pattern"), s.pattern},
                                     {QStringLiteral("reason"), s.reason},
                                     {QStringLiteral("created_at"), s.createdAt.toString(Qt::ISODate)}});
            rows.append({s.pattern, kind, s.reason});
        }
        after = page->last().id;
    }
    if (request.json) {
        out.json(array);
    } else if (rows.isEmpty()) {
        out.line(tr("The suppression list is empty."));
    } else {
        out.table({tr("Address or domain"), tr("Kind"), tr("Reason")}, rows);
    }
    return CliStatus::success();
}

CliStatus AudienceCommands::suppressImport(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    SuppressionImportOptions options;
    options.reason = request.args.value(QStringLiteral("reason"));
    options.refuseIfAnyInvalid = request.args.isSet(QStringLiteral("strict"));
    auto report =
        SuppressionList(workspace.value()->database()).importFile(request.args.positionals().value(0), options);
    if (!report) {
        return CliStatus::failed(report.error());
    }
    if (request.json) {
        QJsonArray problems;
        for (const SuppressionImportProblem& p : report->problems) {
            problems.append(QJsonObject{{QStringLiteral("line"), p.line}, {QStringLiteral("problem"), p.message}});
        }
        out.json(QJsonObject{{QStringLiteral("added"), report->added},
                             {QStringLiteral("already_suppressed"), report->alreadySuppressed},
                             {QStringLiteral("problems"), problems}});
    } else {
        out.line(tr("Added %1; %2 were already on the list; %3 lines could not be read.")
                     .arg(report->added)
                     .arg(report->alreadySuppressed)
                     .arg(report->problems.size()));
        for (const SuppressionImportProblem& p : report->problems) {
            out.line(p.message);
        }
    }
    const bool nothing = report->added == 0 && !report->problems.isEmpty();
    return nothing ? CliStatus::failed(tr("Nothing was added.")) : CliStatus::success();
}
