#include "core/contacts/import/PhoneNormalizer.h"

#include <phonenumbers/phonenumberutil.h>

#include <set>
#include <string>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

const std::set<std::string>& regionSet()
{
    static const std::set<std::string> regions = [] {
        std::set<std::string> all;
        PhoneNumberUtil::GetInstance()->GetSupportedRegions(&all);
        return all;
    }();
    return regions;
}

} // namespace

PhoneNormalizer::PhoneNormalizer(const QString& defaultRegion)
{
    const QString region = defaultRegion.trimmed().toUpper();
    if (isKnownRegion(region)) {
        m_region = region;
    }
}

std::optional<QString> PhoneNormalizer::toE164(const QString& phone) const
{
    QString text = phone.trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    // Without a region libphonenumber only reads "+"; "00" is the ITU's international prefix
    // and what most of the world types, so read it as "+" when no region says otherwise.
    if (m_region.isEmpty() && text.startsWith(QLatin1String("00"))) {
        text = QLatin1Char('+') + text.mid(2);
    }

    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const std::string region = m_region.isEmpty() ? std::string("ZZ") : m_region.toStdString();
    if (util->Parse(text.toStdString(), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return std::nullopt;
    }
    // IS_POSSIBLE_LOCAL_ONLY ("555 0100" in the US) has no E.164 form: it lacks the area code.
    if (util->IsPossibleNumberWithReason(number) != PhoneNumberUtil::IS_POSSIBLE) {
        return std::nullopt;
    }
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    QString result = QString::fromStdString(e164);
    if (number.has_extension() && !number.extension().empty()) {
        result += QLatin1String(" ext. ") + QString::fromStdString(number.extension());
    }
    return result;
}

bool PhoneNormalizer::isKnownRegion(const QString& region)
{
    const QString upper = region.trimmed().toUpper();
    if (upper.size() != 2) {
        return false;
    }
    return regionSet().count(upper.toStdString()) > 0;
}

QStringList PhoneNormalizer::supportedRegions()
{
    QStringList result;
    result.reserve(static_cast<qsizetype>(regionSet().size()));
    for (const std::string& region : regionSet()) {
        result.append(QString::fromStdString(region));
    }
    result.sort();
    return result;
}
