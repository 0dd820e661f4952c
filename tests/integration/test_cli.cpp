#include "core/contacts/ContactRepository.h"
#include "core/storage/Workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString errText() const { return QString::fromUtf8(err); }
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};

QByteArray digest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

// Runs the real mailroom-cli as a script would and checks what a script relies on:
// exit statuses, one-line errors, JSON output and an unchanged workspace after a refusal.
class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void initCreatesAWorkspaceAndRefusesToOverwrite();
    void addShowEditDeleteRoundTrip();
    void editRenamesAndRemovesMemberships();
    void badEmailIsRefusedWithOneLineAndNothingChanges();
    void duplicateInAnotherCaseNamesTheExistingContact();
    void unknownFieldIsRefused();
    void fieldValuesAreValidatedAndShown();
    void missingWorkspaceIsRefusedAndNotCreated();
    void workspaceComesFromTheEnvironment();
    void badUsageExitsWithTwo_data();
    void badUsageExitsWithTwo();
    void tagsAndListsShowMemberCounts();
    void searchMatchesPrefixesAndHonoursLimit();
    void countFilters();
    void countWithUnknownTagOrListNamesIt();
    void demoAddsExactlyAndIsDeterministicPerSeed();
    void lockedWorkspaceIsRefused();
    void newerWorkspaceIsRefusedAndUntouched();
    void textOutputIsReadable();

private:
    Run cli(const QStringList& args, const QString& environmentWorkspace = {});
    Run ws(const QStringList& args) { return cli(QStringList{QStringLiteral("--workspace"), m_path} + args); }
    qint64 count(const QStringList& filter = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

Run TestCli::cli(const QStringList& args, const QString& environmentWorkspace)
{
    QProcess process;
    // The developer's own MAILROOM_WORKSPACE must never reach the binary under test.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("MAILROOM_WORKSPACE"));
    if (!environmentWorkspace.isEmpty()) {
        environment.insert(QStringLiteral("MAILROOM_WORKSPACE"), environmentWorkspace);
    }
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MAILROOM_CLI_PATH), args);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        qWarning("mailroom-cli did not finish: %s", qPrintable(args.join(QLatin1Char(' '))));
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

qint64 TestCli::count(const QStringList& filter)
{
    const Run run =
        ws(QStringList{QStringLiteral("--json"), QStringLiteral("contacts"), QStringLiteral("count")} + filter);
    if (run.exitCode != 0) {
        qWarning("count failed: %s", run.err.constData());
        return -1;
    }
    return run.json().object().value(QStringLiteral("count")).toInteger(-1);
}

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("shop.mailroom"));
}

