#include "app/cli/GroupCommands.h"

#include "app/cli/WorkspaceCommands.h"
#include "core/contacts/GroupRepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("GroupCommands", text);
}

} // namespace

QList<CliCommand> GroupCommands::commands()
{
    return {
        {{QStringLiteral("tags")},
         {},
         tr("list the tags with their contact counts"),
         {},
         [](const CliRequest& request, CliOutput& out) { return list(GroupKind::Tag, request, out); }},
        {{QStringLiteral("lists")},
         {},
         tr("list the lists with their contact counts"),
         {},
         [](const CliRequest& request, CliOutput& out) { return list(GroupKind::List, request, out); }},
    };
}

CliStatus GroupCommands::list(GroupKind kind, const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    auto groups = GroupRepository(workspace.value()->database(), kind).all();
    if (!groups) {
        return CliStatus::failed(groups.error());
    }
    if (request.json) {
        QJsonArray array;
        for (const Group& group : groups.value()) {
            array.append(
                QJsonObject{{QStringLiteral("name"), group.name}, {QStringLiteral("contacts"), group.memberCount}});
        }
        out.json(array);
        return CliStatus::success();
    }
    if (groups->isEmpty()) {
        out.line(kind == GroupKind::Tag ? tr("No tags yet.") : tr("No lists yet."));
        return CliStatus::success();
    }
    QList<QStringList> rows;
    for (const Group& group : groups.value()) {
        rows.append({group.name, QString::number(group.memberCount)});
    }
    out.table({kind == GroupKind::Tag ? tr("Tag") : tr("List"), tr("Contacts")}, rows);
    return CliStatus::success();
}
