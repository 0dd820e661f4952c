#include "core/delivery/Account.h"

#include <QCoreApplication>

namespace {

struct Named
{
    const char* name;
    int value;
};

constexpr Named kPresets[] = {{"gmail", static_cast<int>(AccountPresetId::Gmail)},
                              {"workspace", static_cast<int>(AccountPresetId::Workspace)},
                              {"outlook", static_cast<int>(AccountPresetId::Outlook)},
                              {"ses", static_cast<int>(AccountPresetId::Ses)},
                              {"smtp", static_cast<int>(AccountPresetId::Smtp)}};
constexpr Named kSecurities[] = {{"starttls", static_cast<int>(SmtpSecurity::StartTls)},
                                 {"tls", static_cast<int>(SmtpSecurity::ImplicitTls)},
                                 {"none", static_cast<int>(SmtpSecurity::None)}};
constexpr Named kAuths[] = {{"password", static_cast<int>(SmtpAuth::Password)},
                            {"xoauth2", static_cast<int>(SmtpAuth::XOAuth2)},
                            {"none", static_cast<int>(SmtpAuth::None)}};

template <size_t N>
QString nameOf(const Named (&table)[N], int value)
{
    for (const Named& entry : table) {
        if (entry.value == value) {
            return QString::fromLatin1(entry.name);
        }
    }
    return QString();
}

template <size_t N>
std::optional<int> valueOf(const Named (&table)[N], const QString& name)
{
    const QString key = name.trimmed().toLower();
    for (const Named& entry : table) {
        if (key == QLatin1String(entry.name)) {
            return entry.value;
        }
    }
    return std::nullopt;
}

} // namespace

QString Account::fromMailbox() const
{
    if (fromName.isEmpty()) {
        return fromAddress;
    }
    return QStringLiteral("%1 <%2>").arg(fromName, fromAddress);
}

QString Account::fromWarning(const QString& campaignFrom) const
{
    const bool rewrites =
        preset == AccountPresetId::Gmail || preset == AccountPresetId::Workspace || preset == AccountPresetId::Outlook;
    const QString address = campaignFrom.trimmed();
    if (!rewrites || address.isEmpty() || address.compare(fromAddress, Qt::CaseInsensitive) == 0 ||
        address.compare(user, Qt::CaseInsensitive) == 0) {
        return {};
    }
    return QCoreApplication::translate(
               "Account", "“%1” signs in as %2: its provider shows that address as the sender, not %3, unless %3 "
                          "is an address the account may send as (in Gmail: Settings > Accounts > Send mail as).")
        .arg(name, user.isEmpty() ? fromAddress : user, address);
}

QString Account::presetName(AccountPresetId preset)
{
    return nameOf(kPresets, static_cast<int>(preset));
}

std::optional<AccountPresetId> Account::presetFromName(const QString& name)
{
    const auto value = valueOf(kPresets, name);
    return value ? std::optional<AccountPresetId>(static_cast<AccountPresetId>(*value)) : std::nullopt;
}

QString Account::securityName(SmtpSecurity security)
{
    return nameOf(kSecurities, static_cast<int>(security));
}

std::optional<SmtpSecurity> Account::securityFromName(const QString& name)
{
    const auto value = valueOf(kSecurities, name);
    return value ? std::optional<SmtpSecurity>(static_cast<SmtpSecurity>(*value)) : std::nullopt;
}

QString Account::authName(SmtpAuth auth)
{
    return nameOf(kAuths, static_cast<int>(auth));
}

std::optional<SmtpAuth> Account::authFromName(const QString& name)
{
    const auto value = valueOf(kAuths, name);
    return value ? std::optional<SmtpAuth>(static_cast<SmtpAuth>(*value)) : std::nullopt;
}

QString Account::fingerprintText(const QByteArray& sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

bool Account::operator==(const Account& other) const
{
    return id == other.id && name == other.name && preset == other.preset && host == other.host && port == other.port &&
           security == other.security && auth == other.auth && user == other.user &&
           allowPlaintextAuth == other.allowPlaintextAuth && trustedCertificate == other.trustedCertificate &&
           fromName == other.fromName && fromAddress == other.fromAddress && dailyLimit == other.dailyLimit &&
           perMinute == other.perMinute && connections == other.connections && dkimKeyId == other.dkimKeyId &&
           hasSecret == other.hasSecret;
}
