#include "../TestWorkspaces.h"
#include "VaultTestSeam.h"
#include "core/security/Vault.h"
#include "core/storage/Workspace.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Distinctive, so finding it anywhere on disk cannot be a coincidence.
const QByteArray Marker = "MARKER-dkim-private-key-7f3a9c2e-do-not-leak";
const QString Passphrase = QStringLiteral("correct horse battery staple");

QStringList* g_messages = nullptr;

void captureMessage(QtMsgType, const QMessageLogContext&, const QString& message)
{
    if (g_messages != nullptr) {
        g_messages->append(message);
    }
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString info(const QSqlDatabase& db, const QString& key)
{
    QSqlQuery q(db);
    q.prepare("SELECT value FROM workspace_info WHERE key = ?");
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

QByteArray ciphertext(const QSqlDatabase& db, const QString& kind, const QString& name)
{
    QSqlQuery q(db);
    q.prepare("SELECT ciphertext FROM secrets WHERE kind = ? AND name = ?");
    q.addBindValue(kind);
    q.addBindValue(name);
    return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
}

bool setCiphertext(const QSqlDatabase& db, const QString& kind, const QString& name, const QByteArray& bytes)
{
    QSqlQuery q(db);
    q.prepare("UPDATE secrets SET ciphertext = ? WHERE kind = ? AND name = ?");
    q.addBindValue(bytes);
    q.addBindValue(kind);
    q.addBindValue(name);
    return q.exec() && q.numRowsAffected() == 1;
}

// Every vault-related row, as text: equal snapshots mean nothing was written.
QString snapshot(const QSqlDatabase& db)
{
    QString out;
    QSqlQuery q(db);
    q.exec("SELECT key, value FROM workspace_info ORDER BY key");
    while (q.next()) {
        out += q.value(0).toString() + '=' + q.value(1).toString() + '\n';
    }
    q.exec("SELECT id, kind, name, hex(ciphertext), created_at, updated_at FROM secrets ORDER BY id");
    while (q.next()) {
        for (int i = 0; i < 6; ++i) {
            out += q.value(i).toString() + ' ';
        }
        out += '\n';
    }
    return out;
}

// The forms a leaked string would take in a file: UTF-8/Latin-1, UTF-16 (QSettings, Qt
// serialisations), base64 and hex (a careless "encoding").
QList<QByteArray> leakForms(const QByteArray& secret)
{
    const QString text = QString::fromUtf8(secret);
    return {secret, QByteArray(reinterpret_cast<const char*>(text.utf16()), text.size() * 2), secret.toBase64(),
            secret.toHex(), secret.toHex().toUpper()};
}

} // namespace

class TestVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // No keychain daemon here, and make sure of it: D-Bus cannot be reached.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/mailroom-test-bus");
        QVERIFY(m_settingsDir.isValid());
        // Every QSettings file this process writes lands in m_settingsDir, to be scanned.
        for (auto format : {QSettings::NativeFormat, QSettings::IniFormat}) {
            QSettings::setPath(format, QSettings::UserScope, m_settingsDir.path());
            QSettings::setPath(format, QSettings::SystemScope, m_settingsDir.path());
        }
        QCoreApplication::setOrganizationName("Mailroom");
        QCoreApplication::setApplicationName("test_vault");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath("vault.mailroom");
        auto ws = Workspace::create(m_path);
        QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
        m_ws = std::move(ws).value();
    }

    void cleanup()
    {
        m_ws.reset();
        m_dir.reset();
    }

    void selfTestPasses()
    {
        const Status result = Vault::selfTest();
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    }

    void roundTripWithRecommendedCosts()
    {
        QVERIFY(!Vault::isInitialised(db()));
        {
            auto vault = Vault::create(db(), Passphrase);
            QVERIFY2(vault.ok(), qPrintable(vault.ok() ? QString() : vault.error().message));
            QVERIFY(vault->put("dkim", "example.com/s1", Marker).ok());
        }
        QVERIFY(Vault::isInitialised(db()));
        // RFC 9106's second recommended option, stored so it can be raised later.
        QCOMPARE(info(db(), "vault.kdf"), QString("argon2id"));
        QCOMPARE(info(db(), "vault.kdf.memory_kib"), QString("65536"));
        QCOMPARE(info(db(), "vault.kdf.iterations"), QString("3"));
        QCOMPARE(info(db(), "vault.kdf.parallelism"), QString("4"));
        QCOMPARE(QByteArray::fromBase64(info(db(), "vault.kdf.salt").toLatin1()).size(), 16);

        // Closed and opened again: only the passphrase opens it.
        m_ws.reset();
        auto ws = Workspace::open(m_path);
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
        auto vault = Vault::unlockWithPassphrase(db(), Passphrase);
        QVERIFY2(vault.ok(), qPrintable(vault.ok() ? QString() : vault.error().message));
        auto secret = vault->get("dkim", "example.com/s1");
        QVERIFY(secret.ok());
        QCOMPARE(secret.value(), Marker);
    }

    void putGetReplaceAndRemove()
    {
        auto vault = VaultTestSeam::create(db(), Passphrase);
        QVERIFY(vault.ok());
        auto id = vault->put("smtp-password", "mail.example.com", "first");
        QVERIFY(id.ok());
        QCOMPARE(vault->get(id.value()).value(), QByteArray("first"));
        const QByteArray firstCiphertext = ciphertext(db(), "smtp-password", "mail.example.com");

        auto again = vault->put("smtp-password", "mail.example.com", "second");
        QVERIFY(again.ok());
        QCOMPARE(again.value(), id.value()); // replaced in place: whatever refers to the id still does
        QCOMPARE(vault->get("smtp-password", "mail.example.com").value(), QByteArray("second"));

        // A fresh nonce per write: the same plaintext never gives the same bytes.
        QVERIFY(vault->put("smtp-password", "mail.example.com", "first").ok());
        const QByteArray sameAgain = ciphertext(db(), "smtp-password", "mail.example.com");
        QVERIFY(sameAgain != firstCiphertext);
        QVERIFY(sameAgain.mid(1, 12) != firstCiphertext.mid(1, 12));

        // Binary secrets and the empty secret survive.
        const QByteArray binary("\x00\x01\xff\r\n\x00", 6);
        QVERIFY(vault->put("dkim", "binary", binary).ok());
        QCOMPARE(vault->get("dkim", "binary").value(), binary);
        QVERIFY(vault->put("dkim", "empty", QByteArray()).ok());
        QCOMPARE(vault->get("dkim", "empty").value(), QByteArray());

        QVERIFY(vault->remove("smtp-password", "mail.example.com").ok());
        auto gone = vault->get("smtp-password", "mail.example.com");
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        QVERIFY(gone.error().message.contains("mail.example.com"));
        QCOMPARE(vault->get(id.value()).error().code, ErrorCode::NotFound);
        const Status removedTwice = vault->remove("smtp-password", "mail.example.com");
        QVERIFY(!removedTwice.ok());
        QCOMPARE(removedTwice.error().code, ErrorCode::NotFound);

        QCOMPARE(vault->put("", "x", "y").error().code, ErrorCode::InvalidInput);
        QCOMPARE(vault->put("dkim", "", "y").error().code, ErrorCode::InvalidInput);
        QCOMPARE(vault->put("dkim", QString("a") + QChar(0) + "b", "y").error().code, ErrorCode::InvalidInput);
    }

    void wrongPassphraseChangesNothing()
    {
        {
            auto vault = VaultTestSeam::create(db(), Passphrase);
            QVERIFY(vault.ok());
            QVERIFY(vault->put("dkim", "example.com/s1", Marker).ok());
        }
        const QString rowsBefore = snapshot(db());
        const QByteArray fileBefore = fileDigest(m_path);
        const QByteArray walBefore = fileDigest(m_path + "-wal");

        auto wrong = Vault::unlockWithPassphrase(db(), "correct horse battery stapler");
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, ErrorCode::WrongPassphrase);
        QVERIFY2(wrong.error().message.contains("passphrase"), qPrintable(wrong.error().message));
        QCOMPARE(Vault::unlockWithPassphrase(db(), QString()).error().code, ErrorCode::WrongPassphrase);

        QCOMPARE(snapshot(db()), rowsBefore);
        QCOMPARE(fileDigest(m_path), fileBefore);
        QCOMPARE(fileDigest(m_path + "-wal"), walBefore);
        QVERIFY(Vault::unlockWithPassphrase(db(), Passphrase).ok());
    }

    void anyFlippedByteIsATamperErrorNamingTheSecret()
    {
        auto vault = VaultTestSeam::create(db(), Passphrase);
        QVERIFY(vault.ok());
        auto id = vault->put("smtp-password", "mail.example.com", Marker);
        QVERIFY(id.ok());
        const QByteArray original = ciphertext(db(), "smtp-password", "mail.example.com");
        QCOMPARE(original.size(), 1 + 12 + Marker.size() + 16); // format, nonce, ciphertext, tag

        // Every byte: the format, the nonce, the ciphertext and the tag.
        for (int i = 0; i < original.size(); ++i) {
            QByteArray tampered = original;
            tampered[i] = char(tampered[i] ^ 0x01);
            QVERIFY(setCiphertext(db(), "smtp-password", "mail.example.com", tampered));
            auto byName = vault->get("smtp-password", "mail.example.com");
            QVERIFY2(!byName.ok(), qPrintable(QString("byte %1 flipped went unnoticed").arg(i)));
            QCOMPARE(byName.error().code, ErrorCode::CryptoError);
            QVERIFY2(byName.error().message.contains("'mail.example.com'"), qPrintable(byName.error().message));
            QVERIFY2(byName.error().message.contains(i == 0 ? "damaged" : "tampered"),
                     qPrintable(byName.error().message));
            auto byId = vault->get(id.value());
            QVERIFY(!byId.ok());
            QCOMPARE(byId.error().code, ErrorCode::CryptoError);
        }
        // Cut short, or emptied.
        QVERIFY(setCiphertext(db(), "smtp-password", "mail.example.com", original.left(original.size() - 1)));
        QCOMPARE(vault->get(id.value()).error().code, ErrorCode::CryptoError);
        QVERIFY(setCiphertext(db(), "smtp-password", "mail.example.com", QByteArray("")));
        QCOMPARE(vault->get(id.value()).error().code, ErrorCode::CryptoError);

        QVERIFY(setCiphertext(db(), "smtp-password", "mail.example.com", original));
        QCOMPARE(vault->get(id.value()).value(), Marker);
    }

    void ciphertextMovedToAnotherRowDoesNotDecrypt()
    {
        auto vault = VaultTestSeam::create(db(), Passphrase);
        QVERIFY(vault.ok());
        QVERIFY(vault->put("smtp-password", "a.example.com", "password of a").ok());
        QVERIFY(vault->put("smtp-password", "b.example.com", "password of b").ok());
        QVERIFY(vault->put("dkim", "a.example.com", "key of a").ok());

        // Copied onto another name, and onto the same name of another kind.
        QVERIFY(
            setCiphertext(db(), "smtp-password", "b.example.com", ciphertext(db(), "smtp-password", "a.example.com")));
        QVERIFY(setCiphertext(db(), "dkim", "a.example.com", ciphertext(db(), "smtp-password", "a.example.com")));
        auto b = vault->get("smtp-password", "b.example.com");
        QVERIFY(!b.ok());
        QCOMPARE(b.error().code, ErrorCode::CryptoError);
        QVERIFY2(b.error().message.contains("b.example.com"), qPrintable(b.error().message));
        QCOMPARE(vault->get("dkim", "a.example.com").error().code, ErrorCode::CryptoError);
        QCOMPARE(vault->get("smtp-password", "a.example.com").value(), QByteArray("password of a"));

        // A row renamed in place is a moved record too.
        QSqlQuery q(db());
        QVERIFY(q.exec("UPDATE secrets SET name = 'c.example.com' WHERE name = 'a.example.com' AND kind = "
                       "'smtp-password'"));
        QCOMPARE(vault->get("smtp-password", "c.example.com").error().code, ErrorCode::CryptoError);
    }

    void secretsNeverReachTheDiskSettingsOrLogs()
    {
        QStringList messages;
        g_messages = &messages;
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        const QByteArray passphrase = "MARKER-passphrase-51b0e6d4";
        {
            auto vault = VaultTestSeam::create(db(), QString::fromUtf8(passphrase));
            QVERIFY(vault.ok());
            for (int i = 0; i < 20; ++i) {
                QVERIFY(vault->put("dkim", QString("example%1.com/s1").arg(i), Marker + QByteArray::number(i)).ok());
            }
            QCOMPARE(vault->get("dkim", "example7.com/s1").value(), Marker + "7");
            // The application writes its settings; the keychain path is tried and fails.
            QSettings settings;
            settings.setValue("workspace/lastPath", m_path);
            settings.sync();
            QCOMPARE(vault->storeInKeychain(5000).error().code, ErrorCode::VaultLocked);
            QCOMPARE(Vault::unlockWithKeychain(db(), 5000).error().code, ErrorCode::VaultLocked);
            QCOMPARE(Vault::unlockWithPassphrase(db(), "wrong").error().code, ErrorCode::WrongPassphrase);
            QVERIFY(QFileInfo(m_path + "-wal").size() > 0); // the WAL is scanned while it holds the writes

            QStringList files = {m_path, m_path + "-wal", m_path + "-shm"};
            QDirIterator it(m_settingsDir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                files << it.next();
            }
            QVERIFY2(files.size() > 3, "the test must have written a QSettings file to scan");
            for (const QString& file : files) {
                const QByteArray bytes = fileBytes(file);
                for (const QByteArray& secret : {Marker, passphrase}) {
                    for (const QByteArray& form : leakForms(secret)) {
                        QVERIFY2(!bytes.contains(form), qPrintable(file + " holds a secret in plaintext"));
                    }
                }
            }
        }
        qInstallMessageHandler(previous);
        g_messages = nullptr;
        for (const QString& message : messages) {
            QVERIFY2(!message.contains(QString::fromUtf8(Marker)) && !message.contains(QString::fromUtf8(passphrase)),
                     qPrintable(message));
        }
        // The markers are where they should be: encrypted in the file and readable with the key.
        QCOMPARE(
            Vault::unlockWithPassphrase(db(), QString::fromUtf8(passphrase))->get("dkim", "example3.com/s1").value(),
            Marker + "3");
    }

    void changePassphraseKeepsSecretsAndRetiresTheOldOne()
    {
        auto vault = VaultTestSeam::create(db(), Passphrase);
        QVERIFY(vault.ok());
        QVERIFY(vault->put("dkim", "example.com/s1", Marker).ok());
        const QByteArray oldWrapped = info(db(), "vault.wrapped_key").toLatin1();

        const QString rowsBefore = snapshot(db());
        const Status refused = vault->changePassphrase("not the passphrase", "new passphrase");
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::WrongPassphrase);
        QCOMPARE(snapshot(db()), rowsBefore);
        QCOMPARE(vault->changePassphrase(Passphrase, QString()).error().code, ErrorCode::InvalidInput);
        QCOMPARE(snapshot(db()), rowsBefore);

        // The public call re-derives with today's costs: a cheap (older) vault gets stronger.
        const Status changed = vault->changePassphrase(Passphrase, "new passphrase");
        QVERIFY2(changed.ok(), qPrintable(changed.ok() ? QString() : changed.error().message));
        QCOMPARE(info(db(), "vault.kdf.memory_kib"), QString("65536"));
        QCOMPARE(vault->get("dkim", "example.com/s1").value(), Marker);

        QCOMPARE(Vault::unlockWithPassphrase(db(), Passphrase).error().code, ErrorCode::WrongPassphrase);
        auto reopened = Vault::unlockWithPassphrase(db(), "new passphrase");
        QVERIFY(reopened.ok());
        QCOMPARE(reopened->get("dkim", "example.com/s1").value(), Marker);

        // The old wrapping (which the old passphrase opens) is gone from the file and the WAL.
        QVERIFY(!fileBytes(m_path).contains(oldWrapped));
        QVERIFY(!fileBytes(m_path + "-wal").contains(oldWrapped));
    }

    void passphraseMatchesWhateverUnicodeNormalisationItWasTypedIn()
    {
        const QString composed = QString::fromUtf8("caf\xc3\xa9 cr\xc3\xa8me");     // é, è as one code point
        const QString decomposed = QString::fromUtf8("cafe\xcc\x81 cre\xcc\x80me"); // e + combining accent
        QVERIFY(composed != decomposed);
        QVERIFY(VaultTestSeam::create(db(), decomposed).ok());
        QVERIFY(Vault::unlockWithPassphrase(db(), composed).ok());
    }

    void keychainWithoutDbusIsLockedNotHung()
    {
        auto vault = VaultTestSeam::create(db(), Passphrase);
        QVERIFY(vault.ok());
        QElapsedTimer clock;
        clock.start();
        auto unlocked = Vault::unlockWithKeychain(db(), 20000);
        QVERIFY(!unlocked.ok());
        QCOMPARE(unlocked.error().code, ErrorCode::VaultLocked);
        QVERIFY2(!unlocked.error().message.isEmpty(), "the user is told why");
        const Status stored = vault->storeInKeychain(20000);
        QVERIFY(!stored.ok());
        QCOMPARE(stored.error().code, ErrorCode::VaultLocked);
        // Failing, not waiting out the timeout.
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString("took %1 ms").arg(clock.elapsed())));
        QVERIFY(vault->keychainKey().startsWith("vault-"));
        QCOMPARE(vault->keychainKey(), QString("vault-") + info(db(), "vault.id"));
    }

    void noVaultYetAndOnlyOneVault()
    {
        QCOMPARE(Vault::unlockWithPassphrase(db(), Passphrase).error().code, ErrorCode::NotFound);
        QCOMPARE(Vault::unlockWithKeychain(db(), 5000).error().code, ErrorCode::NotFound);
        QCOMPARE(VaultTestSeam::create(db(), QString()).error().code, ErrorCode::InvalidInput);
        QVERIFY(!Vault::isInitialised(db()));
        QVERIFY(VaultTestSeam::create(db(), Passphrase).ok());
        const QString rowsBefore = snapshot(db());
        auto second = VaultTestSeam::create(db(), "another");
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::Duplicate);
        QCOMPARE(snapshot(db()), rowsBefore);
    }

    void openOnAnotherConnectionOfTheSameWorkspaceOnly()
    {
        auto vault = VaultTestSeam::create(db(), Passphrase);
        QVERIFY(vault.ok());
        QVERIFY(vault->put("dkim", "example.com/s1", Marker).ok());
        auto connection = m_ws->openConnection();
        QVERIFY(connection.ok());
        auto there = vault->openOn(connection->database());
        QVERIFY(there.ok());
        QCOMPARE(there->get("dkim", "example.com/s1").value(), Marker);

        auto other = Workspace::create(m_dir->filePath("other.mailroom"));
        QVERIFY(other.ok());
        QVERIFY(VaultTestSeam::create(other.value()->database(), Passphrase).ok());
        auto elsewhere = vault->openOn(other.value()->database());
        QVERIFY(!elsewhere.ok());
        QCOMPARE(elsewhere.error().code, ErrorCode::InvalidInput);
    }

    void secretInUseByADkimKeyIsNotRemoved()
    {
        auto vault = VaultTestSeam::create(db(), Passphrase);
        QVERIFY(vault.ok());
        auto id = vault->put("dkim", "example.com/s1", Marker);
        QVERIFY(id.ok());
        QSqlQuery q(db());
        q.prepare("INSERT INTO dkim_keys (domain, selector, algorithm, public_key, secret_id, created_at)"
                  " VALUES ('example.com', 's1', 'ed25519-sha256', 'pk', ?, '2026-01-01')");
        q.addBindValue(id.value());
        QVERIFY(q.exec());
        const Status removed = vault->remove("dkim", "example.com/s1");
        QVERIFY(!removed.ok());
        QCOMPARE(removed.error().code, ErrorCode::InvalidInput);
        QVERIFY2(removed.error().message.contains("example.com/s1"), qPrintable(removed.error().message));
        QCOMPARE(vault->get(id.value()).value(), Marker);
    }

    void damagedOrHostileSettingsAreRefusedByName_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        const auto row = [](const char* name, const char* key, const char* value) {
            QTest::newRow(name) << QString(key) << QString(value);
        };
        row("terabytes of memory", "vault.kdf.memory_kib", "4294967295");
        row("just over 2 GiB", "vault.kdf.memory_kib", "2097153");
        row("below 8 KiB a lane", "vault.kdf.memory_kib", "7");
        row("years of passes", "vault.kdf.iterations", "1000000000");
        row("no passes", "vault.kdf.iterations", "0");
        row("not a number", "vault.kdf.parallelism", "four");
        row("short salt", "vault.kdf.salt", "AAAA");
        row("not base64", "vault.wrapped_key", "%%%");
        row("unknown kdf", "vault.kdf", "pbkdf2");
        row("bad id", "vault.id", "../../etc");
        row("missing format", "vault.format", "");
    }

    void damagedOrHostileSettingsAreRefusedByName()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QVERIFY(VaultTestSeam::create(db(), Passphrase).ok());
        QSqlQuery q(db());
        q.prepare("UPDATE workspace_info SET value = ? WHERE key = ?");
        q.addBindValue(value);
        q.addBindValue(key);
        QVERIFY(q.exec() && q.numRowsAffected() == 1);
        auto vault = Vault::unlockWithPassphrase(db(), Passphrase);
        QVERIFY(!vault.ok());
        QCOMPARE(vault.error().code, ErrorCode::CryptoError);
        QVERIFY2(vault.error().message.contains(key), qPrintable(vault.error().message));
    }

    void newerFormatIsNotGuessedAt()
    {
        QVERIFY(VaultTestSeam::create(db(), Passphrase).ok());
        QSqlQuery q(db());
        QVERIFY(q.exec("UPDATE workspace_info SET value = '2' WHERE key = 'vault.format'"));
        QCOMPARE(Vault::unlockWithPassphrase(db(), Passphrase).error().code, ErrorCode::WorkspaceTooNew);
    }

private:
    QSqlDatabase db() const { return m_ws->database(); }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_ws;
};

QTEST_GUILESS_MAIN(TestVault)
#include "test_vault.moc"
