#include "core/mail/html/ContentChecker.h"

#include "core/mail/html/HtmlDocument.h"

#include <QCoreApplication>
#include <QUrl>

#include <algorithm>

namespace {

ContentIssue issue(ContentIssue::Severity severity, const char* code, const QString& message,
                   const QString& explanation, int line = 0)
{
    ContentIssue result;
    result.severity = severity;
    result.code = QLatin1String(code);
    result.message = message;
    result.explanation = explanation;
    result.line = line;
    return result;
}

ContentIssue error(const char* code, const QString& message, const QString& explanation, int line = 0)
{
    return issue(ContentIssue::Severity::Error, code, message, explanation, line);
}

ContentIssue warning(const char* code, const QString& message, const QString& explanation, int line = 0)
{
    return issue(ContentIssue::Severity::Warning, code, message, explanation, line);
}

// Phrases spam filters score, kept short on purpose: each one is a warning a user must be able
// to understand and act on. Words common in honest mail ("free", "sale", "offer") are left out.
const char* const kSpamPhrases[] = {
    // English
    "100% free",
    "act now",
    "buy now",
    "cash bonus",
    "click here",
    "congratulations",
    "double your",
    "earn money",
    "extra cash",
    "free money",
    "get paid",
    "guaranteed",
    "limited time only",
    "lottery",
    "make money",
    "million dollars",
    "no credit check",
    "risk free",
    "urgent",
    "viagra",
    "winner",
    "you have won",
    "you've won",
    "casino",
    // German
    "100% gratis",
    "bargeld",
    "dringend",
    "garantiert",
    "geld verdienen",
    "gewinner",
    "gewonnen",
    "hier klicken",
    "jetzt kaufen",
    "nur heute",
    "sie haben gewonnen",
    "sofort reich",
    // French
    "100% gratuit",
    "argent facile",
    "achetez maintenant",
    "cliquez ici",
    "félicitations",
    "gagnant",
    "gagner de l'argent",
    "offre limitée",
    "sans risque",
    "vous avez gagné",
    // Spanish
    "100% gratis",
    "compra ahora",
    "dinero fácil",
    "felicidades",
    "ganador",
    "gane dinero",
    "garantizado",
    "haga clic aquí",
    "haz clic aquí",
    "has ganado",
    "sin riesgo",
    "urgente",
};

// Words as a spam filter tokenizes them: runs of letters and digits, case-folded.
QStringList wordsOf(const QString& text)
{
    QStringList words;
    QString current;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing) {
            current += c;
        } else if (!current.isEmpty()) {
            words.push_back(current.toCaseFolded());
            current.clear();
        }
    }
    if (!current.isEmpty()) {
        words.push_back(current.toCaseFolded());
    }
    return words;
}

bool containsSequence(const QStringList& words, const QStringList& phrase)
{
    if (phrase.isEmpty() || phrase.size() > words.size()) {
        return false;
    }
    for (qsizetype i = 0; i + phrase.size() <= words.size(); ++i) {
        if (std::equal(phrase.cbegin(), phrase.cend(), words.cbegin() + i)) {
            return true;
        }
    }
    return false;
}

QString quotedList(const QStringList& items)
{
    QStringList quoted;
    for (const QString& item : items) {
        quoted.push_back(QStringLiteral("\u201C") + item + QStringLiteral("\u201D"));
    }
    return quoted.join(QStringLiteral(", "));
}

// The subject shouts: most of its letters are capitals.
bool isMostlyCapitals(const QString& subject)
{
    int upper = 0;
    int cased = 0;
    for (const QChar c : subject) {
        if (c.isUpper()) {
            ++upper;
            ++cased;
        } else if (c.isLower()) {
            ++cased;
        }
    }
    return cased >= 8 && upper * 10 >= cased * 7;
}

