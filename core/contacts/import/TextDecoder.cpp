#include "core/contacts/import/TextDecoder.h"

#include <QCoreApplication>

#include <array>

namespace {

// Windows-1252's 0x80-0x9F; the five holes keep their Latin-1 code points, as WHATWG maps them.
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

QString normalizedKey(const QString& name)
{
    QString key = name.trimmed().toLower();
    key.remove(QLatin1Char('-'));
    key.remove(QLatin1Char('_'));
    key.remove(QLatin1Char(' '));
    return key;
}

// A zero-width no-break space (EF BB BF) past the start is text: QString::fromUtf8 would drop
// it at the start of every chunk. The whole input is complete here: a cut sequence is U+FFFD.
QString utf8ToString(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringConverter::Utf8,
                           QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom);
    return decoder.decode(bytes);
}

} // namespace

Result<TextDecoder> TextDecoder::create(const QString& encodingName)
{
    const QString key = normalizedKey(encodingName);
    TextDecoder decoder;
    if (key == QLatin1String("windows1252") || key == QLatin1String("cp1252") || key == QLatin1String("1252") ||
        key == QLatin1String("ansi")) {
        decoder.m_name = QStringLiteral("windows-1252");
        decoder.m_kind = Kind::Windows1252;
        return decoder;
    }
    struct Native
    {
        const char* key;
        QStringConverter::Encoding encoding;
        const char* name;
    };
    static const Native natives[] = {
        {"utf8", QStringConverter::Utf8, "UTF-8"},          {"ascii", QStringConverter::Utf8, "UTF-8"},
        {"usascii", QStringConverter::Utf8, "UTF-8"},       {"utf16", QStringConverter::Utf16, "UTF-16"},
        {"utf16le", QStringConverter::Utf16LE, "UTF-16LE"}, {"utf16be", QStringConverter::Utf16BE, "UTF-16BE"},
        {"utf32", QStringConverter::Utf32, "UTF-32"},       {"utf32le", QStringConverter::Utf32LE, "UTF-32LE"},
        {"utf32be", QStringConverter::Utf32BE, "UTF-32BE"}, {"iso88591", QStringConverter::Latin1, "ISO-8859-1"},
        {"latin1", QStringConverter::Latin1, "ISO-8859-1"},
    };
    for (const Native& native : natives) {
        if (key == QLatin1String(native.key)) {
            decoder.m_name = QLatin1String(native.name);
            if (native.encoding == QStringConverter::Utf8) {
                decoder.m_kind = Kind::Utf8;
                return decoder;
            }
            decoder.m_qtDecoder.emplace(native.encoding);
            return decoder;
        }
    }
    if (!key.isEmpty()) {
        // Anything else through Qt's ICU backend, when Qt was built with it.
        const QByteArray latin = encodingName.trimmed().toLatin1();
        QStringDecoder icu(latin.constData());
        if (icu.isValid()) {
            decoder.m_name = encodingName.trimmed();
            decoder.m_qtDecoder.emplace(std::move(icu));
            return decoder;
        }
    }
    return Error{ErrorCode::InvalidInput,
                 QCoreApplication::translate("TextDecoder", "Unknown text encoding \"%1\". Try UTF-8 or windows-1252.")
                     .arg(encodingName)};
}

QString TextDecoder::decode(QByteArrayView bytes)
{
    if (m_kind == Kind::Qt) {
        return m_qtDecoder->decode(bytes);
    }
    if (m_kind == Kind::Utf8) {
        return decodeUtf8(bytes);
    }
    QString text(bytes.size(), Qt::Uninitialized);
    QChar* out = text.data();
    for (const char byte : bytes) {
        const auto b = static_cast<unsigned char>(byte);
        *out++ = (b >= 0x80 && b < 0xA0) ? QChar(kWindows1252High[b - 0x80]) : QChar(char16_t(b));
    }
    return text;
}

QString TextDecoder::decodeUtf8(QByteArrayView bytes)
{
    static const QByteArray bom("\xEF\xBB\xBF");
    QByteArray data = m_pending + bytes.toByteArray();
    m_pending.clear();
    if (m_atStart) {
        if (data.size() < bom.size() && bom.startsWith(data)) {
            m_pending = data; // maybe a BOM: wait for its end
            return {};
        }
        m_atStart = false;
        if (data.startsWith(bom)) {
            data.remove(0, bom.size());
        }
    }
    // Hold back a lead byte and its continuation bytes at the end: the sequence may go on
    // in the next chunk. Cutting before a lead byte never changes how the rest decodes.
    qsizetype cut = data.size();
    for (qsizetype i = data.size() - 1; i >= 0 && i >= data.size() - 4; --i) {
        const auto b = static_cast<unsigned char>(data[i]);
        if (b >= 0xC0) {
            cut = i;
            break;
        }
        if (b < 0x80) {
            break;
        }
    }
    m_pending = data.mid(cut);
    data.truncate(cut);
    return utf8ToString(data);
}

QString TextDecoder::flush()
{
    const QString rest = utf8ToString(m_pending);
    m_pending.clear();
    return rest;
}
