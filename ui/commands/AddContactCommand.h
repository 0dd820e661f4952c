#pragma once

#include "core/contacts/Contact.h"

#include <QCoreApplication>
#include <QUndoCommand>

class ContactController;

// A new contact; undo removes it, redo puts the same contact (same id) back.
class AddContactCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(AddContactCommand)

public:
    // `added` is the stored contact, id included; it exists when the command is pushed.
    AddContactCommand(ContactController* controller, Contact added);

    void undo() override;
    void redo() override;

private:
    ContactController* m_controller;
    Contact m_added;
    bool m_alreadyApplied = true;
};
