#include "core/mail/dkim/DkimCanonicalization.h"

#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace {

inline bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

inline char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Bit i of each mask stands for byte i; "previous" masks carry the last byte of the chunk before.
struct CanonicalScan
{
    uint32_t carrySpace = 0;
    uint32_t carryCr = 0;
    uint32_t bad = 0;

    // sp, tab, cr and lf mark the bytes of a chunk of `width` bytes that are those characters.
    void add(uint32_t sp, uint32_t tab, uint32_t cr, uint32_t lf, int width)
    {
        const uint32_t all = width == 32 ? 0xffffffffu : (1u << width) - 1;
        const uint32_t spacePrevious = ((sp << 1) | carrySpace) & all;
        const uint32_t crPrevious = ((cr << 1) | carryCr) & all;
        // A tab, two spaces in a row, a space before CRLF, or a CR and LF that are not a pair.
        bad |= tab | (sp & spacePrevious) | (cr & spacePrevious) | (crPrevious ^ lf);
        carrySpace = (sp >> (width - 1)) & 1;
        carryCr = (cr >> (width - 1)) & 1;
    }
};

// True if relaxed canonicalisation would change nothing in the body but drop empty lines at its
// end: what a MIME writer produces (quoted-printable and base64 lines, single spaces, CRLF) is
// recognised with a few vector compares per 16 bytes instead of being rewritten byte by byte.
bool needsOnlyTrimming(const char* begin, const char* end)
{
    if (end - begin < 2 || end[-2] != '\r' || end[-1] != '\n') {
        return false;
    }
    CanonicalScan scan;
    const char* p = begin;
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    for (; end - p >= 16 && !scan.bad; p += 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const auto mask = [&chunk](__m128i c) {
            return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, c)));
        };
        scan.add(mask(space), mask(tab), mask(cr), mask(lf), 16);
    }
#endif
    for (; p < end && !scan.bad; ++p) {
        const char c = *p;
        scan.add(c == ' ', c == '\t', c == '\r', c == '\n', 1);
    }
    return !scan.bad;
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

std::optional<QByteArrayView> DkimCanonicalization::relaxedBodyInPlace(QByteArrayView body)
{
    const char* const begin = body.data();
    const char* const end = begin + body.size();
    if (!needsOnlyTrimming(begin, end)) {
        return std::nullopt;
    }
    const char* last = end;
    while (last - begin >= 4 && memcmp(last - 4, "\r\n\r\n", 4) == 0) {
        last -= 2;
    }
    if (last - begin <= 2) { // just one empty line: the empty body
        return QByteArrayView();
    }
    return QByteArrayView(begin, last - begin);
}

qsizetype DkimCanonicalization::appendRelaxedBody(QByteArray& out, QByteArrayView body)
{
    if (const auto inPlace = relaxedBodyInPlace(body)) {
        out.append(inPlace->data(), inPlace->size());
        return -1;
    }
    const char* const begin = body.data();
    const char* const end = begin + body.size();

    const qsizetype start = out.size();
    // Canonicalisation only removes bytes, apart from the final CRLF a body may lack.
    out.resize(start + body.size() + 2);
    char* w = out.data() + start;
    qsizetype heldLines = 0; // CRLFs of empty lines, written only if text follows them
    for (const char* line = begin; line < end;) {
        // Line by line with memchr, which scans many bytes at a time.
        const auto* lf = static_cast<const char*>(memchr(line, '\n', static_cast<size_t>(end - line)));
        const bool pairedLf = lf && lf > line && lf[-1] == '\r';
        // A CR anywhere but just before the LF is bare, and so is an LF without its CR.
        const char* const crSearchEnd = pairedLf ? lf - 1 : (lf ? lf : end);
        if (const void* cr = memchr(line, '\r', static_cast<size_t>(crSearchEnd - line))) {
            out.resize(start);
            return static_cast<const char*>(cr) - begin;
        }
        if (lf && !pairedLf) {
            out.resize(start);
            return lf - begin;
        }
        const char* const next = lf ? lf + 1 : end;
        const char* lineEnd = lf ? lf - 1 : end;
        while (lineEnd > line && isWsp(lineEnd[-1])) {
            --lineEnd;
        }
        if (lineEnd == line) {
            ++heldLines;
        } else {
            for (; heldLines > 0; --heldLines) {
                *w++ = '\r';
                *w++ = '\n';
            }
            // Every byte is written, a WSP as one space, and the pointer moves on only past the
            // first of a run.
            bool previousWsp = false;
            for (const char* p = line; p < lineEnd; ++p) {
                const char c = *p;
                const bool wsp = isWsp(c);
                *w = wsp ? ' ' : c;
                w += !(wsp && previousWsp);
                previousWsp = wsp;
            }
            *w++ = '\r';
            *w++ = '\n';
        }
        line = next;
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
