#include "core/mail/dkim/DkimCanonicalization.h"

#include <cstring>

namespace {

inline bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

inline char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

void DkimCanonicalization::appendRelaxedHeader(QByteArray& out, QByteArrayView field)
{
    const char* const begin = field.data();
    const char* const end = begin + field.size();
    const char* colon = begin;
    while (colon < end && *colon != ':') {
        ++colon;
    }
    const char* nameEnd = colon;
    while (nameEnd > begin && isWsp(nameEnd[-1])) {
        --nameEnd;
    }

    const qsizetype start = out.size();
    out.resize(start + field.size() + 3);
    char* w = out.data() + start;
    for (const char* p = begin; p < nameEnd; ++p) {
        *w++ = lowerAscii(*p);
    }
    *w++ = ':';
    bool space = false;
    bool text = false;
    for (const char* p = colon + 1; p < end; ++p) {
        const char c = *p;
        if (c == '\r' || c == '\n') {
            continue; // unfold: the WSP after the fold stays and becomes the one space
        }
        if (isWsp(c)) {
            space = true;
            continue;
        }
        if (space && text) {
            *w++ = ' ';
        }
        space = false;
        text = true;
        *w++ = c;
    }
    *w++ = '\r';
    *w++ = '\n';
    out.resize(w - out.constData());
}

QByteArray DkimCanonicalization::relaxedHeader(QByteArrayView field)
{
    QByteArray out;
    appendRelaxedHeader(out, field);
    return out;
}

qsizetype DkimCanonicalization::appendRelaxedBody(QByteArray& out, QByteArrayView body)
{
    const qsizetype start = out.size();
    // Canonicalisation only removes bytes, apart from the final CRLF a body may lack.
    out.resize(start + body.size() + 2);
    char* w = out.data() + start;
    const char* const begin = body.data();
    const char* const end = begin + body.size();
    qsizetype heldLines = 0; // CRLFs of empty lines, written only if text follows them
    bool space = false;      // a run of WSP, written only if text follows it on its line
    bool lineHasText = false;
    for (const char* p = begin; p < end;) {
        const char c = *p;
        if (isWsp(c)) {
            space = true;
            ++p;
        } else if (c == '\r' && p + 1 < end && p[1] == '\n') {
            if (lineHasText) {
                *w++ = '\r';
                *w++ = '\n';
            } else {
                ++heldLines;
            }
            lineHasText = false;
            space = false;
            p += 2;
        } else if (c == '\r' || c == '\n') {
            out.resize(start);
            return p - begin;
        } else {
            if (!lineHasText) {
                for (; heldLines > 0; --heldLines) {
                    *w++ = '\r';
                    *w++ = '\n';
                }
                lineHasText = true;
            }
            if (space) {
                *w++ = ' ';
                space = false;
            }
            // The common case: a run of plain bytes copied at once.
            const char* run = p + 1;
            while (run < end && *run != ' ' && *run != '\t' && *run != '\r' && *run != '\n') {
                ++run;
            }
            const qsizetype length = run - p;
            memcpy(w, p, static_cast<size_t>(length));
            w += length;
            p = run;
        }
    }
    if (lineHasText) {
        *w++ = '\r';
        *w++ = '\n';
    }
    out.resize(w - out.constData());
    return -1;
}

QByteArray DkimCanonicalization::relaxedBody(QByteArrayView body)
{
    QByteArray out;
    (void)appendRelaxedBody(out, body);
    return out;
}
