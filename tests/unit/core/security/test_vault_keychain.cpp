// The vault against a keychain that answers: a private dbus-daemon and, on a second
// connection in a thread of this process, a stand-in for KWallet speaking the D-Bus calls
// QtKeychain makes. Skipped where dbus-daemon is not installed.
#include "../TestWorkspaces.h"
#include "VaultTestSeam.h"
#include "core/security/Vault.h"
#include "core/storage/Workspace.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

// Just enough of org.kde.KWallet for QtKeychain: one always-open wallet, binary entries.
class FakeKWallet : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.KWallet")

public:
    QByteArray entry(const QString& folder, const QString& key)
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.value(folder + '/' + key);
    }
    void setEntry(const QString& folder, const QString& key, const QByteArray& value)
    {
        QMutexLocker lock(&m_mutex);
        m_entries.insert(folder + '/' + key, value);
    }
    int entryCount()
    {
        QMutexLocker lock(&m_mutex);
        return int(m_entries.size());
    }
    std::atomic<int> stallMs{0};

public Q_SLOTS:
    QString networkWallet() { return "kdewallet"; }
    QString localWallet() { return "kdewallet"; }
    bool isEnabled() { return true; }
    int open(const QString&, qlonglong, const QString&)
    {
        QThread::msleep(stallMs.load());
        return 1;
    }
    int entryType(int, const QString& folder, const QString& key, const QString&)
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.contains(folder + '/' + key) ? 2 : 0; // KWallet: 0 unknown, 2 stream
    }
    bool hasEntry(int, const QString& folder, const QString& key, const QString&)
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.contains(folder + '/' + key);
    }
    QByteArray readEntry(int, const QString& folder, const QString& key, const QString&) { return entry(folder, key); }
    int writeEntry(int, const QString& folder, const QString& key, const QByteArray& value, const QString&)
    {
        setEntry(folder, key, value);
        return 0;
    }
    int removeEntry(int, const QString& folder, const QString& key, const QString&)
    {
        QMutexLocker lock(&m_mutex);
        m_entries.remove(folder + '/' + key);
        return 0;
    }

private:
    QMutex m_mutex;
    QHash<QString, QByteArray> m_entries;
};

class TestVaultKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable("dbus-daemon").isEmpty()) {
            QSKIP("dbus-daemon is not installed");
        }
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        m_bus.start("dbus-daemon", {"--session", "--nofork", "--print-address=1"});
        QVERIFY2(m_bus.waitForStarted(5000), "dbus-daemon did not start");
        QElapsedTimer clock;
        clock.start();
        while (!m_bus.canReadLine() && clock.elapsed() < 5000) {
            m_bus.waitForReadyRead(100);
        }
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY2(!address.isEmpty(), "dbus-daemon printed no address");
        // Before anything touches D-Bus: the session bus is ours, the desktop looks like
        // Plasma, so QtKeychain picks KWallet whatever else this machine has installed.
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
        qputenv("XDG_CURRENT_DESKTOP", "KDE");
        qputenv("KDE_SESSION_VERSION", "5");

        m_walletThread.start();
        m_wallet = new FakeKWallet;
        m_wallet->moveToThread(&m_walletThread);
        QDBusConnection walletBus = QDBusConnection::connectToBus(QString::fromLatin1(address), "fake-kwallet");
        QVERIFY2(walletBus.isConnected(), qPrintable(walletBus.lastError().message()));
        for (const char* path : {"/modules/kwalletd5", "/modules/kwalletd"}) {
            QVERIFY(walletBus.registerObject(path, m_wallet, QDBusConnection::ExportAllSlots));
        }
        QVERIFY(walletBus.registerService("org.kde.kwalletd5"));
        QVERIFY(walletBus.registerService("org.kde.kwalletd"));
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus("fake-kwallet");
        if (m_wallet != nullptr) {
            QMetaObject::invokeMethod(m_wallet, &QObject::deleteLater);
        }
        m_walletThread.quit();
        m_walletThread.wait();
        m_bus.kill();
        m_bus.waitForFinished(5000);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath("vault.mailroom");
        auto ws = Workspace::create(m_path);
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
    }

    void cleanup()
    {
        m_ws.reset();
        m_dir.reset();
    }

    void remembersTheKeySoNoPassphraseIsAsked()
    {
        auto vault = VaultTestSeam::create(db(), "passphrase");
        QVERIFY(vault.ok());
        QVERIFY(vault->put("dkim", "example.com/s1", "private key").ok());
        QCOMPARE(Vault::unlockWithKeychain(db(), 10000).error().code, ErrorCode::VaultLocked); // not stored yet

        const Status stored = vault->storeInKeychain(10000);
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
        const QByteArray dataKey = m_wallet->entry("Mailroom", vault->keychainKey());
        QCOMPARE(dataKey.size(), 32);

        auto unlocked = Vault::unlockWithKeychain(db(), 10000);
        QVERIFY2(unlocked.ok(), qPrintable(unlocked.ok() ? QString() : unlocked.error().message));
        QCOMPARE(unlocked->get("dkim", "example.com/s1").value(), QByteArray("private key"));

        // The key the keychain holds is never in the workspace, nor in its WAL.
        QVERIFY(!fileBytes(m_path).contains(dataKey));
        QVERIFY(!fileBytes(m_path + "-wal").contains(dataKey));

        // A new passphrase leaves the keychain's copy working.
        QVERIFY(VaultTestSeam::changePassphrase(vault.value(), "passphrase", "another").ok());
        QVERIFY(Vault::unlockWithKeychain(db(), 10000).ok());

        // Forgotten on this machine: locked again, the passphrase still opens it.
        QVERIFY(vault->forgetKeychain(10000).ok());
        QVERIFY(m_wallet->entry("Mailroom", vault->keychainKey()).isEmpty());
        auto forgotten = Vault::unlockWithKeychain(db(), 10000);
        QVERIFY(!forgotten.ok());
        QCOMPARE(forgotten.error().code, ErrorCode::VaultLocked);
        QVERIFY2(forgotten.error().message.contains("passphrase"), qPrintable(forgotten.error().message));
        QVERIFY(Vault::unlockWithPassphrase(db(), "another").ok());
    }

    void aKeyThatDoesNotFitIsRefused()
    {
        auto vault = VaultTestSeam::create(db(), "passphrase");
        QVERIFY(vault.ok());
        QVERIFY(vault->put("dkim", "example.com/s1", "private key").ok());
        m_wallet->setEntry("Mailroom", vault->keychainKey(), QByteArray(32, 'k'));
        auto wrongKey = Vault::unlockWithKeychain(db(), 10000);
        QVERIFY(!wrongKey.ok());
        QCOMPARE(wrongKey.error().code, ErrorCode::VaultLocked);
        m_wallet->setEntry("Mailroom", vault->keychainKey(), QByteArray(7, 'k'));
        QCOMPARE(Vault::unlockWithKeychain(db(), 10000).error().code, ErrorCode::VaultLocked);
    }

    void aStuckKeychainTimesOutAndRecovers()
    {
        auto vault = VaultTestSeam::create(db(), "passphrase");
        QVERIFY(vault.ok());
        QVERIFY(vault->storeInKeychain(10000).ok());
        m_wallet->stallMs = 3000;
        QElapsedTimer clock;
        clock.start();
        auto stuck = Vault::unlockWithKeychain(db(), 300);
        QVERIFY(!stuck.ok());
        QCOMPARE(stuck.error().code, ErrorCode::VaultLocked);
        QVERIFY2(clock.elapsed() < 2500, qPrintable(QString("took %1 ms").arg(clock.elapsed())));
        m_wallet->stallMs = 0;
        // The abandoned job finishes on its own later and cleans up after itself; the next one works.
        auto later = Vault::unlockWithKeychain(db(), 10000);
        QVERIFY2(later.ok(), qPrintable(later.ok() ? QString() : later.error().message));
    }

private:
    static QByteArray fileBytes(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QSqlDatabase db() const { return m_ws->database(); }

    QTemporaryDir m_settingsDir;
    QProcess m_bus;
    QThread m_walletThread;
    FakeKWallet* m_wallet = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_ws;
};

QTEST_GUILESS_MAIN(TestVaultKeychain)
#include "test_vault_keychain.moc"
