#include "ui/commands/GroupMembershipCommand.h"

#include "ui/ContactController.h"

#include <utility>

GroupMembershipCommand::GroupMembershipCommand(ContactController* controller, GroupKind kind, QString name, bool add,
                                               QVector<qint64> changedIds, bool createdGroup)
    : m_controller(controller)
    , m_kind(kind)
    , m_name(std::move(name))
    , m_add(add)
    , m_changedIds(std::move(changedIds))
    , m_createdGroup(createdGroup)
{
    const int n = static_cast<int>(m_changedIds.size());
    if (m_kind == GroupKind::Tag) {
        setText((add ? tr("Tag %Ln contact(s) with \"%1\"", nullptr, n)
                     : tr("Remove tag \"%1\" from %Ln contact(s)", nullptr, n))
                    .arg(m_name));
    } else {
        setText((add ? tr("Add %Ln contact(s) to list \"%1\"", nullptr, n)
                     : tr("Remove %Ln contact(s) from list \"%1\"", nullptr, n))
                    .arg(m_name));
    }
}

void GroupMembershipCommand::undo()
{
    if (m_controller->isReplaying()) {
        return;
    }
    apply(!m_add, true);
}

void GroupMembershipCommand::redo()
{
    if (std::exchange(m_alreadyApplied, false) || m_controller->isReplaying()) {
        return;
    }
    apply(m_add, false);
}

void GroupMembershipCommand::apply(bool add, bool duringUndo)
{
    const QVector<qint64> ids = m_changedIds;
    const QString name = m_name;
    const GroupKind kind = m_kind;
    const bool dropGroup = duringUndo && m_add && m_createdGroup;
    m_controller->runStep(
        duringUndo ? tr("Undoing: %1…").arg(text()) : tr("Redoing: %1…").arg(text()),
        [ids, name, kind, add, dropGroup](ContactRepository& repository,
                                          const ProgressCallback& progress) -> Result<BulkChange> {
            Result<BulkChange> change = kind == GroupKind::Tag ? (add ? repository.addTag(ids, name, progress)
                                                                      : repository.removeTag(ids, name, progress))
                                                               : (add ? repository.addToList(ids, name, progress)
                                                                      : repository.removeFromList(ids, name, progress));
            if (change && dropGroup) {
                if (Status dropped = repository.dropGroupIfEmpty(kind, name); !dropped) {
                    return dropped.error();
                }
            }
            return change;
        },
        duringUndo);
}
