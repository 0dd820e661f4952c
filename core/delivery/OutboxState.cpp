#include "core/delivery/OutboxState.h"

#include <QCoreApplication>

namespace {

struct StateText
{
    OutboxState state;
    const char* name;
    const char* label;
};

const StateText kStates[] = {
    {OutboxState::Queued, "queued", QT_TRANSLATE_NOOP("OutboxState", "Queued")},
    {OutboxState::Sending, "sending", QT_TRANSLATE_NOOP("OutboxState", "Sending")},
    {OutboxState::Sent, "sent", QT_TRANSLATE_NOOP("OutboxState", "Sent")},
    {OutboxState::Deferred, "deferred", QT_TRANSLATE_NOOP("OutboxState", "Deferred")},
    {OutboxState::Failed, "failed", QT_TRANSLATE_NOOP("OutboxState", "Failed")},
    {OutboxState::Unknown, "unknown", QT_TRANSLATE_NOOP("OutboxState", "Unknown")},
    {OutboxState::Skipped, "skipped", QT_TRANSLATE_NOOP("OutboxState", "Skipped")},
    {OutboxState::Cancelled, "cancelled", QT_TRANSLATE_NOOP("OutboxState", "Cancelled")},
};

} // namespace

QString outboxStateName(OutboxState state)
{
    for (const StateText& s : kStates) {
        if (s.state == state) {
            return QLatin1String(s.name);
        }
    }
    return QString::number(static_cast<int>(state));
}

std::optional<OutboxState> outboxStateFromName(const QString& name)
{
    const QString wanted = name.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    for (const StateText& s : kStates) {
        if (wanted == QLatin1String(s.name)) {
            return s.state;
        }
    }
    return std::nullopt;
}

QString outboxStateLabel(OutboxState state)
{
    for (const StateText& s : kStates) {
        if (s.state == state) {
            return QCoreApplication::translate("OutboxState", s.label);
        }
    }
    return QString::number(static_cast<int>(state));
}

bool isOutboxState(int value)
{
    return value >= 0 && value < kOutboxStateCount && value != 2;
}

bool isFinalOutboxState(OutboxState state)
{
    switch (state) {
    case OutboxState::Sent:
    case OutboxState::Failed:
    case OutboxState::Unknown:
    case OutboxState::Skipped:
    case OutboxState::Cancelled:
        return true;
    case OutboxState::Queued:
    case OutboxState::Sending:
    case OutboxState::Deferred:
        break;
    }
    return false;
}
