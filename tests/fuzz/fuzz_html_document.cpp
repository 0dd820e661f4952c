// HtmlDocument reads whatever HTML a user pastes or imports. Invariants: it never crashes (deep
// nesting, broken UTF-8, stray tags included); the text has no NUL or other control character
// but tab and newline, and ends with one newline when not empty; links, images and content ids
// agree with themselves; and parsing is deterministic: a second parse gives the same results.
#include "core/mail/html/HtmlDocument.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QSet>

#include <cstddef>
#include <cstdint>

namespace {

void checkText(const QString& text)
{
    for (const QChar c : text) {
        FUZZ_CHECK(c == u'\n' || c == u'\t' || (c.unicode() >= 0x20 && c.unicode() != 0x7F));
    }
    FUZZ_CHECK(text.isEmpty() || (text.endsWith(u'\n') && !text.startsWith(u'\n')));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString html = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const HtmlDocument document = HtmlDocument::parse(html);
    const QString text = document.toPlainText();
    checkText(text);
    checkText(document.toPlainText(20));
    checkText(document.toPlainText(0));

    for (const HtmlLink& link : document.links()) {
        FUZZ_CHECK(link.line >= 0);
        FUZZ_CHECK(link.href.isEmpty() || (link.href.front().unicode() > 0x20 && link.href.back().unicode() > 0x20));
        FUZZ_CHECK(!link.text.startsWith(u' ') && !link.text.endsWith(u' '));
    }
    for (const HtmlImage& image : document.images()) {
        FUZZ_CHECK(image.line >= 0);
        FUZZ_CHECK(image.isCid == image.src.startsWith(QLatin1String("cid:"), Qt::CaseInsensitive));
        FUZZ_CHECK(image.hasAlt || image.alt.isEmpty());
    }
    const QStringList ids = document.contentIds();
    FUZZ_CHECK(QSet<QString>(ids.cbegin(), ids.cend()).size() == ids.size());
    for (const QString& id : ids) {
        FUZZ_CHECK(!id.isEmpty());
    }

    const HtmlDocument again = HtmlDocument::parse(html);
    FUZZ_CHECK(again.toPlainText() == text);
    FUZZ_CHECK(again.contentIds() == ids);
    FUZZ_CHECK(again.links().size() == document.links().size());
    FUZZ_CHECK(again.images().size() == document.images().size());
    for (qsizetype i = 0; i < document.links().size(); ++i) {
        FUZZ_CHECK(again.links().at(i).href == document.links().at(i).href);
        FUZZ_CHECK(again.links().at(i).text == document.links().at(i).text);
        FUZZ_CHECK(again.links().at(i).line == document.links().at(i).line);
    }
    return 0;
}
