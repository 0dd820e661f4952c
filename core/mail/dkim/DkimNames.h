#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

// The names a DKIM signature and its DNS record carry: the signing domain (d=) and the
// selector (s=). Both end up in a DNS name, so both are checked against RFC 6376 3.1 /
// 3.5 before anything is signed or shown to be published.
class DkimNames
{
public:
    // The domain in its ASCII form (IDN as punycode, RFC 5890), lower-cased, no final dot.
    static Result<QByteArray> domain(const QString& domain);
    // RFC 6376 3.1: sub-domain *( "." sub-domain ), ASCII letters, digits and hyphens.
    static Result<QByteArray> selector(const QString& selector);
};
