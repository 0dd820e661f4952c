#include "core/mail/html/ContentChecker.h"
#include "core/mail/html/HtmlDocument.h"

#include <QTest>

#include <functional>

namespace {

// A campaign that passes every check.
ContentCheckInput cleanInput()
{
    ContentCheckInput input;
    input.subject = QStringLiteral("Spring news from Greenleaf");
    input.preheader = QStringLiteral("Seedlings are in");
    input.html =
        QStringLiteral("<html><body>\n"
                       "<h1>Spring is here</h1>\n"
                       "<p>Hello {{ first_name }}, our seedlings have arrived.</p>\n"
                       "<img src=\"cid:logo@greenleaf.example\" alt=\"Greenleaf\">\n"
                       "<img src=\"https://greenleaf.example/spacer.gif\" alt=\"\">\n"
                       "<p><a href=\"https://greenleaf.example/shop?id={{ contact_id }}\">Shop</a>\n"
                       "<a href=\"mailto:hello@greenleaf.example\">Write</a> <a href=\"tel:+15551234\">Call</a>\n"
                       "<a href=\"#top\">Top</a></p>\n"
                       "<p>12 Orchard Lane, Springfield <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>\n"
                       "</body></html>\n");
    input.text = QStringLiteral("Spring is here\n\nHello {{ first_name }}, our seedlings have arrived.\n");
    input.messageBytes = 20 * 1024;
    input.fromAddress = QStringLiteral("news@greenleaf.example");
    input.fromDomainHasDkimKey = true;
    input.postalAddress = QStringLiteral("12 Orchard Lane, Springfield, OR 97477");
    input.hasUnsubscribeLink = true;
    return input;
}

QStringList codesOf(const QVector<ContentIssue>& issues)
{
    QStringList codes;
    for (const ContentIssue& issue : issues) {
        codes.push_back(issue.code);
    }
    return codes;
}

const ContentIssue* find(const QVector<ContentIssue>& issues, const QString& code)
{
    for (const ContentIssue& issue : issues) {
        if (issue.code == code) {
            return &issue;
        }
    }
    return nullptr;
}

using Change = std::function<void(ContentCheckInput&)>;

QString htmlWith(const QString& bodyLine)
{
    // Line 1: <p>, line 2: the line under test, so issues report line 2.
    return QStringLiteral("<p>Hello there, friend.</p>\n") + bodyLine + QStringLiteral("\n");
}

} // namespace

Q_DECLARE_METATYPE(Change)
Q_DECLARE_METATYPE(ContentIssue::Severity)

