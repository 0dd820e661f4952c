#include "ui/commands/DeleteContactsCommand.h"

#include "ui/ContactController.h"

#include <utility>

DeleteContactsCommand::DeleteContactsCommand(ContactController* controller, QVector<Contact> snapshots)
    : m_controller(controller)
    , m_snapshots(std::move(snapshots))
{
    if (m_snapshots.size() == 1) {
        setText(tr("Delete %1").arg(m_snapshots.first().email));
    } else {
        setText(tr("Delete %Ln contact(s)", nullptr, static_cast<int>(m_snapshots.size())));
    }
}

void DeleteContactsCommand::undo()
{
    if (m_controller->isReplaying()) {
        return;
    }
    const QVector<Contact> snapshots = m_snapshots;
    m_controller->runStep(
        tr("Undoing: %1…").arg(text()),
        [snapshots](ContactRepository& repository, const ProgressCallback& progress) -> Result<BulkChange> {
            Status status = repository.restore(snapshots, progress);
            if (!status) {
                return status.error();
            }
            return BulkChange{};
        },
        true);
}

void DeleteContactsCommand::redo()
{
    if (std::exchange(m_alreadyApplied, false) || m_controller->isReplaying()) {
        return;
    }
    QVector<qint64> ids;
    ids.reserve(m_snapshots.size());
    for (const Contact& contact : m_snapshots) {
        ids.append(contact.id);
    }
    m_controller->runStep(
        tr("Redoing: %1…").arg(text()),
        [ids](ContactRepository& repository, const ProgressCallback& progress) {
            return repository.removeMany(ids, progress);
        },
        false);
}
