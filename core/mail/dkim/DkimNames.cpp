#include "core/mail/dkim/DkimNames.h"

#include <QCoreApplication>
#include <QUrl>

namespace {

// RFC 5321 4.1.2 sub-domain = Let-dig [Ldh-str]: letters, digits and inner hyphens, 1..63 octets.
bool isSubDomain(const QByteArray& label)
{
    if (label.isEmpty() || label.size() > 63 || label.startsWith('-') || label.endsWith('-')) {
        return false;
    }
    for (char c : label) {
        const bool letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!letterOrDigit && c != '-') {
            return false;
        }
    }
    return true;
}

} // namespace

Result<QByteArray> DkimNames::domain(const QString& domain)
{
    QString text = domain.trimmed().toLower();
    if (text.endsWith(QLatin1Char('.'))) {
        text.chop(1);
    }
    if (text.isEmpty()) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("DkimNames", "A DKIM signing domain is required (example.com).")};
    }
    const QByteArray ace = QUrl::toAce(text, QUrl::AceTransitionalProcessing);
    const QList<QByteArray> labels = ace.split('.');
    bool valid = !ace.isEmpty() && ace.size() <= 253 && labels.size() >= 2;
    for (const QByteArray& label : labels) {
        valid = valid && isSubDomain(label);
    }
    if (!valid) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("DkimNames",
                                                 "\"%1\" is not a domain name a DKIM key can be published for "
                                                 "(a name such as example.com).")
                         .arg(domain)};
    }
    return ace;
}

Result<QByteArray> DkimNames::selector(const QString& selector)
{
    const QString text = selector.trimmed();
    if (text.isEmpty()) {
        return Error{
            ErrorCode::InvalidInput,
            QCoreApplication::translate("DkimNames", "A DKIM selector is required (for example s1 or mail2026).")};
    }
    const QByteArray ascii = text.toLatin1();
    bool valid = QString::fromLatin1(ascii) == text && ascii.size() <= 200;
    for (const QByteArray& label : ascii.split('.')) {
        valid = valid && isSubDomain(label);
    }
    if (!valid) {
        return Error{ErrorCode::InvalidInput,
                     QCoreApplication::translate("DkimNames", "\"%1\" is not a DKIM selector: use letters, digits and "
                                                              "hyphens, with dots between parts (s1, mail-2026).")
                         .arg(selector)};
    }
    return ascii;
}
