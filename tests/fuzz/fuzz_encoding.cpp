// EncodingDetector and TextDecoder see the raw bytes of any file. Invariants: the detected
// encoding is one TextDecoder accepts and decodes the bytes without crashing; valid UTF-8
// without a BOM is always detected as UTF-8 and decodes to what Qt's own UTF-8 decoder gives;
// decoding in two pieces gives the same text as in one.
#include "core/contacts/import/EncodingDetector.h"
#include "core/contacts/import/TextDecoder.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QStringDecoder>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString name = EncodingDetector::detect(bytes, true);
    auto whole = TextDecoder::create(name);
    FUZZ_CHECK(whole.ok());
    auto split = TextDecoder::create(name);
    FUZZ_CHECK(split.ok());
    QString text = whole.value().decode(bytes);
    text += whole.value().flush();
    const qsizetype half = bytes.size() / 2;
    QString pieces = split.value().decode(bytes.left(half)); // two statements: + has no evaluation order
    pieces += split.value().decode(bytes.mid(half));
    pieces += split.value().flush();
    FUZZ_CHECK(text == pieces);

    const bool bom = bytes.startsWith("\xef\xbb\xbf") || bytes.startsWith("\xff\xfe") || bytes.startsWith("\xfe\xff") ||
                     bytes.startsWith(QByteArray("\x00\x00\xfe\xff", 4));
    if (!bom && EncodingDetector::isValidUtf8(bytes, true)) {
        FUZZ_CHECK(name == QLatin1String("UTF-8"));
        // What Qt decodes, a U+FEFF inside the text kept (fromUtf8 drops one at the start).
        FUZZ_CHECK(text ==
                   QStringDecoder(QStringConverter::Utf8, QStringConverter::Flag::ConvertInitialBom).decode(bytes));
    }
    return 0;
}
