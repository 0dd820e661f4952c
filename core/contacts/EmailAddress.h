#pragma once

#include "core/Result.h"

#include <QString>

// Validation and normal forms of an email address.
//  - normalized(): what we store and show: trimmed, Unicode NFC, the domain lower-cased
//    (IDN domains stay readable: "jürgen@bücher.de").
//  - key(): what uniqueness compares: the whole address lower-cased with the domain in
//    its ASCII (punycode) form, so "A@Bücher.de" and "a@xn--bcher-kva.de" collide.
class EmailAddress
{
public:
    static Result<EmailAddress> parse(const QString& input);

    QString normalized() const { return m_normalized; }
    QString key() const { return m_key; }
    QString asciiDomain() const { return m_asciiDomain; }

private:
    EmailAddress() = default;

    QString m_normalized;
    QString m_key;
    QString m_asciiDomain;
};