void TestCli::initCreatesAWorkspaceAndRefusesToOverwrite()
{
    const Run first = ws({QStringLiteral("init")});
    QCOMPARE(first.exitCode, 0);
    QVERIFY(QFile::exists(m_path));
    QCOMPARE(count(), 0);

    const QByteArray before = digest(m_path);
    const Run again = ws({QStringLiteral("init")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.errText().contains(m_path), again.err);
    QCOMPARE(digest(m_path), before);
}

void TestCli::addShowEditDeleteRoundTrip()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    const Run added =
        ws({QStringLiteral("--json"), QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
            QStringLiteral("jane@example.com"), QStringLiteral("--first-name"), QStringLiteral("Jane"),
            QStringLiteral("--last-name"), QStringLiteral("Müller"), QStringLiteral("--company"),
            QStringLiteral("Bäckerei Sonnenschein"), QStringLiteral("--status"), QStringLiteral("unsubscribed"),
            QStringLiteral("--tag"), QStringLiteral("vip"), QStringLiteral("--tag"), QStringLiteral("customer"),
            QStringLiteral("--list"), QStringLiteral("Newsletter")});
    QVERIFY2(added.exitCode == 0, added.err);
    QVERIFY(added.json().object().value(QStringLiteral("id")).toInteger() > 0);

    const Run shown = ws({QStringLiteral("contacts"), QStringLiteral("show"), QStringLiteral("JANE@example.com"),
                          QStringLiteral("--json")});
    QVERIFY2(shown.exitCode == 0, shown.err);
    const QJsonObject jane = shown.json().object();
    QCOMPARE(jane.value(QStringLiteral("email")).toString(), QStringLiteral("jane@example.com"));
    QCOMPARE(jane.value(QStringLiteral("first_name")).toString(), QStringLiteral("Jane"));
    QCOMPARE(jane.value(QStringLiteral("last_name")).toString(), QStringLiteral("Müller"));
    QCOMPARE(jane.value(QStringLiteral("company")).toString(), QStringLiteral("Bäckerei Sonnenschein"));
    QCOMPARE(jane.value(QStringLiteral("status")).toString(), QStringLiteral("unsubscribed"));
    QCOMPARE(jane.value(QStringLiteral("tags")).toArray(),
             (QJsonArray{QStringLiteral("customer"), QStringLiteral("vip")}));
    QCOMPARE(jane.value(QStringLiteral("lists")).toArray(), QJsonArray{QStringLiteral("Newsletter")});

    const Run edited = ws({QStringLiteral("contacts"), QStringLiteral("edit"), QStringLiteral("jane@example.com"),
                           QStringLiteral("--city"), QStringLiteral("Köln"), QStringLiteral("--status"),
                           QStringLiteral("subscribed"), QStringLiteral("--tag"), QStringLiteral("event-2025")});
    QVERIFY2(edited.exitCode == 0, edited.err);
    const QJsonObject after = ws({QStringLiteral("--json"), QStringLiteral("contacts"), QStringLiteral("show"),
                                  QStringLiteral("jane@example.com")})
                                  .json()
                                  .object();
    QCOMPARE(after.value(QStringLiteral("city")).toString(), QStringLiteral("Köln"));
    QCOMPARE(after.value(QStringLiteral("status")).toString(), QStringLiteral("subscribed"));
    QCOMPARE(after.value(QStringLiteral("last_name")).toString(), QStringLiteral("Müller")); // untouched
    QCOMPARE(after.value(QStringLiteral("tags")).toArray().size(), 3);

    const Run deleted = ws({QStringLiteral("contacts"), QStringLiteral("delete"), QStringLiteral("jane@example.com")});
    QVERIFY2(deleted.exitCode == 0, deleted.err);
    QCOMPARE(count(), 0);
    const Run gone = ws({QStringLiteral("contacts"), QStringLiteral("show"), QStringLiteral("jane@example.com")});
    QCOMPARE(gone.exitCode, 1);
    QVERIFY2(gone.errText().contains(QStringLiteral("jane@example.com")), gone.err);
}

void TestCli::editRenamesAndRemovesMemberships()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(
        ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
            QStringLiteral("a@example.com"), QStringLiteral("--tag"), QStringLiteral("vip"), QStringLiteral("--tag"),
            QStringLiteral("local"), QStringLiteral("--list"), QStringLiteral("Spring sale")})
            .exitCode,
        0);
    const Run edited = ws({QStringLiteral("contacts"), QStringLiteral("edit"), QStringLiteral("a@example.com"),
                           QStringLiteral("--email"), QStringLiteral("b@example.org"), QStringLiteral("--untag"),
                           QStringLiteral("VIP"), QStringLiteral("--unlist"), QStringLiteral("spring sale")});
    QVERIFY2(edited.exitCode == 0, edited.err);
    QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("show"), QStringLiteral("a@example.com")}).exitCode, 1);
    const QJsonObject b = ws({QStringLiteral("--json"), QStringLiteral("contacts"), QStringLiteral("show"),
                              QStringLiteral("b@example.org")})
                              .json()
                              .object();
    QCOMPARE(b.value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("local")});
    QCOMPARE(b.value(QStringLiteral("lists")).toArray(), QJsonArray{});
}

