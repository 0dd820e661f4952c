#include "core/mail/template/TemplateParser.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

bool isQuote(QChar c)
{
    return c == u'"' || c == u'\'';
}

} // namespace

ParsedTemplate TemplateParser::parse(const QString& source)
{
    TemplateParser parser(source);
    parser.run();
    return std::move(parser.m_result);
}

bool TemplateParser::isNameCodePoint(char32_t codePoint)
{
    return codePoint == U'_' || codePoint == U'.' || QChar::isLetterOrNumber(codePoint);
}

TemplateParser::TemplateParser(const QString& source)
    : m_source(source)
{
    m_lineStarts.push_back(0);
    for (int i = 0; i < int(source.size()); ++i) {
        if (source.at(i) == u'\n') {
            m_lineStarts.push_back(i + 1);
        }
    }
}

void TemplateParser::run()
{
    const int size = int(m_source.size());
    int textStart = 0;
    int pos = 0;
    for (;;) {
        const int open = findOpener(pos);
        if (open < 0) {
            break;
        }
        const bool isOutput = m_source.at(open + 1) == u'{';
        const int close = findCloser(open + 2, isOutput ? QChar(u'}') : QChar(u'%'));
        if (close < 0) {
            addError(open,
                     isOutput ? QCoreApplication::translate("MergeTemplate", "{{ is not closed: end the tag with }}.")
                              : QCoreApplication::translate("MergeTemplate", "{% is not closed: end the tag with %}."));
            // Read on after it, so a tag that follows is still checked.
            pos = open + 2;
            continue;
        }
        addText(textStart, open);
        if (isOutput) {
            parseOutput(open + 2, close);
        } else {
            parseStatement(open, open + 2, close);
        }
        pos = textStart = close + 2;
    }
    addText(textStart, size);
    closeUnclosedIfs();
}

int TemplateParser::findOpener(int from) const
{
    const int size = int(m_source.size());
    for (int i = int(m_source.indexOf(u'{', from)); i >= 0 && i + 1 < size; i = int(m_source.indexOf(u'{', i + 1))) {
        const QChar next = m_source.at(i + 1);
        if (next == u'{' || next == u'%') {
            return i;
        }
    }
    return -1;
}

// The index of the tag's closing "}}" or "%}", or -1 when the tag is not closed: the text ends,
// or another tag opens first (then the user forgot this one's end, and the other is a tag of
// its own). A closer inside a quoted value does not count; a quote with no partner on its line
// is taken as a plain character, so an apostrophe cannot hide the rest of the template.
int TemplateParser::findCloser(int from, QChar closer) const
{
    const int size = int(m_source.size());
    for (int i = from; i < size; ++i) {
        const QChar c = m_source.at(i);
        if (isQuote(c)) {
            for (int j = i + 1; j < size && m_source.at(j) != u'\n'; ++j) {
                if (m_source.at(j) == c) {
                    i = j;
                    break;
                }
            }
            continue;
        }
        if (i + 1 >= size) {
            break;
        }
        const QChar next = m_source.at(i + 1);
        if (c == closer && next == u'}') {
            return i;
        }
        if (c == u'{' && (next == u'{' || next == u'%')) {
            return -1;
        }
    }
    return -1;
}

void TemplateParser::parseOutput(int contentBegin, int contentEnd)
{
    beginTokens(contentBegin, contentEnd);
    const Token name = nextToken();
    if (name.kind != Token::Kind::Name) {
        if (name.kind == Token::Kind::End) {
            addError(contentBegin - 2, QCoreApplication::translate("MergeTemplate", "{{ }} has no field name in it."));
        } else {
            unexpected(name, QCoreApplication::translate("MergeTemplate",
                                                         "a field name such as first_name should follow {{."));
        }
        return;
    }
    TemplateNode node;
    node.kind = TemplateNode::Kind::Output;
    node.text = tokenText(name);
    node.line = lineOf(name.begin);
    node.column = columnOf(name.begin);
    const int errorsBefore = int(m_result.errors.size());
    parseFilters(node);
    if (m_result.errors.size() == errorsBefore) {
        m_result.nodes.append(node);
        ++m_result.outputCount;
    }
}

