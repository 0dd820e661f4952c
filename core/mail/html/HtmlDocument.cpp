#include "core/mail/html/HtmlDocument.h"

#include <QUrl>

#include <gumbo.h>

#include <algorithm>
#include <vector>

struct HtmlDocument::Data
{
    QByteArray source; // Gumbo's tree points into it, so it lives as long as the tree
    GumboOutput* output = nullptr;
    QVector<HtmlLink> links;
    QVector<HtmlImage> images;
    QStringList contentIds;

    Data() = default;
    Data(const Data&) = delete;
    Data& operator=(const Data&) = delete;
    ~Data()
    {
        if (output) {
            gumbo_destroy_output(&kGumboDefaultOptions, output);
        }
    }
};

namespace {

// Characters used inside the writer only; stripped from the input so a document cannot forge them.
constexpr char16_t kProtectedSpace = 0xE000; // a space inside a URL or merge tag: never a line break
constexpr char16_t kNoBreakSpace = 0x00A0;

QString fromUtf8(const char* text)
{
    return text ? QString::fromUtf8(text) : QString();
}

QString attributeValue(const GumboElement& element, const char* name)
{
    const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
    return attribute ? fromUtf8(attribute->value) : QString();
}

bool hasAttribute(const GumboElement& element, const char* name)
{
    return gumbo_get_attribute(&element.attributes, name) != nullptr;
}

bool isAsciiWhitespace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

// Invisible on the page: a block made only of these is empty.
bool isBlank(QChar c)
{
    return isAsciiWhitespace(c) || c == kNoBreakSpace || c == kProtectedSpace || c == QChar(0x200C) ||
           c == QChar(0x200D) || c == QChar(0x2007) || c == QChar(0x3000);
}

// Dropped from the text: controls, and the zero-width fillers preheader tricks pad with.
bool isDropped(QChar c)
{
    const char16_t u = c.unicode();
    return (u < 0x20 && !isAsciiWhitespace(c)) || u == 0x7F || u == 0x200B || u == 0xFEFF || u == 0x00AD ||
           u == 0x034F || u == kProtectedSpace;
}

bool hasVisibleText(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return !isBlank(c); });
}

// Browsers strip leading and trailing ASCII whitespace (and controls) from URLs.
QString trimUrl(const QString& url)
{
    qsizetype begin = 0;
    qsizetype end = url.size();
    while (begin < end && url.at(begin).unicode() <= 0x20) {
        ++begin;
    }
    while (end > begin && url.at(end - 1).unicode() <= 0x20) {
        --end;
    }
    return url.mid(begin, end - begin);
}

// Whitespace collapsed as a browser does, blanks at both ends removed.
QString collapse(const QString& text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (const QChar c : text) {
        if (isDropped(c)) {
            continue;
        }
        if (isAsciiWhitespace(c) || c == kNoBreakSpace) {
            space = !out.isEmpty();
            continue;
        }
        if (space) {
            out += u' ';
            space = false;
        }
        out += c;
    }
    return out;
}

bool startsWithScheme(const QString& url, QLatin1String scheme)
{
    return url.startsWith(scheme, Qt::CaseInsensitive);
}

bool isZeroLength(QString value)
{
    value.remove(QLatin1String("!important"));
    value = value.trimmed();
    qsizetype digits = 0;
    while (digits < value.size() && (value.at(digits).isDigit() || value.at(digits) == u'.')) {
        ++digits;
    }
    if (digits == 0) {
        return false;
    }
    bool ok = false;
    const double number = value.left(digits).toDouble(&ok);
    return ok && number == 0.0;
}

