#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// Normalises phone numbers to E.164 ("+49 30 1234567" -> "+49301234567") with libphonenumber,
// reading numbers written without a country code as numbers of a default region. Extensions
// are kept after the number (" ext. 12"). Thread-safe: libphonenumber's PhoneNumberUtil is a
// read-only singleton. The libphonenumber headers stay in the .cpp.
class PhoneNormalizer
{
public:
    // `defaultRegion`: ISO 3166 alpha-2 ("DE", "us"); empty or unknown: only numbers written
    // with + (or an international prefix libphonenumber knows) are normalised.
    explicit PhoneNormalizer(const QString& defaultRegion = {});

    // The E.164 form when the text parses as a possible number; std::nullopt when it does not
    // (the caller keeps what the user typed).
    std::optional<QString> toE164(const QString& phone) const;

    QString defaultRegion() const { return m_region; }

    static bool isKnownRegion(const QString& region);
    // Every region libphonenumber supports, upper-case, sorted.
    static QStringList supportedRegions();

private:
    QString m_region; // upper-case, empty when none or unknown
};
