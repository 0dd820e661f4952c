#!/usr/bin/python3
"""python3-dkim (dkimpy) signing the messages bench_render wrote, as the peer of ./dev.sh bench render.

usage: bench_render_dkimpy.py DIR ALGORITHM N
Prints "dkimpy_<algorithm>_us <microseconds per signature>" after checking that dkimpy's own
signature verifies against the published record.
"""
import base64
import sys
import time

import dkim


def main():
    folder, algorithm, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    raw = open(f"{folder}/{algorithm}.eml", "rb").read()
    # Our own DKIM-Signature comes first; dkimpy signs the message without it.
    message = raw[raw.index(b"\r\nDate: ") + 2:]
    pem = open(f"{folder}/{algorithm}.pem", "rb").read()
    record = open(f"{folder}/{algorithm}.txt", "rb").read()
    domain = b"ed.example.com" if algorithm == "ed25519" else b"rsa.example.com"
    if algorithm == "ed25519":
        # dkimpy takes the 32-byte seed in base64, the last 32 bytes of the PKCS#8 DER.
        der = base64.b64decode(b"".join(line for line in pem.splitlines() if not line.startswith(b"-----")))
        key = base64.b64encode(der[-32:])
        sig_alg = b"ed25519-sha256"
    else:
        key = pem
        sig_alg = b"rsa-sha256"
    headers = [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"MIME-Version", b"Content-Type",
               b"List-Unsubscribe", b"List-Unsubscribe-Post"]
    sign = lambda: dkim.sign(message, b"s1", domain, key, signature_algorithm=sig_alg, include_headers=headers)
    signed = sign() + message
    if not dkim.verify(signed, dnsfunc=lambda name, timeout=5: record):
        sys.exit(f"dkimpy's own {algorithm} signature does not verify")
    start = time.process_time()
    for _ in range(count):
        sign()
    print(f"dkimpy_{algorithm}_us {(time.process_time() - start) / count * 1e6:.2f}")


main()
