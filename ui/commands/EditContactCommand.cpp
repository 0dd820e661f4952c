#include "ui/commands/EditContactCommand.h"

#include "ui/ContactController.h"

#include <utility>

EditContactCommand::EditContactCommand(ContactController* controller, Contact before, Contact after)
    : m_controller(controller)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(tr("Edit %1").arg(m_after.email));
}

void EditContactCommand::undo()
{
    if (m_controller->isReplaying()) {
        return;
    }
    m_controller->finishStep(m_controller->repository().update(m_before), true);
}

void EditContactCommand::redo()
{
    if (std::exchange(m_alreadyApplied, false) || m_controller->isReplaying()) {
        return;
    }
    m_controller->finishStep(m_controller->repository().update(m_after), false);
}
