#pragma once

#include "core/security/Vault.h"

#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

class QWidget;

// The workspace's vault for this window session: locked until something needs a secret
// (a DKIM key, the unsubscribe key for a preview), then opened once, from the keychain when
// it holds the key, else by asking for the passphrase (or for a new one when the workspace
// has no vault yet). Argon2id runs on a worker thread behind a busy dialog: the window never
// freezes. Locked again when the workspace changes.
class VaultSession : public QObject
{
    Q_OBJECT

public:
    explicit VaultSession(QObject* parent = nullptr);
    ~VaultSession() override;

    // The UI thread's connection to the open workspace, and its file.
    void setWorkspace(QSqlDatabase db, const QString& path);
    void lock();
    bool isUnlocked() const { return m_vault.has_value(); }

    // The vault on the UI thread's connection, unlocked on first use; nullptr when the person
    // cancels (a wrong passphrase is said and asked again).
    const Vault* unlock(QWidget* parent);

Q_SIGNALS:
    void unlockedChanged(bool unlocked);

private:
    QSqlDatabase m_db;
    QString m_path;
    std::optional<Vault> m_vault;
};