void TestCli::badEmailIsRefusedWithOneLineAndNothingChanges()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                 QStringLiteral("ok@example.com")})
                 .exitCode,
             0);
    const QByteArray before = digest(m_path);

    const Run bad = ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                        QStringLiteral("jane@@example.com"), QStringLiteral("--tag"), QStringLiteral("new-tag")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.out.isEmpty());
    QCOMPARE(bad.err.count('\n'), 1);
    QVERIFY2(bad.err.startsWith("mailroom-cli: "), bad.err);
    QVERIFY2(bad.errText().contains(QStringLiteral("\"jane@@example.com\" is not an email address")), bad.err);

    QCOMPARE(count(), 1);
    // Neither the contact nor its tag was half-written.
    QCOMPARE(ws({QStringLiteral("--json"), QStringLiteral("tags")}).json().array().size(), 0);
    QCOMPARE(digest(m_path), before);

    const Run badEdit = ws({QStringLiteral("contacts"), QStringLiteral("edit"), QStringLiteral("ok@example.com"),
                            QStringLiteral("--email"), QStringLiteral("not an address")});
    QCOMPARE(badEdit.exitCode, 1);
    QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("show"), QStringLiteral("ok@example.com")}).exitCode, 0);
}

void TestCli::duplicateInAnotherCaseNamesTheExistingContact()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                 QStringLiteral("jane@example.com"), QStringLiteral("--first-name"), QStringLiteral("Jane"),
                 QStringLiteral("--last-name"), QStringLiteral("Doe")})
                 .exitCode,
             0);
    const Run duplicate =
        ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
            QStringLiteral("JANE@Example.COM"), QStringLiteral("--first-name"), QStringLiteral("J.")});
    QCOMPARE(duplicate.exitCode, 1);
    QCOMPARE(duplicate.err.count('\n'), 1);
    QVERIFY2(duplicate.errText().contains(QStringLiteral("jane@example.com")), duplicate.err);
    QVERIFY2(duplicate.errText().contains(QStringLiteral("Jane Doe")), duplicate.err);
    QCOMPARE(count(), 1);
}

void TestCli::unknownFieldIsRefused()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    const Run run = ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                        QStringLiteral("a@example.com"), QStringLiteral("--field"), QStringLiteral("Shoe size=42")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errText().contains(QStringLiteral("Shoe size")), run.err);
    QCOMPARE(count(), 0);
}

void TestCli::fieldValuesAreValidatedAndShown()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(ws({QStringLiteral("fields"), QStringLiteral("add"), QStringLiteral("Loyalty points"),
                 QStringLiteral("--type"), QStringLiteral("number")})
                 .exitCode,
             0);
    QCOMPARE(ws({QStringLiteral("fields"), QStringLiteral("add"), QStringLiteral("Birthday"), QStringLiteral("--type"),
                 QStringLiteral("date")})
                 .exitCode,
             0);
    QCOMPARE(ws({QStringLiteral("fields"), QStringLiteral("add"), QStringLiteral("Mood"), QStringLiteral("--type"),
                 QStringLiteral("colour")})
                 .exitCode,
             2);
    const QJsonArray fields = ws({QStringLiteral("--json"), QStringLiteral("fields")}).json().array();
    QCOMPARE(fields.size(), 2);
    QCOMPARE(fields.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Birthday"));
    QCOMPARE(fields.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("date"));

    const Run notANumber =
        ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
            QStringLiteral("a@example.com"), QStringLiteral("--field"), QStringLiteral("Loyalty points=lots")});
    QCOMPARE(notANumber.exitCode, 1);
    QVERIFY2(notANumber.errText().contains(QStringLiteral("lots")), notANumber.err);
    QCOMPARE(count(), 0);

    QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                 QStringLiteral("a@example.com"), QStringLiteral("--field"), QStringLiteral("loyalty points=120"),
                 QStringLiteral("--field"), QStringLiteral("Birthday=1990-04-01")})
                 .exitCode,
             0);
    const QJsonObject values = ws({QStringLiteral("--json"), QStringLiteral("contacts"), QStringLiteral("show"),
                                   QStringLiteral("a@example.com")})
                                   .json()
                                   .object()
                                   .value(QStringLiteral("fields"))
                                   .toObject();
    QCOMPARE(values.value(QStringLiteral("Loyalty points")).toString(), QStringLiteral("120"));
    QCOMPARE(values.value(QStringLiteral("Birthday")).toString(), QStringLiteral("1990-04-01"));

    // An empty value clears the field.
    QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("edit"), QStringLiteral("a@example.com"),
                 QStringLiteral("--field"), QStringLiteral("Birthday=")})
                 .exitCode,
             0);
    const QJsonObject cleared = ws({QStringLiteral("--json"), QStringLiteral("contacts"), QStringLiteral("show"),
                                    QStringLiteral("a@example.com")})
                                    .json()
                                    .object()
                                    .value(QStringLiteral("fields"))
                                    .toObject();
    QVERIFY(!cleared.contains(QStringLiteral("Birthday")));
    QCOMPARE(cleared.value(QStringLiteral("Loyalty points")).toString(), QStringLiteral("120"));
}

