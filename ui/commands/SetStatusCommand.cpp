#include "ui/commands/SetStatusCommand.h"

#include "ui/ContactController.h"

#include <utility>

SetStatusCommand::SetStatusCommand(ContactController* controller, ContactStatus status,
                                   QHash<qint64, ContactStatus> previousStatus)
    : m_controller(controller)
    , m_status(status)
    , m_previousStatus(std::move(previousStatus))
{
    setText(tr("Set %Ln contact(s) to %1", nullptr, static_cast<int>(m_previousStatus.size()))
                .arg(contactStatusLabel(status)));
}

void SetStatusCommand::undo()
{
    if (m_controller->isReplaying()) {
        return;
    }
    const QHash<qint64, ContactStatus> previous = m_previousStatus;
    m_controller->runStep(
        tr("Undoing: %1…").arg(text()),
        [previous](ContactRepository& repository, const ProgressCallback& progress) -> Result<BulkChange> {
            Status status = repository.restoreStatuses(previous, progress);
            if (!status) {
                return status.error();
            }
            return BulkChange{};
        },
        true);
}

void SetStatusCommand::redo()
{
    if (std::exchange(m_alreadyApplied, false) || m_controller->isReplaying()) {
        return;
    }
    const QVector<qint64> ids = m_previousStatus.keys();
    const ContactStatus status = m_status;
    m_controller->runStep(
        tr("Redoing: %1…").arg(text()),
        [ids, status](ContactRepository& repository, const ProgressCallback& progress) {
            return repository.setStatus(ids, status, progress);
        },
        false);
}
