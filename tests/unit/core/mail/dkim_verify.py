#!/usr/bin/python3
"""Verify DKIM signatures with python3-dkim (dkimpy), an implementation independent of ours.

    dkim_verify.py RECORD_FILE MESSAGE_FILE...

RECORD_FILE holds the zone file line DkimKey::dnsRecord() shows the user
(`s1._domainkey.example.com. IN TXT ( "v=DKIM1; k=rsa; " "p=..." )`); its quoted strings are
joined into the TXT value, as a resolver would, and served for that name only. For each message
one line is printed: "PASS <file>" or "FAIL <file>: <reason>". Exit status 0 when all pass,
1 when any fails, 2 when the record cannot be read or dkimpy is missing.
"""
import re
import sys

try:
    import dkim
except ImportError:
    print("python3-dkim is not installed (apt install python3-dkim python3-nacl)", file=sys.stderr)
    sys.exit(2)


def read_record(path):
    with open(path, encoding="ascii") as f:
        line = f.read().strip()
    match = re.fullmatch(r'(\S+)\s+IN\s+TXT\s+\(\s*((?:"[^"]*"\s*)+)\)', line)
    if not match:
        print(f"not a TXT record line: {line!r}", file=sys.stderr)
        sys.exit(2)
    strings = re.findall(r'"([^"]*)"', match.group(2))
    if any(len(s) > 255 for s in strings):
        print("a TXT string is longer than 255 characters", file=sys.stderr)
        sys.exit(2)
    return match.group(1).encode("ascii"), "".join(strings).encode("ascii")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    name, value = read_record(sys.argv[1])

    def dnsfunc(query, timeout=5):
        return value if query == name else None

    failed = False
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            message = f.read()
        verifier = dkim.DKIM(message)
        try:
            ok = verifier.verify(dnsfunc=dnsfunc)
            reason = "" if ok else "signature does not verify"
        except dkim.DKIMException as e:
            ok, reason = False, str(e)
        if ok:
            print(f"PASS {path}")
        else:
            failed = True
            print(f"FAIL {path}: {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