// Three or more of ! ? $ € £ in a row: "!!!", "$$$", "?!?".
bool hasPunctuationRun(const QString& subject)
{
    const QString marks = QStringLiteral("!?$\u20AC\u00A3\u00A1\u00BF");
    int run = 0;
    for (const QChar c : subject) {
        run = marks.contains(c) ? run + 1 : 0;
        if (run >= 3) {
            return true;
        }
    }
    return false;
}

// The href with each merge tag replaced by a placeholder word, so "https://x.example/?id={{ id }}"
// is checked as a URL; an unclosed tag is left for the template checks to report.
QString withoutMergeTags(const QString& href)
{
    QString out;
    qsizetype i = 0;
    while (i < href.size()) {
        const bool expression = href.mid(i, 2) == QLatin1String("{{");
        const bool statement = href.mid(i, 2) == QLatin1String("{%");
        if (expression || statement) {
            const qsizetype close = href.indexOf(expression ? QLatin1String("}}") : QLatin1String("%}"), i + 2);
            if (close >= 0) {
                out += QLatin1String("x");
                i = close + 2;
                continue;
            }
        }
        out += href.at(i);
        ++i;
    }
    return out;
}

// "{{ unsubscribe_url }}" or "{{ site_url }}/shop": the scheme and host come from a value known
// only per recipient, so the address cannot be judged before rendering.
bool startsWithMergeTag(const QString& href)
{
    const QString trimmed = href.trimmed();
    return (trimmed.startsWith(QLatin1String("{{")) || trimmed.startsWith(QLatin1String("{%"))) &&
           withoutMergeTags(trimmed).startsWith(u'x');
}

// RFC 3986 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), before the first ':'.
QString schemeOf(const QString& url)
{
    const qsizetype colon = url.indexOf(u':');
    if (colon <= 0) {
        return QString();
    }
    for (qsizetype i = 0; i < colon; ++i) {
        const QChar c = url.at(i);
        const bool alpha = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
        if (!(alpha || (i > 0 && ((c >= u'0' && c <= u'9') || c == u'+' || c == u'-' || c == u'.')))) {
            return QString();
        }
    }
    return url.left(colon).toLower();
}

bool isWebUrl(const QString& url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    return parsed.isValid() && !parsed.host().isEmpty() && url.mid(url.indexOf(u':'), 3) == QLatin1String("://");
}