// Hidden by its own inline style or the hidden attribute: the preheader spans newsletters carry
// (display:none, or max-height:0 with overflow:hidden) are for the inbox list, not the reader.
bool isHidden(const GumboElement& element)
{
    if (hasAttribute(element, "hidden")) {
        return true;
    }
    const QString style = attributeValue(element, "style");
    if (style.isEmpty()) {
        return false;
    }
    bool zeroHeight = false;
    bool overflowHidden = false;
    for (const QStringView declaration : QStringView(style).split(u';')) {
        const qsizetype colon = declaration.indexOf(u':');
        if (colon < 0) {
            continue;
        }
        const QString property = declaration.left(colon).trimmed().toString().toLower();
        QString value = declaration.mid(colon + 1).toString().toLower();
        value.remove(QLatin1String("!important"));
        value = value.trimmed();
        if ((property == QLatin1String("display") && value == QLatin1String("none")) ||
            (property == QLatin1String("visibility") && value == QLatin1String("hidden")) ||
            (property == QLatin1String("opacity") && isZeroLength(value))) {
            return true;
        }
        if ((property == QLatin1String("max-height") || property == QLatin1String("height")) && isZeroLength(value)) {
            zeroHeight = true;
        }
        if (property == QLatin1String("overflow") && value == QLatin1String("hidden")) {
            overflowHidden = true;
        }
    }
    return zeroHeight && overflowHidden;
}

// Elements whose content is never shown as text in a mail client.
bool isSkipped(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
        return true;
    default:
        return false;
    }
}

const GumboVector* childrenOf(const GumboNode* node)
{
    switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
        return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
        return &node->v.element.children;
    default:
        return nullptr;
    }
}

const GumboNode* childAt(const GumboVector& children, unsigned int index)
{
    return static_cast<const GumboNode*>(children.data[index]);
}

// Depth-first walk without recursion, so a deeply nested document cannot exhaust the stack.
// The visitor's enter(element) says whether to descend; leave(element) follows every descent;
// text(node) sees text, whitespace and CDATA nodes (comments are never visited).
template <typename Visitor>
void walk(const GumboNode* root, Visitor& visitor)
{
    struct Frame
    {
        const GumboNode* node;
        unsigned int next;
    };
    std::vector<Frame> stack;
    stack.push_back({root, 0});
    while (!stack.empty()) {
        const GumboNode* node = stack.back().node;
        const GumboVector* children = childrenOf(node);
        if (children && stack.back().next < children->length) {
            const GumboNode* child = childAt(*children, stack.back().next++);
            switch (child->type) {
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE:
                if (visitor.enter(child->v.element)) {
                    stack.push_back({child, 0});
                }
                break;
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
            case GUMBO_NODE_CDATA:
                visitor.text(child->v.text);
                break;
            default:
                break;
            }
            continue;
        }
        if (node->type != GUMBO_NODE_DOCUMENT) {
            visitor.leave(node->v.element);
        }
        stack.pop_back();
    }
}

int lineOf(const GumboElement& element)
{
    return int(element.start_pos.line);
}

// Collects links, images and cid: references once, when the document is parsed.
class Extractor
{
public:
    QVector<HtmlLink> links;
    QVector<HtmlImage> images;
    QStringList contentIds;

    bool enter(const GumboElement& element)
    {
        if (isSkipped(element.tag) && element.tag != GUMBO_TAG_MAP) {
            return false;
        }
        noteContentId(attributeValue(element, "src"));
        noteContentId(attributeValue(element, "background"));
        noteStyleUrls(attributeValue(element, "style"));
        if ((element.tag == GUMBO_TAG_A || element.tag == GUMBO_TAG_AREA) && hasAttribute(element, "href")) {
            HtmlLink link;
            link.href = trimUrl(attributeValue(element, "href"));
            link.line = lineOf(element);
            if (element.tag == GUMBO_TAG_AREA) {
                link.text = collapse(attributeValue(element, "alt"));
            }
            m_open.push_back({&element, int(links.size())});
            links.push_back(link);
        }
        if (element.tag == GUMBO_TAG_IMG) {
            HtmlImage image;
            image.src = trimUrl(attributeValue(element, "src"));
            image.hasAlt = hasAttribute(element, "alt");
            image.alt = attributeValue(element, "alt");
            image.isCid = startsWithScheme(image.src, QLatin1String("cid:"));
            image.line = lineOf(element);
            images.push_back(image);
            appendText(QLatin1Char(' ') + image.alt + QLatin1Char(' '));
        }
        return true;
    }

