#pragma once

#include "core/Result.h"
#include "core/contacts/ContactRepository.h"

#include <QDateTime>
#include <QSqlDatabase>

// Fills a workspace with realistic synthetic contacts for demos, screenshots and benchmarks:
// names from several cultures (Müller, José, Zoë...), companies, addresses, phones, statuses,
// consent, tags, lists and a few custom-field values.
//
// Deterministic: the same seed and count on the same workspace give identical rows, on any
// day (timestamps count back from referenceTime(), not from now). Every address is under a
// reserved example domain (RFC 2606: *.example, example.com/net/org), so a demo workspace
// can never mail a real person.
//
// Writes directly with multi-row prepared statements in one transaction, rebuilding the indexes
// and the search index in bulk at the end: a million contacts take about 40 s on a 2-core
// laptop, and a cancelled or failed run leaves the workspace exactly as it was.
//
// progress(done, total) counts two steps per contact (writing it, then indexing it for search).
class DemoGenerator
{
public:
    // Adds `count` contacts (after any that exist) and returns how many were added.
    static Result<qint64> generate(QSqlDatabase db, qint64 count, quint64 seed, const ProgressCallback& progress = {});

    // created_at values fall in the three years before this instant.
    static QDateTime referenceTime();
};
