#include "core/delivery/DeliveryJournal.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <vector>

namespace {

// The file: a header, then kLanes lanes of kSlotsPerLane slots. A slot (native byte order: the
// file never leaves the machine, nor outlives the next start):
//   0 check, 8 sequence (0: never written), 16 item id, 24 account id, 32 at, 40 retry at,
//   48 attempt, 52 state (-1: in doubt), 54 reply length, 56 the reply's UTF-8.
constexpr char kMagic[] = "Mailroom delivery journal 1\n";
constexpr qint64 kHeaderBytes = 4096;
constexpr qint64 kSlotBytes = 256;
constexpr qint64 kReplyOffset = 56;
static_assert(kReplyOffset + DeliveryJournal::kMaxReplyBytes <= kSlotBytes);
constexpr qint64 kFileBytes =
    kHeaderBytes + qint64(DeliveryJournal::kLanes) * DeliveryJournal::kSlotsPerLane * kSlotBytes;

// FNV-1a over the slot after its check field: a slot torn by a kill in mid-copy fails it.
quint64 checkOf(const uchar* slot)
{
    quint64 hash = 0xcbf29ce484222325ULL;
    for (qint64 i = 8; i < kSlotBytes; ++i) {
        hash = (hash ^ slot[i]) * 0x100000001b3ULL;
    }
    return hash | 1; // never 0, which an untouched slot holds
}

template <typename T>
void put(uchar* slot, qint64 offset, T value)
{
    std::memcpy(slot + offset, &value, sizeof value);
}

template <typename T>
T get(const uchar* slot, qint64 offset)
{
    T value;
    std::memcpy(&value, slot + offset, sizeof value);
    return value;
}

Error journalError(const QString& path, const QString& problem)
{
    return Error{ErrorCode::FileError,
                 QCoreApplication::translate("DeliveryJournal", "The delivery journal %1: %2").arg(path, problem)};
}

} // namespace

struct DeliveryJournal::Private
{
    QFile file;
    uchar* map = nullptr;
    std::mutex mutex;
    std::vector<bool> taken = std::vector<bool>(kLanes, false);
    std::atomic<quint64> sequence{0};
};

QString DeliveryJournal::pathFor(const QString& workspacePath)
{
    return workspacePath + QStringLiteral("-delivery");
}

Result<QVector<DeliveryJournal::Record>> DeliveryJournal::read(const QString& path)
{
    QFile file(path);
    if (!file.exists()) {
        return QVector<Record>{};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return journalError(path, file.errorString());
    }
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty() || bytes.startsWith('\0')) {
        // A start stopped while it made the file: its header was not written yet, and nothing is
        // recorded before it is.
        return QVector<Record>{};
    }
    if (bytes.size() != kFileBytes || !bytes.startsWith(kMagic)) {
        return journalError(path, QCoreApplication::translate("DeliveryJournal",
                                                              "this is not a journal this version of Mailroom wrote; "
                                                              "move it away and start again"));
    }
    struct Latest
    {
        quint64 sequence;
        Record record;
    };
    QHash<QPair<qint64, int>, Latest> latest;
    const auto* base = reinterpret_cast<const uchar*>(bytes.constData()) + kHeaderBytes;
    for (qint64 i = 0; i < qint64(kLanes) * kSlotsPerLane; ++i) {
        const uchar* slot = base + i * kSlotBytes;
        const quint64 sequence = get<quint64>(slot, 8);
        if (sequence == 0 || get<quint64>(slot, 0) != checkOf(slot)) {
            continue; // never written, or torn
        }
        const int state = get<qint16>(slot, 52);
        const int replyLength = get<quint16>(slot, 54);
        if ((state != -1 && !isOutboxState(state)) || replyLength > kMaxReplyBytes) {
            continue;
        }
        Record r;
        r.itemId = get<qint64>(slot, 16);
        r.accountId = get<qint64>(slot, 24);
        r.at = get<qint64>(slot, 32);
        r.retryAt = get<qint64>(slot, 40);
        r.attempt = get<qint32>(slot, 48);
        if (state >= 0) {
            r.outcome = static_cast<OutboxState>(state);
        }
        r.reply = QString::fromUtf8(reinterpret_cast<const char*>(slot + kReplyOffset), replyLength);
        const QPair<qint64, int> key(r.itemId, r.attempt);
        auto found = latest.find(key);
        if (found == latest.end() || found->sequence < sequence) {
            latest.insert(key, Latest{sequence, std::move(r)});
        }
    }
    QVector<Record> records;
    records.reserve(latest.size());
    for (const Latest& l : std::as_const(latest)) {
        records.append(l.record);
    }
    std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) { return a.itemId < b.itemId; });
    return records;
}

