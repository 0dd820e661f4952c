#!/usr/bin/python3
"""Reads a message written by MimeMessage the way a mail client would (Python's stdlib
email package, policy=default) and checks it against what the test meant to send.

usage: mime_check.py MESSAGE.eml EXPECTED.json

EXPECTED.json holds (every key optional):
  subject       the decoded Subject
  from          [display name, address], and likewise reply_to
  to            [[display name, address], ...]
  shape         the part tree, e.g. "multipart/alternative(text/plain,text/html)"
  leaves        for each leaf part in order: {"type": ..., "base64": decoded body,
                "filename": ..., "content_id": ...}
  headers       {"Name": "decoded value"} for any other header
Always checked: lines end in CRLF and are at most 998 octets, no defects anywhere, every
cid: reference in an HTML part names an inline part's Content-ID.
Prints one line per problem and exits 1 if there is any.
"""
import base64
import email
import email.policy
import json
import re
import sys
import urllib.parse


def ignore_space_between_encoded_words_in_phrases():
    """RFC 2047 6.2: the space between two adjacent encoded words is not part of the text.
    Python before the fix of CPython gh-128110 (PR 130749) kept it inside display names,
    reading a long name split over several encoded words with stray spaces; every RFC reader
    (and Python's own Subject parser) drops it. Backport the fix where Python needs it."""
    from email import _header_value_parser as parser

    def probe():
        message = email.message_from_bytes(
            b"From: =?utf-8?q?a?= =?utf-8?q?b?= <x@example.com>\r\n\r\n", policy=email.policy.default)
        return message["From"].addresses[0].display_name == "ab"

    if probe():
        return
    original = parser.get_phrase

    def get_phrase(value):
        phrase, rest = original(value)
        tokens = list(phrase)
        for first, second in zip(tokens, tokens[1:]):
            if (first.token_type == "atom" and second.token_type == "atom" and len(first) >= 2
                    and first[-2].token_type == "encoded-word" and first[-1].token_type == "cfws"
                    and all(t.token_type == "fws" for t in first[-1])
                    and second[0].token_type == "encoded-word"):
                first[-1] = parser.EWWhiteSpaceTerminal(str(first[-1]), "fws")
        return phrase, rest

    parser.get_phrase = get_phrase
    if not probe():
        sys.exit("cannot make this Python drop the space between encoded words")


def shape(part):
    if part.is_multipart():
        return "%s(%s)" % (part.get_content_type(), ",".join(shape(p) for p in part.iter_parts()))
    return part.get_content_type()


def leaves(part):
    if part.is_multipart():
        for child in part.iter_parts():
            yield from leaves(child)
    else:
        yield part


def main():
    raw = open(sys.argv[1], "rb").read()
    expected = json.load(open(sys.argv[2], encoding="utf-8"))
    problems = []

    # RFC 5322 2.1 / 2.3: CRLF only, at most 998 octets a line.
    lines = raw.split(b"\r\n")
    if not raw.endswith(b"\r\n"):
        problems.append("the message does not end in CRLF")
    for number, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            problems.append("line %d has a bare CR or LF" % number)
        if len(line) > 998:
            problems.append("line %d is %d octets long" % (number, len(line)))
        if any(b > 126 or (b < 32 and b != 9) for b in line):
            problems.append("line %d is not printable ASCII: %r" % (number, line[:80]))

    ignore_space_between_encoded_words_in_phrases()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    for part in message.walk():
        if part.defects:
            problems.append("defects in %s: %r" % (part.get_content_type(), part.defects))
        for name, value in part.items():
            if getattr(value, "defects", None):
                problems.append("defects in header %s: %r" % (name, value.defects))

    if "subject" in expected and str(message["Subject"]) != expected["subject"]:
        problems.append("Subject is %r, expected %r" % (str(message["Subject"]), expected["subject"]))
    for field, name in (("from", "From"), ("reply_to", "Reply-To"), ("to", "To")):
        if field not in expected:
            continue
        want = expected[field] if field == "to" else [expected[field]]
        header = message[name]
        got = [[a.display_name, a.addr_spec] for a in header.addresses] if header is not None else []
        if got != want:
            problems.append("%s is %r, expected %r" % (name, got, want))
    for name, value in expected.get("headers", {}).items():
        if str(message[name]) != value:
            problems.append("%s is %r, expected %r" % (name, str(message[name]), value))

    if "shape" in expected and shape(message) != expected["shape"]:
        problems.append("the part tree is %s, expected %s" % (shape(message), expected["shape"]))

    parts = list(leaves(message))
    if "leaves" in expected:
        if len(parts) != len(expected["leaves"]):
            problems.append("%d leaf parts, expected %d" % (len(parts), len(expected["leaves"])))
        for index, (part, want) in enumerate(zip(parts, expected["leaves"])):
            if "type" in want and part.get_content_type() != want["type"]:
                problems.append("leaf %d is %s, expected %s" % (index, part.get_content_type(), want["type"]))
            body = part.get_payload(decode=True)
            if "base64" in want and body != base64.b64decode(want["base64"]):
                problems.append("leaf %d body differs: %r... expected %r..." % (
                    index, body[:60], base64.b64decode(want["base64"])[:60]))
            if "filename" in want and part.get_filename() != want["filename"]:
                problems.append("leaf %d file name is %r, expected %r" % (index, part.get_filename(), want["filename"]))
            if "content_id" in want and str(part["Content-ID"]) != "<%s>" % want["content_id"]:
                problems.append("leaf %d Content-ID is %r, expected <%s>" % (index, part["Content-ID"], want["content_id"]))
            is_body = part.get_content_disposition() is None
            if is_body and part.get_content_maintype() == "text" and part.get_content_charset() != "utf-8":
                problems.append("leaf %d charset is %r" % (index, part.get_content_charset()))

    # RFC 2392: every cid: URL of the HTML names a Content-ID of this message.
    content_ids = {str(p["Content-ID"]).strip("<>") for p in parts if p["Content-ID"] is not None}
    for part in parts:
        if part.get_content_type() != "text/html":
            continue
        for reference in re.findall(r"""cid:([^"'\s>)]+)""", part.get_content()):
            if urllib.parse.unquote(reference) not in content_ids:
                problems.append("cid:%s names no part (have %s)" % (reference, sorted(content_ids)))

    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
