#pragma once

#include <QByteArrayView>
#include <QString>

// Decides the encoding of a text file from its first bytes, in this order:
// 1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE);
// 2. bytes that are valid UTF-8 (plain ASCII included) are UTF-8: a file that decodes
//    as UTF-8 almost never is anything else, and guessing otherwise garbles it;
// 3. uchardet, Mozilla's detector, for the rest (Windows-1252, ISO-8859-x, Shift_JIS...);
// 4. Windows-1252 when uchardet has no answer or names something we cannot decode:
//    the usual encoding of a spreadsheet saved on Windows in Western Europe.
// uchardet's "ISO-8859-1" is read as Windows-1252, as browsers do (WHATWG Encoding):
// Latin-1's 0x80-0x9F are control characters nobody types, Windows-1252's are € and quotes.
class EncodingDetector
{
public:
    // `sample` is the start of the file; `complete` says it is the whole file, so a
    // multi-byte sequence cut at its end is an error rather than the sample's edge.
    // Returns a name TextDecoder::create accepts.
    static QString detect(QByteArrayView sample, bool complete);

    static bool isValidUtf8(QByteArrayView bytes, bool complete);
};
