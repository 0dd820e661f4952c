#include "ui/commands/AddContactCommand.h"

#include "ui/ContactController.h"

#include <utility>

AddContactCommand::AddContactCommand(ContactController* controller, Contact added)
    : m_controller(controller)
    , m_added(std::move(added))
{
    setText(tr("Add %1").arg(m_added.email));
}

void AddContactCommand::undo()
{
    if (m_controller->isReplaying()) {
        return;
    }
    m_controller->finishStep(m_controller->repository().remove(m_added.id), true);
}

void AddContactCommand::redo()
{
    if (std::exchange(m_alreadyApplied, false) || m_controller->isReplaying()) {
        return;
    }
    m_controller->finishStep(m_controller->repository().restore({m_added}), false);
}
