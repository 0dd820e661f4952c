#pragma once

#include "core/mail/html/ContentIssue.h"

#include <QString>
#include <QVector>

class HtmlDocument;

// A template problem found by the merge-template parser, handed over as plain data.
struct ContentTemplateIssue
{
    int line = 0;
    QString message; // already translated
};

// What the checks look at: the campaign as it will be sent.
struct ContentCheckInput
{
    QString subject;
    QString preheader;
    QString html;
    QString text;             // the text part as it will be sent; empty when there is none
    qint64 messageBytes = -1; // the rendered message's size; -1 when unknown (then estimated)
    QString fromAddress;
    bool fromDomainHasDkimKey = false;
    QString postalAddress;           // the sender's postal address in the footer
    bool hasUnsubscribeLink = false; // the message as sent links to {{ unsubscribe_url }}
    QVector<ContentTemplateIssue> templateIssues;
};

// The checks run before a campaign is sent. Each issue carries a plain explanation.
//
// Severity rule: an issue is an Error when the message would break the law or a promise to the
// reader, or cannot work as written: no unsubscribe link, no postal address (CAN-SPAM), a template
// that does not render, an empty subject or body, no From address, a link that goes nowhere.
// Everything that only makes the message worse or riskier is a Warning and does not block sending:
// size near or over Gmail's clipping limit (Gmail still delivers it and links the rest, and shows
// its own unsubscribe button from the List-Unsubscribe header), no text part, http: links, images
// without alt text, shouting or spammy subjects, a From domain without a DKIM key.
//
// Issues come errors first, then warnings, each group in the order the checks run.
class ContentChecker
{
public:
    // Gmail clips a message whose body is over 102 KB; we warn from 100 KB.
    static constexpr qint64 kClipBytes = 102 * 1024;
    static constexpr qint64 kNearClipBytes = 100 * 1024;

    static QVector<ContentIssue> check(const ContentCheckInput& input);
    // The same, with the HTML already parsed (the editor keeps one).
    static QVector<ContentIssue> check(const ContentCheckInput& input, const HtmlDocument& html);

    static bool hasErrors(const QVector<ContentIssue>& issues);

    // True when a link's href uses the {{ unsubscribe_url }} merge tag (filters allowed), for
    // ContentCheckInput::hasUnsubscribeLink when the footer does not add the link itself.
    static bool linksToUnsubscribeUrl(const HtmlDocument& html);

    // The spam-filter trigger words and phrases found in text (whole words, any case), in
    // the order of the list, without repeats. English, German, French and Spanish.
    static QStringList spamPhrasesIn(const QString& text);
};
