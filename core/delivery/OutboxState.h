#pragma once

#include <QString>

#include <optional>

// The state of one recipient in the outbox, stored as these integers (outbox.state,
// outbox_log.state): the numbers are part of the schema. See docs/architecture.md, "Delivery:
// the outbox", for the transitions and what a kill or a power cut leaves behind.
enum class OutboxState {
    Queued = 0,  // to do: due now
    Sending = 1, // claimed by a worker (claim_boot, account_id set), until its outcome is recorded
    // 2 is not a state: whether a Sending row's final "." may have gone is in the DeliveryJournal.
    Sent = 3,     // the server accepted the message (2xx after the ".")
    Deferred = 4, // a temporary failure: retried at next_attempt_at
    Failed = 5,   // a permanent failure, with the server's reply
    Unknown = 6,  // was in doubt when the process died or the reply never came: not resent by default
    Skipped = 7,  // unsubscribed, bounced, complained, suppressed or deleted after the snapshot
    Cancelled = 8 // the campaign was cancelled before this recipient's turn
};

constexpr int kOutboxStateCount = 9; // one past the largest value: arrays indexed by state

// "queued", "sending", "sent", ...: the names the CLI takes (--state) and prints in JSON.
QString outboxStateName(OutboxState state);
std::optional<OutboxState> outboxStateFromName(const QString& name);
// The state as the window shows it ("Queued", "Sending", ...), translated.
QString outboxStateLabel(OutboxState state);
// False for 2 and for values read from a damaged or newer workspace.
bool isOutboxState(int value);
// Nothing more will happen to the row by itself (Sent, Failed, Unknown, Skipped, Cancelled).
bool isFinalOutboxState(OutboxState state);
