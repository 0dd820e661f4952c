#include "ui/VaultSession.h"

#include "core/storage/Connection.h"
#include "ui/Dialogs.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QTimer>

#include <future>
#include <thread>

namespace {

// Runs the Argon2id derivation on its own thread and connection, keeping the window painted,
// and returns the vault reopened on `here` (the UI thread's connection). The worker's vault and
// connection are released on the worker, after the hand-over.
Result<Vault> derive(QWidget* parent, const QString& path, const QString& passphrase, bool create, QSqlDatabase here)
{
    std::optional<Result<Vault>> derived;
    std::promise<void> handedOver;
    QEventLoop loop;
    std::thread worker([&, released = handedOver.get_future()] {
        auto connection = Connection::open(path);
        if (connection) {
            derived.emplace(create ? Vault::create(connection->database(), passphrase)
                                   : Vault::unlockWithPassphrase(connection->database(), passphrase));
        } else {
            derived.emplace(connection.error());
        }
        QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
        released.wait();
        derived.reset(); // before the connection it holds goes
    });
    QProgressDialog busy(VaultSession::tr("Opening the vault…"), QString(), 0, 0, parent);
    busy.setWindowModality(Qt::WindowModal);
    busy.setMinimumDuration(300);
    loop.exec();
    Result<Vault> result = *derived ? derived->value().openOn(std::move(here)) : Result<Vault>(derived->error());
    handedOver.set_value();
    worker.join();
    return result;
}

} // namespace

VaultSession::VaultSession(QObject* parent)
    : QObject(parent)
{}

VaultSession::~VaultSession() = default;

void VaultSession::setWorkspace(QSqlDatabase db, const QString& path)
{
    lock();
    m_db = std::move(db);
    m_path = path;
}

void VaultSession::lock()
{
    if (m_vault) {
        m_vault.reset();
        Q_EMIT unlockedChanged(false);
    }
}

const Vault* VaultSession::unlock(QWidget* parent)
{
    if (m_vault) {
        return &*m_vault;
    }
    if (!m_db.isOpen()) {
        return nullptr;
    }
    const bool exists = Vault::isInitialised(m_db);
    if (exists) {
        if (auto fromKeychain = Vault::unlockWithKeychain(m_db)) {
            m_vault.emplace(std::move(fromKeychain).value());
            Q_EMIT unlockedChanged(true);
            return &*m_vault;
        }
    }
    for (;;) {
        const auto passphrase =
            exists ? Dialogs::getPassword(parent, tr("Unlock the Vault"),
                                          tr("The passphrase of this workspace's vault (it keeps your DKIM keys and "
                                             "passwords):"))
                   : Dialogs::getPassword(parent, tr("Create the Vault"),
                                          tr("Choose a passphrase for this workspace's vault. It encrypts your DKIM "
                                             "keys and passwords; without it they cannot be read, so keep it safe:"));
        if (!passphrase) {
            return nullptr;
        }
        if (passphrase->isEmpty()) {
            Dialogs::warning(parent, tr("Vault"), tr("The passphrase cannot be empty."));
            continue;
        }
        if (!exists) {
            const auto again = Dialogs::getPassword(parent, tr("Create the Vault"), tr("Type the passphrase again:"));
            if (!again) {
                return nullptr;
            }
            if (*again != *passphrase) {
                Dialogs::warning(parent, tr("Vault"), tr("The two passphrases differ; please try again."));
                continue;
            }
        }
        auto vault = derive(parent, m_path, *passphrase, !exists, m_db);
        if (!vault) {
            Dialogs::warning(parent, tr("Vault"), vault.error().message);
            if (vault.error().code == ErrorCode::WrongPassphrase) {
                continue;
            }
            return nullptr;
        }
        m_vault.emplace(std::move(vault).value());
        // Remember it on this machine when a keychain is there; silently not, when none is.
        (void)m_vault->storeInKeychain();
        Q_EMIT unlockedChanged(true);
        return &*m_vault;
    }
}
