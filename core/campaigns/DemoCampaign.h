#pragma once

#include "core/Result.h"

#include <QSqlDatabase>

// A sample campaign for the demo workspace, so the Campaigns menu has something to open: the
// newsletter starter to the "Newsletter" list (when the workspace has one), from a made-up shop
// under a reserved example domain, with sender settings to match when none are set.
class DemoCampaign
{
public:
    static Result<qint64> add(QSqlDatabase db);
};
