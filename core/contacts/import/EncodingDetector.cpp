#include "core/contacts/import/EncodingDetector.h"

#include "core/contacts/import/TextDecoder.h"

#include <uchardet/uchardet.h>

namespace {

bool startsWith(QByteArrayView sample, std::initializer_list<unsigned char> bom)
{
    if (sample.size() < qsizetype(bom.size())) {
        return false;
    }
    qsizetype i = 0;
    for (const unsigned char b : bom) {
        if (static_cast<unsigned char>(sample[i++]) != b) {
            return false;
        }
    }
    return true;
}

QString askUchardet(QByteArrayView sample)
{
    uchardet_t detector = uchardet_new();
    if (!detector) {
        return {};
    }
    QString charset;
    if (uchardet_handle_data(detector, sample.data(), size_t(sample.size())) == 0) {
        uchardet_data_end(detector);
        charset = QString::fromLatin1(uchardet_get_charset(detector));
    }
    uchardet_delete(detector);
    return charset;
}

} // namespace

bool EncodingDetector::isValidUtf8(QByteArrayView bytes, bool complete)
{
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            // Unicode 3.9 table 3-7: no overlong forms, no surrogates.
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        for (int k = 1; k < length; ++k) {
            if (i + k >= size) {
                // Cut by the end of the sample: fine unless the sample is the whole file.
                return !complete;
            }
            const auto b = static_cast<unsigned char>(bytes[i + k]);
            if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

QString EncodingDetector::detect(QByteArrayView sample, bool complete)
{
    if (startsWith(sample, {0xEF, 0xBB, 0xBF})) {
        return QStringLiteral("UTF-8");
    }
    // UTF-32LE's BOM begins like UTF-16LE's: test it first.
    if (startsWith(sample, {0xFF, 0xFE, 0x00, 0x00})) {
        return QStringLiteral("UTF-32LE");
    }
    if (startsWith(sample, {0x00, 0x00, 0xFE, 0xFF})) {
        return QStringLiteral("UTF-32BE");
    }
    if (startsWith(sample, {0xFF, 0xFE})) {
        return QStringLiteral("UTF-16LE");
    }
    if (startsWith(sample, {0xFE, 0xFF})) {
        return QStringLiteral("UTF-16BE");
    }
    if (isValidUtf8(sample, complete)) {
        return QStringLiteral("UTF-8");
    }
    QString guess = askUchardet(sample);
    if (guess.compare(QLatin1String("ISO-8859-1"), Qt::CaseInsensitive) == 0 ||
        guess.compare(QLatin1String("ASCII"), Qt::CaseInsensitive) == 0 ||
        guess.compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) == 0) {
        // Not valid UTF-8 (checked above) and not ASCII: bytes above 0x7F that uchardet
        // could not place better. Windows-1252 decodes every byte.
        guess.clear();
    }
    if (!guess.isEmpty() && TextDecoder::create(guess).ok()) {
        return guess;
    }
    return QStringLiteral("windows-1252");
}
