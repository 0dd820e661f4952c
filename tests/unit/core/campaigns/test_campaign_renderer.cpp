#include "core/campaigns/CampaignRenderer.h"
#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/DkimKeyRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "core/campaigns/StarterTemplates.h"
#include "core/campaigns/SuppressionList.h"
#include "core/campaigns/UnsubscribeToken.h"
#include "core/contacts/ContactRepository.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/delivery/FolderSend.h"
#include "core/mail/mime/MimeMessage.h"
#include "core/storage/Workspace.h"
#include "tests/unit/core/security/VaultTestSeam.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kScript = QStringLiteral(MAILROOM_TEST_SCRIPT_DIR "/rendered_check.py");

// What a receiver reads in the message: Python's email package, and python3-dkim when a DKIM
// record is given.
QJsonObject readAsReceiver(const QByteArray& message, const QString& dkimRecord = {})
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.eml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(message) != message.size()) {
        return {};
    }
    file.close();
    QProcess python;
    QStringList args{kScript, path};
    if (!dkimRecord.isEmpty()) {
        args << dkimRecord;
    }
    python.start(QStringLiteral("/usr/bin/python3"), args);
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        qWarning("%s", python.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

QString normalized(QString text)
{
    return text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
}

} // namespace

class TestCampaignRenderer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::optional<Vault> m_vault;
    qint64 m_list = 0;

    QSqlDatabase db() { return m_ws->database(); }

    qint64 addContact(const QString& email, const QString& first, ContactStatus status = ContactStatus::Subscribed)
    {
        Contact c;
        c.email = email;
        c.firstName = first;
        c.lastName = QStringLiteral("Müller");
        c.status = status;
        c.lists = {QStringLiteral("Kunden")};
        c.fields.insert(QStringLiteral("Loyalty tier"), QStringLiteral("Gold"));
        auto id = ContactRepository(db()).add(c);
        return id ? id.value() : 0;
    }

    Campaign campaign()
    {
        Campaign c;
        c.name = QStringLiteral("Frühling");
        c.subject =
            QStringLiteral("{{ first_name | default: \"Hallo\" }}, 20 % auf alles – nur für {{ loyalty_tier }}");
        c.preheader = QStringLiteral("Nur bis Sonntag, {{ first_name }}");
        c.fromName = QStringLiteral("Café Müller");
        c.fromAddress = QStringLiteral("news@café-müller.de");
        c.htmlBody = QStringLiteral("<!DOCTYPE html>\n<html><head><title>x</title></head>\n<body style=\"margin:0\">\n"
                                    "<p>Hallo {% if first_name %}{{ first_name }}{% else %}zusammen{% endif %},</p>\n"
                                    "<p>Ihr Rang: <b>{{ loyalty_tier | upper }}</b>. "
                                    "<a href=\"https://café-müller.de/angebot?a=1&amp;b=2\">Zum Angebot</a></p>\n"
                                    "<p><img src=\"cid:logo@cafe\" alt=\"Café Müller\"></p>\n"
                                    "</body>\n</html>\n");
        c.footerHtml = StarterTemplates::defaultFooter();
        c.listIds = {m_list};
        return c;
    }

    qint64 saved(const Campaign& c)
    {
        CampaignRepository repo(db());
        auto id = repo.create(c);
        if (!id) {
            return 0;
        }
        auto pdf = repo.addAttachment(id.value(), QStringLiteral("Preisliste.pdf"), QStringLiteral("application/pdf"),
                                      {}, QByteArray("%PDF-1.4\n\x01\x02\xff binary", 22));
        auto logo = repo.addAttachment(id.value(), QStringLiteral("logo.png"), QStringLiteral("image/png"),
                                       QStringLiteral("logo@cafe"),
                                       QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(300, '\x07'));
        if (!pdf || !logo) {
            return 0;
        }
        return id.value();
    }

    CampaignRenderer::Options fixedDate()
    {
        CampaignRenderer::Options options;
        options.date = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::OffsetFromUTC, 3600);
        return options;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath(QStringLiteral("t.mailroom")));
        QVERIFY(ws);
        m_ws = std::move(ws).value();
        auto vault = VaultTestSeam::create(db(), QStringLiteral("pass"));
        QVERIFY(vault);
        m_vault.emplace(std::move(vault).value());
        QVERIFY(CustomFieldRepository(db()).create(QStringLiteral("Loyalty tier"), FieldType::Text));
        m_list = GroupRepository(db(), GroupKind::List).ensure(QStringLiteral("Kunden")).value();
        SenderSettings sender;
        sender.postalAddress = QStringLiteral("Café Müller, Hauptstraße 1, 10115 Berlin");
        QVERIFY(sender.save(db()));
    }

    void cleanup()
    {
        m_vault.reset();
        m_ws.reset();
        m_dir.reset();
    }

    void aReceiverReadsExactlyWhatThePreviewShows_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::newRow("unsigned") << -1;
        QTest::newRow("rsa-sha256") << int(DkimKey::Algorithm::Rsa2048);
        QTest::newRow("ed25519-sha256") << int(DkimKey::Algorithm::Ed25519);
    }

    void aReceiverReadsExactlyWhatThePreviewShows()
    {
        QFETCH(int, algorithm);
        QString record;
        if (algorithm >= 0) {
            DkimKeyRepository keys(db());
            auto info = keys.generate(*m_vault, QStringLiteral("café-müller.de"), QStringLiteral("mr1"),
                                      DkimKey::Algorithm(algorithm));
            QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
            record = keys.keyFor(*m_vault, info.value()).value().dnsRecordValue();
        }
        const qint64 anna = addContact(QStringLiteral("anna@example.com"), QStringLiteral("Anna"));
        Campaign c = campaign();
        c.id = saved(c);
        auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        QVERIFY2(renderer, qPrintable(renderer ? QString() : renderer.error().message));
        QVERIFY(renderer->templateIssues().isEmpty());
        QCOMPARE(renderer->dkimKey().has_value(), algorithm >= 0);
        auto message = renderer->render(ContactRepository(db()).findById(anna).value());
        QVERIFY2(message, qPrintable(message ? QString() : message.error().message));

        QCOMPARE(message->subject, QStringLiteral("Anna, 20 % auf alles – nur für Gold"));
        QVERIFY(message->html.contains(QStringLiteral("Ihr Rang: <b>GOLD</b>")));
        QVERIFY(message->text.contains(QStringLiteral("Hallo Anna,")));
        QVERIFY(message->text.contains(QStringLiteral("Café Müller, Hauptstraße 1, 10115 Berlin")));

        const QJsonObject seen = readAsReceiver(message->bytes, record);
        QVERIFY2(!seen.isEmpty(), "python could not read the message");
        QCOMPARE(seen[QStringLiteral("defects")].toArray().size(), 0);
        QCOMPARE(seen[QStringLiteral("long_lines")].toInt(), 0);
        QCOMPARE(seen[QStringLiteral("bare_line_ends")].toInt(), 0);
        QCOMPARE(seen[QStringLiteral("subject")].toString(), message->subject);
        // MIME sends text with CRLF line ends; apart from that the preview is the message.
        QCOMPARE(seen[QStringLiteral("html")].toString(), normalized(message->html));
        QCOMPARE(seen[QStringLiteral("text")].toString(), normalized(message->text));
        const QJsonArray to = seen[QStringLiteral("to")].toArray().first().toArray();
        QCOMPARE(to[0].toString(), QStringLiteral("Anna Müller"));
        QCOMPARE(to[1].toString(), QStringLiteral("anna@example.com"));
        QCOMPARE(seen[QStringLiteral("from")].toArray().first().toArray()[0].toString(), QStringLiteral("Café Müller"));
        const QJsonArray files = seen[QStringLiteral("attachments")].toArray();
        QCOMPARE(files.size(), 2);
        QStringList names;
        for (const auto& f : files) {
            names << f.toObject()[QStringLiteral("filename")].toString();
        }
        QVERIFY(names.contains(QStringLiteral("Preisliste.pdf")));
        const QString pdfHash = QString::fromLatin1(
            QCryptographicHash::hash(QByteArray("%PDF-1.4\n\x01\x02\xff binary", 22), QCryptographicHash::Sha256)
                .toHex());
        bool pdfIntact = false;
        for (const auto& f : files) {
            pdfIntact = pdfIntact || f.toObject()[QStringLiteral("sha256")].toString() == pdfHash;
        }
        QVERIFY(pdfIntact);
        const QJsonObject headers = seen[QStringLiteral("headers")].toObject();
        QVERIFY(headers.contains(QStringLiteral("List-Unsubscribe")));
        QVERIFY(!headers.contains(QStringLiteral("List-Unsubscribe-Post"))); // no https URL set
        if (algorithm >= 0) {
            QCOMPARE(seen[QStringLiteral("dkim")].toBool(), true);
            // A changed header breaks the signature.
            QByteArray forged = message->bytes;
            forged.replace("To: ", "To: =?utf-8?q?x?= ");
            QCOMPARE(readAsReceiver(forged, record)[QStringLiteral("dkim")].toBool(), false);
        }
    }

    void theSameRecipientGetsTheSameMessage()
    {
        const qint64 anna = addContact(QStringLiteral("anna@example.com"), QStringLiteral("Anna"));
        const qint64 ben = addContact(QStringLiteral("ben@example.com"), QStringLiteral("Ben"));
        Campaign c = campaign();
        c.id = saved(c);
        auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        QVERIFY(renderer);
        const Contact a = ContactRepository(db()).findById(anna).value();
        const RenderedMessage first = renderer->render(a).value();
        QCOMPARE(renderer->render(a).value().bytes, first.bytes);
        const RenderedMessage other = renderer->render(ContactRepository(db()).findById(ben).value()).value();
        QVERIFY(other.messageId != first.messageId);
        // A second preparation (another session) gives the same bytes: nothing random per run.
        auto again = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        QCOMPARE(again->render(a).value().bytes, first.bytes);
    }

    void aLocalDateIsWrittenWithItsOffsetThatDay()
    {
        // The renderer fixes a local date's offset once when preparing; the header must still
        // be the one MimeMessage writes for the local date, summer time or not.
        const QByteArray oldTz = qgetenv("TZ");
        qputenv("TZ", "Europe/Berlin");
        const auto restoreTz = qScopeGuard([&oldTz] {
            if (oldTz.isNull()) {
                qunsetenv("TZ");
            } else {
                qputenv("TZ", oldTz);
            }
        });
        const qint64 anna = addContact(QStringLiteral("anna@example.com"), QStringLiteral("Anna"));
        Campaign c = campaign();
        c.id = saved(c);
        const Contact a = ContactRepository(db()).findById(anna).value();
        QByteArrayList headers;
        for (const QDate day : {QDate(2026, 7, 1), QDate(2026, 11, 28)}) {
            CampaignRenderer::Options options;
            options.date = QDateTime(day, QTime(9, 5), Qt::LocalTime);
            auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, options);
            QVERIFY(renderer);
            const QByteArray bytes = renderer->render(a).value().bytes;
            const qsizetype start = bytes.indexOf("Date: ");
            headers.append(bytes.mid(start, bytes.indexOf("\r\n", start) - start));
            QCOMPARE(headers.last(), "Date: " + MimeMessage::formatDate(options.date).value());
        }
        QCOMPARE(headers.at(0), QByteArray("Date: Wed, 01 Jul 2026 09:05:00 +0200"));
        QCOMPARE(headers.at(1), QByteArray("Date: Sat, 28 Nov 2026 09:05:00 +0100"));
    }

    void theUnsubscribeLinkCarriesAVerifiableToken()
    {
        SenderSettings sender = SenderSettings::load(db()).value();
        sender.unsubscribeUrlTemplate = QStringLiteral("https://café-müller.de/abmelden/{token}");
        QVERIFY(sender.save(db()));
        const qint64 anna = addContact(QStringLiteral("anna@example.com"), QStringLiteral("Anna"));
        Campaign c = campaign();
        c.id = saved(c);
        auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        const RenderedMessage m = renderer->render(ContactRepository(db()).findById(anna).value()).value();
        const QJsonObject headers = readAsReceiver(m.bytes)[QStringLiteral("headers")].toObject();
        QCOMPARE(headers[QStringLiteral("List-Unsubscribe-Post")].toArray().first().toString(),
                 QStringLiteral("List-Unsubscribe=One-Click"));
        const QString list = headers[QStringLiteral("List-Unsubscribe")].toArray().first().toString();
        const qsizetype start = list.indexOf(QStringLiteral("/abmelden/")) + 10;
        const QString token = list.mid(start, list.indexOf(QLatin1Char('>'), start) - start);
        const QByteArray key = m_vault->get(UnsubscribeToken::vaultKind(), UnsubscribeToken::vaultName()).value();
        const auto parsed = UnsubscribeToken::verify(key, token);
        QVERIFY2(parsed, qPrintable(token));
        QCOMPARE(parsed->contactId, anna);
        QCOMPARE(parsed->campaignId, c.id);
        QVERIFY(m.html.contains(token));
        QVERIFY(!UnsubscribeToken::verify(
            key, QStringLiteral("%1.%2.%3").arg(c.id).arg(anna + 1).arg(token.section(QLatin1Char('.'), 2))));
    }

    void aValueNeverBreaksIntoTheHeaders()
    {
        Contact eve;
        eve.email = QStringLiteral("eve@example.com");
        eve.firstName = QStringLiteral("Eve");
        eve.lastName = QStringLiteral("X");
        eve.lists = {QStringLiteral("Kunden")};
        eve.fields.insert(QStringLiteral("Loyalty tier"), QStringLiteral("Gold\r\nBcc: all@evil.example\r\n\r\n<b>"));
        const qint64 id = ContactRepository(db()).add(eve).value();
        Campaign c = campaign();
        c.id = saved(c);
        auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        const RenderedMessage m = renderer->render(ContactRepository(db()).findById(id).value()).value();
        QVERIFY(!m.subject.contains(QLatin1Char('\n')));
        QVERIFY(m.html.contains(QStringLiteral("&lt;B&gt;")));
        const QJsonObject seen = readAsReceiver(m.bytes);
        QVERIFY(!seen[QStringLiteral("headers")].toObject().contains(QStringLiteral("Bcc")));
        QCOMPARE(seen[QStringLiteral("subject")].toString(), m.subject);
    }

    void preheaderAndFooterGoWhereInboxesLookForThem()
    {
        const qint64 anna = addContact(QStringLiteral("anna@example.com"), QStringLiteral("Anna"));
        Campaign c = campaign();
        c.footerHtml = QStringLiteral("<p>FOOTER {{ postal_address }} <a href=\"{{ unsubscribe_url }}\">x</a></p>");
        c.id = saved(c);
        auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        const QString html = renderer->render(ContactRepository(db()).findById(anna).value()).value().html;
        const qsizetype body = html.indexOf(QStringLiteral("<body style=\"margin:0\">"));
        const qsizetype preheader = html.indexOf(QStringLiteral("Nur bis Sonntag, Anna"));
        const qsizetype footer = html.indexOf(QStringLiteral("FOOTER Café"));
        const qsizetype bodyEnd = html.indexOf(QStringLiteral("</body>"));
        QVERIFY(body >= 0 && preheader > body && preheader < html.indexOf(QStringLiteral("<p>Hallo")));
        QVERIFY(footer > html.indexOf(QStringLiteral("Zum Angebot")) && footer < bodyEnd);

        // A fragment without <html> or <body>: the preheader first, the footer last.
        c.htmlBody = QStringLiteral("<p>Hallo {{ first_name }}</p>");
        QVERIFY(CampaignRepository(db()).update(c));
        auto fragment = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        const QString out = fragment->render(ContactRepository(db()).findById(anna).value()).value().html;
        QVERIFY2(out.indexOf(QStringLiteral("Nur bis Sonntag")) < out.indexOf(QStringLiteral("<p>Hallo Anna")),
                 qPrintable(out));
        QVERIFY(out.indexOf(QStringLiteral("FOOTER")) > out.indexOf(QStringLiteral("<p>Hallo Anna")));
    }

    void templateProblemsAreReportedWhereTheyAre()
    {
        Campaign c = campaign();
        c.subject = QStringLiteral("Hallo {{ frist_name }}");
        c.htmlBody += QStringLiteral("{% if company %}unclosed");
        c.id = saved(c);
        auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        QVERIFY(renderer);
        const auto issues = renderer->templateIssues();
        QCOMPARE(issues.size(), 2);
        QVERIFY2(issues[0].message.startsWith(QStringLiteral("Subject: line 1")), qPrintable(issues[0].message));
        QVERIFY(issues[0].message.contains(QStringLiteral("first_name")));
        QVERIFY2(issues[1].message.startsWith(QStringLiteral("HTML: line 9")), qPrintable(issues[1].message));
        const qint64 anna = addContact(QStringLiteral("anna@example.com"), QStringLiteral("Anna"));
        auto message = renderer->render(ContactRepository(db()).findById(anna).value());
        QVERIFY(!message);
        QCOMPARE(message.error().code, ErrorCode::TemplateError);
    }

    void aBigAttachmentIsNoReasonForGmailToClip()
    {
        const qint64 anna = addContact(QStringLiteral("anna@example.com"), QStringLiteral("Anna"));
        Campaign c = campaign();
        c.id = saved(c);
        QVERIFY(CampaignRepository(db()).addAttachment(
            c.id, QStringLiteral("Katalog.pdf"), QStringLiteral("application/pdf"), {}, QByteArray(400 * 1024, 'x')));
        const Contact a = ContactRepository(db()).findById(anna).value();
        const auto codes = [](const QVector<ContentIssue>& issues) {
            QStringList out;
            for (const ContentIssue& issue : issues) {
                out << issue.code;
            }
            return out;
        };
        auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        QVERIFY(renderer->render(a).value().bytes.size() > 400 * 1024);
        QVERIFY2(!codes(renderer->check(a)).join(QLatin1Char(' ')).contains(QStringLiteral("size.")),
                 qPrintable(codes(renderer->check(a)).join(QLatin1Char(' '))));

        // An HTML body past 102 KB is.
        c.htmlBody.replace(QStringLiteral("</body>"),
                           QString(110 * 1024, QLatin1Char('x')) + QStringLiteral("</body>"));
        QVERIFY(CampaignRepository(db()).update(c));
        auto big = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        QVERIFY(codes(big->check(a)).contains(QStringLiteral("size.clipped")));

        // A preview without its files renders the same subject, HTML and text.
        CampaignRenderer::Options light = fixedDate();
        light.files = false;
        auto preview = CampaignRenderer::prepare(db(), c, *m_vault, light);
        const RenderedMessage full = big->render(a).value();
        const RenderedMessage shown = preview->render(a).value();
        QCOMPARE(shown.html, full.html);
        QCOMPARE(shown.text, full.text);
        QCOMPARE(shown.subject, full.subject);
        QVERIFY(shown.bytes.size() < full.bytes.size());
    }

    void sendingToAFolderWritesOneMessagePerRecipient()
    {
        addContact(QStringLiteral("anna@example.com"), QStringLiteral("Anna"));
        addContact(QStringLiteral("ben@example.com"), QStringLiteral("Ben"));
        addContact(QStringLiteral("gone@example.com"), QStringLiteral("Gone"), ContactStatus::Unsubscribed);
        addContact(QStringLiteral("blocked@spam.example"), QStringLiteral("Blocked"));
        QVERIFY(SuppressionList(db()).add(QStringLiteral("spam.example")));
        Campaign c = campaign();
        c.id = saved(c);
        const QString folder = m_dir->filePath(QStringLiteral("out"));
        auto report = FolderSend::run(db(), c, *m_vault, folder, fixedDate());
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->written, qint64(2));
        QCOMPARE(report->audience.leftOutUnsubscribed, qint64(1));
        QCOMPARE(report->audience.leftOutSuppressed, qint64(1));
        const QStringList files = QDir(folder).entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 2);
        QVERIFY(files[0].endsWith(QStringLiteral("anna@example.com.eml")));
        QCOMPARE(CampaignRepository(db()).findById(c.id).value().status, CampaignStatus::Rendered);

        // The .eml is the message the renderer makes for that contact, byte for byte.
        QFile eml(QDir(folder).filePath(files[0]));
        QVERIFY(eml.open(QIODevice::ReadOnly));
        auto renderer = CampaignRenderer::prepare(db(), c, *m_vault, fixedDate());
        const Contact anna = ContactRepository(db()).findByEmail(QStringLiteral("anna@example.com")).value();
        QCOMPARE(eml.readAll(), renderer->render(anna).value().bytes);

        // Without an unsubscribe link nothing is written.
        c.footerHtml = QStringLiteral("<p>{{ postal_address }}</p>");
        QVERIFY(CampaignRepository(db()).update(c));
        const QString second = m_dir->filePath(QStringLiteral("second"));
        auto refused = FolderSend::run(db(), c, *m_vault, second, fixedDate());
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("nsubscribe")), qPrintable(refused.error().message));
        QCOMPARE(QDir(second).entryList(QDir::Files).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCampaignRenderer)
#include "test_campaign_renderer.moc"