    void leave(const GumboElement& element)
    {
        if (!m_open.empty() && m_open.back().element == &element) {
            HtmlLink& link = links[m_open.back().index];
            link.text = collapse(link.text);
            m_open.pop_back();
        }
    }

    void text(const GumboText& text) { appendText(fromUtf8(text.text)); }

private:
    struct OpenLink
    {
        const GumboElement* element;
        int index;
    };
    std::vector<OpenLink> m_open;

    void appendText(const QString& text)
    {
        for (const OpenLink& open : m_open) {
            links[open.index].text += text;
        }
    }

    // background-image: url('cid:...') in an inline style.
    void noteStyleUrls(const QString& style)
    {
        qsizetype from = 0;
        for (;;) {
            const qsizetype open = style.indexOf(QLatin1String("url("), from, Qt::CaseInsensitive);
            if (open < 0) {
                return;
            }
            const qsizetype close = style.indexOf(u')', open + 4);
            if (close < 0) {
                return;
            }
            QString url = style.mid(open + 4, close - open - 4).trimmed();
            if (url.size() >= 2 && (url.front() == u'\'' || url.front() == u'"') && url.back() == url.front()) {
                url = url.mid(1, url.size() - 2);
            }
            noteContentId(url);
            from = close + 1;
        }
    }

    void noteContentId(const QString& value)
    {
        const QString url = trimUrl(value);
        if (!startsWithScheme(url, QLatin1String("cid:"))) {
            return;
        }
        const QString id = QUrl::fromPercentEncoding(url.mid(4).toUtf8());
        if (!id.isEmpty() && !contentIds.contains(id)) {
            contentIds.push_back(id);
        }
    }
};

// Ideographs and kana: Chinese and Japanese put no spaces between words, so a line may break
// between any two of them (UAX #14, simplified).
bool isIdeographic(char32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

// Closing punctuation and the prolonged sound mark never start a line (kinsoku).
bool mayStartLine(char32_t c)
{
    static const char32_t closing[] = {0x3001, 0x3002, 0x300D, 0x300F, 0x3011, 0x3015, 0x30FC, 0xFF01, 0xFF09,
                                       0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0x309D, 0x309E, 0x30FD, 0x30FE};
    return std::find(std::begin(closing), std::end(closing), c) == std::end(closing);
}

bool isWide(char32_t c)
{
    return isIdeographic(c) || (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x1F300 && c <= 0x1FAFF);
}

// Columns a line takes in a fixed-width font: East Asian wide characters and emoji take two,
// combining marks none.
int columnsOf(const QString& text)
{
    int columns = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
        }
        const QChar::Category category = QChar::category(c);
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing) {
            continue;
        }
        columns += isWide(c) ? 2 : 1;
    }
    return columns;
}

struct Word
{
    QString text;
    bool glued; // follows the previous word without a space (a break between ideographs)
};

// Splits a word where a line may break between two ideographs.
void splitIdeographic(const QString& word, QVector<Word>& words)
{
    qsizetype start = 0;
    char32_t previous = 0;
    for (qsizetype i = 0; i < word.size(); ++i) {
        char32_t c = word.at(i).unicode();
        const qsizetype at = i;
        if (QChar::isHighSurrogate(c) && i + 1 < word.size() && word.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(word.at(i), word.at(i + 1));
            ++i;
        }
        if (at > start && isIdeographic(previous) && (isIdeographic(c) || c >= 0x3000) && mayStartLine(c)) {
            words.push_back({word.mid(start, at - start), start > 0});
            start = at;
        }
        // CJK punctuation allows a break after it, except an opening bracket.
        const bool opening = c == 0x300C || c == 0x300E || c == 0x3010 || c == 0x3014 || c == 0xFF08;
        const bool punctuation = (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
        previous = opening ? 0 : (punctuation ? 0x4E00 : c);
    }
    words.push_back({word.mid(start), start > 0});
}

// Splits a paragraph into words at spaces (and between ideographs), keeping a merge tag
// ({{ first_name }}) one word.
QVector<Word> wordsOf(const QString& paragraph)
{
    const QStringList raw = paragraph.split(u' ', Qt::SkipEmptyParts);
    QVector<Word> words;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        QString word = raw.at(i);
        const auto openTags = [](const QString& w) {
            return w.count(QLatin1String("{{")) + w.count(QLatin1String("{%")) - w.count(QLatin1String("}}")) -
                   w.count(QLatin1String("%}"));
        };
        if (openTags(word) > 0) {
            // Join up to the closing braces; give up on a tag that never closes within a line's worth.
            QString joined = word;
            qsizetype j = i + 1;
            while (j < raw.size() && openTags(joined) > 0 && joined.size() < 80) {
                joined += QLatin1Char(' ') + raw.at(j++);
            }
            if (openTags(joined) <= 0) {
                words.push_back({joined, false});
                i = j - 1;
                continue;
            }
        }
        if (word.contains(u'{')) {
            words.push_back({word, false});
        } else {
            splitIdeographic(word, words);
        }
    }
    return words;
}

