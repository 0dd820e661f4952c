#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/SegmentSchema.h"
#include "core/campaigns/SuppressionList.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Workspace.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

Q_DECLARE_METATYPE(AudienceCount)

// Who an audience reaches, on a real workspace: every operator of every field type, all/any,
// lists and tags mixed, and the contacts left out (each counted once, under one reason).
class TestAudienceQuery : public QObject
{
    Q_OBJECT

private:
    QDateTime local(int y, int m, int d, int h, int min = 0) const
    {
        return QDateTime(QDate(y, m, d), QTime(h, min), Qt::LocalTime);
    }

    qint64 add(Contact c)
    {
        auto id = ContactRepository(m_ws->database()).add(c);
        if (!id.ok()) {
            qWarning() << id.error().message;
            return 0;
        }
        return id.value();
    }

    qint64 tagId(const QString& name) { return GroupRepository(db(), GroupKind::Tag).findByName(name)->id; }
    qint64 listId(const QString& name) { return GroupRepository(db(), GroupKind::List).findByName(name)->id; }
    qint64 fieldId(const QString& name) { return CustomFieldRepository(db()).findByName(name)->id; }
    QSqlDatabase db() const { return m_ws->database(); }

    // The local parts of the recipients, in id order, joined with ",".
    QString recipientsOf(const AudienceSpec& spec)
    {
        AudienceQuery query(db(), spec);
        query.setNow(m_now);
        auto page = query.recipients(0, 1000);
        if (!page.ok()) {
            return QStringLiteral("error: ") + page.error().message;
        }
        QStringList names;
        for (const AudienceRecipient& r : page.value()) {
            names << r.email.section('@', 0, 0);
        }
        return names.join(',');
    }

    Result<AudienceCount> countOf(const AudienceSpec& spec)
    {
        AudienceQuery query(db(), spec);
        query.setNow(m_now);
        return query.count();
    }

    // Test JSON is written with ' for " (no raw strings in moc'd files); $name is the id of a
    // custom field, #name of a tag, @name of a list.
    Result<Segment> segmentFrom(QString rules)
    {
        rules.replace('\'', '"');
        for (const char* f : {"Points", "Birthday", "Member", "Nickname"}) {
            rules.replace("$" + QString(f), QString::number(fieldId(f)));
        }
        rules.replace("#vip", QString::number(tagId("vip")));
        rules.replace("#customer", QString::number(tagId("customer")));
        rules.replace("@Newsletter", QString::number(listId("Newsletter")));
        auto schema = SegmentSchema::load(db());
        return Segment::fromRulesJson(rules.toUtf8(), schema.value());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    QDateTime m_now;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath("t.mailroom"));
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
        m_now = local(2024, 4, 10, 12);
        CustomFieldRepository fields(db());
        QVERIFY(fields.create("Points", FieldType::Number).ok());
        QVERIFY(fields.create("Birthday", FieldType::Date).ok());
        QVERIFY(fields.create("Member", FieldType::YesNo).ok());
        QVERIFY(fields.create("Nickname", FieldType::Text).ok());

