#include "ui/commands/GroupMembershipCommand.h"

#include "ui/ContactController.h"

#include <utility>

GroupMembershipCommand::GroupMembershipCommand(ContactController* controller, GroupKind kind, QString name, bool add,
                                               QVector<qint64> changedIds)
    : m_controller(controller)
    , m_kind(kind)
    , m_name(std::move(name))
    , m_add(add)
    , m_changedIds(std::move(changedIds))
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
    m_controller->runStep(
        duringUndo ? tr("Undoing: %1…").arg(text()) : tr("Redoing: %1…").arg(text()),
        [ids, name, kind, add](ContactRepository& repository, const ProgressCallback& progress) {
            if (kind == GroupKind::Tag) {
                return add ? repository.addTag(ids, name, progress) : repository.removeTag(ids, name, progress);
            }
            return add ? repository.addToList(ids, name, progress) : repository.removeFromList(ids, name, progress);
        },
        duringUndo);
}