void checkLink(const HtmlLink& link, QVector<ContentIssue>& issues)
{
    if (startsWithMergeTag(link.href)) {
        return; // the template checks cover the tag itself
    }
    const QString href = withoutMergeTags(link.href);
    const QString shown = link.href.size() > 80 ? link.href.left(77) + QStringLiteral("...") : link.href;
    const QString linkText =
        link.text.isEmpty() ? QCoreApplication::translate("ContentChecker", "(no text)") : link.text;
    if (href.isEmpty()) {
        issues.push_back(
            error("link.empty",
                  QCoreApplication::translate("ContentChecker", "The link \u201C%1\u201D has no address").arg(linkText),
                  QCoreApplication::translate("ContentChecker",
                                              "Its href is empty, so clicking it does nothing or reloads the message. "
                                              "Enter the full address, starting with https://."),
                  link.line));
        return;
    }
    if (href == QLatin1String("#")) {
        issues.push_back(error(
            "link.placeholder",
            QCoreApplication::translate("ContentChecker", "The link \u201C%1\u201D goes nowhere (#)").arg(linkText),
            QCoreApplication::translate("ContentChecker",
                                        "\u201C#\u201D is a placeholder left from a template. Replace it with the "
                                        "page the reader should reach, starting with https://."),
            link.line));
        return;
    }
    if (href.startsWith(u'#')) {
        return; // a jump within the message
    }
    const QString scheme = schemeOf(href);
    if (scheme.isEmpty()) {
        issues.push_back(error(
            "link.relative",
            QCoreApplication::translate("ContentChecker", "The link \u201C%1\u201D is not a full address").arg(shown),
            QCoreApplication::translate("ContentChecker",
                                        "An email has no website around it, so an address without https:// "
                                        "(such as \u201Cwww.example.com\u201D or \u201C/shop\u201D) leads nowhere. "
                                        "Write the full address, starting with https://."),
            link.line));
        return;
    }
    if (scheme == QLatin1String("javascript") || scheme == QLatin1String("vbscript")) {
        issues.push_back(
            error("link.javascript",
                  QCoreApplication::translate("ContentChecker", "The link \u201C%1\u201D runs a script").arg(linkText),
                  QCoreApplication::translate("ContentChecker",
                                              "Mail programs never run scripts, so this link does nothing, and spam "
                                              "filters treat it as a sign of an attack. Link to a web page instead."),
                  link.line));
        return;
    }
    if (scheme == QLatin1String("https") || scheme == QLatin1String("http")) {
        if (!isWebUrl(href)) {
            issues.push_back(
                error("link.malformed",
                      QCoreApplication::translate("ContentChecker", "The link \u201C%1\u201D is not a valid address")
                          .arg(shown),
                      QCoreApplication::translate("ContentChecker",
                                                  "The address is misspelled or contains characters that are not "
                                                  "allowed (such as spaces), so clicking it will fail. Copy the "
                                                  "address again from the browser's address bar."),
                      link.line));
        } else if (scheme == QLatin1String("http")) {
            issues.push_back(warning(
                "link.insecure",
                QCoreApplication::translate("ContentChecker", "The link \u201C%1\u201D does not use https").arg(shown),
                QCoreApplication::translate("ContentChecker",
                                            "Browsers mark http: pages as not secure and some spam filters "
                                            "count such links against you. Use https:// if the site supports it."),
                link.line));
        }
        return;
    }
    if (scheme == QLatin1String("mailto") || scheme == QLatin1String("tel") || scheme == QLatin1String("sms")) {
        if (href.mid(scheme.size() + 1).trimmed().isEmpty()) {
            issues.push_back(
                error("link.malformed",
                      QCoreApplication::translate("ContentChecker",
                                                  "The link \u201C%1\u201D has no address after \u201C%2:\u201D")
                          .arg(linkText, scheme),
                      QCoreApplication::translate("ContentChecker",
                                                  "Without an address or number the link opens an empty message or "
                                                  "does nothing. Add what should come after \u201C%1:\u201D.")
                          .arg(scheme),
                      link.line));
        }
        return;
    }
    issues.push_back(
        warning("link.scheme",
                QCoreApplication::translate("ContentChecker", "The link \u201C%1\u201D uses \u201C%2:\u201D")
                    .arg(shown, scheme),
                QCoreApplication::translate("ContentChecker",
                                            "Many mail programs block or ignore links that are not https:, mailto: "
                                            "or tel:, so readers may not be able to open it."),
                link.line));
}

} // namespace

QVector<ContentIssue> ContentChecker::check(const ContentCheckInput& input)
{
    return check(input, HtmlDocument::parse(input.html));
}

