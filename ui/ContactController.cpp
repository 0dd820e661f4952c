#include "ui/ContactController.h"

#include "ui/BulkJobRunner.h"
#include "ui/commands/AddContactCommand.h"
#include "ui/commands/DeleteContactsCommand.h"
#include "ui/commands/EditContactCommand.h"
#include "ui/commands/GroupMembershipCommand.h"
#include "ui/commands/SetStatusCommand.h"

#include <QSet>
#include <QTimer>
#include <QUndoStack>

#include <memory>

ContactController::ContactController(BulkJobRunner* runner, QUndoStack* undoStack, QObject* parent)
    : QObject(parent)
    , m_runner(runner)
    , m_undoStack(undoStack)
    , m_repository(std::make_unique<ContactRepository>(QSqlDatabase()))
{}

ContactController::~ContactController() = default;

void ContactController::setDatabase(QSqlDatabase db)
{
    m_db = db;
    m_repository = std::make_unique<ContactRepository>(db);
}

Result<qint64> ContactController::addContact(const Contact& contact)
{
    Result<qint64> id = m_repository->add(contact);
    if (!id) {
        return id;
    }
    Result<Contact> stored = m_repository->findById(*id);
    if (stored) {
        m_undoStack->push(new AddContactCommand(this, *stored));
    }
    Q_EMIT contactsChanged();
    return id;
}

Status ContactController::saveContact(const Contact& contact)
{
    Result<Contact> before = m_repository->findById(contact.id);
    if (!before) {
        return before.error();
    }
    if (*before == contact) {
        return Ok{};
    }
    Status status = m_repository->update(contact);
    if (!status) {
        return status;
    }
    Result<Contact> after = m_repository->findById(contact.id);
    m_undoStack->push(new EditContactCommand(this, *before, after ? *after : contact));
    Q_EMIT contactsChanged();
    return Ok{};
}

bool ContactController::deleteContacts(const QVector<qint64>& ids)
{
    if (ids.isEmpty()) {
        return true;
    }
    auto snapshots = std::make_shared<QVector<Contact>>();
    return m_runner->run(
        tr("Deleting %Ln contact(s)…", nullptr, static_cast<int>(ids.size())),
        [ids, snapshots](QSqlDatabase db, const ProgressCallback& progress) -> Result<BulkChange> {
            ContactRepository repository(db);
            // The snapshots are what undo puts back, so take them before anything is removed.
            // Both phases report into one progress bar (half each) and both can be cancelled.
            Result<QVector<Contact>> found = repository.findByIds(
                ids, [&progress](qint64 done, qint64 total) { return !progress || progress(done, 2 * total); });
            if (!found) {
                return found.error();
            }
            Result<BulkChange> removed = repository.removeMany(
                ids, [&progress](qint64 done, qint64 total) { return !progress || progress(total + done, 2 * total); });
            if (removed) {
                // Keep what was really deleted, here in the worker: on a million rows this is
                // a hash lookup each, not work for the UI thread.
                QSet<qint64> gone;
                gone.reserve(removed->changedIds.size());
                for (qint64 id : removed->changedIds) {
                    gone.insert(id);
                }
                for (Contact& contact : found.value()) {
                    if (gone.contains(contact.id)) {
                        snapshots->append(std::move(contact));
                    }
                }
            }
            return removed;
        },
        [this, snapshots](const Result<BulkChange>& result) {
            if (!result) {
                reportError(result.error());
                return;
            }
            if (!snapshots->isEmpty()) {
                pushApplied(new DeleteContactsCommand(this, std::move(*snapshots)));
            }
            Q_EMIT contactsChanged();
        });
}

bool ContactController::changeGroup(const QVector<qint64>& ids, GroupKind kind, const QString& name, bool add)
{
    if (ids.isEmpty()) {
        return true;
    }
    const int n = static_cast<int>(ids.size());
    QString label;
    if (kind == GroupKind::Tag) {
        label =
            add ? tr("Tagging %Ln contact(s)…", nullptr, n) : tr("Removing the tag from %Ln contact(s)…", nullptr, n);
    } else {
        label = add ? tr("Adding %Ln contact(s) to the list…", nullptr, n)
                    : tr("Removing %Ln contact(s) from the list…", nullptr, n);
    }
    return m_runner->run(
        label,
        [ids, kind, name, add](QSqlDatabase db, const ProgressCallback& progress) {
            ContactRepository repository(db);
            if (kind == GroupKind::Tag) {
                return add ? repository.addTag(ids, name, progress) : repository.removeTag(ids, name, progress);
            }
            return add ? repository.addToList(ids, name, progress) : repository.removeFromList(ids, name, progress);
        },
        [this, kind, name, add](const Result<BulkChange>& result) {
            if (!result) {
                reportError(result.error());
                return;
            }
            if (!result->changedIds.isEmpty()) {
                pushApplied(
                    new GroupMembershipCommand(this, kind, name, add, result->changedIds, result->createdGroup));
            } else {
                Q_EMIT changeApplied(tr("Nothing to change: the selected contacts were already like that."));
            }
            Q_EMIT contactsChanged();
        });
}

bool ContactController::setStatus(const QVector<qint64>& ids, ContactStatus status)
{
    if (ids.isEmpty()) {
        return true;
    }
    return m_runner->run(
        tr("Changing the status of %Ln contact(s)…", nullptr, static_cast<int>(ids.size())),
        [ids, status](QSqlDatabase db, const ProgressCallback& progress) {
            return ContactRepository(db).setStatus(ids, status, progress);
        },
        [this, status](const Result<BulkChange>& result) {
            if (!result) {
                reportError(result.error());
                return;
            }
            if (!result->previousStatus.isEmpty()) {
                pushApplied(new SetStatusCommand(this, status, result->previousStatus));
            }
            Q_EMIT contactsChanged();
        });
}

void ContactController::pushApplied(QUndoCommand* command)
{
    const QString description = command->text();
    m_undoStack->push(command);
    Q_EMIT changeApplied(description);
}

void ContactController::runStep(
    const QString& label, const std::function<Result<BulkChange>(ContactRepository&, const ProgressCallback&)>& step,
    bool duringUndo)
{
    const bool started = m_runner->run(
        label,
        [step](QSqlDatabase db, const ProgressCallback& progress) {
            ContactRepository repository(db);
            return step(repository, progress);
        },
        [this, duringUndo](const Result<BulkChange>& result) {
            if (!result) {
                stepFailed(result.error(), duringUndo);
                return;
            }
            Q_EMIT contactsChanged();
        });
    if (!started) {
        stepFailed(
            Error{ErrorCode::InvalidInput, tr("Another change is still running; try again when it has finished.")},
            duringUndo);
    }
}

void ContactController::finishStep(const Status& status, bool duringUndo)
{
    if (!status) {
        stepFailed(status.error(), duringUndo);
        return;
    }
    Q_EMIT contactsChanged();
}

void ContactController::stepFailed(const Error& error, bool duringUndo)
{
    // An undo or redo that did not happen must not move the stack: step it back without
    // running the command again. Queued, because the stack may be inside undo() right now.
    QTimer::singleShot(0, this, [this, duringUndo] {
        m_replaying = true;
        if (duringUndo) {
            m_undoStack->redo();
        } else if (m_undoStack->canUndo()) {
            // A failed redo: the stack advanced past a command that was not applied.
            m_undoStack->undo();
        }
        m_replaying = false;
    });
    reportError(error);
}

void ContactController::reportError(const Error& error)
{
    if (error.code == ErrorCode::Cancelled) {
        Q_EMIT cancelled();
    } else {
        Q_EMIT failed(error.message);
    }
}