void TemplateParser::parseFilters(TemplateNode& node)
{
    for (;;) {
        const Token pipe = nextToken();
        if (pipe.kind == Token::Kind::End) {
            return;
        }
        if (pipe.kind != Token::Kind::Pipe) {
            unexpected(pipe, QCoreApplication::translate(
                                 "MergeTemplate",
                                 "field names are made of letters, digits, _ and ., and a filter follows a |."));
            return;
        }
        const Token name = nextToken();
        if (name.kind != Token::Kind::Name) {
            unexpected(name,
                       QCoreApplication::translate(
                           "MergeTemplate", "a filter (default, upper, lower, capitalize or date) should follow |."));
            return;
        }
        const QString filterName = tokenText(name);
        TemplateFilter filter;
        bool takesArgument = false;
        if (filterName == QLatin1String("default")) {
            filter.kind = TemplateFilter::Kind::Default;
            takesArgument = true;
        } else if (filterName == QLatin1String("upper")) {
            filter.kind = TemplateFilter::Kind::Upper;
        } else if (filterName == QLatin1String("lower")) {
            filter.kind = TemplateFilter::Kind::Lower;
        } else if (filterName == QLatin1String("capitalize")) {
            filter.kind = TemplateFilter::Kind::Capitalize;
        } else if (filterName == QLatin1String("date")) {
            filter.kind = TemplateFilter::Kind::Date;
            takesArgument = true;
        } else {
            addError(name.begin,
                     QCoreApplication::translate(
                         "MergeTemplate", "\"%1\" is not a filter: use default, upper, lower, capitalize or date.")
                         .arg(filterName));
            return;
        }

        Token argument;
        if (peekToken().kind == Token::Kind::Colon) {
            const Token colon = nextToken();
            if (!takesArgument) {
                addError(colon.begin,
                         QCoreApplication::translate("MergeTemplate", "the %1 filter takes no value.").arg(filterName));
                return;
            }
            argument = nextToken();
            if (argument.kind == Token::Kind::UnclosedString) {
                addError(argument.begin, QCoreApplication::translate("MergeTemplate",
                                                                     "the value in quotes is not closed on its line."));
                return;
            }
            if (argument.kind != Token::Kind::String) {
                if (argument.kind == Token::Kind::End) {
                    argument.begin = colon.begin;
                }
                addError(argument.begin,
                         QCoreApplication::translate(
                             "MergeTemplate", "the %1 filter needs a value in quotes after the colon, e.g. %1: \"%2\".")
                             .arg(filterName, filter.kind == TemplateFilter::Kind::Date ? QStringLiteral("%d %B %Y")
                                                                                        : QStringLiteral("there")));
                return;
            }
            filter.argument = m_source.mid(argument.begin + 1, argument.end - argument.begin - 2);
        } else if (takesArgument) {
            addError(
                name.begin,
                QCoreApplication::translate("MergeTemplate", "the %1 filter needs a value in quotes, e.g. %1: \"%2\".")
                    .arg(filterName, filter.kind == TemplateFilter::Kind::Date ? QStringLiteral("%d %B %Y")
                                                                               : QStringLiteral("there")));
            return;
        }

        if (filter.kind == TemplateFilter::Kind::Date) {
            filter.dateFormat = TemplateDateFormat::compile(filter.argument);
            if (!filter.dateFormat.isValid()) {
                addError(argument.begin + 1 + filter.dateFormat.errorIndex(),
                         QCoreApplication::translate(
                             "MergeTemplate",
                             "\"%1\" is not a date format code: use %Y %m %d %e %B %b %A %a %H %M or %% for a %.")
                             .arg(filter.dateFormat.errorCode()));
                return;
            }
        }
        node.filters.append(filter);
    }
}

