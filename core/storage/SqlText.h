#pragma once

#include <QString>

// Qt binds a null QString as SQL NULL; contact text columns are NOT NULL DEFAULT ''. The
// empty literal is static data: binding it allocates nothing, which matters a million times
// over in an import.
inline QString sqlText(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}
