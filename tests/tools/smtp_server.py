#!/usr/bin/python3
"""A real SMTP server for tests: aiosmtpd (Debian: python3-aiosmtpd) on 127.0.0.1.

Usage (tests start it through tests/unit/core/smtp/SmtpTestServer.h):
  /usr/bin/python3 smtp_server.py [--port 0] [--cert C --key K (--starttls | --tls)]
                                  [--auth USER:PASSWORD] [--auth-mechanisms PLAIN,LOGIN]
                                  [--allow-plaintext-auth] [--size N] [--smtputf8]
                                  [--reject-rcpt ADDRESS]... [--out DIR]

It binds the port (0: a free one), prints "PORT <n>" on stdout and serves until its stdin
closes (so it dies with the test that started it) or it gets SIGTERM.
--starttls offers STARTTLS with the certificate; --tls is implicit TLS (RFC 8314) on the port;
without either the server is plain (no STARTTLS advertised).
--auth requires AUTH with that user and password (PLAIN and LOGIN, or --auth-mechanisms);
AUTH is refused without TLS ("538 5.7.11") unless --allow-plaintext-auth.
--reject-rcpt: RCPT TO that address gets "550 5.1.1 No such user".
--out DIR: each accepted message is written as DIR/<n>.eml (the bytes received, dot-stuffing
undone) and DIR/<n>.json ({"from", "to", "mail_options"}), n counting from 1; the .json is
written last, so a test that sees it can read both.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.rejected = {a.lower() for a in args.reject_rcpt}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.args.out:
            base = os.path.join(self.args.out, str(self.count))
            with open(base + ".eml", "wb") as f:
                f.write(envelope.original_content)
            with open(base + ".json.tmp", "w") as f:
                json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                           "mail_options": envelope.mail_options}, f)
            os.rename(base + ".json.tmp", base + ".json")
        return "250 2.0.0 OK: queued as %d" % self.count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--tls", action="store_true")
    p.add_argument("--auth")
    p.add_argument("--auth-mechanisms", default="PLAIN,LOGIN")
    p.add_argument("--allow-plaintext-auth", action="store_true")
    p.add_argument("--size", type=int, default=33554432)
    p.add_argument("--smtputf8", action="store_true")
    p.add_argument("--reject-rcpt", action="append", default=[])
    p.add_argument("--out")
    args = p.parse_args()

    context = None
    if args.starttls or args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    user, password = (args.auth.split(":", 1) + [""])[:2] if args.auth else (None, None)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd sends the 535

    offered = {m.strip().upper() for m in args.auth_mechanisms.split(",")}
    excluded = [m for m in ("PLAIN", "LOGIN") if m not in offered]
    handler = Handler(args)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        return SMTP(handler, hostname="mailroom-test", loop=loop,
                    data_size_limit=args.size, enable_SMTPUTF8=args.smtputf8,
                    tls_context=context if args.starttls else None,
                    authenticator=authenticator if args.auth else None,
                    auth_required=bool(args.auth),
                    # implicit TLS is encrypted from the start; aiosmtpd only knows STARTTLS
                    auth_require_tls=not (args.allow_plaintext_auth or args.tls),
                    auth_exclude_mechanism=excluded)

    server = loop.run_until_complete(
        loop.create_server(factory, "127.0.0.1", args.port, ssl=context if args.tls else None))
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)

    def watch_stdin():
        sys.stdin.buffer.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    loop.run_forever()


if __name__ == "__main__":
    main()