QStringList wrap(const QString& paragraph, int width)
{
    QStringList lines;
    QString current;
    int columns = 0;
    for (const Word& word : wordsOf(paragraph)) {
        const int wordColumns = columnsOf(word.text);
        const int gap = word.glued ? 0 : 1;
        if (current.isEmpty()) {
            current = word.text;
            columns = wordColumns;
        } else if (width > 0 && columns + gap + wordColumns > width) {
            lines.push_back(current);
            current = word.text;
            columns = wordColumns;
        } else {
            if (!word.glued) {
                current += QLatin1Char(' ');
            }
            current += word.text;
            columns += gap + wordColumns;
        }
    }
    if (!current.isEmpty()) {
        lines.push_back(current);
    }
    return lines;
}

QString trimmedBlank(const QString& line)
{
    qsizetype begin = 0;
    qsizetype end = line.size();
    while (begin < end && isBlank(line.at(begin))) {
        ++begin;
    }
    while (end > begin && isBlank(line.at(end - 1))) {
        --end;
    }
    return line.mid(begin, end - begin);
}

QString rightTrimmed(QString line)
{
    while (!line.isEmpty() && line.back().isSpace()) {
        line.chop(1);
    }
    return line;
}

// Lays out blocks of text: blank lines between paragraphs, prefixes for list items and quotes,
// whitespace collapsed and paragraphs wrapped (except inside <pre>).
class PlainTextWriter
{
public:
    explicit PlainTextWriter(int width)
        : m_width(width)
    {}

    void text(const QString& text)
    {
        for (const QChar c : text) {
            appendChar(c);
        }
    }

    // Text that must stay on one line, such as a URL.
    void unbreakable(const QString& text)
    {
        for (const QChar c : text) {
            appendChar(isAsciiWhitespace(c) && m_preDepth == 0 ? QChar(kProtectedSpace) : c);
        }
    }

    void lineBreak()
    {
        if (m_preDepth == 0) {
            while (m_inline.endsWith(u' ')) {
                m_inline.chop(1);
            }
            m_lastSpace = true;
        }
        m_inline += u'\n';
    }

    // "(url)" after a link's text. A link around blocks (a button made of a table) has had its
    // text written out already: the URL then goes at the end of its last line, or just below.
    void linkSuffix(const QString& suffix)
    {
        if (hasVisibleText(m_inline) || m_out.isEmpty() || m_lastBlank || m_preDepth > 0) {
            text(QStringLiteral(" "));
            unbreakable(suffix);
            wordGap();
            return;
        }
        if (m_width <= 0 || columnsOf(m_out.back()) + 1 + columnsOf(suffix) <= m_width) {
            m_out.back() += QLatin1Char(' ') + suffix;
        } else {
            m_out.push_back(rightTrimmed(prefix() + suffix));
        }
    }

    // The next character, if it starts a word, is separated from what came before.
    void wordGap() { m_wordGap = true; }

