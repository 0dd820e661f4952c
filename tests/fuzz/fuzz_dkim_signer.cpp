// DKIM canonicalisation and signing read whatever bytes they are given as a message: headers,
// folds, a body. Invariants: nothing crashes; a body is canonical after one pass (a second
// changes nothing); the in-place fast path agrees with the rewriting path; a message the
// signer accepts gets one DKIM-Signature field of lines of at most 78 characters, ending in
// CRLF, and signing is deterministic (Ed25519 is).
#include "core/mail/dkim/DkimCanonicalization.h"
#include "core/mail/dkim/DkimKey.h"
#include "core/mail/dkim/DkimSigner.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QByteArray>
#include <QDateTime>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace {

const DkimSigner& signer()
{
    // A fixed key (the RFC 8463 Appendix A example's private key), so runs are reproducible.
    static const DkimSigner instance = [] {
        const QByteArray pem = QByteArrayLiteral("-----BEGIN PRIVATE KEY-----\n"
                                                 "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
                                                 "-----END PRIVATE KEY-----\n");
        auto key = DkimKey::fromPrivateKey(pem);
        FUZZ_CHECK(key.ok());
        return DkimSigner(key.value(), QStringLiteral("football.example.com"), QStringLiteral("brisbane"),
                          DkimSigner::defaultSignedHeaders(), QDateTime::fromSecsSinceEpoch(1528637909, Qt::UTC));
    }();
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    // The body on its own.
    QByteArray once;
    const qsizetype bad = DkimCanonicalization::appendRelaxedBody(once, bytes);
    if (bad < 0) {
        QByteArray twice;
        FUZZ_CHECK(DkimCanonicalization::appendRelaxedBody(twice, once) < 0);
        FUZZ_CHECK(twice == once);
        if (const auto inPlace = DkimCanonicalization::relaxedBodyInPlace(bytes)) {
            FUZZ_CHECK(QByteArray(inPlace->data(), inPlace->size()) == once);
        }
    } else {
        FUZZ_CHECK(bad < bytes.size());
        FUZZ_CHECK(bytes.at(bad) == '\r' || bytes.at(bad) == '\n');
        FUZZ_CHECK(once.isEmpty());
    }

    // The whole input as a message.
    const auto signature = signer().signatureHeader(bytes);
    if (signature.ok()) {
        const QByteArray& field = signature.value();
        FUZZ_CHECK(field.startsWith("DKIM-Signature: "));
        FUZZ_CHECK(field.endsWith("\r\n"));
        for (const QByteArray& line : field.chopped(2).split('\n')) {
            const QByteArray text = line.endsWith('\r') ? line.chopped(1) : line;
            FUZZ_CHECK(text.size() <= 78);
            FUZZ_CHECK(!text.contains('\r'));
        }
        const auto again = signer().signatureHeader(bytes);
        FUZZ_CHECK(again.ok() && again.value() == field);
    } else {
        FUZZ_CHECK(!signature.error().message.isEmpty());
    }
    return 0;
}