class TestContentChecker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanCampaignHasNoIssues()
    {
        const QVector<ContentIssue> issues = ContentChecker::check(cleanInput());
        QVERIFY2(issues.isEmpty(), qPrintable(codesOf(issues).join(QLatin1String(", "))));
        QVERIFY(!ContentChecker::hasErrors(issues));
    }

    // Each check fires on the fault it names, with the right severity and line, and explains itself.
    void checkFires_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QString>("code");
        QTest::addColumn<ContentIssue::Severity>("severity");
        QTest::addColumn<int>("line");
        const auto error = ContentIssue::Severity::Error;
        const auto warning = ContentIssue::Severity::Warning;

        QTest::newRow("empty subject") << Change([](ContentCheckInput& i) { i.subject = QStringLiteral("  "); })
                                       << "subject.empty" << error << 0;
        QTest::newRow("capitals") << Change([](ContentCheckInput& i) {
            i.subject = QStringLiteral("HUGE SPRING SALE today");
        }) << "subject.capitals" << warning
                                  << 0;
        QTest::newRow("!!!") << Change([](ContentCheckInput& i) { i.subject = QStringLiteral("Sale ends tonight!!!"); })
                             << "subject.punctuation" << warning << 0;
        QTest::newRow("$$$") << Change([](ContentCheckInput& i) { i.subject = QStringLiteral("Save $$$ now"); })
                             << "subject.punctuation" << warning << 0;
        QTest::newRow("spam word en") << Change([](ContentCheckInput& i) {
            i.subject = QStringLiteral("You are a WINNER");
        }) << "subject.spam_words" << warning
                                      << 0;
        QTest::newRow("spam phrase en") << Change([](ContentCheckInput& i) {
            i.subject = QStringLiteral("Act now, seeds are going");
        }) << "subject.spam_words" << warning
                                        << 0;
        QTest::newRow("spam word de") << Change([](ContentCheckInput& i) {
            i.subject = QStringLiteral("Sie haben gewonnen");
        }) << "subject.spam_words" << warning
                                      << 0;
        QTest::newRow("spam word fr") << Change([](ContentCheckInput& i) {
            i.subject = QStringLiteral("F\u00E9licitations, Marie");
        }) << "subject.spam_words" << warning
                                      << 0;
        QTest::newRow("spam word fr decomposed")
            << Change([](ContentCheckInput& i) { i.subject = QStringLiteral("Fe\u0301licitations, Marie"); })
            << "subject.spam_words" << warning << 0;
        QTest::newRow("spam word es") << Change([](ContentCheckInput& i) {
            i.subject = QStringLiteral("Dinero f\u00E1cil en casa");
        }) << "subject.spam_words" << warning
                                      << 0;
        QTest::newRow("spam in preheader")
            << Change([](ContentCheckInput& i) { i.preheader = QStringLiteral("Click here"); })
            << "preheader.spam_words" << warning << 0;
        QTest::newRow("no from") << Change([](ContentCheckInput& i) { i.fromAddress.clear(); }) << "from.missing"
                                 << error << 0;
        QTest::newRow("no DKIM") << Change([](ContentCheckInput& i) { i.fromDomainHasDkimKey = false; })
                                 << "from.no_dkim" << warning << 0;
        QTest::newRow("empty body") << Change([](ContentCheckInput& i) {
            i.html = QStringLiteral("<html><body><p> </p></body></html>");
            i.text.clear();
        }) << "body.empty" << error << 0;
        QTest::newRow("template error") << Change([](ContentCheckInput& i) {
            i.templateIssues.push_back({7, QStringLiteral("Unknown field \u201Cfrist_name\u201D")});
        }) << "template.error" << error << 7;
        QTest::newRow("empty href") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"\">Shop</a>"));
        }) << "link.empty" << error << 2;
        QTest::newRow("# href") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\" # \">Shop</a>"));
        }) << "link.placeholder" << error
                                << 2;
        QTest::newRow("javascript") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"JavaScript:go()\">Shop</a>"));
        }) << "link.javascript" << error
                                    << 2;
        QTest::newRow("no scheme") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"www.greenleaf.example\">Shop</a>"));
        }) << "link.relative" << error
                                   << 2;
        QTest::newRow("missing colon") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"https//greenleaf.example\">Shop</a>"));
        }) << "link.relative" << error << 2;
        QTest::newRow("space in URL") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"https://greenleaf.example/spring sale\">Shop</a>"));
        }) << "link.malformed" << error
                                      << 2;
        QTest::newRow("no host") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"https:/greenleaf.example\">Shop</a>"));
        }) << "link.malformed" << error
                                 << 2;
        QTest::newRow("empty mailto") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"mailto:\">Mail</a>"));
        }) << "link.malformed" << error
                                      << 2;
        QTest::newRow("http") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"http://greenleaf.example/\">Shop</a>"));
        }) << "link.insecure" << warning
                              << 2;
        QTest::newRow("other scheme") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"ftp://greenleaf.example/catalog.pdf\">Catalog</a>"));
        }) << "link.scheme" << warning << 2;
        QTest::newRow("no alt") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<img src=\"https://x.example/hero.jpg\">"));
        }) << "image.alt_missing"
                                << warning << 2;
        QTest::newRow("no unsubscribe") << Change([](ContentCheckInput& i) { i.hasUnsubscribeLink = false; })
                                        << "unsubscribe.missing" << error << 0;
        QTest::newRow("no postal address")
            << Change([](ContentCheckInput& i) { i.postalAddress = QStringLiteral(" "); }) << "postal_address.missing"
            << error << 0;
        QTest::newRow("near the clip") << Change([](ContentCheckInput& i) { i.messageBytes = 100 * 1024 + 1; })
                                       << "size.near_clip" << warning << 0;
        QTest::newRow("clipped") << Change([](ContentCheckInput& i) { i.messageBytes = 102 * 1024 + 1; })
                                 << "size.clipped" << warning << 0;
        QTest::newRow("clipped, size estimated") << Change([](ContentCheckInput& i) {
            i.messageBytes = -1;
            i.html += QStringLiteral("<p>") + QString(110 * 1024, u'x') + QStringLiteral("</p>");
        }) << "size.clipped" << warning << 0;
        QTest::newRow("no text part") << Change([](ContentCheckInput& i) { i.text.clear(); }) << "text.missing"
                                      << warning << 0;
    }
    void checkFires()
    {
        QFETCH(Change, change);
        QFETCH(QString, code);
        QFETCH(ContentIssue::Severity, severity);
        QFETCH(int, line);
        ContentCheckInput input = cleanInput();
        change(input);
        const QVector<ContentIssue> issues = ContentChecker::check(input);
        const ContentIssue* issue = find(issues, code);
        QVERIFY2(issue, qPrintable(codesOf(issues).join(QLatin1String(", "))));
        QCOMPARE(issue->severity, severity);
        QCOMPARE(issue->line, line);
        QVERIFY(!issue->message.isEmpty());
        QVERIFY(issue->explanation.size() > 40);
        QCOMPARE(ContentChecker::hasErrors(issues), severity == ContentIssue::Severity::Error);
    }

    // Near misses: honest text and links that must not be flagged.
    void checkStaysQuiet_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QString>("code");
        QTest::newRow("acronyms are not shouting")
            << Change([](ContentCheckInput& i) { i.subject = QStringLiteral("NASA and ESA photos for our members"); })
            << "subject.capitals";
        QTest::newRow("short capital word")
            << Change([](ContentCheckInput& i) { i.subject = QStringLiteral("NEW seeds"); }) << "subject.capitals";
        QTest::newRow("one exclamation mark")
            << Change([](ContentCheckInput& i) { i.subject = QStringLiteral("Spring is here! Really?"); })
            << "subject.punctuation";
        QTest::newRow("!! is not !!!") << Change([](ContentCheckInput& i) {
            i.subject = QStringLiteral("Spring is here!!");
        }) << "subject.punctuation";
        QTest::newRow("whole words only") << Change([](ContentCheckInput& i) {
            i.subject = QStringLiteral("Winners of the Gewinnerin prize, urgently needed");
        }) << "subject.spam_words";
        QTest::newRow("free alone is fine")
            << Change([](ContentCheckInput& i) { i.subject = QStringLiteral("Free shipping this week"); })
            << "subject.spam_words";
        QTest::newRow("exactly at the near limit")
            << Change([](ContentCheckInput& i) { i.messageBytes = 100 * 1024; }) << "size.near_clip";
        QTest::newRow("exactly at the clip")
            << Change([](ContentCheckInput& i) { i.messageBytes = 102 * 1024; }) << "size.clipped";
        QTest::newRow("image-only HTML with text part")
            << Change([](ContentCheckInput& i) { i.html = QStringLiteral("<img src=\"cid:a\" alt=\"Sale\">"); })
            << "body.empty";
        QTest::newRow("text part only") << Change([](ContentCheckInput& i) { i.html.clear(); }) << "body.empty";
        QTest::newRow("empty alt is decoration")
            << Change([](ContentCheckInput& i) { i.html = htmlWith(QStringLiteral("<img src=\"s.gif\" alt=\"\">")); })
            << "image.alt_missing";
        QTest::newRow("https with IDN host") << Change([](ContentCheckInput& i) {
            i.html =
                htmlWith(QStringLiteral("<a href=\"https://b\u00E4ckerei.example/\u00F6ffnungszeiten\">Zeiten</a>"));
        }) << "link.malformed";
        QTest::newRow("merge tag in query") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"https://x.example/?e={{ email | url_encode }}\">Go</a>"));
        }) << "link.malformed";
        QTest::newRow("address from a merge tag") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"{{ site_url }}/shop\">Shop</a>"));
        }) << "link.relative";
        QTest::newRow("unsubscribe tag without spaces") << Change([](ContentCheckInput& i) {
            i.html = htmlWith(QStringLiteral("<a href=\"{{unsubscribe_url}}\">Unsubscribe</a>"));
        }) << "link.relative";
    }
    void checkStaysQuiet()
    {
        QFETCH(Change, change);
        QFETCH(QString, code);
        ContentCheckInput input = cleanInput();
        change(input);
        const QVector<ContentIssue> issues = ContentChecker::check(input);
        QVERIFY2(!find(issues, code), qPrintable(codesOf(issues).join(QLatin1String(", "))));
    }

    void oneIssuePerBrokenLinkWithItsLine()
    {
        ContentCheckInput input = cleanInput();
        input.html =
            QStringLiteral("<p>\n<a href=\"#\">A</a>\n<a href=\"http://x.example/\">B</a>\n<a href=\"#\">C</a>\n</p>");
        const QVector<ContentIssue> issues = ContentChecker::check(input);
        QCOMPARE(codesOf(issues), QStringList({QStringLiteral("link.placeholder"), QStringLiteral("link.placeholder"),
                                               QStringLiteral("link.insecure")}));
        QCOMPARE(issues.at(0).line, 2);
        QCOMPARE(issues.at(1).line, 4);
        QCOMPARE(issues.at(2).line, 3);
        QVERIFY(issues.at(0).message.contains(QLatin1String("A")));
    }

    void errorsComeBeforeWarnings()
    {
        ContentCheckInput input = cleanInput();
        input.text.clear();                 // warning
        input.fromDomainHasDkimKey = false; // warning
        input.hasUnsubscribeLink = false;   // error
        input.subject.clear();              // error
        const QVector<ContentIssue> issues = ContentChecker::check(input);
        QCOMPARE(codesOf(issues), QStringList({QStringLiteral("subject.empty"), QStringLiteral("unsubscribe.missing"),
                                               QStringLiteral("from.no_dkim"), QStringLiteral("text.missing")}));
        QVERIFY(ContentChecker::hasErrors(issues));
    }

    void spamPhrasesAreNamed()
    {
        QCOMPARE(ContentChecker::spamPhrasesIn(QStringLiteral("URGENT: 100% FREE cash bonus, act now!")),
                 QStringList({QStringLiteral("100% free"), QStringLiteral("act now"), QStringLiteral("cash bonus"),
                              QStringLiteral("urgent")}));
        const QVector<ContentIssue> issues = [] {
            ContentCheckInput input = cleanInput();
            input.subject = QStringLiteral("Haz clic aqu\u00ED, ganador");
            return ContentChecker::check(input);
        }();
        const ContentIssue* issue = find(issues, QStringLiteral("subject.spam_words"));
        QVERIFY(issue);
        QVERIFY(issue->message.contains(QStringLiteral("ganador")));
        QVERIFY(issue->message.contains(QStringLiteral("haz clic aqu\u00ED")));
    }

    void findsTheUnsubscribeLink()
    {
        const auto links = [](const char* html) {
            return ContentChecker::linksToUnsubscribeUrl(HtmlDocument::parse(QString::fromUtf8(html)));
        };
        QVERIFY(links("<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>"));
        QVERIFY(links("<a href=\"{{unsubscribe_url}}\">Unsubscribe</a>"));
        QVERIFY(links("<a href=\"https://x.example/u?t={{ unsubscribe_url | url_encode }}\">Leave</a>"));
        QVERIFY(!links("<p>{{ unsubscribe_url }}</p><a href=\"{{ unsubscribe_url_old }}\">x</a>"));
        QVERIFY(!links("<a href=\"https://x.example/unsubscribe\">Unsubscribe</a>"));
    }

    void sizeMessageNamesTheSize()
    {
        ContentCheckInput input = cleanInput();
        input.messageBytes = 150 * 1024;
        const ContentIssue* issue = nullptr;
        const QVector<ContentIssue> issues = ContentChecker::check(input);
        issue = find(issues, QStringLiteral("size.clipped"));
        QVERIFY(issue);
        QVERIFY2(issue->message.contains(QLatin1String("150.0 KB")), qPrintable(issue->message));
    }
};

QTEST_GUILESS_MAIN(TestContentChecker)
#include "test_content_checker.moc"