QVector<ContentIssue> ContentChecker::check(const ContentCheckInput& input, const HtmlDocument& html)
{
    QVector<ContentIssue> issues;

    const QString subject = input.subject.trimmed();
    if (subject.isEmpty()) {
        issues.push_back(error("subject.empty", QCoreApplication::translate("ContentChecker", "The subject is empty"),
                               QCoreApplication::translate(
                                   "ContentChecker", "Messages without a subject look like spam and are often deleted "
                                                     "unread. Say in a few words what the message is about.")));
    } else {
        if (isMostlyCapitals(subject)) {
            issues.push_back(warning(
                "subject.capitals", QCoreApplication::translate("ContentChecker", "The subject is written in capitals"),
                QCoreApplication::translate("ContentChecker",
                                            "A subject in capitals reads as shouting, and spam filters score it "
                                            "against you. Write it in normal case.")));
        }
        if (hasPunctuationRun(subject)) {
            issues.push_back(warning(
                "subject.punctuation",
                QCoreApplication::translate("ContentChecker", "The subject has runs of !, ? or $"),
                QCoreApplication::translate("ContentChecker",
                                            "Strings such as \u201C!!!\u201D or \u201C$$$\u201D are a classic spam "
                                            "sign and make filters more likely to move the message to spam. "
                                            "One exclamation mark at most.")));
        }
        const QStringList spam = spamPhrasesIn(subject);
        if (!spam.isEmpty()) {
            issues.push_back(warning(
                "subject.spam_words",
                QCoreApplication::translate("ContentChecker", "The subject contains words spam filters look for: %1")
                    .arg(quotedList(spam)),
                QCoreApplication::translate("ContentChecker",
                                            "Spam filters score these words, and together with other signs "
                                            "they can send the message to the spam folder. Rephrase the "
                                            "subject in your own words.")));
        }
    }
    const QStringList preheaderSpam = spamPhrasesIn(input.preheader);
    if (!preheaderSpam.isEmpty()) {
        issues.push_back(warning(
            "preheader.spam_words",
            QCoreApplication::translate("ContentChecker", "The preheader contains words spam filters look for: %1")
                .arg(quotedList(preheaderSpam)),
            QCoreApplication::translate("ContentChecker",
                                        "The preheader is read by spam filters like the rest of the message. "
                                        "Rephrase it in your own words.")));
    }

    if (input.fromAddress.trimmed().isEmpty()) {
        issues.push_back(
            error("from.missing", QCoreApplication::translate("ContentChecker", "There is no From address"),
                  QCoreApplication::translate("ContentChecker",
                                              "Every message needs a sender address that replies and bounces can "
                                              "reach. Enter the address you send from.")));
    } else if (!input.fromDomainHasDkimKey) {
        const QString address = input.fromAddress.trimmed();
        const QString domain = address.mid(address.lastIndexOf(u'@') + 1);
        issues.push_back(
            warning("from.no_dkim",
                    QCoreApplication::translate("ContentChecker", "The From domain %1 has no DKIM key").arg(domain),
                    QCoreApplication::translate("ContentChecker",
                                                "Without a DKIM signature Gmail, Yahoo and others cannot verify that "
                                                "the message really comes from %1, and many will send it to spam. "
                                                "Create a DKIM key for the domain and publish the DNS record shown.")
                        .arg(domain)));
    }

    const bool htmlEmpty = html.toPlainText(0).trimmed().isEmpty() && html.images().isEmpty();
    if (htmlEmpty && input.text.trimmed().isEmpty()) {
        issues.push_back(
            error("body.empty", QCoreApplication::translate("ContentChecker", "The message has no content"),
                  QCoreApplication::translate("ContentChecker",
                                              "Neither the HTML nor the text part contains anything to read. "
                                              "Write the message before sending it.")));
    }

    for (const ContentTemplateIssue& problem : input.templateIssues) {
        issues.push_back(
            error("template.error", problem.message,
                  QCoreApplication::translate("ContentChecker",
                                              "A merge tag that is unknown or written wrongly would show up blank or "
                                              "broken for every recipient. Fix the tag at this line, or choose a "
                                              "field that exists."),
                  problem.line));
    }

    for (const HtmlLink& link : html.links()) {
        checkLink(link, issues);
    }

    for (const HtmlImage& image : html.images()) {
        if (!image.hasAlt) {
            const QString name = image.src.section(u'/', -1).left(60);
            issues.push_back(
                warning("image.alt_missing",
                        QCoreApplication::translate("ContentChecker", "The image %1 has no alt text").arg(name),
                        QCoreApplication::translate("ContentChecker",
                                                    "Many readers see the message with images blocked, and screen "
                                                    "readers read the alt text aloud. Describe the image in its alt "
                                                    "attribute, or write alt=\"\" if it is only decoration."),
                        image.line));
        }
    }

    if (!input.hasUnsubscribeLink) {
        issues.push_back(error(
            "unsubscribe.missing", QCoreApplication::translate("ContentChecker", "There is no unsubscribe link"),
            QCoreApplication::translate("ContentChecker",
                                        "The law (CAN-SPAM, GDPR) and the large mailbox providers require an "
                                        "easy way to unsubscribe from marketing mail. Add the {{ unsubscribe_url }} "
                                        "link to the footer.")));
    }
    if (input.postalAddress.trimmed().isEmpty()) {
        issues.push_back(error(
            "postal_address.missing", QCoreApplication::translate("ContentChecker", "The footer has no postal address"),
            QCoreApplication::translate("ContentChecker",
                                        "CAN-SPAM requires every marketing email to show the sender's valid "
                                        "physical postal address. Enter it in the sender settings.")));
    }

    const qint64 bytes =
        input.messageBytes >= 0 ? input.messageBytes : qint64(input.html.toUtf8().size() + input.text.toUtf8().size());
    const QString kilobytes = QString::number(double(bytes) / 1024.0, 'f', 1);
    if (bytes > kClipBytes) {
        issues.push_back(warning(
            "size.clipped",
            QCoreApplication::translate("ContentChecker", "The message is %1 KB; Gmail will clip it").arg(kilobytes),
            QCoreApplication::translate("ContentChecker",
                                        "Gmail shows only the first 102 KB of a message and hides the rest, "
                                        "including your footer and unsubscribe link, behind \u201CView entire "
                                        "message\u201D. Remove content, compress or host images, or shorten "
                                        "the HTML.")));
    } else if (bytes > kNearClipBytes) {
        issues.push_back(
            warning("size.near_clip",
                    QCoreApplication::translate("ContentChecker", "The message is %1 KB, close to Gmail's 102 KB limit")
                        .arg(kilobytes),
                    QCoreApplication::translate("ContentChecker",
                                                "Gmail clips messages over 102 KB. Personalized values can push some "
                                                "recipients' copies over the limit; keep the message smaller.")));
    }

    if (input.text.trimmed().isEmpty()) {
        issues.push_back(
            warning("text.missing", QCoreApplication::translate("ContentChecker", "The message has no text part"),
                    QCoreApplication::translate("ContentChecker",
                                                "Some readers and many spam filters expect a plain-text version beside "
                                                "the HTML. Let Mailroom generate it from the HTML, or write one.")));
    }

    std::stable_partition(issues.begin(), issues.end(),
                          [](const ContentIssue& i) { return i.severity == ContentIssue::Severity::Error; });
    return issues;
}

