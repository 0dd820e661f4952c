#pragma once

#include "core/Result.h"
#include "core/contacts/Contact.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/Group.h"

#include <QObject>
#include <QSqlDatabase>
#include <QVector>

#include <memory>

class BulkJobRunner;
class QUndoCommand;
class QUndoStack;

// Every change the window makes to contacts goes through here and lands on the undo
// stack as one step. Single-contact edits are quick and run on the UI thread's
// connection; bulk edits (and their undo/redo) run in the BulkJobRunner's worker.
class ContactController : public QObject
{
    Q_OBJECT

public:
    ContactController(BulkJobRunner* runner, QUndoStack* undoStack, QObject* parent = nullptr);
    ~ContactController() override;

    // The UI thread's connection to the open workspace (invalid when none is open).
    void setDatabase(QSqlDatabase db);
    QSqlDatabase database() const { return m_db; }
    ContactRepository& repository() { return *m_repository; }
    BulkJobRunner* runner() const { return m_runner; }
    QUndoStack* undoStack() const { return m_undoStack; }

    Result<qint64> addContact(const Contact& contact);
    Status saveContact(const Contact& contact);

    // Bulk edits on the given ids, off the UI thread. Return false when another job is running.
    bool deleteContacts(const QVector<qint64>& ids);
    bool changeGroup(const QVector<qint64>& ids, GroupKind kind, const QString& name, bool add);
    bool setStatus(const QVector<qint64>& ids, ContactStatus status);

    // Used by the undo commands.
    bool isReplaying() const { return m_replaying; }
    void runStep(const QString& label,
                 const std::function<Result<BulkChange>(ContactRepository&, const ProgressCallback&)>& step,
                 bool duringUndo);
    void finishStep(const Status& status, bool duringUndo);

Q_SIGNALS:
    // Contacts changed in the workspace: the table and the sidebar counts refresh.
    void contactsChanged();
    // A change failed; the message names what went wrong.
    void failed(const QString& message);
    // The person cancelled a bulk change; nothing was changed.
    void cancelled();
    // A bulk change finished; the text says what it did ("Tag 3 contacts with \"vip\"").
    void changeApplied(const QString& description);

private:
    void stepFailed(const Error& error, bool duringUndo);
    void reportError(const Error& error);
    void pushApplied(QUndoCommand* command);

    BulkJobRunner* m_runner;
    QUndoStack* m_undoStack;
    QSqlDatabase m_db;
    std::unique_ptr<ContactRepository> m_repository;
    bool m_replaying = false;
};