void TestCli::missingWorkspaceIsRefusedAndNotCreated()
{
    for (const QStringList& command :
         {QStringList{QStringLiteral("contacts"), QStringLiteral("count")}, QStringList{QStringLiteral("tags")},
          QStringList{QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                      QStringLiteral("a@example.com")}}) {
        const Run run = ws(command);
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.errText().contains(m_path), run.err);
        QVERIFY(!QFile::exists(m_path));
        QVERIFY(!QFile::exists(m_path + QStringLiteral(".lock")));
    }
}

void TestCli::workspaceComesFromTheEnvironment()
{
    const QString env = m_path;
    QCOMPARE(cli({QStringLiteral("init")}, env).exitCode, 0);
    QVERIFY(QFile::exists(m_path));
    QCOMPARE(cli({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                  QStringLiteral("a@example.com")},
                 env)
                 .exitCode,
             0);
    QCOMPARE(count(), 1);

    // --workspace wins over the environment.
    const QString other = m_dir->filePath(QStringLiteral("other.mailroom"));
    QCOMPARE(cli({QStringLiteral("--workspace"), other, QStringLiteral("init")}, env).exitCode, 0);
    const Run counted = cli({QStringLiteral("contacts"), QStringLiteral("count"), QStringLiteral("--workspace"), other,
                             QStringLiteral("--json")},
                            env);
    QCOMPARE(counted.json().object().value(QStringLiteral("count")).toInteger(), 0);
}

void TestCli::badUsageExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("withWorkspace");
    const QString w = QStringLiteral("--workspace");
    QTest::newRow("no command") << QStringList{} << true;
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << true;
    QTest::newRow("unknown subcommand") << QStringList{QStringLiteral("contacts"), QStringLiteral("hug")} << true;
    QTest::newRow("missing subcommand") << QStringList{QStringLiteral("contacts")} << true;
    QTest::newRow("unknown option") << QStringList{QStringLiteral("tags"), QStringLiteral("--colour")} << true;
    QTest::newRow("missing option value")
        << QStringList{QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email")} << true;
    QTest::newRow("add without email") << QStringList{QStringLiteral("contacts"), QStringLiteral("add"),
                                                      QStringLiteral("--first-name"), QStringLiteral("Jo")}
                                       << true;
    QTest::newRow("show without email") << QStringList{QStringLiteral("contacts"), QStringLiteral("show")} << true;
    QTest::newRow("extra argument") << QStringList{QStringLiteral("tags"), QStringLiteral("extra")} << true;
    QTest::newRow("bad limit") << QStringList{QStringLiteral("contacts"), QStringLiteral("search"), QStringLiteral("a"),
                                              QStringLiteral("--limit"), QStringLiteral("many")}
                               << true;
    QTest::newRow("bad status") << QStringList{QStringLiteral("contacts"), QStringLiteral("count"),
                                               QStringLiteral("--status"), QStringLiteral("asleep")}
                                << true;
    QTest::newRow("field without =") << QStringList{QStringLiteral("contacts"), QStringLiteral("add"),
                                                    QStringLiteral("--email"),  QStringLiteral("a@example.com"),
                                                    QStringLiteral("--field"),  QStringLiteral("Birthday")}
                                     << true;
    QTest::newRow("demo without count") << QStringList{QStringLiteral("demo")} << true;
    QTest::newRow("demo bad count") << QStringList{QStringLiteral("demo"), QStringLiteral("--contacts"),
                                                   QStringLiteral("ten")}
                                    << true;
    QTest::newRow("no workspace") << QStringList{QStringLiteral("tags")} << false;
    QTest::newRow("workspace without path") << QStringList{w} << false;
}

