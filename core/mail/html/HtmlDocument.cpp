#include "core/mail/html/HtmlDocument.h"

#include "core/mail/html/PlainTextLayout.h"

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
                link.text = PlainTextLayout::collapseWhitespace(attributeValue(element, "alt"));
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
            link.text = PlainTextLayout::collapseWhitespace(link.text);
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
            cellsWithText += PlainTextLayout::hasVisibleText(scan.content) ? 1 : 0;
        }
        rowsWithSeveralCells += cellsWithText >= 2 ? 1 : 0;
    }
    return rowsWithSeveralCells >= 2;
}

class TextRenderer
{
public:
    explicit TextRenderer(int width)
        : m_layout(width)
    {}

    bool enter(const GumboElement& element)
    {
        if (isSkipped(element.tag) || isHidden(element)) {
            return false;
        }
        switch (element.tag) {
        case GUMBO_TAG_BR:
            m_layout.lineBreak();
            return false;
        case GUMBO_TAG_IMG: {
            const QString alt = PlainTextLayout::collapseWhitespace(attributeValue(element, "alt"));
            if (!alt.isEmpty()) {
                m_layout.text(QLatin1Char(' ') + alt + QLatin1Char(' '));
            }
            return false;
        }
        case GUMBO_TAG_HR:
            m_layout.horizontalRule();
            return false;
        case GUMBO_TAG_A:
            m_layout.beginCapture();
            return true;
        case GUMBO_TAG_P:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
            m_layout.boundary(true);
            return true;
        case GUMBO_TAG_H1:
            m_layout.beginHeading(u'=');
            return true;
        case GUMBO_TAG_H2:
            m_layout.beginHeading(u'-');
            return true;
        case GUMBO_TAG_PRE:
            m_layout.beginPreformatted();
            return true;
        case GUMBO_TAG_BLOCKQUOTE:
            m_layout.boundary(true);
            m_layout.pushPrefix(QStringLiteral("> "), QStringLiteral("> "));
            return true;
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL: {
            m_layout.boundary(m_lists.empty());
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
            m_layout.boundary(false);
            m_layout.pushPrefix(marker, QString(marker.size(), u' '));
            return true;
        }
        case GUMBO_TAG_DD:
            m_layout.boundary(false);
            m_layout.pushPrefix(QStringLiteral("  "), QStringLiteral("  "));
            return true;
        case GUMBO_TAG_TABLE:
            m_layout.boundary(true);
            m_tables.push_back(isDataTable(element));
            return true;
        case GUMBO_TAG_TR:
            m_layout.boundary(m_tables.empty() || !m_tables.back());
            return true;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
            if (m_tables.empty() || !m_tables.back()) {
                m_layout.boundary(true);
            } else {
                m_layout.cellGap();
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
            m_layout.boundary(false);
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
            m_layout.boundary(true);
            if (element.tag == GUMBO_TAG_TABLE && !m_tables.empty()) {
                m_tables.pop_back();
            }
            break;
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
            m_layout.endHeading();
            break;
        case GUMBO_TAG_PRE:
            m_layout.endPreformatted();
            break;
        case GUMBO_TAG_BLOCKQUOTE:
            m_layout.popPrefix();
            m_layout.boundary(true);
            break;
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
            if (!m_lists.empty()) {
                m_lists.pop_back();
            }
            m_layout.boundary(m_lists.empty());
            break;
        case GUMBO_TAG_LI:
        case GUMBO_TAG_DD:
            m_layout.popPrefix();
            break;
        case GUMBO_TAG_TR:
            m_layout.boundary(m_tables.empty() || !m_tables.back());
            break;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
            if (m_tables.empty() || !m_tables.back()) {
                m_layout.boundary(true);
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
            m_layout.boundary(false);
            break;
        default:
            break;
        }
    }

    void text(const GumboText& text) { m_layout.text(fromUtf8(text.text)); }

    QString finish() { return m_layout.finish(); }

private:
    struct List
    {
        bool ordered;
        int next;
    };
    PlainTextLayout m_layout;
    std::vector<List> m_lists;
    std::vector<bool> m_tables; // per open table: true for a data table

    // "text (url)", or just the URL when the text is the URL or there is no text.
    void finishLink(const GumboElement& element)
    {
        const QString text = m_layout.endCapture();
        const QString href = trimUrl(attributeValue(element, "href"));
        if (href.isEmpty() || href.startsWith(u'#') || startsWithScheme(href, QLatin1String("javascript:"))) {
            return;
        }
        QString shown = href;
        if (startsWithScheme(href, QLatin1String("mailto:")) && !href.contains(u'?')) {
            shown = href.mid(7);
        }
        if (text.isEmpty()) {
            m_layout.text(QStringLiteral(" "));
            m_layout.unbreakable(shown);
            m_layout.wordGap();
        } else if (!isSameAddress(text, href)) {
            m_layout.linkSuffix(QLatin1Char('(') + shown + QLatin1Char(')'));
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
