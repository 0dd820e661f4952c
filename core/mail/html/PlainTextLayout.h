#pragma once

#include <QChar>
#include <QString>
#include <QStringList>
#include <QVector>

// Lays out the text part as a careful person types it: blocks separated by blank lines, list
// markers and quote marks in front, whitespace collapsed as a browser does, paragraphs wrapped
// at a width in columns (except preformatted text), URLs and merge tags never split.
// HtmlDocument drives it from the parse tree; it knows nothing about HTML itself.
class PlainTextLayout
{
public:
    explicit PlainTextLayout(int width);

    // Text as it appears in the HTML source; whitespace collapses unless inside preformatted text.
    void text(const QString& text);
    // Text that must stay on one line, such as a URL.
    void unbreakable(const QString& text);
    void lineBreak();
    // "(url)" after a link's text: beside the text, even when the text was a block of its own.
    void linkSuffix(const QString& suffix);
    // The next character, if it starts a word, is separated from what came before.
    void wordGap();
    // A gap between two table cells of one row.
    void cellGap();
    // Ends the current block; blankLine asks for an empty line before the next one.
    void boundary(bool blankLine);
    // A prefix for the lines of the blocks that follow: first for the first line ("- ", "1. "),
    // rest for the others ("  "), as for a list item or a quotation ("> ").
    void pushPrefix(const QString& first, const QString& rest);
    void popPrefix();
    void beginPreformatted();
    void endPreformatted();
    // A heading, underlined with underline when it is not null.
    void beginHeading(QChar underline);
    void endHeading();
    void horizontalRule();
    // Collects the text written until endCapture(), whitespace collapsed (for a link's text).
    void beginCapture();
    QString endCapture();

    // The text so far, each line ending with "\n"; empty when there is nothing to read.
    QString finish();

    // Whitespace collapsed as a browser does, controls and zero-width fillers dropped, no blanks
    // at either end.
    static QString collapseWhitespace(const QString& text);
    // True when text has something to see, not only spaces and zero-width characters.
    static bool hasVisibleText(const QString& text);
    // Columns in a fixed-width font: East Asian wide characters and emoji take two.
    static int columnsOf(const QString& text);

private:
    struct Prefix
    {
        QString first;
        QString rest;
        bool used;
    };

    int m_width;
    QStringList m_out;
    QString m_inline; // the block being written: collapsed text, "\n" for line breaks
    bool m_lastSpace = false;
    bool m_pendingBlank = false;
    bool m_wordGap = false;
    bool m_lastBlank = false; // the last line written is a blank one (maybe with a quote mark)
    int m_preDepth = 0;
    QChar m_underline;
    QVector<Prefix> m_prefixes;
    QStringList m_captures;

    void appendChar(QChar c);
    QString prefix();
    QString separatorPrefix() const;
    void emitLines(const QStringList& lines, bool preformatted);
    void flush();
};