void TestCli::badUsageExitsWithTwo()
{
    QFETCH(QStringList, args);
    QFETCH(bool, withWorkspace);
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    const QByteArray before = digest(m_path);
    const Run run = withWorkspace ? ws(args) : cli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("mailroom-cli: "), run.err);
    QCOMPARE(run.err.count('\n'), 1);
    QCOMPARE(digest(m_path), before);
}

void TestCli::tagsAndListsShowMemberCounts()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    const QList<QStringList> people = {
        {QStringLiteral("a@example.com"), QStringLiteral("vip"), QStringLiteral("Newsletter")},
        {QStringLiteral("b@example.com"), QStringLiteral("vip"), QStringLiteral("Customers")},
        {QStringLiteral("c@example.com"), QStringLiteral("local"), QStringLiteral("Newsletter")},
    };
    for (const QStringList& p : people) {
        QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"), p.at(0),
                     QStringLiteral("--tag"), p.at(1), QStringLiteral("--list"), p.at(2)})
                     .exitCode,
                 0);
    }
    auto counts = [](const QJsonArray& array) {
        QMap<QString, qint64> map;
        for (const QJsonValue& v : array) {
            map.insert(v.toObject().value(QStringLiteral("name")).toString(),
                       v.toObject().value(QStringLiteral("contacts")).toInteger());
        }
        return map;
    };
    const QMap<QString, qint64> tags = counts(ws({QStringLiteral("tags"), QStringLiteral("--json")}).json().array());
    QCOMPARE(tags, (QMap<QString, qint64>{{QStringLiteral("local"), 1}, {QStringLiteral("vip"), 2}}));
    const QMap<QString, qint64> lists = counts(ws({QStringLiteral("lists"), QStringLiteral("--json")}).json().array());
    QCOMPARE(lists, (QMap<QString, qint64>{{QStringLiteral("Customers"), 1}, {QStringLiteral("Newsletter"), 2}}));

    const Run text = ws({QStringLiteral("lists")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("Newsletter") && text.out.contains('2'), text.out);
}

void TestCli::searchMatchesPrefixesAndHonoursLimit()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    const QList<QStringList> people = {
        {QStringLiteral("jo@example.com"), QStringLiteral("Johanna"), QStringLiteral("Schäfer")},
        {QStringLiteral("jon@example.com"), QStringLiteral("Jonathan"), QStringLiteral("Smith")},
        {QStringLiteral("zoe@example.com"), QStringLiteral("Zoë"), QStringLiteral("Walker")},
    };
    for (const QStringList& p : people) {
        QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"), p.at(0),
                     QStringLiteral("--first-name"), p.at(1), QStringLiteral("--last-name"), p.at(2)})
                     .exitCode,
                 0);
    }
    auto emails = [this](const QStringList& args) {
        QStringList found;
        const Run run =
            ws(QStringList{QStringLiteral("--json"), QStringLiteral("contacts"), QStringLiteral("search")} + args);
        for (const QJsonValue& v : run.json().array()) {
            found.append(v.toObject().value(QStringLiteral("email")).toString());
        }
        found.sort();
        return found;
    };
    QCOMPARE(emails({QStringLiteral("jo")}),
             (QStringList{QStringLiteral("jo@example.com"), QStringLiteral("jon@example.com")}));
    QCOMPARE(emails({QStringLiteral("joh")}), QStringList{QStringLiteral("jo@example.com")});
    QCOMPARE(emails({QStringLiteral("schaf")}), QStringList{QStringLiteral("jo@example.com")});
    QCOMPARE(emails({QStringLiteral("zoe")}), QStringList{QStringLiteral("zoe@example.com")});
    QCOMPARE(emails({QStringLiteral("nobody")}), QStringList{});
    QCOMPARE(emails({QStringLiteral("jo"), QStringLiteral("--limit"), QStringLiteral("1")}).size(), 1);

    const Run text = ws({QStringLiteral("contacts"), QStringLiteral("search"), QStringLiteral("jon")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("jon@example.com") && text.out.contains("Jonathan Smith"), text.out);
}