    // A gap between two table cells of one row.
    void cellGap()
    {
        if (!hasVisibleText(m_inline) || m_inline.endsWith(u'\n') || m_inline.endsWith(QChar(kNoBreakSpace))) {
            return;
        }
        while (m_inline.endsWith(u' ')) {
            m_inline.chop(1);
        }
        m_inline += u' ';
        m_inline += QChar(kNoBreakSpace);
        m_lastSpace = true;
    }

    // Ends the current block; blankLine asks for an empty line before the next one.
    void boundary(bool blankLine)
    {
        flush();
        m_pendingBlank = m_pendingBlank || blankLine;
    }

    void pushPrefix(const QString& first, const QString& rest)
    {
        flush();
        m_prefixes.push_back({first, rest, false});
    }

    void popPrefix()
    {
        flush();
        if (!m_prefixes.isEmpty()) {
            m_prefixes.pop_back();
        }
    }

    void beginPre()
    {
        boundary(true);
        ++m_preDepth;
    }

    void endPre()
    {
        flush();
        --m_preDepth;
        m_pendingBlank = true;
    }

    void beginHeading(QChar underline)
    {
        boundary(true);
        m_underline = underline;
    }

    void endHeading()
    {
        flush();
        m_underline = QChar();
        m_pendingBlank = true;
    }

    void rule()
    {
        boundary(true);
        const int length = m_width > 0 ? std::min(m_width, 40) : 40;
        emitLines({QString(length, u'-')}, false);
        m_pendingBlank = true;
    }

    // Text seen by open links, for "text (url)".
    void beginCapture() { m_captures.push_back(QString()); }
    QString endCapture()
    {
        const QString captured = m_captures.isEmpty() ? QString() : m_captures.takeLast();
        for (QString& outer : m_captures) {
            outer += captured;
        }
        return collapse(captured);
    }

    QString finish()
    {
        flush();
        while (!m_out.isEmpty() && m_out.back().isEmpty()) {
            m_out.pop_back();
        }
        if (m_out.isEmpty()) {
            return QString();
        }
        return m_out.join(u'\n') + u'\n';
    }

private:
    struct Prefix
    {
        QString first;
        QString rest;
        bool used;
    };

    int m_width;
    QStringList m_out;
    QString m_inline;
    bool m_lastSpace = false;
    bool m_pendingBlank = false;
    bool m_wordGap = false;
    bool m_lastBlank = false; // the last line written is a blank one (maybe with a quote mark)
    int m_preDepth = 0;
    QChar m_underline;
    QVector<Prefix> m_prefixes;
    QStringList m_captures;

    void appendChar(QChar c)
    {
        if (isDropped(c) && c != kProtectedSpace) {
            return;
        }
        if (m_wordGap) {
            // After "(url)": a word that follows directly gets a space, punctuation does not.
            m_wordGap = false;
            if (c.isLetterOrNumber() && m_preDepth == 0 && !m_lastSpace) {
                m_inline += u' ';
            }
        }
        if (!m_captures.isEmpty()) {
            m_captures.back() += c == kProtectedSpace ? QChar(u' ') : c;
        }
        if (m_preDepth > 0) {
            if (c != u'\r' && c != u'\f') {
                m_inline += c;
            }
            return;
        }
        if (isAsciiWhitespace(c)) {
            if (!m_lastSpace && !m_inline.isEmpty()) {
                m_inline += u' ';
                m_lastSpace = true;
            }
            return;
        }
        m_inline += c;
        m_lastSpace = false;
    }

    QString prefix()
    {
        QString text;
        for (Prefix& p : m_prefixes) {
            text += p.used ? p.rest : p.first;
            p.used = true;
        }
        return text;
    }

    // The prefix of a blank line between blocks: the quote marks of the blocks around it,
    // not a list marker that has yet to be written.
    QString separatorPrefix() const
    {
        QString text;
        for (const Prefix& p : m_prefixes) {
            if (!p.used) {
                break;
            }
            text += p.rest;
        }
        return rightTrimmed(text);
    }

