#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestCampaignRepository : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;

    Campaign sample()
    {
        Campaign c;
        c.name = QStringLiteral("Spring sale");
        c.subject = QStringLiteral("{{ first_name | default: \"Hallo\" }}, 20 % auf alles");
        c.preheader = QStringLiteral("Nur bis Sonntag");
        c.fromName = QStringLiteral("Café Müller");
        c.fromAddress = QStringLiteral("news@café-müller.de");
        c.replyTo = QStringLiteral("hallo@cafe-mueller.de");
        c.htmlBody = QStringLiteral("<p>Hallo {{ first_name }}</p>\n<p>Line two</p>");
        c.footerHtml =
            QStringLiteral("<p>{{ postal_address }}</p><p><a href=\"{{ unsubscribe_url }}\">Abmelden</a></p>");
        return c;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath(QStringLiteral("t.mailroom")));
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
        m_ws = std::move(ws).value();
    }

    void cleanup()
    {
        m_ws.reset();
        m_dir.reset();
    }

    void createsAndReadsBackEveryField()
    {
        const qint64 list = GroupRepository(m_ws->database(), GroupKind::List).ensure(QStringLiteral("Kunden")).value();
        const qint64 tag = GroupRepository(m_ws->database(), GroupKind::Tag).ensure(QStringLiteral("vip")).value();
        Campaign c = sample();
        c.listIds = {list};
        c.tagIds = {tag};
        CampaignRepository repo(m_ws->database());
        auto id = repo.create(c);
        QVERIFY2(id, qPrintable(id ? QString() : id.error().message));
        auto back = repo.findById(id.value());
        QVERIFY(back);
        c.id = id.value();
        QCOMPARE(back.value(), c);
        QVERIFY(back->createdAt.isValid());

        back.value().subject = QStringLiteral("Neu");
        back.value().tagIds.clear();
        QVERIFY(repo.update(back.value()));
        const Campaign again = repo.findById(c.id).value();
        QCOMPARE(again.subject, QStringLiteral("Neu"));
        QVERIFY(again.tagIds.isEmpty());
        QCOMPARE(again.listIds, QVector<qint64>{list});
        QCOMPARE(repo.all().value().size(), 1);
    }

    void refusesWhatCannotBeSaved_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no name") << "name"
                                 << "  "
                                 << "needs a name";
        QTest::newRow("subject with a line break") << "subject"
                                                   << "Hi\r\nBcc: all@x.org"
                                                   << "subject must be one line";
        QTest::newRow("from name with a line break") << "fromName"
                                                     << "A\nB"
                                                     << "sender's name must be one line";
        QTest::newRow("bad from") << "fromAddress"
                                  << "news@@example.com"
                                  << "From address \"news@@example.com\"";
        QTest::newRow("bad reply-to") << "replyTo"
                                      << "nobody"
                                      << "Reply-To address \"nobody\"";
    }

    void refusesWhatCannotBeSaved()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        Campaign c = sample();
        if (field == QLatin1String("name")) {
            c.name = value;
        } else if (field == QLatin1String("subject")) {
            c.subject = value;
        } else if (field == QLatin1String("fromName")) {
            c.fromName = value;
        } else if (field == QLatin1String("fromAddress")) {
            c.fromAddress = value;
        } else {
            c.replyTo = value;
        }
        CampaignRepository repo(m_ws->database());
        auto id = repo.create(c);
        QVERIFY(!id);
        QCOMPARE(id.error().code, ErrorCode::InvalidInput);
        QVERIFY2(id.error().message.contains(message), qPrintable(id.error().message));
        QCOMPARE(repo.all().value().size(), 0);
    }

    void refusesAMissingListOrSegment()
    {
        Campaign c = sample();
        c.listIds = {42};
        CampaignRepository repo(m_ws->database());
        auto id = repo.create(c);
        QVERIFY(!id);
        QCOMPARE(id.error().code, ErrorCode::NotFound);
        c.listIds.clear();
        c.segmentId = 7;
        QVERIFY(!repo.create(c));
        QCOMPARE(repo.all().value().size(), 0);
    }

    void keepsAttachmentsAndDropsThemWithTheCampaign()
    {
        CampaignRepository repo(m_ws->database());
        const qint64 id = repo.create(sample()).value();
        QByteArray pdf("%PDF-1.4\n\0binary\xff", 18);
        auto a =
            repo.addAttachment(id, QStringLiteral("Preisliste 2027.pdf"), QStringLiteral("application/pdf"), {}, pdf);
        QVERIFY2(a, qPrintable(a ? QString() : a.error().message));
        auto img = repo.addAttachment(id, QStringLiteral("logo.png"), QStringLiteral("image/png"),
                                      QStringLiteral("logo@mailroom"), QByteArray(100, 'x'));
        QVERIFY(img);
        // A campaign's files are part of it: changing them changes the campaign (a sending
        // campaign is rendered anew).
        const QDateTime before = repo.findById(id).value().updatedAt;
        QTest::qWait(5);
        auto extra = repo.addAttachment(id, QStringLiteral("extra.txt"), QStringLiteral("text/plain"), {}, "x");
        QVERIFY(extra);
        const QDateTime added = repo.findById(id).value().updatedAt;
        QVERIFY(added > before);
        QTest::qWait(5);
        QVERIFY(repo.removeAttachment(extra.value()));
        QVERIFY(repo.findById(id).value().updatedAt > added);
        const auto files = repo.attachments(id).value();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0].fileName, QStringLiteral("Preisliste 2027.pdf"));
        QCOMPARE(files[0].size, qint64(pdf.size()));
        QVERIFY(files[0].contentId.isEmpty());
        QCOMPARE(files[1].contentId, QStringLiteral("logo@mailroom"));
        QCOMPARE(repo.attachmentContent(a.value()).value(), pdf);

        QVERIFY(!repo.addAttachment(id, QStringLiteral("../etc/passwd"), QStringLiteral("text/plain"), {}, "x"));
        QVERIFY(!repo.addAttachment(id, QStringLiteral("a.txt"), QStringLiteral("text plain"), {}, "x"));
        QVERIFY(!repo.addAttachment(id, QStringLiteral("a.png"), QStringLiteral("image/png"), QStringLiteral("a b@x"),
                                    "x"));
        auto big = repo.addAttachment(id, QStringLiteral("huge.bin"), QStringLiteral("application/octet-stream"), {},
                                      QByteArray(CampaignRepository::kMaxAttachmentBytes + 1, '\0'));
        QVERIFY(!big);
        QVERIFY2(big.error().message.contains(QStringLiteral("huge.bin")), qPrintable(big.error().message));

        QVERIFY(repo.remove(id));
        QSqlQuery q(m_ws->database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM campaign_attachments")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(repo.remove(id).error().code, ErrorCode::NotFound);
    }

    void senderSettingsRoundTripAndValidate()
    {
        SenderSettings s;
        s.postalAddress = QStringLiteral("Café Müller, Hauptstraße 1, 10115 Berlin");
        s.unsubscribeUrlTemplate = QStringLiteral("https://cafe-mueller.de/abmelden?t={token}");
        QVERIFY(s.save(m_ws->database()));
        const SenderSettings back = SenderSettings::load(m_ws->database()).value();
        QCOMPARE(back.postalAddress, s.postalAddress);
        QCOMPARE(back.unsubscribeUrl(QStringLiteral("a b+c")),
                 QStringLiteral("https://cafe-mueller.de/abmelden?t=a%20b%2Bc"));
        QCOMPARE(back.unsubscribeMailtoUrl(QStringLiteral("tok"), QStringLiteral("news@example.com")),
                 QStringLiteral("mailto:news@example.com?subject=unsubscribe%20tok"));

        SenderSettings bad = s;
        bad.unsubscribeUrlTemplate = QStringLiteral("http://cafe-mueller.de/u/{token}");
        QVERIFY(!bad.save(m_ws->database()));
        bad.unsubscribeUrlTemplate = QStringLiteral("https://cafe-mueller.de/u/");
        auto noToken = bad.save(m_ws->database());
        QVERIFY(!noToken);
        QVERIFY(noToken.error().message.contains(QStringLiteral("{token}")));
        bad = s;
        bad.unsubscribeMailto = QStringLiteral("not an address");
        QVERIFY(!bad.save(m_ws->database()));
        // Nothing of a refused save is kept.
        QCOMPARE(SenderSettings::load(m_ws->database()).value().unsubscribeUrlTemplate, s.unsubscribeUrlTemplate);
    }
};

QTEST_GUILESS_MAIN(TestCampaignRepository)
#include "test_campaign_repository.moc"
