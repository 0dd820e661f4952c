// MimeEncoding's quoted-printable encoder sees any bytes. Invariants: it writes exactly what the
// byte-at-a-time reference encoder (tests/unit/core/mail/QuotedPrintableReference.h) writes,
// for the raw bytes and for them with canonical line ends; encodeText() picks what choose()
// picks and writes what encode() writes; choose() agrees with the reference's count.
#include "core/mail/mime/MimeEncoding.h"
#include "tests/fuzz/FuzzCheck.h"
#include "tests/unit/core/mail/QuotedPrintableReference.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QByteArray canonical = MimeEncoding::canonicalLineEnds(bytes);
    for (const QByteArray& text : {bytes, canonical}) {
        FUZZ_CHECK(MimeEncoding::quotedPrintable(text) == QuotedPrintableReference::quotedPrintable(text));
        const TransferEncoding chosen = MimeEncoding::choose(text, true);
        FUZZ_CHECK(chosen == QuotedPrintableReference::choose(text));
        const MimeEncoding::EncodedText encoded = MimeEncoding::encodeText(text);
        FUZZ_CHECK(encoded.encoding == chosen);
        FUZZ_CHECK(encoded.body == MimeEncoding::encode(text, chosen));
    }
    return 0;
}
