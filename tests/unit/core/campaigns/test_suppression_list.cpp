#include "core/campaigns/SuppressionList.h"
#include "core/contacts/EmailAddress.h"
#include "core/storage/Workspace.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The suppression list: addresses stored as the contact's email key, domains in the same
// (lower-case, punycode) form, subdomains covered, imports reporting bad lines by number.
class TestSuppressionList : public QObject
{
    Q_OBJECT

private:
    QString writeFile(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) {
            return {};
        }
        return path;
    }

    qint64 rowCount()
    {
        QSqlQuery q(m_ws->database());
        q.exec("SELECT count(*) FROM suppressions");
        q.next();
        return q.value(0).toLongLong();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<SuppressionList> m_list;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath("t.mailroom"));
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
        m_list = std::make_unique<SuppressionList>(m_ws->database());
    }
    void cleanup()
    {
        m_list.reset();
        m_ws.reset();
    }

    void normalizesLikeTheEmailKey_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("address") << " Jane.Doe@Example.COM " << 0 << "jane.doe@example.com";
        QTest::newRow("IDN address") << QStringLiteral("Jürgen@Bücher.de") << 0
                                     << QStringLiteral("jürgen@xn--bcher-kva.de");
        QTest::newRow("domain") << "Example.COM" << 1 << "example.com";
        QTest::newRow("@domain") << "@example.com" << 1 << "example.com";
        QTest::newRow("*.domain") << "*.example.com" << 1 << "example.com";
        QTest::newRow("IDN domain") << QStringLiteral("bücher.de") << 1 << "xn--bcher-kva.de";
        QTest::newRow("punycode domain") << "XN--BCHER-KVA.DE" << 1 << "xn--bcher-kva.de";
    }
    void normalizesLikeTheEmailKey()
    {
        QFETCH(QString, input);
        QFETCH(int, kind);
        QFETCH(QString, pattern);
        auto key = SuppressionList::normalize(input);
        QVERIFY2(key.ok(), key.ok() ? "" : qPrintable(key.error().message));
        QCOMPARE(int(key->first), kind);
        QCOMPARE(key->second, pattern);
        if (kind == 0) {
            QCOMPARE(key->second, EmailAddress::parse(input)->key());
        }
    }

    void refusesWhatIsNeitherAnAddressNorADomain_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "  "
                               << "required";
        QTest::newRow("no dot") << "localhost"
                                << "\"localhost\" is neither an email address nor a domain name";
        QTest::newRow("space") << "exa mple.com"
                               << "is neither an email address nor a domain name";
        QTest::newRow("bad address") << "jane@@example.com"
                                     << "is not an email address";
    }
    void refusesWhatIsNeitherAnAddressNorADomain()
    {
        QFETCH(QString, input);
        QFETCH(QString, message);
        auto added = m_list->add(input);
        QVERIFY(!added.ok());
        QCOMPARE(added.error().code, ErrorCode::InvalidInput);
        QVERIFY2(added.error().message.contains(message), qPrintable(added.error().message));
        QCOMPARE(rowCount(), 0);
    }

    void addsRemovesAndCounts()
    {
        auto jane = m_list->add("jane@example.com", "asked by phone");
        QVERIFY(jane.ok());
        QCOMPARE(jane->reason, QString("asked by phone"));
        QCOMPARE(jane->kind, SuppressionKind::Email);
        // Adding it again, however spelled, keeps the one entry.
        auto again = m_list->add("JANE@example.com");
        QVERIFY(again.ok());
        QCOMPARE(again->id, jane->id);
        QVERIFY(m_list->add("spam.example").ok());
        QVERIFY(m_list->add("other.example").ok());
        auto counts = m_list->counts();
        QVERIFY(counts.ok());
        QCOMPARE(counts->emails, 1);
        QCOMPARE(counts->domains, 2);

        QVERIFY(m_list->remove("Jane@Example.com").ok());
        auto missing = m_list->remove("jane@example.com");
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY2(missing.error().message.contains("jane@example.com is not on the suppression list"),
                 qPrintable(missing.error().message));
        auto other = m_list->page(0, 10, SuppressionKind::Domain);
        QVERIFY(other.ok());
        QCOMPARE(other->size(), 2);
        QVERIFY(m_list->remove(other->last().id).ok());
        QCOMPARE(m_list->remove(other->last().id).error().code, ErrorCode::NotFound);
        QCOMPARE(m_list->counts()->domains, 1);
    }

    void pagesInTheOrderAdded()
    {
        for (int i = 0; i < 7; ++i) {
            QVERIFY(m_list->add(QString("p%1@example.com").arg(i)).ok());
        }
        QVERIFY(m_list->add("domain.example").ok());
        QStringList seen;
        qint64 after = 0;
        while (true) {
            auto page = m_list->page(after, 3);
            QVERIFY(page.ok());
            if (page->isEmpty()) {
                break;
            }
            for (const Suppression& s : page.value()) {
                seen << s.pattern;
            }
            after = page->last().id;
        }
        QCOMPARE(seen, (QStringList{"p0@example.com", "p1@example.com", "p2@example.com", "p3@example.com",
                                    "p4@example.com", "p5@example.com", "p6@example.com", "domain.example"}));
        QCOMPARE(m_list->page(0, 100, SuppressionKind::Email)->size(), 7);
    }

    // Decided: suppressing a domain suppresses its subdomains too, never a parent domain or a
    // domain that merely ends with the same letters.
    void domainsCoverTheirSubdomains_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("suppressed");
        QTest::newRow("the address") << "Jane@Example.com" << true;
        QTest::newRow("same domain") << "anyone@blocked.example" << true;
        QTest::newRow("subdomain") << "a@mail.blocked.example" << true;
        QTest::newRow("deep subdomain") << "a@x.y.z.blocked.example" << true;
        QTest::newRow("upper-case domain") << "a@MAIL.Blocked.Example" << true;
        QTest::newRow("same ending, other domain") << "a@notblocked.example" << false;
        QTest::newRow("parent of a suppressed domain") << "a@shop.example" << false;
        QTest::newRow("suppressed subdomain") << "a@eu.shop.example" << true;
        QTest::newRow("IDN written in Unicode") << QStringLiteral("a@bücher.de") << true;
        QTest::newRow("other address") << "john@example.com" << false;
    }
    void domainsCoverTheirSubdomains()
    {
        QFETCH(QString, email);
        QFETCH(bool, suppressed);
        QVERIFY(m_list->add("jane@example.com").ok());
        QVERIFY(m_list->add("blocked.example").ok());
        QVERIFY(m_list->add("eu.shop.example").ok());
        QVERIFY(m_list->add("xn--bcher-kva.de").ok());
        auto result = m_list->isSuppressed(email);
        QVERIFY(result.ok());
        QCOMPARE(result.value(), suppressed);
    }

    void importsAPlainListReportingBadLines()
    {
        const QString path = writeFile("list.txt", "# bounced in March\n"
                                                   "jane@example.com\n"
                                                   "not an address\n"
                                                   "\n"
                                                   "spam.example\n"
                                                   "JANE@example.com\n"
                                                   "john@@example.com\n"
                                                   "@other.example\n");
        QVERIFY(m_list->add("already@example.com").ok());
        QVERIFY(!path.isEmpty());
        SuppressionImportOptions options;
        options.reason = "March bounces";
        auto report = m_list->importFile(path, options);
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
        QCOMPARE(report->added, 3);
        QCOMPARE(report->alreadySuppressed, 1); // jane twice
        QCOMPARE(report->problems.size(), 2);
        QCOMPARE(report->problems[0].line, 3);
        QCOMPARE(report->problems[0].text, QString("not an address"));
        QVERIFY2(report->problems[0].message.startsWith("Line 3: "), qPrintable(report->problems[0].message));
        QCOMPARE(report->problems[1].line, 7);
        QVERIFY2(report->problems[1].message.contains("john@@example.com"), qPrintable(report->problems[1].message));
        QCOMPARE(m_list->counts()->emails, 2);
        QCOMPARE(m_list->counts()->domains, 2);
        QVERIFY(m_list->isSuppressed("x@sub.other.example").value());
        auto page = m_list->page(0, 10);
        QCOMPARE(page->at(1).reason, QString("March bounces"));
    }

    void importsTheEmailColumnOfACsv()
    {
        const QString path = writeFile("export.csv", "Name;Company;E-mail address;Phone\n"
                                                     "Jane;ACME;jane@example.com;123\n"
                                                     "John;ACME;;456\n"
                                                     "Ann;Shop;\"ann@shop.example\";789\n");
        auto report = m_list->importFile(path);
        QVERIFY(report.ok());
        QCOMPARE(report->added, 2);
        QCOMPARE(report->problems.size(), 1);
        QCOMPARE(report->problems[0].line, 3);
        QVERIFY2(report->problems[0].message.contains("Line 3: no email address or domain in column 3"),
                 qPrintable(report->problems[0].message));
        QVERIFY(m_list->isSuppressed("ann@shop.example").value());
        // Without a header the first column holding an @ is the one.
        const QString bare = writeFile("bare.csv", "1,x@one.example,\"Smith, J\"\n2,y@two.example,Doe\n");
        report = m_list->importFile(bare);
        QVERIFY(report.ok());
        QCOMPARE(report->added, 2);
        QVERIFY(report->problems.isEmpty());
        QVERIFY(m_list->isSuppressed("y@two.example").value());
    }

    void refusingImportAddsNothingWhenALineIsBad()
    {
        const QString path = writeFile("strict.txt", "a@example.com\nb@example.com\nnope\n");
        SuppressionImportOptions options;
        options.refuseIfAnyInvalid = true;
        auto report = m_list->importFile(path, options);
        QVERIFY(report.ok());
        QCOMPARE(report->added, 0);
        QCOMPARE(report->problems.size(), 1);
        QCOMPARE(report->problems[0].line, 3);
        QCOMPARE(rowCount(), 0);
    }

    // One transaction: a failure part-way leaves the list as it was.
    void aFailedImportLeavesNothingBehind()
    {
        QSqlQuery q(m_ws->database());
        QVERIFY(q.exec("CREATE TRIGGER fail_third BEFORE INSERT ON suppressions"
                       " WHEN NEW.pattern = 'c@example.com' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"));
        const QString path = writeFile("fails.txt", "a@example.com\nb@example.com\nc@example.com\nd@example.com\n");
        auto report = m_list->importFile(path);
        QVERIFY(!report.ok());
        QVERIFY2(report.error().message.contains("disk trouble"), qPrintable(report.error().message));
        QCOMPARE(rowCount(), 0);
    }

    void aMissingFileIsAFileError()
    {
        auto report = m_list->importFile(m_dir->filePath("nothing-here.txt"));
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, ErrorCode::FileError);
        QVERIFY(report.error().message.contains("nothing-here.txt"));
    }
};

QTEST_GUILESS_MAIN(TestSuppressionList)
#include "test_suppression_list.moc"
