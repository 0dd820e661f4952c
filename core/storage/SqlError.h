#pragma once

#include "core/Result.h"

class QSqlQuery;
class QString;

// Turns a failed query into an Error whose message says what we were doing and why
// it failed, classifying the SQLite failures a user can act on (locked, read-only,
// corrupt, disk full) instead of passing driver jargon through.
Error sqlError(const QSqlQuery& query, const char* doing);
// The same from SQLite's own (extended) result code and message.
Error sqliteError(int resultCode, const QString& message, const char* doing);
