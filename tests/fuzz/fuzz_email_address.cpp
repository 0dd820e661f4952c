// EmailAddress::parse takes whatever a user or a file gives it. Invariants: it never
// crashes; an accepted address is within RFC 5321's lengths, has no whitespace or control
// characters, and parsing its normal form again gives the same normal form and key.
#include "core/contacts/EmailAddress.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto parsed = EmailAddress::parse(input);
    if (!parsed.ok()) {
        FUZZ_CHECK(!parsed.error().message.isEmpty());
        return 0;
    }
    const QString normalized = parsed->normalized();
    FUZZ_CHECK(parsed->key().toUtf8().size() <= 254);
    for (QChar c : normalized) {
        FUZZ_CHECK(!c.isSpace() && c.category() != QChar::Other_Control);
    }
    const auto again = EmailAddress::parse(normalized);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->normalized() == normalized);
    FUZZ_CHECK(again->key() == parsed->key());
    return 0;
}
