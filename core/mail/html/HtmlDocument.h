#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

// An <a href> (or <area href>) as written: href with the surrounding whitespace a browser ignores
// removed, entities decoded; text is what the reader sees (alt text of images inside included),
// whitespace collapsed. line is 1-based in the HTML source, 0 for elements the parser inserted.
struct HtmlLink
{
    QString href;
    QString text;
    int line = 0;
};

// An <img>. hasAlt tells alt="" (decorative, fine) from no alt attribute at all.
struct HtmlImage
{
    QString src;
    QString alt;
    bool hasAlt = false;
    bool isCid = false; // src is a cid: reference to an inline image part (RFC 2392)
    int line = 0;
};

// An HTML body read with a real HTML5 parser (Gumbo), the way a browser or mail client reads it:
// unclosed tags, stray end tags and entities are resolved as the HTML5 spec says, never by regex.
// A value type: copies share the immutable parse tree, and all methods are const and may be called
// from several threads at once. Our own walks never recurse; Gumbo itself slows down (quadratically)
// on elements nested tens of thousands deep, which no real newsletter has.
class HtmlDocument
{
public:
    HtmlDocument(); // the empty document
    static HtmlDocument parse(const QString& html);

    // The text part a careful person would write for this HTML, word-wrapped at width columns
    // (0 or less: no wrapping). Lines end with "\n"; no line longer than width unless a single
    // word or URL is. Merge tags ({{ ... }}, {% ... %}) are never split across lines.
    QString toPlainText(int width = 76) const;

    QVector<HtmlLink> links() const;
    QVector<HtmlImage> images() const;
    // The content ids referred to by cid: URLs in src and background attributes, in document
    // order without repeats, without the "cid:" and percent-decoded (RFC 2392), as they appear
    // between < > in a part's Content-ID header.
    QStringList contentIds() const;

private:
    struct Data;
    std::shared_ptr<const Data> m_data;
};