bool ContentChecker::hasErrors(const QVector<ContentIssue>& issues)
{
    return std::any_of(issues.cbegin(), issues.cend(),
                       [](const ContentIssue& i) { return i.severity == ContentIssue::Severity::Error; });
}

bool ContentChecker::linksToUnsubscribeUrl(const HtmlDocument& html)
{
    for (const HtmlLink& link : html.links()) {
        qsizetype from = 0;
        for (;;) {
            const qsizetype open = link.href.indexOf(QLatin1String("{{"), from);
            const qsizetype close = open < 0 ? -1 : link.href.indexOf(QLatin1String("}}"), open + 2);
            if (close < 0) {
                break;
            }
            const QString expression = link.href.mid(open + 2, close - open - 2);
            if (expression.section(u'|', 0, 0).trimmed() == QLatin1String("unsubscribe_url")) {
                return true;
            }
            from = close + 2;
        }
    }
    return false;
}

QStringList ContentChecker::spamPhrasesIn(const QString& text)
{
    const QStringList words = wordsOf(text.normalized(QString::NormalizationForm_C));
    QStringList found;
    for (const char* phrase : kSpamPhrases) {
        const QString phraseText = QString::fromUtf8(phrase);
        if (!found.contains(phraseText) && containsSequence(words, wordsOf(phraseText))) {
            found.push_back(phraseText);
        }
    }
    return found;
}
