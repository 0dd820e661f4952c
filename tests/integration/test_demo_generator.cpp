#include "core/contacts/ContactRepository.h"
#include "core/contacts/DemoGenerator.h"
#include "core/contacts/EmailAddress.h"
#include "core/storage/Workspace.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

// The demo generator writes straight to the tables, bypassing ContactRepository: these tests
// check that what it writes is what the repository would have written, and that it is
// realistic, deterministic and all-or-nothing.
class TestDemoGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void addsExactlyTheRequestedNumber();
    void sameSeedGivesIdenticalRowsAndAnotherSeedDoesNot();
    void addressesAreValidUniqueAndSafe();
    void contactsLookRealistic();
    void searchIndexMatchesTheRows();
    void addsToAWorkspaceThatHasContacts();
    void cancellingLeavesTheWorkspaceAsItWas();

private:
    std::unique_ptr<Workspace> open(const QString& name);
    static QStringList dump(QSqlDatabase db);
    static QStringList column(QSqlDatabase db, const QString& sql);

    std::unique_ptr<QTemporaryDir> m_dir;
};

std::unique_ptr<Workspace> TestDemoGenerator::open(const QString& name)
{
    auto workspace = Workspace::create(m_dir->filePath(name));
    if (!workspace) {
        qWarning("%s", qPrintable(workspace.error().message));
        return {};
    }
    return std::move(workspace).value();
}

QStringList TestDemoGenerator::column(QSqlDatabase db, const QString& sql)
{
    QStringList values;
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qWarning("query failed: %s", qPrintable(sql));
        return values;
    }
    while (q.next()) {
        QStringList fields;
        for (int i = 0; i < q.record().count(); ++i) {
            fields.append(q.value(i).toString());
        }
        values.append(fields.join(QLatin1Char('|')));
    }
    return values;
}

QStringList TestDemoGenerator::dump(QSqlDatabase db)
{
    QStringList all;
    for (const char* sql :
         {"SELECT * FROM contacts ORDER BY id", "SELECT * FROM contact_tags ORDER BY 1, 2",
          "SELECT * FROM list_members ORDER BY 1, 2", "SELECT * FROM contact_field_values ORDER BY 1, 2",
          "SELECT name FROM tags ORDER BY name", "SELECT name, created_at FROM lists ORDER BY name",
          "SELECT name, type FROM custom_fields ORDER BY name", "SELECT rowid, * FROM contacts_fts ORDER BY rowid"}) {
        all += column(db, QString::fromLatin1(sql));
    }
    return all;
}

void TestDemoGenerator::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDemoGenerator::addsExactlyTheRequestedNumber()
{
    auto ws = open(QStringLiteral("a.mailroom"));
    QVERIFY(ws);
    auto added = DemoGenerator::generate(ws->database(), 2345, 1);
    QVERIFY(added.ok());
    QCOMPARE(added.value(), 2345);
    QCOMPARE(ContactRepository(ws->database()).count({}).value(), 2345);
}

void TestDemoGenerator::sameSeedGivesIdenticalRowsAndAnotherSeedDoesNot()
{
    auto a = open(QStringLiteral("a.mailroom"));
    auto b = open(QStringLiteral("b.mailroom"));
    auto c = open(QStringLiteral("c.mailroom"));
    QVERIFY(a && b && c);
    QVERIFY(DemoGenerator::generate(a->database(), 3000, 42).ok());
    QVERIFY(DemoGenerator::generate(b->database(), 3000, 42).ok());
    QVERIFY(DemoGenerator::generate(c->database(), 3000, 43).ok());
    const QStringList rowsA = dump(a->database());
    QVERIFY(rowsA.size() > 3000);
    QCOMPARE(dump(b->database()), rowsA);
    QVERIFY(dump(c->database()) != rowsA);
}

