#include "core/storage/Workspace.h"
#include "ui/Dialogs.h"
#include "ui/VaultSession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

// The window's vault: asked for once per session, created with a confirmed passphrase, a wrong
// passphrase said and asked again, Cancel leaves it locked, a new workspace locks it.
class TestVaultSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;

private Q_SLOTS:
    void init()
    {
        // No keychain: the passphrase is what opens the vault.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath(QStringLiteral("t.mailroom")));
        QVERIFY(ws);
        m_ws = std::move(ws).value();
        Dialogs::clearPendingAnswers();
        Dialogs::clearLastWarning();
        Dialogs::setWarningsSilent(true);
    }

    void cleanup()
    {
        Dialogs::setWarningsSilent(false);
        Dialogs::clearPendingAnswers();
        m_ws.reset();
        m_dir.reset();
    }

    void createsWithAConfirmedPassphraseThenAsksNoMore()
    {
        QWidget parent;
        VaultSession session;
        session.setWorkspace(m_ws->database(), m_ws->path());
        QSignalSpy changed(&session, &VaultSession::unlockedChanged);
        // A mistyped confirmation is said and both are asked again.
        for (const char* answer : {"s3cret", "s3cert", "s3cret", "s3cret"}) {
            Dialogs::setNextText(QString::fromLatin1(answer));
        }
        const Vault* vault = session.unlock(&parent);
        QVERIFY(vault != nullptr);
        QVERIFY(Dialogs::lastWarning().contains(QStringLiteral("differ")));
        QVERIFY(!Dialogs::hasPendingAnswers());
        QCOMPARE(changed.count(), 1);
        QVERIFY(vault->put(QStringLiteral("test"), QStringLiteral("x"), "secret value"));
        // Asked once per session: no question the second time.
        QCOMPARE(session.unlock(&parent), vault);

        // Locked again, a wrong passphrase is said and asked again; Cancel gives up.
        session.lock();
        Dialogs::clearLastWarning();
        Dialogs::setNextText(QStringLiteral("wrong"));
        Dialogs::setNextText(std::nullopt);
        QVERIFY(session.unlock(&parent) == nullptr);
        QVERIFY(!session.isUnlocked());
        QVERIFY(!Dialogs::lastWarning().isEmpty());

        Dialogs::setNextText(QStringLiteral("s3cret"));
        const Vault* again = session.unlock(&parent);
        QVERIFY(again != nullptr);
        QCOMPARE(again->get(QStringLiteral("test"), QStringLiteral("x")).value(), QByteArray("secret value"));

        // Another workspace: locked.
        session.setWorkspace(m_ws->database(), m_ws->path());
        QVERIFY(!session.isUnlocked());
    }

    void anEmptyPassphraseIsRefused()
    {
        QWidget parent;
        VaultSession session;
        session.setWorkspace(m_ws->database(), m_ws->path());
        Dialogs::setNextText(QString());
        Dialogs::setNextText(std::nullopt);
        QVERIFY(session.unlock(&parent) == nullptr);
        QVERIFY(Dialogs::lastWarning().contains(QStringLiteral("empty")));
        QVERIFY(!Vault::isInitialised(m_ws->database()));
    }
};

QTEST_MAIN(TestVaultSession)
#include "test_vault_session.moc"
