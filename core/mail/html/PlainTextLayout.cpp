#include "core/mail/html/PlainTextLayout.h"

#include <algorithm>

namespace {

// Characters used inside the layout only; stripped from the input so a document cannot forge them.
constexpr char16_t kProtectedSpace = 0xE000; // a space inside a URL or merge tag: never a line break
constexpr char16_t kNoBreakSpace = 0x00A0;

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
    return (u < 0x20 && !isAsciiWhitespace(c)) || (u >= 0x7F && u <= 0x9F) || u == 0x200B || u == 0xFEFF ||
           u == 0x00AD || u == 0x034F || u == kProtectedSpace;
}

bool isVisible(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return !isBlank(c); });
}

// Whitespace collapsed as a browser does, blanks at both ends removed.
QString collapsed(const QString& text)
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
int displayColumns(const QString& text)
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
        const int wordColumns = displayColumns(word.text);
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

} // namespace

PlainTextLayout::PlainTextLayout(int width)
    : m_width(width)
{}

void PlainTextLayout::text(const QString& text)
{
    for (const QChar c : text) {
        if (c != kProtectedSpace) {
            appendChar(c);
        }
    }
}

// Text that must stay on one line, such as a URL.
void PlainTextLayout::unbreakable(const QString& text)
{
    for (const QChar c : text) {
        appendChar(isAsciiWhitespace(c) && m_preDepth == 0 ? QChar(kProtectedSpace) : c);
    }
}

void PlainTextLayout::lineBreak()
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
void PlainTextLayout::linkSuffix(const QString& suffix)
{
    if (isVisible(m_inline) || m_out.isEmpty() || m_lastBlank || m_preDepth > 0) {
        text(QStringLiteral(" "));
        unbreakable(suffix);
        wordGap();
        return;
    }
    // Straight into the output, so cleaned here as appendChar() would.
    QString clean;
    for (const QChar c : suffix) {
        if (!isDropped(c)) {
            clean += isAsciiWhitespace(c) ? QChar(u' ') : c;
        }
    }
    if (m_width <= 0 || displayColumns(m_out.back()) + 1 + displayColumns(clean) <= m_width) {
        m_out.back() += QLatin1Char(' ') + clean;
    } else {
        m_out.push_back(rightTrimmed(prefix() + clean));
    }
}

// The next character, if it starts a word, is separated from what came before.
void PlainTextLayout::wordGap()
{
    m_wordGap = true;
}

// A gap between two table cells of one row.
void PlainTextLayout::cellGap()
{
    if (!isVisible(m_inline) || m_inline.endsWith(u'\n') || m_inline.endsWith(QChar(kNoBreakSpace))) {
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
void PlainTextLayout::boundary(bool blankLine)
{
    flush();
    m_pendingBlank = m_pendingBlank || blankLine;
}

void PlainTextLayout::pushPrefix(const QString& first, const QString& rest)
{
    flush();
    m_prefixes.push_back({first, rest, false});
}

void PlainTextLayout::popPrefix()
{
    flush();
    if (!m_prefixes.isEmpty()) {
        m_prefixes.pop_back();
    }
}

void PlainTextLayout::beginPreformatted()
{
    boundary(true);
    ++m_preDepth;
}

void PlainTextLayout::endPreformatted()
{
    flush();
    --m_preDepth;
    m_pendingBlank = true;
}

void PlainTextLayout::beginHeading(QChar underline)
{
    boundary(true);
    m_underline = underline;
}

void PlainTextLayout::endHeading()
{
    flush();
    m_underline = QChar();
    m_pendingBlank = true;
}

void PlainTextLayout::horizontalRule()
{
    boundary(true);
    const int length = m_width > 0 ? std::min(m_width, 40) : 40;
    emitLines({QString(length, u'-')}, false);
    m_pendingBlank = true;
}

// Text seen by open links, for "text (url)".
void PlainTextLayout::beginCapture()
{
    m_captures.push_back(QString());
}
QString PlainTextLayout::endCapture()
{
    const QString captured = m_captures.isEmpty() ? QString() : m_captures.takeLast();
    for (QString& outer : m_captures) {
        outer += captured;
    }
    return collapsed(captured);
}

QString PlainTextLayout::finish()
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

void PlainTextLayout::appendChar(QChar c)
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

QString PlainTextLayout::prefix()
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
QString PlainTextLayout::separatorPrefix() const
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

void PlainTextLayout::emitLines(const QStringList& lines, bool preformatted)
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

void PlainTextLayout::flush()
{
    const QString block = m_inline;
    m_inline.clear();
    m_lastSpace = false;
    m_wordGap = false;
    if (!isVisible(block)) {
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
                widest = std::max(widest, displayColumns(line));
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

QString PlainTextLayout::collapseWhitespace(const QString& text)
{
    return collapsed(text);
}

bool PlainTextLayout::hasVisibleText(const QString& text)
{
    return isVisible(text);
}

int PlainTextLayout::columnsOf(const QString& text)
{
    return displayColumns(text);
}