void TestDemoGenerator::addressesAreValidUniqueAndSafe()
{
    auto ws = open(QStringLiteral("a.mailroom"));
    QVERIFY(ws);
    QVERIFY(DemoGenerator::generate(ws->database(), 5000, 3).ok());
    QSqlQuery q(ws->database());
    QVERIFY(q.exec(QStringLiteral("SELECT email, email_key FROM contacts")));
    QSet<QString> keys;
    // RFC 2606 / 6761 names only: a demo workspace can never mail a real person.
    static const QRegularExpression reserved(QStringLiteral("(\\.example|@example\\.(com|net|org))$"));
    while (q.next()) {
        const QString email = q.value(0).toString();
        const auto parsed = EmailAddress::parse(email);
        QVERIFY2(parsed.ok(), qPrintable(email));
        QCOMPARE(parsed->normalized(), email);
        QCOMPARE(q.value(1).toString(), parsed->key());
        QVERIFY2(reserved.match(email).hasMatch(), qPrintable(email));
        keys.insert(parsed->key());
    }
    QCOMPARE(keys.size(), 5000);
}

void TestDemoGenerator::contactsLookRealistic()
{
    auto ws = open(QStringLiteral("a.mailroom"));
    QVERIFY(ws);
    QVERIFY(DemoGenerator::generate(ws->database(), 20000, 5).ok());
    QSqlDatabase db = ws->database();
    ContactRepository contacts(db);

    // Names from several cultures, including non-ASCII ones.
    QVERIFY(column(db, QStringLiteral("SELECT DISTINCT country FROM contacts")).size() >= 8);
    for (const QString& name : {QStringLiteral("Müller"), QStringLiteral("José"), QStringLiteral("Zoë")}) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE first_name = ? OR last_name = ?"));
        q.addBindValue(name);
        q.addBindValue(name);
        QVERIFY(q.exec() && q.next());
        QVERIFY2(q.value(0).toInt() > 0, qPrintable(name));
    }

    // Status shares near 93 / 4 / 2 / 1 percent (the seed is fixed, so this is exact, not flaky).
    auto statusShare = [&contacts](ContactStatus status) {
        ContactFilter filter;
        filter.status = status;
        return double(contacts.count(filter).value()) / 20000.0;
    };
    QVERIFY(qAbs(statusShare(ContactStatus::Subscribed) - 0.93) < 0.01);
    QVERIFY(qAbs(statusShare(ContactStatus::Unsubscribed) - 0.04) < 0.01);
    QVERIFY(qAbs(statusShare(ContactStatus::Bounced) - 0.02) < 0.01);
    QVERIFY(qAbs(statusShare(ContactStatus::Complained) - 0.01) < 0.005);

    // 0-3 tags each, several tags and lists in use, about 1% with custom fields.
    const QStringList perContact =
        column(db, QStringLiteral("SELECT max(n) FROM (SELECT count(*) AS n FROM contact_tags GROUP BY contact_id)"));
    QVERIFY(perContact.value(0).toInt() <= 3);
    QVERIFY(column(db, QStringLiteral("SELECT name FROM tags")).size() >= 5);
    QVERIFY(column(db, QStringLiteral("SELECT name FROM lists")).contains(QStringLiteral("Newsletter")));
    const int withFields =
        column(db, QStringLiteral("SELECT count(DISTINCT contact_id) FROM contact_field_values")).value(0).toInt();
    QVERIFY2(withFields > 100 && withFields < 300, qPrintable(QString::number(withFields)));

    // Timestamps are written exactly as QDateTime writes UTC times, consent on the day of sign-up.
    QSqlQuery times(db);
    QVERIFY(times.exec(QStringLiteral("SELECT created_at, updated_at, consent_at FROM contacts")));
    while (times.next()) {
        for (int i = 0; i < 2; ++i) {
            const QString text = times.value(i).toString();
            const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
            QVERIFY2(parsed.isValid() && parsed.timeSpec() == Qt::UTC, qPrintable(text));
            QCOMPARE(parsed.toString(Qt::ISODateWithMs), text);
        }
        QVERIFY(times.value(1).toString() >= times.value(0).toString());
        QCOMPARE(times.value(2).toString(), times.value(0).toString().left(10));
    }

    // Every contact reads back through the repository (timestamps, consent, fields included).
    const Contact first = contacts.findById(1).value();
    QVERIFY(first.createdAt.isValid());
    QVERIFY(first.createdAt <= DemoGenerator::referenceTime());
    QVERIFY(first.createdAt > DemoGenerator::referenceTime().addYears(-3).addDays(-1));
    QVERIFY(first.consentDate.isValid());
    QVERIFY(!first.consentSource.isEmpty());
    QVERIFY(contacts.problems(first).isEmpty());
    const QString withField = column(db, QStringLiteral("SELECT min(contact_id) FROM contact_field_values")).value(0);
    const Contact fielded = contacts.findById(withField.toLongLong()).value();
    QVERIFY(!fielded.fields.isEmpty());
    QVERIFY(contacts.problems(fielded).isEmpty());
}

