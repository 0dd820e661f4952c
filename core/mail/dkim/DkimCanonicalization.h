#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <optional>

// RFC 6376 3.4.2 and 3.4.4: the "relaxed" canonical forms DKIM hashes, computed in one pass
// over the bytes with no regular expression, so that signing a campaign's messages costs
// little more than the signatures themselves.
class DkimCanonicalization
{
public:
    // One header field as the message carries it: name, colon, value and any folds, without
    // the CRLF that ends it. Appends "lowercase-name:value\r\n" with folds unfolded, runs of
    // whitespace made one space and whitespace around the colon and at the end removed.
    static void appendRelaxedHeader(QByteArray& out, QByteArrayView field);
    static QByteArray relaxedHeader(QByteArrayView field);

    // The body (everything after the blank line), lines ending in CRLF, handed to `consume` in
    // pieces and never held whole: one slice of `body` when canonicalising would only drop
    // trailing empty lines (everything the MIME writer makes), otherwise rewritten a few KB at a
    // time in a buffer: runs of whitespace made one space, whitespace at line ends and empty
    // lines at the end removed, and a final CRLF when anything is left. Returns the offset of
    // the first bare CR or LF in the body, or -1; with a bare CR or LF nothing is handed over.
    static qsizetype feedRelaxedBody(QByteArrayView body, const std::function<void(QByteArrayView)>& consume);
    // The same appended to out (out is unchanged when the body has a bare CR or LF).
    static qsizetype appendRelaxedBody(QByteArray& out, QByteArrayView body);
    // For tests and tools: the canonical body, empty if it has a bare CR or LF.
    static QByteArray relaxedBody(QByteArrayView body);
    // The canonical body as a slice of `body` when canonicalising would only drop trailing
    // empty lines: hashed in place, no copy. nullopt when the body needs rewriting (or is
    // malformed).
    static std::optional<QByteArrayView> relaxedBodyInPlace(QByteArrayView body);
};
