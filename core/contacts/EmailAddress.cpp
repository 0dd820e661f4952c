#include "core/contacts/EmailAddress.h"

#include <QCoreApplication>
#include <QUrl>

namespace {

// RFC 5322 3.2.3 atext, plus any non-ASCII character (RFC 6531 allows UTF-8 local parts).
bool isAtext(QChar c)
{
    if (c.unicode() > 0x7f) {
        return c.isPrint() && !c.isSpace();
    }
    if (c.isLetterOrNumber()) {
        return true;
    }
    static const QString specials = QStringLiteral("!#$%&'*+-/=?^_`{|}~");
    return specials.contains(c);
}

Error invalid(const QString& input, const QString& why)
{
    return Error{ErrorCode::InvalidInput,
                 QCoreApplication::translate("EmailAddress", "\"%1\" is not an email address: %2").arg(input, why)};
}

} // namespace

Result<EmailAddress> EmailAddress::parse(const QString& input)
{
    const QString text = input.trimmed().normalized(QString::NormalizationForm_C);
    if (text.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("EmailAddress", "An email address is required.")};
    }
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    if (at < 0) {
        return invalid(text, QCoreApplication::translate("EmailAddress", "it has no @."));
    }
    const QString local = text.left(at);
    const QString domain = text.mid(at + 1).toLower();
    if (local.isEmpty()) {
        return invalid(text, QCoreApplication::translate("EmailAddress", "nothing comes before the @."));
    }
    if (domain.isEmpty()) {
        return invalid(text, QCoreApplication::translate("EmailAddress", "nothing comes after the @."));
    }
    // RFC 5321 4.5.3.1.1: a local part is at most 64 octets.
    if (local.toUtf8().size() > 64) {
        return invalid(
            text, QCoreApplication::translate("EmailAddress", "the part before the @ is longer than 64 characters."));
    }
    if (local.startsWith(QLatin1Char('.')) || local.endsWith(QLatin1Char('.')) || local.contains(QLatin1String(".."))) {
        return invalid(text, QCoreApplication::translate("EmailAddress", "dots must separate words before the @."));
    }
    for (QChar c : local) {
        if (c != QLatin1Char('.') && !isAtext(c)) {
            return invalid(text,
                           QCoreApplication::translate("EmailAddress", "\"%1\" is not allowed before the @.").arg(c));
        }
    }
    if (domain.startsWith(QLatin1Char('[')) || domain.contains(QLatin1Char('@'))) {
        return invalid(
            text, QCoreApplication::translate("EmailAddress", "the domain after the @ is not a valid domain name."));
    }
    const QByteArray ace = QUrl::toAce(domain, QUrl::AceTransitionalProcessing);
    if (ace.isEmpty()) {
        return invalid(text,
                       QCoreApplication::translate("EmailAddress", "\"%1\" is not a valid domain name.").arg(domain));
    }
    // RFC 5321 4.5.3.1.2: a domain is at most 255 octets; labels at most 63 (RFC 1035).
    if (ace.size() > 255) {
        return invalid(text, QCoreApplication::translate("EmailAddress", "the domain is longer than 255 characters."));
    }
    const QList<QByteArray> labels = ace.split('.');
    if (labels.size() < 2) {
        return invalid(
            text,
            QCoreApplication::translate("EmailAddress", "the domain \"%1\" has no dot (example.com).").arg(domain));
    }
    for (const QByteArray& label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith('-') || label.endsWith('-')) {
            return invalid(text,
                           QCoreApplication::translate("EmailAddress", "the domain \"%1\" is not a valid domain name.")
                               .arg(domain));
        }
        for (char c : label) {
            const bool ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ldh) {
                return invalid(
                    text, QCoreApplication::translate("EmailAddress", "the domain \"%1\" is not a valid domain name.")
                              .arg(domain));
            }
        }
    }
    bool numericTld = false;
    labels.back().toLongLong(&numericTld);
    if (numericTld) {
        return invalid(text,
                       QCoreApplication::translate("EmailAddress", "the domain \"%1\" ends in a number.").arg(domain));
    }
    const QString asciiDomain = QString::fromLatin1(ace);
    // RFC 5321 4.5.3.1.3: a path holds at most 256 octets including the angle brackets.
    if (local.toUtf8().size() + 1 + ace.size() > 254) {
        return invalid(text, QCoreApplication::translate("EmailAddress", "it is longer than 254 characters."));
    }
    EmailAddress address;
    address.m_normalized = local + QLatin1Char('@') + domain;
    address.m_key = local.toLower() + QLatin1Char('@') + asciiDomain;
    address.m_asciiDomain = asciiDomain;
    return address;
}
