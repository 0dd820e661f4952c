#include "app/cli/FieldCommands.h"

#include "app/cli/WorkspaceCommands.h"
#include "core/contacts/CustomFieldRepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("FieldCommands", text);
}

QString typeChoices()
{
    QStringList names;
    for (FieldType type : {FieldType::Text, FieldType::Number, FieldType::Date, FieldType::YesNo}) {
        names.append(fieldTypeName(type));
    }
    return names.join(QLatin1Char('|'));
}

} // namespace

QList<CliCommand> FieldCommands::commands()
{
    return {
        {{QStringLiteral("fields")}, {}, tr("list the custom fields and their types"), {}, &list},
        {{QStringLiteral("fields"), QStringLiteral("add")},
         {QStringLiteral("NAME")},
         tr("create a custom field"),
         {{QStringLiteral("type"), typeChoices(), tr("what the field holds (default text)")}},
         &add},
    };
}

CliStatus FieldCommands::list(const CliRequest& request, CliOutput& out)
{
    auto workspace = WorkspaceCommands::openForReading(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    auto fields = CustomFieldRepository(workspace.value()->database()).all();
    if (!fields) {
        return CliStatus::failed(fields.error());
    }
    if (request.json) {
        QJsonArray array;
        for (const CustomField& field : fields.value()) {
            array.append(
                QJsonObject{{QStringLiteral("name"), field.name}, {QStringLiteral("type"), fieldTypeName(field.type)}});
        }
        out.json(array);
        return CliStatus::success();
    }
    if (fields->isEmpty()) {
        out.line(
            tr("No custom fields yet. Create one with: mailroom-cli fields add NAME --type %1").arg(typeChoices()));
        return CliStatus::success();
    }
    QList<QStringList> rows;
    for (const CustomField& field : fields.value()) {
        rows.append({field.name, fieldTypeName(field.type)});
    }
    out.table({tr("Field"), tr("Type")}, rows);
    return CliStatus::success();
}

CliStatus FieldCommands::add(const CliRequest& request, CliOutput& out)
{
    FieldType type = FieldType::Text;
    if (request.args.isSet(QStringLiteral("type"))) {
        const auto parsed = fieldTypeFromName(request.args.value(QStringLiteral("type")));
        if (!parsed) {
            return CliStatus::usage(tr("--type must be one of %1, not \"%2\"")
                                        .arg(typeChoices(), request.args.value(QStringLiteral("type"))));
        }
        type = *parsed;
    }
    auto workspace = WorkspaceCommands::openForWriting(request);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    const QString name = request.args.positionals().at(0);
    auto id = CustomFieldRepository(workspace.value()->database()).create(name, type);
    if (!id) {
        return CliStatus::failed(id.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("id"), id.value()},
                             {QStringLiteral("name"), name.trimmed()},
                             {QStringLiteral("type"), fieldTypeName(type)}});
    } else {
        out.line(tr("Created the %1 field \"%2\".").arg(fieldTypeName(type), name.trimmed()));
    }
    return CliStatus::success();
}