void TemplateParser::parseStatement(int tagOffset, int contentBegin, int contentEnd)
{
    beginTokens(contentBegin, contentEnd);
    const Token keyword = nextToken();
    const QString word = keyword.kind == Token::Kind::Name ? tokenText(keyword) : QString();
    if (word == QLatin1String("if")) {
        openIf(tagOffset, contentEnd, keyword);
        return;
    }
    if (word != QLatin1String("else") && word != QLatin1String("endif")) {
        if (keyword.kind == Token::Kind::End) {
            addError(tagOffset, QCoreApplication::translate("MergeTemplate", "{% %} has no if, else or endif in it."));
        } else if (keyword.kind == Token::Kind::Name) {
            addError(
                keyword.begin,
                QCoreApplication::translate("MergeTemplate", "\"%1\" is not a tag: use if, else or endif.").arg(word));
        } else {
            unexpected(keyword, QCoreApplication::translate("MergeTemplate", "if, else or endif should follow {%."));
        }
        return;
    }
    const Token extra = nextToken();
    if (extra.kind != Token::Kind::End) {
        // Still close what it closes, so its if is not reported as unclosed as well.
        unexpected(extra, QCoreApplication::translate("MergeTemplate", "{% %1 %} takes nothing else.").arg(word));
    }
    if (word == QLatin1String("else")) {
        if (m_openIfs.empty()) {
            addError(tagOffset, QCoreApplication::translate("MergeTemplate", "{% else %} has no {% if %} before it."));
            return;
        }
        OpenIf& open = m_openIfs.back();
        if (open.elseNode >= 0) {
            addError(tagOffset,
                     QCoreApplication::translate("MergeTemplate", "{% else %} is the second one of the %1 on line %2.")
                         .arg(open.tagText, QString::number(lineOf(open.tagOffset))));
            return;
        }
        TemplateNode node;
        node.kind = TemplateNode::Kind::Else;
        open.elseNode = int(m_result.nodes.size());
        m_result.nodes.append(node);
        m_result.nodes[open.ifNode].jump = open.elseNode + 1;
        m_textMergeFrom = open.elseNode + 1;
        return;
    }
    // endif
    if (m_openIfs.empty()) {
        addError(tagOffset, QCoreApplication::translate("MergeTemplate", "{% endif %} has no {% if %} before it."));
        return;
    }
    const OpenIf open = m_openIfs.back();
    m_openIfs.pop_back();
    const int after = int(m_result.nodes.size());
    m_textMergeFrom = after;
    if (open.elseNode >= 0) {
        m_result.nodes[open.elseNode].jump = after;
    } else {
        m_result.nodes[open.ifNode].jump = after;
    }
}

void TemplateParser::openIf(int tagOffset, int contentEnd, const Token& keyword)
{
    TemplateNode node;
    node.kind = TemplateNode::Kind::If;
    Token name = nextToken();
    if (name.kind == Token::Kind::Name && tokenText(name) == QLatin1String("not") &&
        peekToken().kind == Token::Kind::Name) {
        node.negate = true;
        name = nextToken();
    }
    // However bad the condition, the tag opens a branch: its endif must not be called stray.
    if (name.kind != Token::Kind::Name) {
        if (name.kind == Token::Kind::End) {
            addError(keyword.begin, QCoreApplication::translate(
                                        "MergeTemplate", "{% if %} needs a field name, e.g. {% if first_name %}."));
        } else {
            unexpected(name, QCoreApplication::translate("MergeTemplate",
                                                         "a field name such as first_name should follow if."));
        }
    } else {
        const Token extra = nextToken();
        if (extra.kind != Token::Kind::End) {
            unexpected(extra,
                       QCoreApplication::translate(
                           "MergeTemplate", "{% if %} tests one field: it is true when the field is not empty."));
        } else {
            node.text = tokenText(name);
            node.line = lineOf(name.begin);
            node.column = columnOf(name.begin);
        }
    }
    m_openIfs.push_back(
        {int(m_result.nodes.size()), -1, tagOffset, m_source.mid(tagOffset, contentEnd + 2 - tagOffset).simplified()});
    m_result.nodes.append(node);
}

