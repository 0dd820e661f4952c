#include "models/SidebarLoader.h"

#include "core/contacts/ContactRepository.h"
#include "core/contacts/GroupRepository.h"

SidebarLoader::SidebarLoader(QString workspacePath)
    : m_path(std::move(workspacePath))
{}

// Runs in the loader thread (deleted on QThread::finished), so the connection closes where it was opened.
SidebarLoader::~SidebarLoader() = default;

void SidebarLoader::load(quint64 generation)
{
    if (!m_connection) {
        Result<Connection> connection = Connection::open(m_path, Connection::Mode::ReadOnly);
        if (!connection) {
            Q_EMIT failed(generation, connection.error().message);
            return;
        }
        m_connection.emplace(std::move(connection).value());
    }
    const QSqlDatabase db = m_connection->database();
    ContactRepository contacts(db);
    GroupRepository lists(db, GroupKind::List);
    GroupRepository tags(db, GroupKind::Tag);

    SidebarCounts counts;
    const Result<QHash<ContactStatus, qint64>> statuses = contacts.statusCounts();
    if (!statuses) {
        Q_EMIT failed(generation, statuses.error().message);
        return;
    }
    counts.statuses = statuses.value();
    // Every contact has exactly one status, so the total needs no second scan.
    for (const qint64 n : std::as_const(counts.statuses)) {
        counts.total += n;
    }
    const Result<QVector<Group>> allLists = lists.all();
    if (!allLists) {
        Q_EMIT failed(generation, allLists.error().message);
        return;
    }
    counts.lists = allLists.value();
    const Result<QVector<Group>> allTags = tags.all();
    if (!allTags) {
        Q_EMIT failed(generation, allTags.error().message);
        return;
    }
    counts.tags = allTags.value();
    Q_EMIT loaded(generation, counts);
}
