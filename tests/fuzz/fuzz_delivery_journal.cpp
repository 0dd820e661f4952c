// DeliveryJournal::read is what a start trusts after a crash: the file may hold torn or stale
// slots, or garbage. The input is laid over the first lane's slots of a journal with a good
// header. Properties: read() never fails on it, keeps one record per try, and every record it
// returns has a real state (or none: in doubt) and a reply that fits a slot.
#include "core/delivery/DeliveryJournal.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static QTemporaryDir dir;
    const QString path = DeliveryJournal::pathFor(dir.filePath(QStringLiteral("fuzz.mailroom")));
    {
        // A real journal with one good record, so the header and the size are right.
        auto journal = DeliveryJournal::create(path);
        FUZZ_CHECK(journal.ok());
        DeliveryJournal::Record record;
        record.itemId = 1;
        record.reply = QStringLiteral("250 ok");
        record.outcome = OutboxState::Sent;
        journal.value()->takeLane()->write(record);
    }
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::ReadWrite));
        FUZZ_CHECK(file.seek(4096));
        const qint64 laneBytes = qint64(DeliveryJournal::kSlotsPerLane) * 256;
        file.write(reinterpret_cast<const char*>(data), qMin<qint64>(qint64(size), laneBytes));
    }
    auto read = DeliveryJournal::read(path);
    FUZZ_CHECK(read.ok());
    QSet<QPair<qint64, int>> tries;
    for (const DeliveryJournal::Record& r : read.value()) {
        FUZZ_CHECK(!tries.contains({r.itemId, r.attempt}));
        tries.insert({r.itemId, r.attempt});
        FUZZ_CHECK(!r.outcome || isOutboxState(int(*r.outcome)));
        FUZZ_CHECK(r.reply.toUtf8().size() <= DeliveryJournal::kMaxReplyBytes * 3);
    }
    return 0;
}