    void emitLines(const QStringList& lines, bool preformatted)
    {
        if (!m_out.isEmpty() && m_pendingBlank && !m_lastBlank) {
            m_out.push_back(separatorPrefix());
            m_lastBlank = true;
        }
        m_pendingBlank = false;
        for (const QString& line : lines) {
            if (line.isEmpty() && !preformatted && (m_out.isEmpty() || m_lastBlank)) {
                continue;
            }
            m_out.push_back(rightTrimmed(prefix() + line));
            m_lastBlank = line.isEmpty();
        }
    }

    void flush()
    {
        const QString block = m_inline;
        m_inline.clear();
        m_lastSpace = false;
        m_wordGap = false;
        if (!hasVisibleText(block)) {
            return;
        }
        QStringList lines;
        int widest = 0;
        if (m_preDepth > 0) {
            lines = block.split(u'\n');
            for (QString& line : lines) {
                line.replace(QChar(kNoBreakSpace), QLatin1Char(' '));
                line = rightTrimmed(line);
            }
            while (!lines.isEmpty() && lines.front().isEmpty()) {
                lines.pop_front();
            }
            while (!lines.isEmpty() && lines.back().isEmpty()) {
                lines.pop_back();
            }
        } else {
            int prefixWidth = 0;
            for (const Prefix& p : m_prefixes) {
                prefixWidth += int(p.used ? p.rest.size() : p.first.size());
            }
            const int width = m_width > 0 ? std::max(m_width - prefixWidth, 20) : 0;
            for (const QString& paragraph : block.split(u'\n')) {
                const QString trimmed = trimmedBlank(paragraph);
                if (trimmed.isEmpty()) {
                    if (!lines.isEmpty() && !lines.back().isEmpty()) {
                        lines.push_back(QString());
                    }
                    continue;
                }
                for (QString line : wrap(trimmed, width)) {
                    line.replace(QChar(kNoBreakSpace), QLatin1Char(' '));
                    line.replace(QChar(kProtectedSpace), QLatin1Char(' '));
                    line = line.trimmed();
                    widest = std::max(widest, columnsOf(line));
                    lines.push_back(line);
                }
            }
            while (!lines.isEmpty() && lines.back().isEmpty()) {
                lines.pop_back();
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        emitLines(lines, m_preDepth > 0);
        if (!m_underline.isNull() && widest > 0) {
            emitLines({QString(widest, m_underline)}, false);
        }
    }
};

bool isSameAddress(QString text, QString href)
{
    const auto normalize = [](QString s) {
        s = s.trimmed().toLower();
        for (const QLatin1String scheme :
             {QLatin1String("https://"), QLatin1String("http://"), QLatin1String("mailto:"), QLatin1String("tel:")}) {
            if (s.startsWith(scheme)) {
                s = s.mid(scheme.size());
                break;
            }
        }
        while (s.endsWith(u'/')) {
            s.chop(1);
        }
        return s;
    };
    return normalize(text) == normalize(href);
}

// True when a table lays out data (a header cell, or rows of short inline cells) rather than
// the page, as most tables in a newsletter do. Layout cells become paragraphs of their own.
bool isDataTable(const GumboElement& table)
{
    if (attributeValue(table, "role").compare(QLatin1String("presentation"), Qt::CaseInsensitive) == 0) {
        return false;
    }
    // Walk the table's own rows (through thead/tbody/tfoot), not nested tables.
    std::vector<const GumboElement*> rows;
    for (unsigned int i = 0; i < table.children.length; ++i) {
        const GumboNode* child = childAt(table.children, i);
        if (child->type != GUMBO_NODE_ELEMENT) {
            continue;
        }
        const GumboElement& section = child->v.element;
        if (section.tag == GUMBO_TAG_TR) {
            rows.push_back(&section);
        } else if (section.tag == GUMBO_TAG_TBODY || section.tag == GUMBO_TAG_THEAD || section.tag == GUMBO_TAG_TFOOT) {
            for (unsigned int j = 0; j < section.children.length; ++j) {
                const GumboNode* row = childAt(section.children, j);
                if (row->type == GUMBO_NODE_ELEMENT && row->v.element.tag == GUMBO_TAG_TR) {
                    rows.push_back(&row->v.element);
                }
            }
        }
    }
    int rowsWithSeveralCells = 0;
    for (const GumboElement* row : rows) {
        int cellsWithText = 0;
        for (unsigned int i = 0; i < row->children.length; ++i) {
            const GumboNode* cell = childAt(row->children, i);
            if (cell->type != GUMBO_NODE_ELEMENT) {
                continue;
            }
            if (cell->v.element.tag == GUMBO_TAG_TH) {
                return true;
            }
            if (cell->v.element.tag != GUMBO_TAG_TD) {
                continue;
            }
            // A cell holding blocks or tables is layout; one holding a few inline words is data.
            struct CellScan
            {
                bool blocks = false;
                QString content;
                bool enter(const GumboElement& e)
                {
                    switch (e.tag) {
                    case GUMBO_TAG_P:
                    case GUMBO_TAG_DIV:
                    case GUMBO_TAG_TABLE:
                    case GUMBO_TAG_H1:
                    case GUMBO_TAG_H2:
                    case GUMBO_TAG_H3:
                    case GUMBO_TAG_UL:
                    case GUMBO_TAG_OL:
                    case GUMBO_TAG_BR:
                        blocks = true;
                        return false;
                    default:
                        return !isSkipped(e.tag);
                    }
                }
                void leave(const GumboElement&) {}
                void text(const GumboText& t) { content += fromUtf8(t.text); }
            } scan;
            walk(cell, scan);
            if (scan.blocks) {
                return false;
            }
            cellsWithText += hasVisibleText(scan.content) ? 1 : 0;
        }
        rowsWithSeveralCells += cellsWithText >= 2 ? 1 : 0;
    }
    return rowsWithSeveralCells >= 2;
}

class TextRenderer
{
public:
    explicit TextRenderer(int width)
        : m_writer(width)
    {}

    bool enter(const GumboElement& element)
    {
        if (isSkipped(element.tag) || isHidden(element)) {
            return false;
        }
        switch (element.tag) {
        case GUMBO_TAG_BR:
            m_writer.lineBreak();
            return false;
        case GUMBO_TAG_IMG: {
            const QString alt = collapse(attributeValue(element, "alt"));
            if (!alt.isEmpty()) {
                m_writer.text(QLatin1Char(' ') + alt + QLatin1Char(' '));
            }
            return false;
        }
        case GUMBO_TAG_HR:
            m_writer.rule();
            return false;
        case GUMBO_TAG_A:
            m_writer.beginCapture();
            return true;
        case GUMBO_TAG_P:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
            m_writer.boundary(true);
            return true;
        case GUMBO_TAG_H1:
            m_writer.beginHeading(u'=');
            return true;
        case GUMBO_TAG_H2:
            m_writer.beginHeading(u'-');
            return true;
        case GUMBO_TAG_PRE:
            m_writer.beginPre();
            return true;
        case GUMBO_TAG_BLOCKQUOTE:
            m_writer.boundary(true);
            m_writer.pushPrefix(QStringLiteral("> "), QStringLiteral("> "));
            return true;
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL: {
            m_writer.boundary(m_lists.empty());
            bool ok = false;
            const int start = attributeValue(element, "start").trimmed().toInt(&ok);
            m_lists.push_back({element.tag == GUMBO_TAG_OL, ok ? start : 1});
            return true;
        }
        case GUMBO_TAG_LI: {
            QString marker = QStringLiteral("- ");
            if (!m_lists.empty() && m_lists.back().ordered) {
                marker = QString::number(m_lists.back().next++) + QStringLiteral(". ");
            }
            m_writer.boundary(false);
            m_writer.pushPrefix(marker, QString(marker.size(), u' '));
            return true;
        }
        case GUMBO_TAG_DD:
            m_writer.boundary(false);
            m_writer.pushPrefix(QStringLiteral("  "), QStringLiteral("  "));
            return true;
        case GUMBO_TAG_TABLE:
            m_writer.boundary(true);
            m_tables.push_back(isDataTable(element));
            return true;
        case GUMBO_TAG_TR:
            m_writer.boundary(m_tables.empty() || !m_tables.back());
            return true;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
            if (m_tables.empty() || !m_tables.back()) {
                m_writer.boundary(true);
            } else {
                m_writer.cellGap();
            }
            return true;
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_LEGEND:
        case GUMBO_TAG_CENTER:
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_BODY:
            m_writer.boundary(false);
            return true;
        default:
            return true;
        }
    }

    void leave(const GumboElement& element)
    {
        switch (element.tag) {
        case GUMBO_TAG_A:
            finishLink(element);
            break;
        case GUMBO_TAG_P:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_TABLE:
            m_writer.boundary(true);
            if (element.tag == GUMBO_TAG_TABLE && !m_tables.empty()) {
                m_tables.pop_back();
            }
            break;
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
            m_writer.endHeading();
            break;
        case GUMBO_TAG_PRE:
            m_writer.endPre();
            break;
        case GUMBO_TAG_BLOCKQUOTE:
            m_writer.popPrefix();
            m_writer.boundary(true);
            break;
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
            if (!m_lists.empty()) {
                m_lists.pop_back();
            }
            m_writer.boundary(m_lists.empty());
            break;
        case GUMBO_TAG_LI:
        case GUMBO_TAG_DD:
            m_writer.popPrefix();
            break;
        case GUMBO_TAG_TR:
            m_writer.boundary(m_tables.empty() || !m_tables.back());
            break;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
            if (m_tables.empty() || !m_tables.back()) {
                m_writer.boundary(true);
            }
            break;
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_LEGEND:
        case GUMBO_TAG_CENTER:
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_DT:
            m_writer.boundary(false);
            break;
        default:
            break;
        }
    }

    void text(const GumboText& text) { m_writer.text(fromUtf8(text.text)); }

    QString finish() { return m_writer.finish(); }

private:
    struct List
    {
        bool ordered;
        int next;
    };
    PlainTextWriter m_writer;
    std::vector<List> m_lists;
    std::vector<bool> m_tables; // per open table: true for a data table

    // "text (url)", or just the URL when the text is the URL or there is no text.
    void finishLink(const GumboElement& element)
    {
        const QString text = m_writer.endCapture();
        const QString href = trimUrl(attributeValue(element, "href"));
        if (href.isEmpty() || href.startsWith(u'#') || startsWithScheme(href, QLatin1String("javascript:"))) {
            return;
        }
        QString shown = href;
        if (startsWithScheme(href, QLatin1String("mailto:")) && !href.contains(u'?')) {
            shown = href.mid(7);
        }
        if (text.isEmpty()) {
            m_writer.text(QStringLiteral(" "));
            m_writer.unbreakable(shown);
            m_writer.wordGap();
        } else if (!isSameAddress(text, href)) {
            m_writer.linkSuffix(QLatin1Char('(') + shown + QLatin1Char(')'));
        }
    }
};

} // namespace

HtmlDocument::HtmlDocument()
    : m_data(std::make_shared<const Data>())
{}

HtmlDocument HtmlDocument::parse(const QString& html)
{
    auto data = std::make_shared<Data>();
    data->source = html.toUtf8();
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0; // we never show parse errors: don't keep them
    data->output = gumbo_parse_with_options(&options, data->source.constData(), size_t(data->source.size()));
    if (data->output && data->output->document) {
        Extractor extractor;
        walk(data->output->document, extractor);
        data->links = std::move(extractor.links);
        data->images = std::move(extractor.images);
        data->contentIds = std::move(extractor.contentIds);
    }
    HtmlDocument document;
    document.m_data = std::move(data);
    return document;
}

QString HtmlDocument::toPlainText(int width) const
{
    if (!m_data->output || !m_data->output->document) {
        return QString();
    }
    TextRenderer renderer(width);
    walk(m_data->output->document, renderer);
    return renderer.finish();
}

QVector<HtmlLink> HtmlDocument::links() const
{
    return m_data->links;
}

QVector<HtmlImage> HtmlDocument::images() const
{
    return m_data->images;
}

QStringList HtmlDocument::contentIds() const
{
    return m_data->contentIds;
}
