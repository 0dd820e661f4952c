#pragma once

#include "core/contacts/Contact.h"

#include <QCoreApplication>
#include <QUndoCommand>
#include <QVector>

class ContactController;

// Deleting contacts; undo restores the snapshots taken before the delete (ids,
// timestamps, tags, lists and fields included). Runs in the worker.
class DeleteContactsCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(DeleteContactsCommand)

public:
    DeleteContactsCommand(ContactController* controller, QVector<Contact> snapshots);

    void undo() override;
    void redo() override;

private:
    ContactController* m_controller;
    QVector<Contact> m_snapshots;
    bool m_alreadyApplied = true;
};
