#pragma once

#include "core/Result.h"
#include "core/delivery/OutboxState.h"

#include <QString>
#include <QVector>

#include <memory>
#include <optional>

// The crash rules' record of messages whose final "." may have been written: a small file beside
// the workspace (<workspace>-delivery). A worker writes a message's record just before its "."
// and the outcome's right after the reply; the outcome reaches the database through the
// OutboxWriter, which gathers many into one commit. After a kill, recovery applies every outcome
// the journal holds that the database lacks, and marks Unknown the messages that have no outcome:
// so a kill leaves at most one message per open session in doubt, and no commit waits per message.
//
// The file is mapped into memory: writing a record is a copy into the page cache (no system call)
// that outlives the process. It does not outlive a power cut; claim_boot covers that case (see
// docs/architecture.md, "The crash rules"). Each session writes only its own lane, a ring of
// slots, and reuses a slot only once the database holds what the slot recorded. Every slot
// carries a checksum: one torn by a kill in mid-copy reads as empty.
class DeliveryJournal
{
public:
    struct Record
    {
        qint64 itemId = 0;
        int attempt = 0; // the row's attempts before this try: tells this try from earlier ones
        qint64 accountId = 0;
        qint64 at = 0;                      // when the "." was about to be written, or when the reply came
        std::optional<OutboxState> outcome; // none: the "." may have gone and no reply came yet
        qint64 retryAt = 0;                 // for Deferred
        QString reply;                      // cut to kMaxReplyBytes of UTF-8
    };

    static constexpr int kLanes = 64; // sessions at once (the worker pool's size)
    // Records a session may have ahead of the database: at 4,000 messages a second on one
    // connection, two per message, the writer's 20 ms of gathering takes 160.
    static constexpr int kSlotsPerLane = 256;
    static constexpr int kMaxReplyBytes = 192;

    static QString pathFor(const QString& workspacePath);

    // The last record of every try the file at path holds; none when there is no file.
    static Result<QVector<Record>> read(const QString& path);
    // Starts an empty journal at path (recovery has applied the old one), mapped for writing.
    static Result<std::unique_ptr<DeliveryJournal>> create(const QString& path);
    // Unmaps the file and leaves it: only whoever knows every outcome is in the database
    // (a clean stop) may delete it.
    ~DeliveryJournal();

    DeliveryJournal(const DeliveryJournal&) = delete;
    DeliveryJournal& operator=(const DeliveryJournal&) = delete;

    // One session's lane; the lane goes back to the journal when this is destroyed.
    class Lane
    {
    public:
        ~Lane();
        Lane(const Lane&) = delete;
        Lane& operator=(const Lane&) = delete;

        // The slot the next write() fills: its previous record must be in the database by then.
        int nextSlot() const { return int(m_sequence % kSlotsPerLane); }
        // Writes the record into nextSlot() and moves on to the following slot.
        void write(const Record& record);

    private:
        friend class DeliveryJournal;
        Lane(DeliveryJournal* journal, int index);
        DeliveryJournal* m_journal;
        int m_index;
        quint64 m_sequence = 0;
    };

    // A free lane, or null when kLanes sessions hold one each.
    std::unique_ptr<Lane> takeLane();

private:
    struct Private;
    explicit DeliveryJournal(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};
