#include "app/cli/WorkspaceCommands.h"

#include "core/contacts/DemoGenerator.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("WorkspaceCommands", text);
}

constexpr qint64 kMaxDemoContacts = 100'000'000;

} // namespace

QList<CliCommand> WorkspaceCommands::commands()
{
    return {
        {{QStringLiteral("init")}, {}, tr("create a new, empty workspace (never overwrites a file)"), {}, &init},
        {{QStringLiteral("demo")},
         {},
         tr("add realistic synthetic contacts, creating the workspace if needed"),
         {
             {QStringLiteral("contacts"), QStringLiteral("N"), tr("how many contacts to add (required)")},
             {QStringLiteral("seed"), QStringLiteral("S"),
              tr("random seed; the same seed and count give the same contacts (default 1)")},
         },
         &demo},
    };
}

Result<std::unique_ptr<Workspace>> WorkspaceCommands::openForWriting(const CliRequest& request)
{
    return Workspace::open(request.workspacePath);
}

Result<std::unique_ptr<Workspace>> WorkspaceCommands::openForReading(const CliRequest& request)
{
    auto workspace = Workspace::openForReading(request.workspacePath);
    if (!workspace && workspace.error().code == ErrorCode::WorkspaceNeedsUpgrade) {
        return Workspace::open(request.workspacePath);
    }
    return workspace;
}

CliStatus WorkspaceCommands::init(const CliRequest& request, CliOutput& out)
{
    auto workspace = Workspace::create(request.workspacePath);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("workspace"), workspace.value()->path()}});
    } else {
        out.line(tr("Created the workspace %1.").arg(workspace.value()->path()));
    }
    return CliStatus::success();
}

CliStatus WorkspaceCommands::demo(const CliRequest& request, CliOutput& out)
{
    if (!request.args.isSet(QStringLiteral("contacts"))) {
        return CliStatus::usage(tr("\"demo\" needs --contacts N"));
    }
    bool ok = false;
    const qint64 count = request.args.value(QStringLiteral("contacts")).toLongLong(&ok);
    if (!ok || count < 0 || count > kMaxDemoContacts) {
        return CliStatus::usage(tr("--contacts must be a whole number from 0 to %L1, not \"%2\"")
                                    .arg(kMaxDemoContacts)
                                    .arg(request.args.value(QStringLiteral("contacts"))));
    }
    quint64 seed = 1;
    if (request.args.isSet(QStringLiteral("seed"))) {
        seed = request.args.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            return CliStatus::usage(
                tr("--seed must be a whole number, not \"%1\"").arg(request.args.value(QStringLiteral("seed"))));
        }
    }

    const bool exists = QFileInfo::exists(request.workspacePath);
    auto workspace = exists ? openForWriting(request) : Workspace::create(request.workspacePath);
    if (!workspace) {
        return CliStatus::failed(workspace.error());
    }
    const QString label = tr("Making demo contacts");
    auto added =
        DemoGenerator::generate(workspace.value()->database(), count, seed, [&out, &label](qint64 done, qint64 total) {
            out.progress(label, done, total);
            return true;
        });
    out.endProgress();
    if (!added) {
        if (!exists) {
            // A workspace this command made and could not fill is not left behind.
            const QString path = workspace.value()->path();
            workspace.value().reset();
            for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
                QFile::remove(path + suffix);
            }
        }
        return CliStatus::failed(added.error());
    }
    if (request.json) {
        out.json(QJsonObject{{QStringLiteral("workspace"), workspace.value()->path()},
                             {QStringLiteral("added"), added.value()},
                             {QStringLiteral("seed"), QString::number(seed)}});
    } else {
        out.line(tr("Added %L1 demo contacts to %2.").arg(added.value()).arg(workspace.value()->path()));
    }
    return CliStatus::success();
}
