#pragma once

#include "core/contacts/Contact.h"
#include "core/contacts/Group.h"
#include "core/storage/Connection.h"

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QVector>

#include <optional>

// Everything the sidebar shows, counted in one pass.
struct SidebarCounts
{
    qint64 total = 0;
    QHash<ContactStatus, qint64> statuses;
    QVector<Group> lists; // sorted by name, with member counts
    QVector<Group> tags;
};

Q_DECLARE_METATYPE(SidebarCounts)

// Counts the sidebar's groups in its own thread with its own connection: on a million
// contacts the counts take longer than a frame, so they never run on the UI thread.
class SidebarLoader : public QObject
{
    Q_OBJECT

public:
    explicit SidebarLoader(QString workspacePath);
    ~SidebarLoader() override;

    // Runs in the loader's thread.
    void load(quint64 generation);

Q_SIGNALS:
    void loaded(quint64 generation, const SidebarCounts& counts);
    void failed(quint64 generation, const QString& message);

private:
    QString m_path;
    std::optional<Connection> m_connection;
};
