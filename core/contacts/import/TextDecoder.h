#pragma once

#include "core/Result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

#include <optional>

// Turns the bytes of a file into text, chunk by chunk: a sequence cut between two chunks
// is completed by the next one. Knows what Qt decodes natively (UTF-8/16/32, Latin-1),
// Windows-1252 through its own table (Qt 6.4 needs ICU for it, and 0x80-0x9F differ from
// Latin-1: € „ “ ” – —), and whatever else Qt's ICU backend knows by name.
// A byte order mark at the start is dropped. Invalid bytes become U+FFFD.
class TextDecoder
{
public:
    // Names as users and uchardet write them: "UTF-8", "utf-16le", "windows-1252", "CP1252",
    // "ISO-8859-1", "latin1"... An unknown name is an InvalidInput error naming it.
    static Result<TextDecoder> create(const QString& encodingName);

    // The canonical name ("UTF-8", "UTF-16LE", "windows-1252", ...).
    QString name() const { return m_name; }

    QString decode(QByteArrayView bytes);
    // At the end of the input: what a sequence cut by the end decodes to (U+FFFD).
    QString flush();

private:
    TextDecoder() = default;
    QString decodeUtf8(QByteArrayView bytes);

    QString m_name;
    enum class Kind { Utf8, Windows1252, Qt };
    Kind m_kind = Kind::Qt;
    // UTF-8 is decoded here rather than by a stateful QStringDecoder, whose replacement of
    // invalid bytes depends on where the chunks were cut: a file must read the same whatever
    // the chunk size. Holds a sequence cut at a chunk's end, or the start of a possible BOM.
    QByteArray m_pending;
    bool m_atStart = true;
    std::optional<QStringDecoder> m_qtDecoder;
};