void TestDemoGenerator::searchIndexMatchesTheRows()
{
    auto ws = open(QStringLiteral("a.mailroom"));
    QVERIFY(ws);
    QVERIFY(DemoGenerator::generate(ws->database(), 4000, 9).ok());
    QSqlDatabase db = ws->database();
    QCOMPARE(column(db, QStringLiteral("SELECT count(*) FROM contacts_fts")).value(0), QStringLiteral("4000"));
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')")));

    ContactRepository contacts(db);
    ContactFilter byTag;
    byTag.search = QStringLiteral("vip");
    ContactFilter tagged;
    tagged.tagId = column(db, QStringLiteral("SELECT id FROM tags WHERE name = 'vip'")).value(0).toLongLong();
    // "vip" appears in no name, company or address, so the search finds exactly the tagged contacts.
    QVERIFY(contacts.count(tagged).value() > 0);
    QCOMPARE(contacts.count(byTag).value(), contacts.count(tagged).value());

    ContactFilter muller;
    muller.search = QStringLiteral("muller");
    const qint64 named =
        column(db, QStringLiteral("SELECT count(*) FROM contacts WHERE last_name = 'Müller'")).value(0).toLongLong();
    QVERIFY(named > 0);
    QVERIFY(contacts.count(muller).value() >= named);
}

void TestDemoGenerator::addsToAWorkspaceThatHasContacts()
{
    auto ws = open(QStringLiteral("a.mailroom"));
    QVERIFY(ws);
    ContactRepository contacts(ws->database());
    Contact mine;
    mine.email = QStringLiteral("owner@shop.example");
    mine.tags = {QStringLiteral("VIP")};
    QVERIFY(contacts.add(mine).ok());
    const QString indexCount = QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index'");
    const QString indexesBefore = column(ws->database(), indexCount).value(0);
    QVERIFY(DemoGenerator::generate(ws->database(), 30000, 1).ok()); // big enough to rebuild the indexes
    QVERIFY(DemoGenerator::generate(ws->database(), 500, 1).ok());   // small: written through the indexes
    QCOMPARE(contacts.count({}).value(), 30501);
    QCOMPARE(contacts.findByEmail(QStringLiteral("owner@shop.example")).value().tags,
             QStringList{QStringLiteral("VIP")});
    // The user's "VIP" tag is reused, not duplicated as "vip".
    QCOMPARE(column(ws->database(), QStringLiteral("SELECT count(*) FROM tags WHERE name = 'vip'")).value(0),
             QStringLiteral("1"));
    // Every index the migrations made is still there.
    QCOMPARE(column(ws->database(), indexCount).value(0), indexesBefore);
    QSqlQuery q(ws->database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
}

void TestDemoGenerator::cancellingLeavesTheWorkspaceAsItWas()
{
    auto ws = open(QStringLiteral("a.mailroom"));
    QVERIFY(ws);
    QVERIFY(DemoGenerator::generate(ws->database(), 100, 1).ok());
    const QStringList before = dump(ws->database());
    const QStringList schema =
        column(ws->database(), QStringLiteral("SELECT name, sql FROM sqlite_master ORDER BY name"));

    for (qint64 stopAt : {qint64(0), qint64(30000), qint64(50000)}) {
        qint64 calls = 0;
        qint64 lastTotal = 0;
        auto result = DemoGenerator::generate(ws->database(), 25000, 2, [&](qint64 done, qint64 total) {
            ++calls;
            lastTotal = total;
            return stopAt != 0 && done < stopAt; // 0: cancel at once; else once `done` reaches stopAt
        });
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QVERIFY(calls > 0);
        QVERIFY(lastTotal > 0);
        QCOMPARE(dump(ws->database()), before);
        QCOMPARE(column(ws->database(), QStringLiteral("SELECT name, sql FROM sqlite_master ORDER BY name")), schema);
    }
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "test_demo_generator.moc"