void TestCli::countFilters()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    auto add = [this](const QString& email, const QStringList& extra) {
        return ws(QStringList{QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"), email} +
                  extra)
            .exitCode;
    };
    QCOMPARE(add(QStringLiteral("a@example.com"), {QStringLiteral("--tag"), QStringLiteral("vip")}), 0);
    QCOMPARE(add(QStringLiteral("b@example.com"),
                 {QStringLiteral("--tag"), QStringLiteral("vip"), QStringLiteral("--status"), QStringLiteral("bounced"),
                  QStringLiteral("--list"), QStringLiteral("Customers")}),
             0);
    QCOMPARE(add(QStringLiteral("c@example.com"), {QStringLiteral("--list"), QStringLiteral("Customers")}), 0);

    QCOMPARE(count(), 3);
    QCOMPARE(count({QStringLiteral("--tag"), QStringLiteral("vip")}), 2);
    QCOMPARE(count({QStringLiteral("--tag"), QStringLiteral("VIP")}), 2);
    QCOMPARE(count({QStringLiteral("--list"), QStringLiteral("Customers")}), 2);
    QCOMPARE(count({QStringLiteral("--status"), QStringLiteral("bounced")}), 1);
    QCOMPARE(count({QStringLiteral("--status"), QStringLiteral("subscribed")}), 2);
    QCOMPARE(count({QStringLiteral("--tag"), QStringLiteral("vip"), QStringLiteral("--list"),
                    QStringLiteral("Customers"), QStringLiteral("--status"), QStringLiteral("bounced")}),
             1);
    const Run text =
        ws({QStringLiteral("contacts"), QStringLiteral("count"), QStringLiteral("--tag"), QStringLiteral("vip")});
    QCOMPARE(text.out.trimmed(), QByteArray("2"));
}

void TestCli::countWithUnknownTagOrListNamesIt()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    const Run tag =
        ws({QStringLiteral("contacts"), QStringLiteral("count"), QStringLiteral("--tag"), QStringLiteral("ghost")});
    QCOMPARE(tag.exitCode, 1);
    QVERIFY2(tag.errText().contains(QStringLiteral("ghost")), tag.err);
    const Run list =
        ws({QStringLiteral("contacts"), QStringLiteral("count"), QStringLiteral("--list"), QStringLiteral("Phantoms")});
    QCOMPARE(list.exitCode, 1);
    QVERIFY2(list.errText().contains(QStringLiteral("Phantoms")), list.err);
}

