#include "core/mail/dkim/DkimCanonicalization.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MAILROOM_DKIM_AVX2 1
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

// What relaxed canonicalisation must do to a body.
enum class BodyShape {
    TrimOnly, // drop empty lines at the end, nothing else: hash the bytes in place
    Rewrite,  // collapse whitespace, trim line ends or add the final CRLF
    Bare,     // a CR or LF that is not part of a CRLF: refuse
};

// Bytes that make a body need rewriting (a tab, a space after a space, a space before CR) and
// bytes that sit next to a bare line end (an LF without a CR before it, or a byte other than LF
// after a CR), found for bytes [p, end) with the byte before p known.
struct ScanMasks
{
    bool rewrite = false;
    bool bare = false;
};

ScanMasks scanScalar(const char* p, const char* end, char previous)
{
    ScanMasks masks;
    for (; p < end; ++p) {
        const char c = *p;
        masks.rewrite = masks.rewrite || c == '\t' || (previous == ' ' && (c == ' ' || c == '\r'));
        masks.bare = masks.bare || ((previous == '\r') != (c == '\n'));
        previous = c;
    }
    return masks;
}

#ifdef __SSE2__
// 16 bytes a step; the byte before each is read by a second, unaligned load one byte earlier,
// so no step waits on the one before it.
const char* scanSse2(const char* p, const char* end, ScanMasks& masks)
{
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    __m128i rewrite = _mm_setzero_si128();
    __m128i bare = _mm_setzero_si128();
    for (; end - p >= 16; p += 16) {
        const __m128i current = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p - 1));
        const __m128i spaceBefore = _mm_cmpeq_epi8(before, space);
        const __m128i spaceOrCr = _mm_or_si128(_mm_cmpeq_epi8(current, space), _mm_cmpeq_epi8(current, cr));
        rewrite =
            _mm_or_si128(rewrite, _mm_or_si128(_mm_cmpeq_epi8(current, tab), _mm_and_si128(spaceBefore, spaceOrCr)));
        bare = _mm_or_si128(bare, _mm_xor_si128(_mm_cmpeq_epi8(before, cr), _mm_cmpeq_epi8(current, lf)));
    }
    masks.rewrite = masks.rewrite || _mm_movemask_epi8(rewrite) != 0;
    masks.bare = masks.bare || _mm_movemask_epi8(bare) != 0;
    return p;
}
#endif

#ifdef MAILROOM_DKIM_AVX2
// The same 32 bytes a step, for processors that have AVX2 (chosen at run time).
__attribute__((target("avx2"))) const char* scanAvx2(const char* p, const char* end, ScanMasks& masks)
{
    const __m256i space = _mm256_set1_epi8(' ');
    const __m256i tab = _mm256_set1_epi8('\t');
    const __m256i cr = _mm256_set1_epi8('\r');
    const __m256i lf = _mm256_set1_epi8('\n');
    __m256i rewrite = _mm256_setzero_si256();
    __m256i bare = _mm256_setzero_si256();
    for (; end - p >= 32; p += 32) {
        const __m256i current = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const __m256i before = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p - 1));
        const __m256i spaceBefore = _mm256_cmpeq_epi8(before, space);
        const __m256i spaceOrCr = _mm256_or_si256(_mm256_cmpeq_epi8(current, space), _mm256_cmpeq_epi8(current, cr));
        rewrite = _mm256_or_si256(
            rewrite, _mm256_or_si256(_mm256_cmpeq_epi8(current, tab), _mm256_and_si256(spaceBefore, spaceOrCr)));
        bare = _mm256_or_si256(bare, _mm256_xor_si256(_mm256_cmpeq_epi8(before, cr), _mm256_cmpeq_epi8(current, lf)));
    }
    masks.rewrite = masks.rewrite || _mm256_movemask_epi8(rewrite) != 0;
    masks.bare = masks.bare || _mm256_movemask_epi8(bare) != 0;
    return p;
}

bool hasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}
#endif

// RFC 6376 3.4.4 read for its consequences: which of the three a body needs, in one vector pass.
BodyShape shapeOf(const char* begin, const char* end)
{
    if (begin == end) {
        return BodyShape::Rewrite; // the empty body: nothing to hash
    }
    // The first byte has no byte before it.
    ScanMasks masks = scanScalar(begin, begin + 1, '\0');
    const char* p = begin + 1;
#ifdef MAILROOM_DKIM_AVX2
    if (hasAvx2()) {
        p = scanAvx2(p, end, masks);
    }
#endif
#ifdef __SSE2__
    p = scanSse2(p, end, masks);
#endif
    const ScanMasks tail = scanScalar(p, end, p[-1]);
    masks.rewrite = masks.rewrite || tail.rewrite;
    masks.bare = masks.bare || tail.bare || end[-1] == '\r'; // a CR with nothing after it
    if (masks.bare) {
        return BodyShape::Bare;
    }
    const bool endsInCrlf = end - begin >= 2 && end[-2] == '\r' && end[-1] == '\n';
    return masks.rewrite || !endsInCrlf ? BodyShape::Rewrite : BodyShape::TrimOnly;
}

