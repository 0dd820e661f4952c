// DeliveryJournal: what a killed process leaves for recovery, read back from a real file.
#include "core/delivery/DeliveryJournal.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

namespace {

DeliveryJournal::Record inDoubt(qint64 itemId, int attempt = 0)
{
    DeliveryJournal::Record r;
    r.itemId = itemId;
    r.attempt = attempt;
    r.accountId = 7;
    r.at = 1'700'000'000'000 + itemId;
    return r;
}

DeliveryJournal::Record settled(qint64 itemId, OutboxState state, const QString& reply, int attempt = 0)
{
    DeliveryJournal::Record r = inDoubt(itemId, attempt);
    r.outcome = state;
    r.reply = reply;
    r.at += 500;
    return r;
}

// Byte offset of a lane's slot in the file: the layout DeliveryJournal.cpp documents.
qint64 slotOffset(int lane, int slot)
{
    return 4096 + (qint64(lane) * DeliveryJournal::kSlotsPerLane + slot) * 256;
}

} // namespace

class TestDeliveryJournal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return DeliveryJournal::pathFor(m_dir.filePath(QStringLiteral("shop.mailroom"))); }

private Q_SLOTS:
    void init() { QFile::remove(path()); }

    void noFileMeansNothingToRecover()
    {
        auto read = DeliveryJournal::read(path());
        QVERIFY(read);
        QVERIFY(read->isEmpty());
    }

    void theLastRecordOfEachTryIsWhatALaterStartReads()
    {
        {
            auto journal = DeliveryJournal::create(path());
            QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
            auto a = journal.value()->takeLane();
            auto b = journal.value()->takeLane();
            QVERIFY(a && b);
            // Row 1: in doubt, then sent. Row 2: in doubt and no reply (the kill came). Row 3:
            // deferred on lane a, retried on lane b, whose second try is in doubt.
            a->write(inDoubt(1));
            a->write(settled(1, OutboxState::Sent, QStringLiteral("250 2.0.0 Ok: queued as 4XyZ")));
            b->write(inDoubt(2));
            a->write(inDoubt(3));
            DeliveryJournal::Record deferred = settled(3, OutboxState::Deferred, QStringLiteral("451 4.3.0 later"));
            deferred.retryAt = 1'700'000'600'000;
            a->write(deferred);
            b->write(inDoubt(3, 1));
            // The journal is left as a kill leaves it: no clean stop removes the file.
        }
        auto read = DeliveryJournal::read(path());
        QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
        QCOMPARE(read->size(), 4);
        const DeliveryJournal::Record& one = read->at(0);
        QCOMPARE(one.itemId, 1);
        QCOMPARE(one.outcome, std::optional<OutboxState>(OutboxState::Sent));
        QCOMPARE(one.reply, QStringLiteral("250 2.0.0 Ok: queued as 4XyZ"));
        QCOMPARE(one.accountId, 7);
        QCOMPARE(one.at, 1'700'000'000'501);
        QCOMPARE(read->at(1).itemId, 2);
        QVERIFY(!read->at(1).outcome);
        // Both tries of row 3, each with its own last record.
        QCOMPARE(read->at(2).itemId, 3);
        QCOMPARE(read->at(3).itemId, 3);
        const auto& first = read->at(2).attempt == 0 ? read->at(2) : read->at(3);
        const auto& second = read->at(2).attempt == 0 ? read->at(3) : read->at(2);
        QCOMPARE(first.outcome, std::optional<OutboxState>(OutboxState::Deferred));
        QCOMPARE(first.retryAt, 1'700'000'600'000);
        QCOMPARE(second.attempt, 1);
        QVERIFY(!second.outcome);
    }

    void aStartBeginsAnEmptyJournal()
    {
        {
            auto journal = DeliveryJournal::create(path());
            QVERIFY(journal);
            journal.value()->takeLane()->write(inDoubt(1));
        }
        QCOMPARE(DeliveryJournal::read(path())->size(), 1);
        QVERIFY(DeliveryJournal::create(path()));
        QCOMPARE(DeliveryJournal::read(path())->size(), 0);
    }

    void aSlotTornByAKillReadsAsEmpty()
    {
        {
            auto journal = DeliveryJournal::create(path());
            QVERIFY(journal);
            auto lane = journal.value()->takeLane();
            lane->write(inDoubt(1));
            lane->write(inDoubt(2));
        }
        // A kill in mid-copy: the second slot holds part of a record.
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(slotOffset(0, 1) + 20));
        QVERIFY(file.write(QByteArray(8, '\x5a')) == 8);
        file.close();
        auto read = DeliveryJournal::read(path());
        QVERIFY(read);
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->at(0).itemId, 1);
    }

    void slotsAreReusedInTurnAndLanesGoBack()
    {
        auto journal = DeliveryJournal::create(path());
        QVERIFY(journal);
        std::vector<std::unique_ptr<DeliveryJournal::Lane>> lanes;
        for (int i = 0; i < DeliveryJournal::kLanes; ++i) {
            lanes.push_back(journal.value()->takeLane());
            QVERIFY(lanes.back());
        }
        QVERIFY(!journal.value()->takeLane());
        lanes.pop_back();
        auto again = journal.value()->takeLane();
        QVERIFY(again);
        // A lane is a ring: after kSlotsPerLane records the first slot is written again.
        for (int i = 0; i < DeliveryJournal::kSlotsPerLane; ++i) {
            QCOMPARE(again->nextSlot(), i);
            again->write(inDoubt(100 + i));
        }
        QCOMPARE(again->nextSlot(), 0);
        again->write(inDoubt(1000));
        auto read = DeliveryJournal::read(path());
        QVERIFY(read);
        QCOMPARE(read->size(), DeliveryJournal::kSlotsPerLane);
        QCOMPARE(read->front().itemId, 101); // 100 was written over
        QCOMPARE(read->back().itemId, 1000);
    }

    void aLongReplyIsCutAtACharacter()
    {
        // 2-byte characters: a cut in the middle of one would leave broken UTF-8.
        const QString reply = QStringLiteral("250 ") + QString(200, QChar(0x00e9));
        {
            auto journal = DeliveryJournal::create(path());
            QVERIFY(journal);
            journal.value()->takeLane()->write(settled(1, OutboxState::Sent, reply));
        }
        auto read = DeliveryJournal::read(path());
        QVERIFY(read);
        const QString kept = read->at(0).reply;
        QVERIFY(reply.startsWith(kept));
        QVERIFY(kept.toUtf8().size() <= DeliveryJournal::kMaxReplyBytes);
        QVERIFY(kept.size() > 90);
    }

    void aJournalLeftHalfMadeHoldsNothing()
    {
        // Killed while a start made the file: empty, or the right size with no header yet.
        for (const qint64 size : {qint64(0), slotOffset(DeliveryJournal::kLanes, 0)}) {
            QFile file(path());
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QVERIFY(file.resize(size));
            file.close();
            auto read = DeliveryJournal::read(path());
            QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
            QVERIFY(read->isEmpty());
        }
    }

    void aFileThatIsNotAJournalIsRefusedByName()
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a journal");
        file.close();
        auto read = DeliveryJournal::read(path());
        QVERIFY(!read);
        QVERIFY2(read.error().message.contains(path()), qPrintable(read.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDeliveryJournal)
#include "test_delivery_journal.moc"
