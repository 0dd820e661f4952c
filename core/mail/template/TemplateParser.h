#pragma once

#include "core/mail/template/TemplateIssue.h"
#include "core/mail/template/TemplateNode.h"

#include <QString>
#include <QVector>

#include <vector>

// What TemplateParser makes of a source: the flat node list and every syntax error found.
struct ParsedTemplate
{
    QVector<TemplateNode> nodes;
    QVector<TemplateIssue> errors; // in source order; the first 100 found at most
    qsizetype literalLength = 0;   // characters of literal text, to size the render buffer
    int outputCount = 0;           // {{ }} tags
};

// Reads the merge-tag language of MergeTemplate in one pass over the source, by hand (no regular
// expressions). It never gives up at the first error: a bad tag is reported and skipped, an `if`
// whose tag is bad still opens a branch so its `endif` is not reported as stray, and an
// unclosed `{{` is reported and read on as literal text.
class TemplateParser
{
public:
    static ParsedTemplate parse(const QString& source);

    // Letters and digits of any script, '_' and '.': what a field name in a tag is made of.
    static bool isNameCodePoint(char32_t codePoint);

private:
    struct Token
    {
        enum class Kind { End, Name, String, UnclosedString, Pipe, Colon, Other };
        Kind kind = Kind::End;
        int begin = 0;
        int end = 0;
    };
    struct OpenIf
    {
        int ifNode;
        int elseNode;
        int tagOffset;
        QString tagText;
    };

    explicit TemplateParser(const QString& source);

    void run();
    int findOpener(int from) const;
    int findCloser(int from, QChar closer) const;
    void parseOutput(int contentBegin, int contentEnd);
    void parseStatement(int tagOffset, int contentBegin, int contentEnd);
    void parseFilters(TemplateNode& node);
    void openIf(int tagOffset, int contentEnd, const Token& keyword);
    void closeUnclosedIfs();

    void beginTokens(int begin, int end);
    Token nextToken();
    Token peekToken();
    QString tokenText(const Token& token) const;

    void addText(int begin, int end);
    void addError(int offset, const QString& message);
    void unexpected(const Token& token, const QString& hint);
    int lineOf(int offset) const;
    int columnOf(int offset) const;

    const QString& m_source;
    std::vector<int> m_lineStarts;
    ParsedTemplate m_result;
    std::vector<OpenIf> m_openIfs;
    int m_tokenPos = 0;
    int m_tokenEnd = 0;
    int m_textMergeFrom = 0; // the first node that text may be appended to: none before a jump target
};
