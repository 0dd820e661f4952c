#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Transaction.h"
#include "core/storage/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestContactRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath("t.mailroom"));
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
        m_repo = std::make_unique<ContactRepository>(m_ws->database());
    }
    void cleanup()
    {
        m_repo.reset();
        m_ws.reset();
    }

    // A repository write inside a caller's transaction joins it: the caller's rollback undoes it,
    // and an inner failure undoes only the inner write.
    void writesJoinAnOpenTransaction()
    {
        Contact a;
        a.email = "inner@example.com";
        {
            Transaction outer(m_ws->database());
            QVERIFY(outer.begin().ok());
            QVERIFY(m_repo->add(a).ok());
            QVERIFY(!m_repo->add(a).ok()); // a duplicate: its savepoint rolls back, the first add stays
            QCOMPARE(m_repo->count({}).value(), 1);
        } // rolled back
        QCOMPARE(m_repo->count({}).value(), 0);
        {
            Transaction outer(m_ws->database());
            QVERIFY(outer.begin().ok());
            QVERIFY(m_repo->add(a).ok());
            QVERIFY(outer.commit().ok());
        }
        QCOMPARE(m_repo->count({}).value(), 1);
        Contact b;
        b.email = "after@example.com";
        QVERIFY(m_repo->add(b).ok()); // a plain transaction again once the outer one is done
        QCOMPARE(m_repo->count({}).value(), 2);
    }

    // Tags and lists travel as comma-separated text (editor, CLI, CSV export): a comma in a name
    // would split it in two on the way back.
    void refusesCommasInTagAndListNames()
    {
        for (GroupKind kind : {GroupKind::Tag, GroupKind::List}) {
            auto made = GroupRepository(m_ws->database(), kind).create("Shop, Berlin");
            QVERIFY(!made.ok());
            QCOMPARE(made.error().code, ErrorCode::InvalidInput);
            QVERIFY2(made.error().message.contains("comma"), qPrintable(made.error().message));
        }
    }

    void addsAndReadsBackEveryField()
    {
        QVERIFY(CustomFieldRepository(m_ws->database()).create("Loyalty points", FieldType::Number).ok());
        QVERIFY(CustomFieldRepository(m_ws->database()).create("Birthday", FieldType::Date).ok());
        Contact c;
        c.email = QStringLiteral(" José.García@Correo.ES ");
        c.firstName = QStringLiteral("José");
        c.lastName = QStringLiteral("García");
        c.company = "Tienda";
        c.phone = "+34 91 123 45 67";
        c.street = "Calle Mayor 1";
        c.city = "Madrid";
        c.region = "Madrid";
        c.postcode = "28013";
        c.country = "Spain";
        c.notes = "Line one\nLine two";
        c.status = ContactStatus::Unsubscribed;
        c.consentSource = "shop counter";
        c.consentDate = QDate(2024, 5, 1);
        c.tags = {"vip", "customer"};
        c.lists = {"Newsletter"};
        c.fields = {{"Loyalty points", "120.50"}, {"birthday", "1990-02-03"}};
        auto id = m_repo->add(c);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
        auto back = m_repo->findByEmail(QStringLiteral("josé.garcía@correo.es"));
        QVERIFY(back.ok());
        QCOMPARE(back->id, id.value());
        QCOMPARE(back->email, QStringLiteral("José.García@correo.es"));
        QCOMPARE(back->notes, QString("Line one\nLine two"));
        QCOMPARE(back->status, ContactStatus::Unsubscribed);
        QCOMPARE(back->consentDate, QDate(2024, 5, 1));
        QCOMPARE(back->tags, (QStringList{"customer", "vip"}));
        QCOMPARE(back->lists, QStringList{"Newsletter"});
        QCOMPARE(back->fields.value("Loyalty points"), QString("120.5"));
        QCOMPARE(back->fields.value("Birthday"), QString("1990-02-03"));
        QVERIFY(back->createdAt.isValid());
        QVERIFY(back->updatedAt.isValid());
    }

    void duplicateIsRefusedNamingTheExistingContact()
    {
        Contact jane;
        jane.email = "jane@example.com";
        jane.firstName = "Jane";
        jane.lastName = "Doe";
        QVERIFY(m_repo->add(jane).ok());
        Contact again;
        again.email = "JANE@Example.com";
        auto dup = m_repo->add(again);
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, ErrorCode::Duplicate);
        QVERIFY2(dup.error().message.contains("Jane Doe"), qPrintable(dup.error().message));
        QCOMPARE(m_repo->count({}).value(), 1);
    }

    void idnSpellingsAreTheSameAddress()
    {
        Contact a;
        a.email = QStringLiteral("info@bücher.de");
        QVERIFY(m_repo->add(a).ok());
        Contact b;
        b.email = "INFO@xn--bcher-kva.de";
        auto dup = m_repo->add(b);
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, ErrorCode::Duplicate);
    }

    void invalidInputChangesNothing_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("firstName");
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("bad email") << "jane@@example.com"
                                   << ""
                                   << ""
                                   << "" << int(ErrorCode::InvalidInput) << "jane@@example.com";
        QTest::newRow("header injection in name") << "a@example.com"
                                                  << "Eve\r\nBcc: all@example.com"
                                                  << ""
                                                  << "" << int(ErrorCode::InvalidInput) << "line break";
        QTest::newRow("bad phone") << "a@example.com"
                                   << ""
                                   << "call me maybe"
                                   << "" << int(ErrorCode::InvalidInput) << "phone";
        QTest::newRow("unknown field") << "a@example.com"
                                       << ""
                                       << ""
                                       << "Shoe size=42" << int(ErrorCode::UnknownField) << "Shoe size";
        QTest::newRow("bad number") << "a@example.com"
                                    << ""
                                    << ""
                                    << "Points=lots" << int(ErrorCode::InvalidInput) << "not a number";
    }
    void invalidInputChangesNothing()
    {
        QFETCH(QString, email);
        QFETCH(QString, firstName);
        QFETCH(QString, phone);
        QFETCH(QString, field);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        QVERIFY(CustomFieldRepository(m_ws->database()).create("Points", FieldType::Number).ok());
        Contact c;
        c.email = email;
        c.firstName = firstName;
        c.phone = phone;
        c.tags = {"should-not-appear"};
        if (!field.isEmpty()) {
            c.fields.insert(field.section('=', 0, 0), field.section('=', 1));
        }
        auto added = m_repo->add(c);
        QVERIFY(!added.ok());
        QCOMPARE(int(added.error().code), code);
        QVERIFY2(added.error().message.contains(mentions), qPrintable(added.error().message));
        QCOMPARE(m_repo->count({}).value(), 0);
        QVERIFY(GroupRepository(m_ws->database(), GroupKind::Tag).all()->isEmpty());
    }

    void updateReplacesFieldsAndMemberships()
    {
        Contact c;
        c.email = "sam@example.com";
        c.tags = {"old"};
        c.lists = {"A"};
        const qint64 id = m_repo->add(c).value();
        Contact edited = m_repo->findById(id).value();
        edited.email = "sam.smith@example.com";
        edited.lastName = "Smith";
        edited.tags = {"new"};
        edited.lists = {};
        QVERIFY(m_repo->update(edited).ok());
        const Contact back = m_repo->findById(id).value();
        QCOMPARE(back.email, QString("sam.smith@example.com"));
        QCOMPARE(back.tags, QStringList{"new"});
        QVERIFY(back.lists.isEmpty());
        ContactFilter oldTag;
        oldTag.search = "old";
        QCOMPARE(m_repo->count(oldTag).value(), 0);
        ContactFilter newName;
        newName.search = "smi";
        QCOMPARE(m_repo->count(newName).value(), 1);
    }

    void updateToAnExistingEmailIsRefused()
    {
        Contact a;
        a.email = "a@example.com";
        Contact b;
        b.email = "b@example.com";
        QVERIFY(m_repo->add(a).ok());
        const qint64 bId = m_repo->add(b).value();
        Contact edited = m_repo->findById(bId).value();
        edited.email = "A@EXAMPLE.COM";
        auto updated = m_repo->update(edited);
        QVERIFY(!updated.ok());
        QCOMPARE(updated.error().code, ErrorCode::Duplicate);
        QCOMPARE(m_repo->findById(bId)->email, QString("b@example.com"));
    }

    void deleteRemovesFromSearchAndCounts()
    {
        Contact c;
        c.email = "gone@example.com";
        c.firstName = "Gonzo";
        c.tags = {"t"};
        const qint64 id = m_repo->add(c).value();
        QVERIFY(m_repo->remove(id).ok());
        ContactFilter f;
        f.search = "gonzo";
        QCOMPARE(m_repo->count(f).value(), 0);
        QCOMPARE(GroupRepository(m_ws->database(), GroupKind::Tag).all()->first().memberCount, 0);
        QCOMPARE(m_repo->remove(id).error().code, ErrorCode::NotFound);
    }

    void searchMatchesPrefixesAcrossFieldsIgnoringAccents()
    {
        addPerson("anna@example.com", QStringLiteral("Anna"), QStringLiteral("Müller"), "Bäckerei", {"vip"},
                  "likes rye");
        addPerson("bob@shop.com", "Bob", "Marley", "Reggae Ltd", {}, "");
        addPerson("carl@example.org", "Carl", "Mulligan", "", {"wholesale"}, "");
        QCOMPARE(searchCount("mu"), 2);  // Müller and Mulligan, accent-insensitive
        QCOMPARE(searchCount("mül"), 2); // accents fold both ways, as in Gmail's search
        QCOMPARE(searchCount("mulle"), 1);
        QCOMPARE(searchCount("anna mü"), 1); // every word must match
        QCOMPARE(searchCount("bäck"), 1);    // company
        QCOMPARE(searchCount("vi"), 1);      // tags
        QCOMPARE(searchCount("rye"), 1);     // notes
        QCOMPARE(searchCount("shop"), 1);    // email domain
        QCOMPARE(searchCount("bob@shop.com"), 1);
        QCOMPARE(searchCount("\"unbalanced OR NOT *"), 0); // operators are literal, never a syntax error
        QCOMPARE(searchCount("   "), 3);                   // blank search is no filter
    }

    void filtersCombineWithSearch()
    {
        const qint64 a = addPerson("a@example.com", "Ann", "Lee", "", {"vip"}, "");
        addPerson("b@example.com", "Anders", "Lund", "", {"vip"}, "");
        addPerson("c@example.com", "Andy", "Low", "", {}, "");
        Contact unsub = m_repo->findById(a).value();
        unsub.status = ContactStatus::Unsubscribed;
        unsub.lists = {"Spring"};
        QVERIFY(m_repo->update(unsub).ok());
        const qint64 vip = GroupRepository(m_ws->database(), GroupKind::Tag).findByName("VIP")->id;
        const qint64 spring = GroupRepository(m_ws->database(), GroupKind::List).findByName("spring")->id;
        ContactFilter f;
        f.search = "an";
        QCOMPARE(m_repo->count(f).value(), 3);
        f.tagId = vip;
        QCOMPARE(m_repo->count(f).value(), 2);
        f.status = ContactStatus::Subscribed;
        QCOMPARE(m_repo->count(f).value(), 1);
        ContactFilter byList;
        byList.listId = spring;
        QCOMPARE(m_repo->count(byList).value(), 1);
        const auto counts = m_repo->statusCounts().value();
        QCOMPARE(counts.value(ContactStatus::Subscribed), 2);
        QCOMPARE(counts.value(ContactStatus::Unsubscribed), 1);
        QCOMPARE(counts.value(ContactStatus::Bounced), 0);
        const auto tags = GroupRepository(m_ws->database(), GroupKind::Tag).all().value();
        QCOMPARE(tags.size(), 1);
        QCOMPARE(tags.first().name, QString("vip"));
        QCOMPARE(tags.first().memberCount, 2);
    }

    void keysetPagesWalkTheWholeOrderBothWays()
    {
        // Many equal last names force the id tie-breaker to do its job.
        for (int i = 0; i < 700; ++i) {
            Contact c;
            c.email = QString("p%1@example.com").arg(i);
            c.lastName = QString("Name%1").arg(i % 37);
            c.firstName = QString("F%1").arg(i);
            QVERIFY(m_repo->add(c).ok());
        }
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            ContactSort sort;
            sort.column = ContactColumn::LastName;
            sort.order = order;
            QSqlQuery q(m_ws->database());
            QVERIFY(q.exec(QString("SELECT id FROM contacts ORDER BY last_name COLLATE NOCASE %1, id %1")
                               .arg(order == Qt::AscendingOrder ? "ASC" : "DESC")));
            QVector<qint64> expected;
            while (q.next()) {
                expected.append(q.value(0).toLongLong());
            }
            const auto keys = m_repo->sparseKeys({}, sort, 100).value();
            QCOMPARE(keys.size(), 7);
            QVector<qint64> walked;
            for (const SortKey& key : keys) {
                ContactPageRequest request;
                request.sort = sort;
                request.from = key;
                request.limit = 100;
                const auto page = m_repo->page(request).value();
                for (const Contact& c : page.contacts) {
                    walked.append(c.id);
                }
            }
            QCOMPARE(walked, expected);
            ContactPageRequest last;
            last.sort = sort;
            last.fromEnd = true;
            last.limit = 50;
            const auto lastPage = m_repo->page(last).value();
            QCOMPARE(lastPage.contacts.size(), 50);
            QCOMPARE(lastPage.contacts.last().id, expected.last());
            QCOMPARE(lastPage.contacts.first().id, expected.at(expected.size() - 50));
            const auto ids = m_repo->idsInRange({}, sort, keys.at(3), 10, 5).value();
            QCOMPARE(ids, expected.mid(310, 5));
        }
    }

    void broadAndNarrowSearchPlansAgree()
    {
        for (int i = 0; i < 600; ++i) {
            Contact c;
            c.email = QString("m%1@example.com").arg(i);
            c.lastName = i % 3 ? QString("Miller%1").arg(i % 17) : QString("Other%1").arg(i % 5);
            QVERIFY(m_repo->add(c).ok());
        }
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            ContactPageRequest request;
            request.filter.search = "mil";
            request.sort.order = order;
            request.limit = 50;
            request.matchCountHint = 0; // materialize the matches, then sort
            const auto narrow = m_repo->page(request).value();
            request.matchCountHint = 1000000000; // walk the sort index, probing the search index
            const auto broad = m_repo->page(request).value();
            QCOMPARE(narrow.contacts.size(), 50);
            QVector<qint64> a, b;
            for (int i = 0; i < 50; ++i) {
                a << narrow.contacts.at(i).id;
                b << broad.contacts.at(i).id;
            }
            QCOMPARE(a, b);
            request.from = narrow.keys.at(20);
            const auto fromKey = m_repo->page(request).value();
            QCOMPARE(fromKey.contacts.first().id, a.at(20));
        }
        ContactFilter f;
        f.search = "mil";
        QCOMPARE(m_repo->count(f).value(), 400);
        f.status = ContactStatus::Subscribed;
        QCOMPARE(m_repo->count(f).value(), 400);
    }

    void defaultOrderIsNewestFirstAndSearchKeepsIt()
    {
        QVector<qint64> matching;
        for (int i = 0; i < 900; ++i) {
            Contact c;
            c.email = QString("n%1@example.com").arg(i);
            c.firstName = i % 4 ? QString("Nora%1").arg(i) : QString("Zed%1").arg(i);
            const qint64 id = m_repo->add(c).value();
            if (i % 4) {
                matching.prepend(id); // newest first
            }
        }
        ContactPageRequest request; // default sort: the order added, newest first
        request.limit = 100;
        const auto all = m_repo->page(request).value();
        QCOMPARE(all.contacts.first().email, QString("n899@example.com"));
        request.filter.search = "nor";
        QVector<qint64> walked;
        for (const SortKey& key : m_repo->sparseKeys(request.filter, request.sort, 100).value()) {
            request.from = key;
            const ContactPage page = m_repo->page(request).value();
            for (const Contact& c : page.contacts) {
                walked << c.id;
            }
        }
        QCOMPARE(walked, matching);
        request.from.reset();
        request.fromEnd = true;
        request.limit = 10;
        const auto last = m_repo->page(request).value();
        QCOMPARE(last.contacts.last().id, matching.last());
        QCOMPARE(last.contacts.first().id, matching.at(matching.size() - 10));
        const auto keys = m_repo->sparseKeys(request.filter, request.sort, 100).value();
        QCOMPARE(m_repo->idsInRange(request.filter, request.sort, keys.at(2), 5, 3).value(), matching.mid(205, 3));
        ContactFilter subscribedNoras;
        subscribedNoras.search = "nor";
        subscribedNoras.status = ContactStatus::Subscribed;
        ContactPageRequest combined;
        combined.filter = subscribedNoras;
        combined.limit = 1000;
        QCOMPARE(m_repo->page(combined)->contacts.size(), matching.size());
    }

    void sortsByCustomFieldNumerically()
    {
        const qint64 field = CustomFieldRepository(m_ws->database()).create("Points", FieldType::Number).value();
        for (int points : {100, 9, 25}) {
            Contact c;
            c.email = QString("p%1@example.com").arg(points);
            c.fields.insert("Points", QString::number(points));
            QVERIFY(m_repo->add(c).ok());
        }
        ContactPageRequest request;
        request.sort.customFieldId = field;
        request.sort.order = Qt::AscendingOrder;
        const auto page = m_repo->page(request).value();
        QCOMPARE(page.contacts.size(), 3);
        QCOMPARE(page.contacts.at(0).fields.value("Points"), QString("9"));
        QCOMPARE(page.contacts.at(2).fields.value("Points"), QString("100"));
    }

private:
    qint64 addPerson(const QString& email, const QString& first, const QString& last, const QString& company,
                     const QStringList& tags, const QString& notes)
    {
        Contact c;
        c.email = email;
        c.firstName = first;
        c.lastName = last;
        c.company = company;
        c.tags = tags;
        c.notes = notes;
        auto id = m_repo->add(c);
        return id.ok() ? id.value() : -1;
    }
    qint64 searchCount(const QString& text)
    {
        ContactFilter f;
        f.search = text;
        auto n = m_repo->count(f);
        return n.ok() ? n.value() : -1;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<ContactRepository> m_repo;
};

QTEST_GUILESS_MAIN(TestContactRepository)
#include "test_contact_repository.moc"
