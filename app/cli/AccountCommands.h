#pragma once

#include "app/cli/CliCommand.h"

#include <QSqlDatabase>
#include <QVector>

// `account add|list|edit|delete|test`: the sender accounts campaigns are delivered through.
class AccountCommands
{
public:
    static QList<CliCommand> commands();

    // The ids of the accounts named by --account (repeatable, for `campaign create|edit`);
    // empty names are ignored, so `--account ""` means every account.
    static Result<QVector<qint64>> accountIds(QSqlDatabase db, const QStringList& names);

private:
    static CliStatus add(const CliRequest& request, CliOutput& out);
    static CliStatus list(const CliRequest& request, CliOutput& out);
    static CliStatus edit(const CliRequest& request, CliOutput& out);
    static CliStatus remove(const CliRequest& request, CliOutput& out);
    static CliStatus test(const CliRequest& request, CliOutput& out);
};
