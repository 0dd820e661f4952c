// VCardReader takes whatever .vcf file a user picks. Invariants: it never crashes and always
// ends (each card consumes at least one line); every card starts on a later line than the one
// before, within the file; a card in error says why; reading the same bytes twice gives the
// same cards.
#include "core/contacts/import/VCardReader.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

namespace {

QList<VCardContact> readAll(const QByteArray& bytes, qint64 maxCards)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    VCardReader reader(&buffer);
    QList<VCardContact> cards;
    qint64 previousLine = 0;
    while (std::optional<VCardContact> card = reader.next()) {
        FUZZ_CHECK(card->line > previousLine);
        FUZZ_CHECK(card->line <= reader.lineCount());
        FUZZ_CHECK(card->ok() || !card->error.isEmpty());
        FUZZ_CHECK(qsizetype(cards.size()) < maxCards);
        previousLine = card->line;
        cards.append(std::move(*card));
    }
    return cards;
}

bool same(const VCardContact& a, const VCardContact& b)
{
    return a.line == b.line && a.raw == b.raw && a.version == b.version && a.formattedName == b.formattedName &&
           a.firstName == b.firstName && a.lastName == b.lastName && a.email == b.email && a.emails == b.emails &&
           a.phone == b.phone && a.phones == b.phones && a.company == b.company && a.street == b.street &&
           a.city == b.city && a.region == b.region && a.postcode == b.postcode && a.country == b.country &&
           a.notes == b.notes && a.tags == b.tags && a.status == b.status && a.lists == b.lists &&
           a.consentSource == b.consentSource && a.consentDate == b.consentDate && a.fields == b.fields &&
           a.warnings == b.warnings && a.error == b.error;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const qint64 maxCards = bytes.count('\n') + 1;
    const QList<VCardContact> first = readAll(bytes, maxCards);
    const QList<VCardContact> second = readAll(bytes, maxCards);
    FUZZ_CHECK(first.size() == second.size());
    for (qsizetype i = 0; i < first.size(); ++i) {
        FUZZ_CHECK(same(first[i], second[i]));
        // The chosen email and phone are among those read.
        FUZZ_CHECK(first[i].email.isEmpty() || first[i].emails.contains(first[i].email) ||
                   first[i].emails.size() >= 100);
        FUZZ_CHECK(first[i].email.isEmpty() == first[i].emails.isEmpty());
    }
    // The quick scan for custom field names (run when a vCard import opens) ends too, on any bytes.
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    qint64 visited = 0;
    VCardReader(&buffer).scanCustomFields([&visited](const QString& name, const QString&) {
        FUZZ_CHECK(!name.isEmpty());
        return ++visited < 100000;
    });
    return 0;
}
