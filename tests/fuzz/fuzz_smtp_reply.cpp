// SmtpReplyParser reads whatever a server sends. Invariants: it never crashes; every reply it
// yields has a code from 200 to 599, at least one line, and a toString() that starts with the
// code; an error has a message and stays; and the same bytes split differently give the same
// replies and the same error.
#include "core/smtp/SmtpReplyParser.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

struct Outcome
{
    std::vector<QString> replies;
    QString error;
};

Outcome parse(const QByteArray& input, qsizetype chunk)
{
    SmtpReplyParser parser;
    Outcome outcome;
    for (qsizetype at = 0; at < input.size() && outcome.error.isEmpty(); at += chunk) {
        parser.feed(input.mid(at, chunk));
        for (;;) {
            auto next = parser.next();
            if (!next.ok()) {
                outcome.error = next.error().message;
                FUZZ_CHECK(!outcome.error.isEmpty());
                FUZZ_CHECK(!parser.next().ok());
                break;
            }
            if (!next.value()) {
                break;
            }
            const SmtpReply& reply = *next.value();
            FUZZ_CHECK(reply.code() >= 200 && reply.code() <= 599);
            FUZZ_CHECK(!reply.lines().isEmpty());
            FUZZ_CHECK(reply.lines().size() <= SmtpReplyParser::kMaxLines);
            const QString text = reply.toString();
            FUZZ_CHECK(text.startsWith(QString::number(reply.code())));
            FUZZ_CHECK(reply.enhancedStatus().isEmpty() ||
                       reply.enhancedStatus().at(0).unicode() == u'0' + reply.code() / 100);
            outcome.replies.push_back(text);
        }
        FUZZ_CHECK(parser.pendingBytes() <= SmtpReplyParser::kMaxLineBytes * (SmtpReplyParser::kMaxLines + 1) + chunk);
    }
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const Outcome whole = parse(input, qMax<qsizetype>(1, input.size()));
    const Outcome pieces = parse(input, 3);
    FUZZ_CHECK(whole.replies == pieces.replies);
    FUZZ_CHECK(whole.error.isEmpty() == pieces.error.isEmpty());
    return 0;
}
