#include "core/security/PassphraseSource.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QStringDecoder>

#include <botan/mem_ops.h>

namespace {

void scrub(QByteArray& bytes)
{
    Botan::secure_scrub_memory(bytes.data(), size_t(bytes.size()));
}

Error invalid(const char* text)
{
    return {ErrorCode::InvalidInput, QCoreApplication::translate("PassphraseSource", text)};
}

} // namespace

std::optional<QString> PassphraseSource::fromEnvironment(const QProcessEnvironment& environment)
{
    const QString value = environment.value(environmentVariable());
    if (value.isEmpty()) {
        return std::nullopt;
    }
    return value;
}

Result<QString> PassphraseSource::readLine(QIODevice& in)
{
    // Room for the longest line, its "\r\n" and one byte more (readLine(n) reads n - 1 bytes).
    QByteArray line = in.readLine(MaxLineBytes + 4);
    const bool ended = line.endsWith('\n');
    if (line.isEmpty()) {
        return invalid(QT_TRANSLATE_NOOP("PassphraseSource", "No passphrase on standard input: it is empty."));
    }
    if (ended) {
        line.chop(line.endsWith("\r\n") ? 2 : 1);
    }
    if (line.size() > MaxLineBytes || (!ended && !in.atEnd())) {
        scrub(line);
        return invalid(
            QT_TRANSLATE_NOOP("PassphraseSource", "The passphrase on standard input is longer than 4096 bytes."));
    }
    if (line.isEmpty()) {
        return invalid(
            QT_TRANSLATE_NOOP("PassphraseSource", "No passphrase on standard input: its first line is empty."));
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString passphrase = decoder.decode(line);
    scrub(line);
    if (decoder.hasError()) {
        return invalid(QT_TRANSLATE_NOOP("PassphraseSource", "The passphrase on standard input is not UTF-8 text."));
    }
    return passphrase;
}
