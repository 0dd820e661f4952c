// SmtpData::encode puts every message on the wire. Properties: the output has no bare CR or LF,
// never holds "\r\n.\r\n" (nor starts with ".\r\n") before the terminating dot the session adds,
// ends with CRLF unless empty, and un-stuffing it gives back the input with its line ends made
// CRLF (a bare CR, a bare LF and CRLF each one line end).
#include "core/smtp/SmtpData.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>

namespace {

QByteArray normalised(const QByteArray& input)
{
    QByteArray out;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const char c = input[i];
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < input.size() && input[i + 1] == '\n') {
                ++i;
            }
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    if (!out.isEmpty() && !out.endsWith("\r\n")) {
        out += "\r\n";
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    QByteArray out("left over from the last message\n.\n");
    SmtpData::encode(input, out);
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (out[i] == '\r') {
            FUZZ_CHECK(i + 1 < out.size() && out[i + 1] == '\n');
        } else if (out[i] == '\n') {
            FUZZ_CHECK(i > 0 && out[i - 1] == '\r');
        }
    }
    FUZZ_CHECK(!out.contains("\r\n.\r\n"));
    FUZZ_CHECK(!out.startsWith(".\r\n"));
    FUZZ_CHECK(out.isEmpty() == input.isEmpty());
    FUZZ_CHECK(out.isEmpty() || out.endsWith("\r\n"));
    FUZZ_CHECK(SmtpData::unstuff(out) == normalised(input));
    return 0;
}