Result<std::unique_ptr<DeliveryJournal>> DeliveryJournal::create(const QString& path)
{
    auto d = std::make_unique<Private>();
    d->file.setFileName(path);
    if (!d->file.open(QIODevice::ReadWrite | QIODevice::Truncate)) {
        return journalError(path, d->file.errorString());
    }
    // Written out, not made sparse with resize(): a page of a mapped file that needs a block
    // when it is first touched kills the process (SIGBUS) on a full disk. This way a full disk
    // is an error here, before anything is sent.
    const QByteArray zeros(kFileBytes, '\0');
    if (d->file.write(zeros) != kFileBytes || !d->file.flush()) {
        const Error error = journalError(path, d->file.errorString());
        d->file.remove();
        return error;
    }
    d->map = d->file.map(0, kFileBytes);
    if (!d->map) {
        return journalError(path, d->file.errorString());
    }
    std::memcpy(d->map, kMagic, sizeof kMagic - 1);
    return std::unique_ptr<DeliveryJournal>(new DeliveryJournal(std::move(d)));
}

DeliveryJournal::DeliveryJournal(std::unique_ptr<Private> dd)
    : d(std::move(dd))
{}

DeliveryJournal::~DeliveryJournal()
{
    d->file.unmap(d->map);
    d->file.close();
}

std::unique_ptr<DeliveryJournal::Lane> DeliveryJournal::takeLane()
{
    std::lock_guard<std::mutex> lock(d->mutex);
    for (int i = 0; i < kLanes; ++i) {
        if (!d->taken[size_t(i)]) {
            d->taken[size_t(i)] = true;
            return std::unique_ptr<Lane>(new Lane(this, i));
        }
    }
    return nullptr;
}

DeliveryJournal::Lane::Lane(DeliveryJournal* journal, int index)
    : m_journal(journal)
    , m_index(index)
{}

DeliveryJournal::Lane::~Lane()
{
    std::lock_guard<std::mutex> lock(m_journal->d->mutex);
    m_journal->d->taken[size_t(m_index)] = false;
}

void DeliveryJournal::Lane::write(const Record& record)
{
    uchar slot[kSlotBytes] = {};
    QByteArray reply = record.reply.toUtf8();
    if (reply.size() > kMaxReplyBytes) {
        // Cut at a character's start, so the kept part stays valid UTF-8.
        qsizetype cut = kMaxReplyBytes;
        while (cut > 0 && (uchar(reply[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        reply.truncate(cut);
    }
    // Global, so the latest record of a try is known even when another lane made an earlier one.
    put<quint64>(slot, 8, m_journal->d->sequence.fetch_add(1) + 1);
    put<qint64>(slot, 16, record.itemId);
    put<qint64>(slot, 24, record.accountId);
    put<qint64>(slot, 32, record.at);
    put<qint64>(slot, 40, record.retryAt);
    put<qint32>(slot, 48, record.attempt);
    put<qint16>(slot, 52, record.outcome ? qint16(*record.outcome) : qint16(-1));
    put<quint16>(slot, 54, quint16(reply.size()));
    std::memcpy(slot + kReplyOffset, reply.constData(), size_t(reply.size()));
    put<quint64>(slot, 0, checkOf(slot));
    uchar* to = m_journal->d->map + kHeaderBytes + (qint64(m_index) * kSlotsPerLane + nextSlot()) * kSlotBytes;
    std::memcpy(to, slot, kSlotBytes);
    ++m_sequence;
}
