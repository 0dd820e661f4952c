#pragma once

#include "core/contacts/Group.h"

#include <QCoreApplication>
#include <QUndoCommand>
#include <QVector>

class ContactController;

// Adding contacts to (or removing them from) a tag or a list. Only the contacts the
// operation actually changed are recorded, so undo touches exactly those.
class GroupMembershipCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(GroupMembershipCommand)

public:
    GroupMembershipCommand(ContactController* controller, GroupKind kind, QString name, bool add,
                           QVector<qint64> changedIds, bool createdGroup = false);

    void undo() override;
    void redo() override;

private:
    void apply(bool add, bool duringUndo);

    ContactController* m_controller;
    GroupKind m_kind;
    QString m_name;
    bool m_add;
    QVector<qint64> m_changedIds;
    // The edit created the tag or list: undoing it removes the (then empty) tag or list too.
    bool m_createdGroup = false;
    bool m_alreadyApplied = true;
};
