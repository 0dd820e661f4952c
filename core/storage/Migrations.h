#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QStringList>

#include <vector>

// The workspace schema as numbered steps. Version N is reached by applying steps
// 1..N in order; each step runs in the caller's transaction so a failed upgrade
// leaves the file exactly as it was. Never edit a released step: add a new one.
struct Migration
{
    int version;
    const char* description;
    QStringList statements;
};

class Migrations
{
public:
    static const std::vector<Migration>& all();
    static int latestVersion();

    // Reads the schema version of an open workspace; 0 for an empty database.
    static Result<int> currentVersion(QSqlDatabase db);
    // Applies every step after the current version up to target (default: latest), in one transaction.
    static Status migrate(QSqlDatabase db, int targetVersion = -1);
};