// The offset of the first CR not followed by LF or LF not preceded by CR, or -1.
qsizetype firstBareLineEnd(const char* begin, const char* end)
{
    for (const char* p = begin; p < end; ++p) {
        if ((*p == '\r' && (p + 1 == end || p[1] != '\n')) || (*p == '\n' && (p == begin || p[-1] != '\r'))) {
            return p - begin;
        }
    }
    return -1;
}

// A body that only loses its trailing empty lines: the slice that is left (none for a body of
// empty lines only).
QByteArrayView trimmedBody(const char* begin, const char* end)
{
    const char* last = end;
    while (last - begin >= 4 && memcmp(last - 4, "\r\n\r\n", 4) == 0) {
        last -= 2;
    }
    if (last - begin <= 2) { // just one empty line: the empty body
        return QByteArrayView();
    }
    return QByteArrayView(begin, last - begin);
}

// The rewritten body goes out through a fixed buffer, a few KB at a time.
class ChunkedOutput
{
public:
    static constexpr qsizetype capacity = 4096;

    explicit ChunkedOutput(const std::function<void(QByteArrayView)>& consume)
        : m_consume(consume)
    {}

    // Room for n bytes (n <= capacity) at the returned pointer; commit() says how far was written.
    char* reserve(qsizetype n)
    {
        if (capacity - m_used < n) {
            flush();
        }
        return m_buffer + m_used;
    }
    void commit(const char* end) { m_used = end - m_buffer; }
    void putCrlf()
    {
        char* w = reserve(2);
        w[0] = '\r';
        w[1] = '\n';
        commit(w + 2);
    }
    void flush()
    {
        if (m_used > 0) {
            m_consume(QByteArrayView(m_buffer, m_used));
        }
        m_used = 0;
    }

private:
    const std::function<void(QByteArrayView)>& m_consume;
    char m_buffer[capacity];
    qsizetype m_used = 0;
};

// RFC 6376 3.4.4, line by line: the body has no bare CR or LF (shapeOf said so).
void rewriteBody(const char* begin, const char* end, const std::function<void(QByteArrayView)>& consume)
{
    ChunkedOutput out(consume);
    qsizetype heldLines = 0; // CRLFs of empty lines, written only if text follows them
    for (const char* line = begin; line < end;) {
        // Line by line with memchr, which scans many bytes at a time.
        const auto* lf = static_cast<const char*>(memchr(line, '\n', static_cast<size_t>(end - line)));
        const char* const next = lf ? lf + 1 : end;
        const char* lineEnd = lf ? lf - 1 : end;
        while (lineEnd > line && isWsp(lineEnd[-1])) {
            --lineEnd;
        }
        if (lineEnd == line) {
            ++heldLines;
            line = next;
            continue;
        }
        for (; heldLines > 0; --heldLines) {
            out.putCrlf();
        }
        // Every byte is written, a WSP as one space, and the pointer moves on only past the
        // first of a run; a long line goes through the buffer in pieces.
        bool previousWsp = false;
        for (const char* p = line; p < lineEnd;) {
            const qsizetype piece = std::min<qsizetype>(lineEnd - p, ChunkedOutput::capacity / 2);
            char* w = out.reserve(piece);
            for (const char* const pieceEnd = p + piece; p < pieceEnd; ++p) {
                const char c = *p;
                const bool wsp = isWsp(c);
                *w = wsp ? ' ' : c;
                w += !(wsp && previousWsp);
                previousWsp = wsp;
            }
            out.commit(w);
        }
        out.putCrlf();
        line = next;
    }
    out.flush();
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

qsizetype DkimCanonicalization::feedRelaxedBody(QByteArrayView body, const std::function<void(QByteArrayView)>& consume)
{
    const char* const begin = body.data();
    const char* const end = begin + body.size();
    switch (shapeOf(begin, end)) {
    case BodyShape::Bare:
        return firstBareLineEnd(begin, end);
    case BodyShape::TrimOnly:
        if (const QByteArrayView trimmed = trimmedBody(begin, end); !trimmed.isEmpty()) {
            consume(trimmed);
        }
        return -1;
    case BodyShape::Rewrite:
        rewriteBody(begin, end, consume);
        return -1;
    }
    return -1;
}

qsizetype DkimCanonicalization::appendRelaxedBody(QByteArray& out, QByteArrayView body)
{
    return feedRelaxedBody(body, [&out](QByteArrayView piece) { out.append(piece); });
}

QByteArray DkimCanonicalization::relaxedBody(QByteArrayView body)
{
    QByteArray out;
    (void)appendRelaxedBody(out, body);
    return out;
}

std::optional<QByteArrayView> DkimCanonicalization::relaxedBodyInPlace(QByteArrayView body)
{
    const char* const begin = body.data();
    const char* const end = begin + body.size();
    if (shapeOf(begin, end) != BodyShape::TrimOnly) {
        return std::nullopt;
    }
    return trimmedBody(begin, end);
}
