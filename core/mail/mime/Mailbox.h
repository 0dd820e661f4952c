#pragma once

#include <QString>

// One address of a From, Reply-To or To header: "Jane Doe <jane@example.com>". The display
// name may be empty and may hold any text; HeaderEncoding makes it safe for the wire.
struct Mailbox
{
    QString displayName;
    QString address;
};
