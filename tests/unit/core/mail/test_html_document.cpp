#include "core/mail/html/HtmlDocument.h"

#include <QFile>
#include <QTest>

namespace {

QString readData(const QString& name)
{
    QFile file(QStringLiteral(MAILROOM_TEST_DATA_DIR "/html/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return QString();
    }
    return QString::fromUtf8(file.readAll());
}

QString plain(const char* html, int width = 76)
{
    return HtmlDocument::parse(QString::fromUtf8(html)).toPlainText(width);
}

// A line may only be wider than the width when it is one word (a URL) after its list or quote marker.
bool fitsWidth(const QString& text, int width, QString* offender)
{
    for (const QString& line : text.split(u'\n')) {
        if (line.size() <= width) {
            continue;
        }
        QString word = line.trimmed();
        for (const QString& marker : {QStringLiteral("- "), QStringLiteral("> ")}) {
            if (word.startsWith(marker)) {
                word = word.mid(2);
            }
        }
        if (word.contains(u' ')) {
            *offender = line;
            return false;
        }
    }
    return true;
}

} // namespace

class TestHtmlDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The text part generated from hand-written newsletters matches what a person would write
    // (the .txt beside each .html was checked by eye).
    void newsletterText_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("table layout") << "table_layout";
        QTest::newRow("Mailchimp-like") << "mailchimp_like";
        QTest::newRow("malformed") << "malformed";
        QTest::newRow("non-ASCII") << "non_ascii";
    }
    void newsletterText()
    {
        QFETCH(QString, name);
        const QString html = readData(name + QStringLiteral(".html"));
        const QString expected = readData(name + QStringLiteral(".txt"));
        QVERIFY(!html.isEmpty());
        QVERIFY(!expected.isEmpty());
        QCOMPARE(HtmlDocument::parse(html).toPlainText(), expected);
    }

    void tableLayoutReadsLikeAnEmail()
    {
        const QString text = HtmlDocument::parse(readData(QStringLiteral("table_layout.html"))).toPlainText();
        QVERIFY2(!text.contains(QLatin1String("Seedlings are in")), "hidden preheader leaked");
        QVERIFY(!text.contains(QLatin1String("margin")));           // no CSS
        QVERIFY(!text.contains(QLatin1String("Spring news from"))); // no <title>
        QVERIFY(text.contains(QLatin1String("Shop with 15% off (https://greenleaf.example/shop?code=SPRING15)")));
        QVERIFY(text.contains(QLatin1String("Spring is here\n==============\n")));
        QVERIFY(text.contains(QLatin1String("Hello {{ first_name | default: \"there\" }},\n\nOur seedlings have")));
        QVERIFY(text.contains(QLatin1String("the greenhouse opens at 8 am.")));
        // Two layout columns are two paragraphs, not one line.
        QVERIFY(text.contains(QLatin1String("Tomatoes\nTwenty varieties, from cherry to beefsteak.\n\nBasil\n")));
        QVERIFY(text.contains(QLatin1String("Unsubscribe\n({{ unsubscribe_url }})")));
    }

    void mailchimpTemplateReadsLikeAnEmail()
    {
        const QString text = HtmlDocument::parse(readData(QStringLiteral("mailchimp_like.html"))).toPlainText();
        QVERIFY(!text.contains(QLatin1String("Three new picks")));        // mcnPreviewText
        QVERIFY(!text.contains(QLatin1String("tracking")));               // <script>
        QVERIFY(!text.contains(QLatin1String("OfficeDocumentSettings"))); // MSO conditional comments
        QVERIFY(text.contains(QLatin1String("1. The Lighthouse Keeper by Ana Ruiz\n2. Salt and Iron")));
        QVERIFY(text.contains(QStringLiteral("3. A Quiet Year by Lena M\u00FCller\n")));
        QVERIFY(text.contains(QLatin1String("- Early seats for author talks")));
        QVERIFY(text.contains(QLatin1String("\n  onto a second line"))); // a wrapped item stays indented
        QVERIFY(text.contains(QLatin1String("> Reading is to the mind")));
        QVERIFY(text.contains(QLatin1String("Thursday   19:00  Reading night\nSaturday   10:00  Children's hour\n")));
        // The link text already is the address: no repeat.
        QVERIFY(text.contains(QLatin1String("write to\nclub@riverside.example.\n")));
        QVERIFY(text.contains(QLatin1String("Our mailing address is:\nThe Riverside Book Club\n4 Mill Street\n")));
    }

    void malformedHtmlIsReadAsABrowserWould()
    {
        const QString text = HtmlDocument::parse(readData(QStringLiteral("malformed.html"))).toPlainText();
        QVERIFY(text.startsWith(QLatin1String("Dear customer,\n\nOur winter sale starts today & still runs")));
        QVERIFY(text.contains(QStringLiteral("Prices from \u00A35 \u00A9 2026")));
        QVERIFY(
            text.contains(QLatin1String("- Coats\n- Boots in every size (https://shop.example/boots)\n- Scarves\n")));
        QVERIFY(text.contains(QStringLiteral("Coats  \u00A340\nBoots  \u00A355\n")));
        QVERIFY(!text.contains(QLatin1String("comment")));
        QVERIFY(!text.contains(QLatin1String("hidden"))); // the unclosed <script>
        QVERIFY(!text.contains(QLatin1String("javascript")));
    }

    void elements_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("only markup") << "<html><body><div> </div></body></html>"
                                     << "";
        QTest::newRow("paragraphs") << "<p>One</p><p>Two</p>"
                                    << "One\n\nTwo\n";
        QTest::newRow("br") << "Line one<br>Line two<br/>"
                            << "Line one\nLine two\n";
        QTest::newRow("many br make one blank line") << "a<br><br><br><br>b"
                                                     << "a\n\nb\n";
        QTest::newRow("whitespace collapsed") << "<p>  a \n\t b   <b> c </b>d</p>"
                                              << "a b c d\n";
        QTest::newRow("divs are lines") << "<div>a</div><div>b</div>"
                                        << "a\nb\n";
        QTest::newRow("h1 underlined") << "<h1>Title</h1><p>x</p>"
                                       << "Title\n=====\n\nx\n";
        QTest::newRow("h2 underlined") << "<h2>News</h2>x"
                                       << "News\n----\n\nx\n";
        QTest::newRow("h3 set apart") << "a<h3>Sub</h3>b"
                                      << "a\n\nSub\n\nb\n";
        QTest::newRow("bullets") << "<p>Intro</p><ul><li>a</li><li>b</li></ul><p>End</p>"
                                 << "Intro\n\n- a\n- b\n\nEnd\n";
        QTest::newRow("numbers from start") << "<ol start=\"3\"><li>a<li>b</ol>"
                                            << "3. a\n4. b\n";
        QTest::newRow("nested list") << "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"
                                     << "- a\n  - b\n- c\n";
        QTest::newRow("link with text") << "<a href=\"https://x.example/a\">Read more</a>"
                                        << "Read more (https://x.example/a)\n";
        QTest::newRow("link text is the URL") << "<a href=\"https://x.example/a\">https://x.example/a</a>"
                                              << "https://x.example/a\n";
        QTest::newRow("link text is the URL without scheme") << "<a href=\"https://x.example/\">x.example</a>"
                                                             << "x.example\n";
        QTest::newRow("link without text") << "See <a href=\"https://x.example/\"></a>here"
                                           << "See https://x.example/ here\n";
        QTest::newRow("link before punctuation") << "<a href=\"https://x.example/\">Us</a>."
                                                 << "Us (https://x.example/).\n";
        QTest::newRow("mailto shows the address") << "<a href=\"mailto:a@x.example\">Write</a>"
                                                  << "Write (a@x.example)\n";
        QTest::newRow("mailto with subject keeps the URL")
            << "<a href=\"mailto:u@x.example?subject=unsubscribe%20t0k3n\">Unsubscribe</a>"
            << "Unsubscribe (mailto:u@x.example?subject=unsubscribe%20t0k3n)\n";
        QTest::newRow("javascript link shows text only") << "<a href=\"javascript:void(0)\">Menu</a>"
                                                         << "Menu\n";
        QTest::newRow("anchor link shows text only") << "<a href=\"#top\">Top</a>"
                                                     << "Top\n";
        QTest::newRow("link around a block")
            << "<a href=\"https://x.example/b\"><table><tr><td>Button</td></tr></table></a><p>after</p>"
            << "Button (https://x.example/b)\n\nafter\n";
        QTest::newRow("paragraphs in list items") << "<ul><li><p>One</p><p>more</p></li><li><p>Two</p></li></ul>"
                                                  << "- One\n\n  more\n\n- Two\n";
        QTest::newRow("definition list") << "<dl><dt>Term</dt><dd>Meaning</dd></dl>"
                                         << "Term\n  Meaning\n";
        QTest::newRow("image alt") << "<p><img src=\"a.png\" alt=\"Our shop\">front</p>"
                                   << "Our shop front\n";
        QTest::newRow("empty alt is silent") << "<p>a<img src=\"a.png\" alt=\"\">b</p>"
                                             << "ab\n";
        QTest::newRow("linked image uses alt") << "<a href=\"https://x.example/\"><img src=\"l.png\" alt=\"Logo\"></a>"
                                               << "Logo (https://x.example/)\n";
        QTest::newRow("linked image without alt") << "<a href=\"https://x.example/\"><img src=\"l.png\"></a>"
                                                  << "https://x.example/\n";
        QTest::newRow("pre kept") << "<p>x</p><pre>a  b\n   c\n</pre><p>y</p>"
                                  << "x\n\na  b\n   c\n\ny\n";
        QTest::newRow("dropped") << "<html><head><title>T</title><style>p{color:red}</style></head>"
                                    "<body><script>var a;</script><!-- note -->Body</body></html>"
                                 << "Body\n";
        QTest::newRow("entities") << "&lt;tag&gt; &amp; &eacute;&#x263A;&#8364;&nbsp;5 &copy"
                                  << QStringLiteral("<tag> & \u00E9\u263A\u20AC 5 \u00A9\n");
        QTest::newRow("display none") << "<span style=\"DISPLAY : none !important\">secret</span>Shown"
                                      << "Shown\n";
        QTest::newRow("hidden attribute") << "<div hidden>secret</div>Shown"
                                          << "Shown\n";
        QTest::newRow("collapsed preheader") << "<div style=\"max-height:0px;overflow:hidden\">pre</div>Shown"
                                             << "Shown\n";
        QTest::newRow("display block is shown") << "<div style=\"display:block\">Shown</div>"
                                                << "Shown\n";
        QTest::newRow("blockquote") << "<p>He said:</p><blockquote><p>One</p><p>Two</p></blockquote>"
                                    << "He said:\n\n> One\n>\n> Two\n";
        QTest::newRow("data table")
            << "<table><tr><th>Item</th><th>Price</th></tr><tr><td>Tea</td><td>3</td></tr></table>"
            << "Item  Price\nTea  3\n";
        QTest::newRow("layout table") << "<table role=\"presentation\"><tr><td>Left</td><td>Right</td></tr></table>"
                                      << "Left\n\nRight\n";
        QTest::newRow("spacer cells") << "<table><tr><td>&nbsp;</td><td>Text</td><td>&nbsp;</td></tr></table>"
                                      << "Text\n";
        QTest::newRow("hr") << "a<hr>b" << QStringLiteral("a\n\n") + QString(40, u'-') + QStringLiteral("\n\nb\n");
        QTest::newRow("private use space dropped") << QStringLiteral("a\uE000b") << "ab\n";
        QTest::newRow("zero-width fillers dropped") << "a\u200B\uFEFFb"
                                                    << "ab\n";
    }
    void elements()
    {
        QFETCH(QString, html);
        QFETCH(QString, text);
        QCOMPARE(HtmlDocument::parse(html).toPlainText(), text);
    }

    void wrapsAtWidthWithoutBreakingUrlsOrMergeTags()
    {
        const char* html =
            "<p>Hello {{ first_name | default: \"you\" }}, the quick brown fox jumps over the lazy "
            "dog again and again. <a href=\"https://www.example.com/a/very/long/path?with=query&and=more\">"
            "Read the whole story</a> today.</p>";
        const QString text = plain(html, 40);
        QString offender;
        QVERIFY2(fitsWidth(text, 40, &offender), qPrintable(offender));
        QVERIFY(text.contains(QLatin1String("{{ first_name | default: \"you\" }}")));
        QVERIFY(text.contains(QLatin1String("(https://www.example.com/a/very/long/path?with=query&and=more)")));
        QVERIFY(text.split(u'\n').size() > 5);
        // Width 0: one line per paragraph.
        QCOMPARE(plain(html, 0).count(u'\n'), 1);
    }

    void wrapsJapaneseBetweenCharactersByColumns()
    {
        const QString japanese = QStringLiteral("日本語のお客様へ：新しい店舗"
                                                "がオープンしました。ぜひお越"
                                                "しください。");
        const QString text =
            HtmlDocument::parse(QStringLiteral("<p>") + japanese + QStringLiteral("</p>")).toPlainText(20);
        const QStringList lines = text.trimmed().split(u'\n');
        QVERIFY2(lines.size() >= 4, qPrintable(text));
        for (const QString& line : lines) {
            QVERIFY2(line.size() <= 10, qPrintable(line)); // ten wide characters fill twenty columns
            QVERIFY(!line.startsWith(QChar(0x3002)) && !line.startsWith(QChar(0x30FC))); // kinsoku
        }
        QCOMPARE(lines.join(QString()), japanese); // no spaces put in
        // Width is counted in columns for headings too.
        QCOMPARE(HtmlDocument::parse(QStringLiteral("<h1>日本</h1>")).toPlainText(), QStringLiteral("日本\n====\n"));
    }

    void newslettersFitTheirWidth_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("width");
        for (const char* name : {"table_layout", "mailchimp_like", "malformed", "non_ascii"}) {
            for (int width : {40, 60, 76}) {
                QTest::addRow("%s at %d", name, width) << QString::fromLatin1(name) << width;
            }
        }
    }
    void newslettersFitTheirWidth()
    {
        QFETCH(QString, name);
        QFETCH(int, width);
        const QString text = HtmlDocument::parse(readData(name + QStringLiteral(".html"))).toPlainText(width);
        QString offender;
        QVERIFY2(fitsWidth(text, width, &offender), qPrintable(offender));
        QVERIFY(!text.contains(QLatin1String("\n\n\n")));
        QVERIFY(!text.startsWith(u'\n'));
        QVERIFY(text.endsWith(u'\n') && !text.endsWith(QLatin1String("\n\n")));
    }

    void linksCarryTextAndLine()
    {
        const HtmlDocument document = HtmlDocument::parse(readData(QStringLiteral("table_layout.html")));
        const QVector<HtmlLink> links = document.links();
        QCOMPARE(links.size(), 4);
        QCOMPARE(links.at(0).href,
                 QStringLiteral("https://greenleaf.example/news/spring?utm_source=email&utm_campaign=spring"));
        QCOMPARE(links.at(0).text, QStringLiteral("View this email in your browser"));
        QCOMPARE(links.at(0).line, 21);
        QCOMPARE(links.at(1).text, QStringLiteral("Greenleaf Nursery")); // the alt of the linked logo
        QCOMPARE(links.at(3).href, QStringLiteral("{{ unsubscribe_url }}"));
        QCOMPARE(links.at(3).line, 73);
    }

    void linkHrefsAreTrimmedAndAnchorsWithoutHrefSkipped()
    {
        const HtmlDocument document = HtmlDocument::parse(
            QStringLiteral("<a name=\"top\">Top</a>\n<a href=\"  https://x.example/ \n\">  Go\n there </a>\n<map><area "
                           "href=\"https://y.example/\" alt=\"Area\"></map>"));
        const QVector<HtmlLink> links = document.links();
        QCOMPARE(links.size(), 2);
        QCOMPARE(links.at(0).href, QStringLiteral("https://x.example/"));
        QCOMPARE(links.at(0).text, QStringLiteral("Go there"));
        QCOMPARE(links.at(0).line, 2);
        QCOMPARE(links.at(1).text, QStringLiteral("Area"));
        QCOMPARE(links.at(1).line, 5);
    }

    void imagesTellMissingAltFromEmptyAlt()
    {
        const QVector<HtmlImage> images = HtmlDocument::parse(readData(QStringLiteral("table_layout.html"))).images();
        QCOMPARE(images.size(), 4);
        QCOMPARE(images.at(0).src, QStringLiteral("cid:logo@greenleaf.example"));
        QVERIFY(images.at(0).isCid);
        QCOMPARE(images.at(0).alt, QStringLiteral("Greenleaf Nursery"));
        QCOMPARE(images.at(1).line, 31);
        QVERIFY(images.at(1).hasAlt);
        QVERIFY(images.at(1).alt.isEmpty());
        QVERIFY(!images.at(1).isCid);
        QVERIFY(!images.at(3).hasAlt);
        QCOMPARE(images.at(3).line, 51);
    }

    void contentIdsForInlineImages()
    {
        QCOMPARE(HtmlDocument::parse(readData(QStringLiteral("table_layout.html"))).contentIds(),
                 QStringList({QStringLiteral("logo@greenleaf.example"), QStringLiteral("tomato@greenleaf.example"),
                              QStringLiteral("basil@greenleaf.example")}));
        const HtmlDocument document = HtmlDocument::parse(QStringLiteral(
            "<table background=\"cid:bg\"><tr><td><img src=\"CID:part1%40mail.example\">"
            "<img src=\"cid:part1%40mail.example\"><img src=\"https://x.example/cid:no\"></td></tr></table>"));
        QCOMPARE(document.contentIds(), QStringList({QStringLiteral("bg"), QStringLiteral("part1@mail.example")}));
        QCOMPARE(HtmlDocument::parse(QStringLiteral("<div style=\"color:red; background-image: URL( 'cid:hero' )\">"
                                                    "<p style=\"background:url(cid:band) no-repeat\">"))
                     .contentIds(),
                 QStringList({QStringLiteral("hero"), QStringLiteral("band")}));
        QVERIFY(HtmlDocument::parse(QStringLiteral("<img src=\"a.png\">")).contentIds().isEmpty());
    }

    void noControlCharactersInText()
    {
        const QString text = plain("<p>a\x01\x0b\x7f"
                                   "b<img alt=\"x&#1;y\"><pre>c\rd\fe</pre></p>"
                                   // a button's URL, placed after its text was written out
                                   "<a href=\"https://x.example/\f\x01b\"><div>Button</div></a>");
        QVERIFY(!text.isEmpty());
        for (const QChar c : text) {
            QVERIFY2(c == u'\n' || (c.unicode() >= 0x20 && c.unicode() != 0x7F), qPrintable(text));
        }
    }

    void copiesShareTheParse()
    {
        HtmlDocument copy;
        QVERIFY(copy.toPlainText().isEmpty());
        QVERIFY(copy.links().isEmpty());
        {
            const HtmlDocument original =
                HtmlDocument::parse(QStringLiteral("<p>Kept <a href=\"https://x.example/\">alive</a></p>"));
            copy = original;
        }
        QCOMPARE(copy.toPlainText(), QStringLiteral("Kept alive (https://x.example/)\n"));
        QCOMPARE(copy.links().size(), 1);
    }

    void deepNestingDoesNotOverflowTheStack()
    {
        QString html;
        for (int i = 0; i < 20000; ++i) {
            html += QStringLiteral("<span>");
        }
        html += QStringLiteral("deep");
        QCOMPARE(HtmlDocument::parse(html).toPlainText(), QStringLiteral("deep\n"));
    }
};

QTEST_GUILESS_MAIN(TestHtmlDocument)
#include "test_html_document.moc"
