// MimeEncoding's quoted-printable encoder sees any bytes. Invariants: it writes exactly what the
// byte-at-a-time reference encoder (tests/unit/core/mail/QuotedPrintableReference.h) writes,
// for the raw bytes and for them with canonical line ends; choose() agrees with the
// reference's count; encodeText() of the raw bytes picks and writes what the reference does
// for the canonical text.
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
    }
    // encodeText takes any line ends and writes what the three steps write.
    const MimeEncoding::EncodedText encoded = MimeEncoding::encodeText(bytes);
    FUZZ_CHECK(encoded.encoding == QuotedPrintableReference::choose(canonical));
    FUZZ_CHECK(encoded.body == (encoded.encoding == TransferEncoding::QuotedPrintable
                                    ? QuotedPrintableReference::quotedPrintable(canonical)
                                    : MimeEncoding::base64(canonical)));
    return 0;
}
