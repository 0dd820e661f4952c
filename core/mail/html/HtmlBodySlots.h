#pragma once

#include <QString>

// Where a campaign's HTML template takes the parts Mailroom adds to every message: the hidden
// preheader right after the <body> start tag, and the footer right before </body>. Found by
// the HTML5 parser in the template source (merge tags are plain text to it), as indexes into
// the QString, so the template can be split there once per campaign.
struct HtmlBodySlots
{
    qsizetype bodyStart = 0; // after "<body ...>", or where the body's content begins
    qsizetype bodyEnd = 0;   // at "</body>", or at "</html>", or the end of the source

    static HtmlBodySlots find(const QString& html);
};
