#pragma once

#include "core/contacts/Contact.h"

#include <QCoreApplication>
#include <QHash>
#include <QUndoCommand>

class ContactController;

// Setting the status of many contacts; undo gives each contact back its own previous status.
class SetStatusCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(SetStatusCommand)

public:
    SetStatusCommand(ContactController* controller, ContactStatus status, QHash<qint64, ContactStatus> previousStatus);

    void undo() override;
    void redo() override;

private:
    ContactController* m_controller;
    ContactStatus m_status;
    QHash<qint64, ContactStatus> m_previousStatus;
    bool m_alreadyApplied = true;
};