void TestCli::demoAddsExactlyAndIsDeterministicPerSeed()
{
    const QString a = m_dir->filePath(QStringLiteral("a.mailroom"));
    const QString b = m_dir->filePath(QStringLiteral("b.mailroom"));
    const QString c = m_dir->filePath(QStringLiteral("c.mailroom"));
    auto demo = [this](const QString& path, const QString& seed) {
        return cli({QStringLiteral("--workspace"), path, QStringLiteral("demo"), QStringLiteral("--contacts"),
                    QStringLiteral("1500"), QStringLiteral("--seed"), seed});
    };
    auto snapshot = [this](const QString& path) {
        const Run run =
            cli({QStringLiteral("--workspace"), path, QStringLiteral("--json"), QStringLiteral("contacts"),
                 QStringLiteral("search"), QStringLiteral("an"), QStringLiteral("--limit"), QStringLiteral("200")});
        return run.out;
    };
    QCOMPARE(demo(a, QStringLiteral("7")).exitCode, 0); // the workspace is created
    QCOMPARE(demo(b, QStringLiteral("7")).exitCode, 0);
    QCOMPARE(demo(c, QStringLiteral("8")).exitCode, 0);
    m_path = a;
    QCOMPARE(count(), 1500);

    const QByteArray first = snapshot(a);
    QVERIFY(QJsonDocument::fromJson(first).array().size() > 10);
    QCOMPARE(snapshot(b), first);
    QVERIFY(snapshot(c) != first);
    QCOMPARE(cli({QStringLiteral("--workspace"), a, QStringLiteral("--json"), QStringLiteral("tags")}).out,
             cli({QStringLiteral("--workspace"), b, QStringLiteral("--json"), QStringLiteral("tags")}).out);

    // A second run adds to the workspace.
    QCOMPARE(demo(a, QStringLiteral("7")).exitCode, 0);
    QCOMPARE(count(), 3000);
}

void TestCli::lockedWorkspaceIsRefused()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    auto held = Workspace::open(m_path);
    QVERIFY2(held.ok(), held.ok() ? "" : qPrintable(held.error().message));
    const Run run = ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                        QStringLiteral("a@example.com")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.errText().contains(QStringLiteral("another Mailroom")), run.err);
    // Reads need no lock: a script can count and search while the window has the workspace,
    // and sees what the window saved.
    Contact saved;
    saved.email = QStringLiteral("held@example.com");
    saved.firstName = QStringLiteral("Helga");
    QVERIFY(ContactRepository(held.value()->database()).add(saved).ok());
    QCOMPARE(count(), 1);
    const Run search = ws({QStringLiteral("contacts"), QStringLiteral("search"), QStringLiteral("helg")});
    QCOMPARE(search.exitCode, 0);
    QVERIFY2(search.out.contains("held@example.com"), search.out);
    QCOMPARE(ws({QStringLiteral("tags")}).exitCode, 0);
    held.value().reset();
    QCOMPARE(count(), 1);
}

void TestCli::newerWorkspaceIsRefusedAndUntouched()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE workspace_info SET value = '99' WHERE key = 'schema_version'")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));
    const QByteArray before = digest(m_path);
    for (const QStringList& command :
         {QStringList{QStringLiteral("contacts"), QStringLiteral("count")},
          QStringList{QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                      QStringLiteral("a@example.com")},
          QStringList{QStringLiteral("demo"), QStringLiteral("--contacts"), QStringLiteral("10")}}) {
        const Run run = ws(command);
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.errText().contains(QStringLiteral("newer Mailroom")), run.err);
        QCOMPARE(digest(m_path), before);
    }
}

void TestCli::textOutputIsReadable()
{
    QCOMPARE(ws({QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(ws({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--email"),
                 QStringLiteral("jo@example.com"), QStringLiteral("--first-name"), QStringLiteral("Jo"),
                 QStringLiteral("--notes"), QStringLiteral("Met at the fair")})
                 .exitCode,
             0);
    const Run shown = ws({QStringLiteral("contacts"), QStringLiteral("show"), QStringLiteral("jo@example.com")});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains("jo@example.com") && shown.out.contains("Met at the fair"), shown.out);
    QVERIFY(QJsonDocument::fromJson(shown.out).isNull()); // text, not JSON

    const Run help = cli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char* word :
         {"init", "demo", "contacts add", "contacts search", "tags", "lists", "MAILROOM_WORKSPACE"}) {
        QVERIFY2(help.out.contains(word), word);
    }
    const Run commandHelp = cli({QStringLiteral("contacts"), QStringLiteral("add"), QStringLiteral("--help")});
    QCOMPARE(commandHelp.exitCode, 0);
    QVERIFY(commandHelp.out.contains("--field NAME=VALUE"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
