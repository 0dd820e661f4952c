#!/usr/bin/python3
"""Reads a message CampaignRenderer wrote the way a receiver does and prints what it found
as JSON, for the C++ test to compare with what the renderer says it rendered.

usage: rendered_check.py MESSAGE.eml [DKIM_TXT_VALUE]

Prints {"defects": [...], "subject", "to", "from", "headers": {name: [values]},
"html", "text" (decoded, line ends as LF), "attachments": [{"filename", "type", "sha256",
"content_id"}], "dkim": true/false/null, "long_lines": n, "bare_line_ends": n}.
With DKIM_TXT_VALUE (the record's value), python3-dkim verifies the signature with it as the
DNS answer.
"""
import email
import email.policy
import hashlib
import json
import sys


def main():
    raw = open(sys.argv[1], "rb").read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    out = {"defects": [], "headers": {}, "attachments": [], "html": None, "text": None}
    for part in message.walk():
        out["defects"] += [type(d).__name__ for d in part.defects]
    for name in set(message.keys()):
        out["headers"][name] = [str(v) for v in message.get_all(name)]
    out["subject"] = str(message["Subject"])
    out["to"] = [[a.display_name, a.addr_spec] for a in message["To"].addresses]
    out["from"] = [[a.display_name, a.addr_spec] for a in message["From"].addresses]
    for part in message.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()
        if ctype == "text/html" and disposition is None and out["html"] is None:
            out["html"] = part.get_content().replace("\r\n", "\n")
        elif ctype == "text/plain" and disposition is None and out["text"] is None:
            out["text"] = part.get_content().replace("\r\n", "\n")
        else:
            payload = part.get_payload(decode=True)
            out["attachments"].append({"filename": part.get_filename(), "type": ctype,
                                       "sha256": hashlib.sha256(payload).hexdigest(),
                                       "content_id": part.get("Content-ID")})
    lines = raw.split(b"\r\n")
    out["long_lines"] = sum(1 for line in lines if len(line) > 998)
    out["bare_line_ends"] = sum(line.count(b"\n") + line.count(b"\r") for line in lines)
    out["dkim"] = None
    if len(sys.argv) > 2:
        import dkim
        record = sys.argv[2].encode()
        out["dkim"] = bool(dkim.verify(raw, dnsfunc=lambda name, timeout=5: record))
    print(json.dumps(out))


main()
