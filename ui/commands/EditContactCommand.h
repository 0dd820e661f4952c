#pragma once

#include "core/contacts/Contact.h"

#include <QCoreApplication>
#include <QUndoCommand>

class ContactController;

// One saved edit of one contact; undo writes the previous version back.
class EditContactCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(EditContactCommand)

public:
    // `after` has already been written when the command is pushed.
    EditContactCommand(ContactController* controller, Contact before, Contact after);

    void undo() override;
    void redo() override;

private:
    ContactController* m_controller;
    Contact m_before;
    Contact m_after;
    bool m_alreadyApplied = true;
};