void TemplateParser::closeUnclosedIfs()
{
    for (const OpenIf& open : m_openIfs) {
        addError(open.tagOffset,
                 QCoreApplication::translate("MergeTemplate", "%1 is not closed: add {% endif %} where its part ends.")
                     .arg(open.tagText));
    }
    m_openIfs.clear();
    std::stable_sort(m_result.errors.begin(), m_result.errors.end(),
                     [](const TemplateIssue& a, const TemplateIssue& b) {
                         return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
}

void TemplateParser::beginTokens(int begin, int end)
{
    m_tokenPos = begin;
    m_tokenEnd = end;
}

TemplateParser::Token TemplateParser::nextToken()
{
    while (m_tokenPos < m_tokenEnd && m_source.at(m_tokenPos).isSpace()) {
        ++m_tokenPos;
    }
    Token token;
    token.begin = m_tokenPos;
    if (m_tokenPos >= m_tokenEnd) {
        token.kind = Token::Kind::End;
        token.end = m_tokenPos;
        return token;
    }
    const QChar c = m_source.at(m_tokenPos);
    // The code point at `i` and its length in UTF-16 units (1, or 2 for a surrogate pair).
    auto codePointAt = [this](int i, int* length) -> char32_t {
        const QChar first = m_source.at(i);
        if (first.isHighSurrogate() && i + 1 < m_tokenEnd && m_source.at(i + 1).isLowSurrogate()) {
            *length = 2;
            return QChar::surrogateToUcs4(first, m_source.at(i + 1));
        }
        *length = 1;
        return first.unicode();
    };
    int length = 1;
    if (c == u'|') {
        token.kind = Token::Kind::Pipe;
        ++m_tokenPos;
    } else if (c == u':') {
        token.kind = Token::Kind::Colon;
        ++m_tokenPos;
    } else if (isQuote(c)) {
        int i = m_tokenPos + 1;
        while (i < m_tokenEnd && m_source.at(i) != c && m_source.at(i) != u'\n') {
            ++i;
        }
        if (i < m_tokenEnd && m_source.at(i) == c) {
            token.kind = Token::Kind::String;
            m_tokenPos = i + 1;
        } else {
            token.kind = Token::Kind::UnclosedString;
            m_tokenPos = m_tokenEnd;
        }
    } else if (isNameCodePoint(codePointAt(m_tokenPos, &length))) {
        token.kind = Token::Kind::Name;
        m_tokenPos += length;
        while (m_tokenPos < m_tokenEnd && isNameCodePoint(codePointAt(m_tokenPos, &length))) {
            m_tokenPos += length;
        }
    } else {
        token.kind = Token::Kind::Other;
        m_tokenPos += length;
    }
    token.end = m_tokenPos;
    return token;
}

TemplateParser::Token TemplateParser::peekToken()
{
    const int saved = m_tokenPos;
    const Token token = nextToken();
    m_tokenPos = saved;
    return token;
}

QString TemplateParser::tokenText(const Token& token) const
{
    return m_source.mid(token.begin, token.end - token.begin);
}

void TemplateParser::addText(int begin, int end)
{
    if (end <= begin) {
        return;
    }
    m_result.literalLength += end - begin;
    // Text after an endif is a jump target of its own: it must not be glued to the branch's text.
    if (m_result.nodes.size() > m_textMergeFrom && m_result.nodes.constLast().kind == TemplateNode::Kind::Text) {
        m_result.nodes.last().text += QStringView(m_source).mid(begin, end - begin);
        return;
    }
    TemplateNode node;
    node.kind = TemplateNode::Kind::Text;
    node.text = m_source.mid(begin, end - begin);
    m_result.nodes.append(node);
}

void TemplateParser::addError(int offset, const QString& message)
{
    // A pasted binary file would otherwise make a list of errors no one reads, slowly.
    constexpr qsizetype maxErrors = 100;
    if (m_result.errors.size() >= maxErrors) {
        return;
    }
    const int line = lineOf(offset);
    const int column = columnOf(offset);
    m_result.errors.append({line, column,
                            QCoreApplication::translate("MergeTemplate", "line %1, column %2: %3")
                                .arg(QString::number(line), QString::number(column), message)});
}

void TemplateParser::unexpected(const Token& token, const QString& hint)
{
    QString what;
    switch (token.kind) {
    case Token::Kind::End:
        what = QCoreApplication::translate("MergeTemplate", "the end of the tag");
        break;
    case Token::Kind::UnclosedString:
        what = QCoreApplication::translate("MergeTemplate", "a value in quotes that is not closed on its line");
        break;
    default:
        what = QStringLiteral("\"%1\"").arg(tokenText(token));
        break;
    }
    addError(token.begin, QCoreApplication::translate("MergeTemplate", "%1 is unexpected here: %2").arg(what, hint));
}

int TemplateParser::lineOf(int offset) const
{
    const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    return int(it - m_lineStarts.begin());
}

int TemplateParser::columnOf(int offset) const
{
    return offset - m_lineStarts[size_t(lineOf(offset) - 1)] + 1;
}
