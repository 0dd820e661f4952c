#pragma once

#include <QtGlobal>

#include <atomic>

// Where delivery reads the time: milliseconds since the epoch (UTC), the unit the outbox, the
// quota ledger and the schedules store. Nothing in core/delivery reads the time itself; the
// runtime passes a SystemClock, tests a ManualClock, so quota windows and schedules are tested
// across days without a sleep.
class Clock
{
public:
    virtual ~Clock();
    virtual qint64 nowMs() const = 0;
};

// The real time.
class SystemClock : public Clock
{
public:
    qint64 nowMs() const override;
};

// A clock that stands still until told to move. Thread-safe: a test may advance it while
// workers read it.
class ManualClock : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 0)
        : m_now(startMs)
    {}

    qint64 nowMs() const override { return m_now.load(std::memory_order_acquire); }
    void set(qint64 ms) { m_now.store(ms, std::memory_order_release); }
    void advance(qint64 ms) { m_now.fetch_add(ms, std::memory_order_acq_rel); }

private:
    std::atomic<qint64> m_now;
};
