#pragma once

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>

// One named QSqlDatabase connection for the calling thread, closed and removed on
// destruction. Every thread that touches a workspace owns one of these: Qt SQL
// connections must not cross threads. Pragmas (WAL, foreign keys, busy timeout)
// are set here so every connection behaves the same.
class Connection
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    static Result<Connection> open(const QString& path, Mode mode = Mode::ReadWrite);

    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    QSqlDatabase database() const;
    QString name() const { return m_name; }

private:
    explicit Connection(QString name);
    void close();

    QString m_name;
};