        // Four subscribed contacts the conditions choose among, and one bounced contact who
        // matches many of them but is never a recipient.
        Contact anna;
        anna.email = "anna@example.com";
        anna.firstName = "Anna";
        anna.city = "Berlin";
        anna.notes = "500 of them";
        anna.consentDate = QDate(2024, 5, 1);
        anna.tags = {"vip"};
        anna.lists = {"Newsletter"};
        anna.fields = {{"Points", "120.5"}, {"Birthday", "1990-02-03"}, {"Member", "yes"}, {"Nickname", "Annie"}};
        anna.createdAt = anna.updatedAt = local(2024, 3, 31, 12);
        QVERIFY(add(anna));
        Contact bob;
        bob.email = "bob@example.com";
        bob.firstName = "Bob";
        bob.city = "berlin";
        bob.tags = {"customer"};
        bob.fields = {{"Points", "9"}, {"Birthday", "2001-12-24"}, {"Member", "no"}};
        bob.createdAt = bob.updatedAt = local(2024, 4, 1, 8);
        QVERIFY(add(bob));
        Contact carla;
        carla.email = "carla@shop.example.org";
        carla.firstName = "Carla";
        carla.city = "Hamburg";
        carla.notes = "a 50%_off fan";
        carla.lists = {"Newsletter"};
        carla.fields = {{"Points", "10"}};
        carla.createdAt = carla.updatedAt = local(2023, 1, 1, 10);
        QVERIFY(add(carla));
        Contact dan;
        dan.email = "dan@example.com";
        dan.fields = {{"Birthday", "2024-04-05"}};
        dan.createdAt = dan.updatedAt = local(2024, 4, 9, 23, 30);
        QVERIFY(add(dan));
        Contact eve;
        eve.email = "eve@example.com";
        eve.city = "Berlin";
        eve.status = ContactStatus::Bounced;
        eve.tags = {"vip"};
        eve.fields = {{"Points", "500"}};
        QVERIFY(add(eve));
    }
    void cleanup() { m_ws.reset(); }

    void conditionChoosesTheRightContacts_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("expected");
        // text, built-in
        QTest::newRow("city is") << "'field':'city','op':'is','value':'Berlin'"
                                 << "anna,bob";
        QTest::newRow("city is, value spaced") << "'field':'city','op':'is','value':' berlin '"
                                               << "anna,bob";
        QTest::newRow("city is not") << "'field':'city','op':'is_not','value':'BERLIN'"
                                     << "carla,dan";
        QTest::newRow("city contains") << "'field':'city','op':'contains','value':'erl'"
                                       << "anna,bob";
        QTest::newRow("city does not contain") << "'field':'city','op':'not_contains','value':'burg'"
                                               << "anna,bob,dan";
        QTest::newRow("city starts with") << "'field':'city','op':'starts_with','value':'ham'"
                                          << "carla";
        QTest::newRow("city ends with") << "'field':'city','op':'ends_with','value':'LIN'"
                                        << "anna,bob";
        QTest::newRow("city is empty") << "'field':'city','op':'is_empty'"
                                       << "dan";
        QTest::newRow("city is not empty") << "'field':'city','op':'is_not_empty'"
                                           << "anna,bob,carla";
        QTest::newRow("% and _ are literal") << "'field':'notes','op':'contains','value':'50%_'"
                                             << "carla";
        QTest::newRow("email ends with") << "'field':'email','op':'ends_with','value':'@example.com'"
                                         << "anna,bob,dan";
        // text, custom
        QTest::newRow("custom is") << "'field':'custom','field_id':$Nickname,'op':'is','value':'annie'"
                                   << "anna";
        QTest::newRow("custom is not: no value counts")
            << "'field':'custom','field_id':$Nickname,'op':'is_not','value':'annie'"
            << "bob,carla,dan";
        QTest::newRow("custom contains") << "'field':'custom','field_id':$Nickname,'op':'contains','value':'NNI'"
                                         << "anna";
        QTest::newRow("custom does not contain")
            << "'field':'custom','field_id':$Nickname,'op':'not_contains','value':'nni'"
            << "bob,carla,dan";
        QTest::newRow("custom starts with") << "'field':'custom','field_id':$Nickname,'op':'starts_with','value':'an'"
                                            << "anna";
        QTest::newRow("custom ends with") << "'field':'custom','field_id':$Nickname,'op':'ends_with','value':'ie'"
                                          << "anna";
        QTest::newRow("custom is empty") << "'field':'custom','field_id':$Nickname,'op':'is_empty'"
                                         << "bob,carla,dan";
        QTest::newRow("custom is not empty") << "'field':'custom','field_id':$Nickname,'op':'is_not_empty'"
                                             << "anna";
        // numbers compare as numbers: 9 < 10 < 100 (as text "9" > "100")
        QTest::newRow("=") << "'field':'custom','field_id':$Points,'op':'=','value':'10.0'"
                           << "carla";
        QTest::newRow("!= : no value counts") << "'field':'custom','field_id':$Points,'op':'!=','value':10"
                                              << "anna,bob,dan";
        QTest::newRow("<") << "'field':'custom','field_id':$Points,'op':'<','value':10"
                           << "bob";
        QTest::newRow("<=") << "'field':'custom','field_id':$Points,'op':'<=','value':10"
                            << "bob,carla";
        QTest::newRow(">") << "'field':'custom','field_id':$Points,'op':'>','value':100"
                           << "anna";
        QTest::newRow(">=") << "'field':'custom','field_id':$Points,'op':'>=','value':'9'"
                            << "anna,bob,carla";
        QTest::newRow("> a negative number") << "'field':'custom','field_id':$Points,'op':'>','value':-1.5"
                                             << "anna,bob,carla";
        QTest::newRow("number is empty") << "'field':'custom','field_id':$Points,'op':'is_empty'"
                                         << "dan";
        // custom dates (now is 2024-04-10)
        QTest::newRow("date before") << "'field':'custom','field_id':$Birthday,'op':'before','value':'2000-01-01'"
                                     << "anna";
        QTest::newRow("date after") << "'field':'custom','field_id':$Birthday,'op':'after','value':'2001-12-24'"
                                    << "dan";
        QTest::newRow("date on") << "'field':'custom','field_id':$Birthday,'op':'on','value':'2001-12-24'"
                                 << "bob";
        QTest::newRow("date within the last days")
            << "'field':'custom','field_id':$Birthday,'op':'within_last_days','value':7"
            << "dan";
        QTest::newRow("date more than days ago")
            << "'field':'custom','field_id':$Birthday,'op':'more_than_days_ago','value':7"
            << "anna,bob";
        QTest::newRow("date is empty") << "'field':'custom','field_id':$Birthday,'op':'is_empty'"
                                       << "carla";
        QTest::newRow("date is not empty") << "'field':'custom','field_id':$Birthday,'op':'is_not_empty'"
                                           << "anna,bob,dan";
        // yes/no: a contact with no value is not a yes
        QTest::newRow("is yes") << "'field':'custom','field_id':$Member,'op':'is_yes'"
                                << "anna";
        QTest::newRow("is no") << "'field':'custom','field_id':$Member,'op':'is_no'"
                               << "bob,carla,dan";
        // created_at: instants, by local days; now is 2024-04-10 12:00
        QTest::newRow("created on") << "'field':'created_at','op':'on','value':'2024-03-31'"
                                    << "anna";
        QTest::newRow("created before") << "'field':'created_at','op':'before','value':'2024-04-01'"
                                        << "anna,carla";
        QTest::newRow("created after") << "'field':'created_at','op':'after','value':'2024-03-31'"
                                       << "bob,dan";
        QTest::newRow("created within the last days") << "'field':'created_at','op':'within_last_days','value':9"
                                                      << "dan";
        QTest::newRow("created more than days ago") << "'field':'created_at','op':'more_than_days_ago','value':9"
                                                    << "anna,bob,carla";
        QTest::newRow("updated on") << "'field':'updated_at','op':'on','value':'2024-04-09'"
                                    << "dan";
        // the consent date is a plain date, empty when unknown
        QTest::newRow("consent on") << "'field':'consent_at','op':'on','value':'2024-05-01'"
                                    << "anna";
        QTest::newRow("consent after") << "'field':'consent_at','op':'after','value':'2024-01-01'"
                                       << "anna";
        QTest::newRow("consent is empty") << "'field':'consent_at','op':'is_empty'"
                                          << "bob,carla,dan";
        // tags, lists, status
        QTest::newRow("has tag") << "'field':'tag','op':'has','value':#vip"
                                 << "anna";
        QTest::newRow("has not tag") << "'field':'tag','op':'has_not','value':#vip"
                                     << "bob,carla,dan";
        QTest::newRow("in list") << "'field':'list','op':'has','value':@Newsletter"
                                 << "anna,carla";
        QTest::newRow("not in list") << "'field':'list','op':'has_not','value':@Newsletter"
                                     << "bob,dan";
        QTest::newRow("status is") << "'field':'status','op':'is','value':'subscribed'"
                                   << "anna,bob,carla,dan";
        QTest::newRow("status is not") << "'field':'status','op':'is_not','value':'subscribed'"
                                       << "";
    }
    void conditionChoosesTheRightContacts()
    {
        QFETCH(QString, condition);
        QFETCH(QString, expected);
        auto segment = segmentFrom("{'conditions':[{" + condition + "}]}");
        QVERIFY2(segment.ok(), segment.ok() ? "" : qPrintable(segment.error().message));
        AudienceSpec spec;
        spec.segment = segment.value();
        QCOMPARE(recipientsOf(spec), expected);
        // The count agrees with the page of recipients.
        auto count = countOf(spec);
        QVERIFY(count.ok());
        QCOMPARE(count->recipients, qint64(expected.isEmpty() ? 0 : expected.count(',') + 1));
    }

    void allAndAnyCombineConditions()
    {
        auto all = segmentFrom("{'match':'all','conditions':[{'field':'city','op':'is','value':'berlin'},"
                               "{'field':'custom','field_id':$Points,'op':'>','value':100}]}");
        QVERIFY(all.ok());
        AudienceSpec spec;
        spec.segment = all.value();
        QCOMPARE(recipientsOf(spec), QString("anna"));
        auto any = segmentFrom("{'match':'any','conditions':[{'field':'city','op':'is','value':'hamburg'},"
                               "{'field':'tag','op':'has','value':#customer}]}");
        QVERIFY(any.ok());
        spec.segment = any.value();
        QCOMPARE(recipientsOf(spec), QString("bob,carla"));
        spec.segment = Segment{}; // no conditions: nobody is narrowed out
        QCOMPARE(recipientsOf(spec), QString("anna,bob,carla,dan"));
    }

    void statusConditionsCountTheLeftOut()
    {
        auto bounced = segmentFrom("{'conditions':[{'field':'status','op':'is','value':'bounced'}]}");
        AudienceSpec spec;
        spec.segment = bounced.value();
        auto count = countOf(spec);
        QVERIFY(count.ok());
        QCOMPARE(count->matched(), 1);
        QCOMPARE(count->leftOutBounced, 1);
        QCOMPARE(count->recipients, 0);
        QCOMPARE(recipientsOf(spec), QString());
    }

    void listsAndTagsMix()
    {
        AudienceSpec spec;
        QCOMPARE(recipientsOf(spec), QString("anna,bob,carla,dan")); // no lists, no tags: everybody
        spec.listIds = {listId("Newsletter")};
        QCOMPARE(recipientsOf(spec), QString("anna,carla"));
        spec.tagIds = {tagId("customer")};
        QCOMPARE(recipientsOf(spec), QString("anna,bob,carla")); // anyone in the list or with the tag
        spec.tagIds = {tagId("vip"), tagId("customer")};
        spec.listIds.clear();
        QCOMPARE(recipientsOf(spec), QString("anna,bob"));
        auto count = countOf(spec);
        QVERIFY(count.ok());
        QCOMPARE(count->matched(), 3); // eve has the vip tag, but bounced
        QCOMPARE(count->leftOutBounced, 1);
        // A segment narrows the lists and tags.
        spec.segment =
            segmentFrom("{'conditions':[{'field':'custom','field_id':$Points,'op':'<','value':50}]}").value();
        QCOMPARE(recipientsOf(spec), QString("bob"));
    }

    void unknownListsTagsAndFieldsAreErrors()
    {
        AudienceSpec spec;
        spec.listIds = {999};
        auto count = countOf(spec);
        QVERIFY(!count.ok());
        QCOMPARE(count.error().code, ErrorCode::NotFound);
        QVERIFY2(count.error().message.contains("no list with id 999"), qPrintable(count.error().message));
        // A saved segment whose custom field was deleted since says so, naming the segment.
        spec.listIds.clear();
        Segment s = segmentFrom("{'conditions':[{'field':'custom','field_id':$Points,'op':'>','value':1}]}").value();
        s.name = "Big spenders";
        QVERIFY(CustomFieldRepository(db()).remove(fieldId("Points")).ok());
        spec.segment = s;
        count = countOf(spec);
        QVERIFY(!count.ok());
        QCOMPARE(count.error().code, ErrorCode::UnknownField);
        QVERIFY2(count.error().message.contains("\"Big spenders\"") &&
                     count.error().message.contains("no custom field with id"),
                 qPrintable(count.error().message));
    }

    void eachLeftOutContactIsCountedOnceUnderOneReason()
    {
        // Status comes first: a suppressed contact who also unsubscribed is counted as unsubscribed.
        for (auto [email, status] : {std::pair{"u1@example.net", ContactStatus::Unsubscribed},
                                     std::pair{"u2@blocked.example", ContactStatus::Unsubscribed},
                                     std::pair{"b1@example.net", ContactStatus::Bounced},
                                     std::pair{"c1@example.net", ContactStatus::Complained},
                                     std::pair{"s1@example.net", ContactStatus::Subscribed},
                                     std::pair{"s2@blocked.example", ContactStatus::Subscribed},
                                     std::pair{"s3@eu.mail.blocked.example", ContactStatus::Subscribed},
                                     std::pair{"ok@notblocked.example", ContactStatus::Subscribed},
                                     std::pair{"ok2@example.net", ContactStatus::Subscribed}}) {
            Contact c;
            c.email = email;
            c.status = status;
            c.lists = {"Campaign"};
            QVERIFY(add(c));
        }
        SuppressionList suppressions(db());
        QVERIFY(suppressions.add("S1@Example.NET").ok());
        QVERIFY(suppressions.add("u1@example.net").ok());
        QVERIFY(suppressions.add("blocked.example").ok());
        AudienceSpec spec;
        spec.listIds = {listId("Campaign")};
        auto count = countOf(spec);
        QVERIFY(count.ok());
        AudienceCount expected;
        expected.recipients = 2;
        expected.leftOutUnsubscribed = 2;
        expected.leftOutBounced = 1;
        expected.leftOutComplained = 1;
        expected.leftOutSuppressed = 3; // s1 by address, s2 by domain, s3 by a subdomain
        QCOMPARE(count.value(), expected);
        QCOMPARE(count->matched(), 9);
        QCOMPARE(recipientsOf(spec), QString("ok,ok2"));
        // A segment that asks for the suppressed and unsubscribed still gets none of them.
        spec.segment = segmentFrom("{'match':'any','conditions':[{'field':'email','op':'starts_with','value':'s'},"
                                   "{'field':'email','op':'starts_with','value':'u'}]}")
                           .value();
        QCOMPARE(recipientsOf(spec), QString());
        count = countOf(spec);
        QCOMPARE(count->recipients, 0);
        QCOMPARE(count->leftOutSuppressed, 3);
        QCOMPARE(count->leftOutUnsubscribed, 2);
    }

    void recipientsArePagedInIdOrder()
    {
        QVector<qint64> ids;
        for (int i = 0; i < 25; ++i) {
            Contact c;
            c.email = QString("p%1@paged.example").arg(i, 2, 10, QChar('0'));
            c.status = i % 5 == 0 ? ContactStatus::Unsubscribed : ContactStatus::Subscribed;
            c.tags = {"paged"};
            const qint64 id = add(c);
            QVERIFY(id);
            if (i % 5 != 0 && i != 7) {
                ids << id;
            }
        }
        QVERIFY(SuppressionList(db()).add("p07@paged.example").ok());
        AudienceSpec spec;
        spec.tagIds = {tagId("paged")};
        AudienceQuery query(db(), spec);
        QVector<qint64> seen;
        qint64 after = 0;
        int pages = 0;
        while (true) {
            auto page = query.recipients(after, 6);
            QVERIFY(page.ok());
            if (page->isEmpty()) {
                break;
            }
            QVERIFY(page->size() <= 6);
            ++pages;
            for (const AudienceRecipient& r : page.value()) {
                QVERIFY(r.email.endsWith("@paged.example"));
                seen << r.contactId;
            }
            after = page->last().contactId;
        }
        QCOMPARE(seen, ids);
        QCOMPARE(pages, 4); // 19 recipients in pages of 6
        QCOMPARE(query.count()->recipients, qint64(ids.size()));
    }

    void aSetCancelFlagStopsTheQuery()
    {
        std::atomic_bool cancel{true};
        AudienceQuery query(db(), AudienceSpec{});
        query.setCancelFlag(&cancel);
        auto count = query.count();
        QVERIFY(!count.ok());
        QCOMPARE(count.error().code, ErrorCode::Cancelled);
        QCOMPARE(query.recipients(0, 10).error().code, ErrorCode::Cancelled);
        cancel = false;
        QCOMPARE(query.count()->recipients, 4);
    }

    // A cancel asked for while SQLite runs the statement interrupts it (the progress handler
    // asks the check every few thousand steps), and the next query runs normally again.
    void cancellingMidwayInterruptsSqlite()
    {
        QSqlQuery q(db());
        QVERIFY(q.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                       " INSERT INTO contacts (email, email_key, created_at, updated_at)"
                       " SELECT 'bulk' || i || '@bulk.example', 'bulk' || i || '@bulk.example', '2024', '2024'"
                       " FROM n"));
        int checks = 0;
        AudienceQuery query(db(), AudienceSpec{});
        // The first check is made before the statement starts; later ones come from inside SQLite.
        query.setCancelCheck([&checks] { return ++checks >= 3; });
        auto count = query.count();
        QVERIFY(!count.ok());
        QCOMPARE(count.error().code, ErrorCode::Cancelled);
        QCOMPARE(checks, 3);
        query.setCancelCheck({});
        QCOMPARE(query.count()->recipients, 20004);
        // The handler is gone from the connection: other statements are not interrupted.
        QVERIFY(q.exec("SELECT count(*) FROM contacts c1, (SELECT 1 UNION ALL SELECT 2) x") && q.next());
    }

    QString planOf(const AudienceQuery::Statement& statement)
    {
        QSqlQuery q(db());
        if (!q.prepare("EXPLAIN QUERY PLAN " + statement.sql)) {
            return q.lastError().text();
        }
        for (const QVariant& v : statement.binds) {
            q.addBindValue(v);
        }
        if (!q.exec()) {
            return q.lastError().text();
        }
        QStringList plan;
        while (q.next()) {
            plan << q.value(3).toString();
        }
        return plan.join('\n');
    }

    // The list, tag and suppression paths walk indexes, never a whole table per contact. A count
    // builds each set once; a page of recipients walks contacts from an id and probes the keys.
    void queriesUseTheIndexes()
    {
        QVERIFY(SuppressionList(db()).add("someone@example.com").ok());
        QVERIFY(SuppressionList(db()).add("blocked.example").ok());
        AudienceSpec spec;
        spec.listIds = {listId("Newsletter")};
        spec.tagIds = {tagId("vip")};
        AudienceQuery query(db(), spec);
        const QString count = planOf(query.countStatement().value());
        QVERIFY2(count.contains("SEARCH list_members USING PRIMARY KEY (list_id=?)"), qPrintable(count));
        QVERIFY2(count.contains("SEARCH contact_tags USING COVERING INDEX contact_tags_by_tag (tag_id=?)"),
                 qPrintable(count));
        QVERIFY2(count.contains("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"), qPrintable(count));
        QVERIFY2(count.contains("SEARCH suppressions USING COVERING INDEX sqlite_autoindex_suppressions_1 (kind=?)"),
                 qPrintable(count));
        QVERIFY2(!count.contains("SCAN c") && !count.contains("SCAN suppressions"), qPrintable(count));

        const QString page = planOf(query.recipientsStatement(0, 100).value());
        // Walks subscribed contacts from the id in id order (by rowid or the (status, id) index).
        QVERIFY2(page.contains(QRegularExpression("SEARCH c USING .*(rowid|id)>\\?\\)")), qPrintable(page));
        QVERIFY2(page.contains("SEARCH m USING PRIMARY KEY (list_id=? AND contact_id=?)"), qPrintable(page));
        QVERIFY2(page.contains("SEARCH t USING PRIMARY KEY (contact_id=? AND tag_id=?)"), qPrintable(page));
        QVERIFY2(page.contains("sqlite_autoindex_suppressions_1 (kind=? AND pattern=?)"), qPrintable(page));
        for (const char* scan : {"SCAN c", "SCAN m", "SCAN t", "SCAN s", "TEMP B-TREE"}) {
            QVERIFY2(!page.contains(scan), qPrintable(page));
        }
        QVERIFY2(!page.contains("LIST SUBQUERY"), qPrintable(page));
    }
};

QTEST_GUILESS_MAIN(TestAudienceQuery)
#include "test_audience_query.moc"
