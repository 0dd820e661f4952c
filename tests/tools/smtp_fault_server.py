#!/usr/bin/python3
"""A scripted SMTP server that misbehaves on purpose, for tests of the SMTP client.

Usage (tests start it through tests/unit/core/smtp/SmtpTestServer.h):
  /usr/bin/python3 smtp_fault_server.py [--port 0] [--out DIR]
      [--pipelining] [--size N] [--8bitmime] [--smtputf8] [--auth]
      [--starttls --cert C --key K] [--inject-after-starttls] [--starttls-fail]
      [--ehlo-unknown]
      [--reply STAGE=TEXT]... [--drop STAGE]... [--silent STAGE]... [--garbage STAGE]...
      [--delay STAGE=SECONDS]... [--from-message N]

It binds 127.0.0.1 (port 0: a free one), prints "PORT <n>", and serves connections one after
another until its stdin closes or SIGTERM.

STAGE is one of: greeting ehlo helo starttls auth mail rcpt data body dot rset quit.
"body" is the middle of the message (after its first line), "dot" the reply to the final dot.
  --reply STAGE=TEXT  answer TEXT instead of the normal reply; "|" separates the lines of a
                      multi-line reply, each line written in full ("421-4.7.0 a|421 4.7.0 b").
                      After a 421 the server closes the connection, as real servers do.
  --drop STAGE        close the connection (with a TCP reset) instead of replying.
  --silent STAGE      never reply; wait for the client to go away.
  --garbage STAGE     answer "hello there" (not SMTP).
  --delay STAGE=S     wait S seconds before the reply.
  --from-message N    the mail/rcpt/data/body/dot faults apply from the N-th message on (1).
  --inject-after-starttls  send "250-INJECTED|250 SIZE 10" in the same packet as the 220 to
                      STARTTLS (STARTTLS response injection); the real EHLO after TLS says SIZE 1000000.
  --starttls-fail     advertise STARTTLS, answer 220, then send bytes that are not TLS and close.
  --ehlo-unknown      answer EHLO with "500 5.5.1 Command unrecognized" (the client must HELO).
  --auth              advertise "AUTH PLAIN LOGIN XOAUTH2" and accept any credentials (or
                      --reply auth=...).
  --xoauth2 USER:TOKEN  XOAUTH2 must carry exactly this user and token; else Google's answer:
                      a 334 with a base64 JSON error, then 535 after the client's empty line.
With --out DIR: DIR/commands.log gets one line per command, "<batch> <command>", where batch
counts the reads the server did (commands that came in one write share a batch); AUTH payloads
are written as "****". Each accepted message is written as DIR/<n>.eml (dot-stuffing undone).
"""
import argparse
import base64
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import time

STAGES = {"greeting", "ehlo", "helo", "starttls", "auth", "mail", "rcpt", "data", "body", "dot", "rset", "quit"}
MESSAGE_STAGES = {"mail", "rcpt", "data", "body", "dot"}


class Dropped(Exception):
    pass


class Session:
    def __init__(self, server, sock):
        self.server = server
        self.args = server.args
        self.sock = sock
        self.buf = b""
        self.batch = 0
        self.tls = False
        self.messages = 0

    # --- io
    def recv_more(self):
        data = self.sock.recv(65536)
        if not data:
            raise Dropped()
        self.batch += 1
        self.buf += data

    def readline(self):
        while b"\n" not in self.buf:
            self.recv_more()
        line, self.buf = self.buf.split(b"\n", 1)
        return line + b"\n"

    def log(self, command):
        if self.args.out:
            with open(os.path.join(self.args.out, "commands.log"), "a") as f:
                f.write("%d %s\n" % (self.server.batch_base + self.batch, command))

    def fault_applies(self, stage):
        return stage not in MESSAGE_STAGES or self.messages >= self.args.from_message

    def answer(self, stage, normal):
        """Send the reply for stage, or do the fault the script asks for."""
        applies = self.fault_applies(stage)
        if applies and stage in self.args.delay:
            time.sleep(self.args.delay[stage])
        if applies and stage in self.args.drop:
            self.reset_and_close()
            raise Dropped()
        if applies and stage in self.args.silent:
            try:
                while self.sock.recv(65536):
                    pass
            except OSError:
                pass
            raise Dropped()
        if applies and stage in self.args.garbage:
            self.sock.sendall(b"hello there\r\n")
            return None
        text = self.args.reply.get(stage) if applies else None
        lines = (text or normal).split("|")
        self.sock.sendall(b"".join(l.encode() + b"\r\n" for l in lines))
        if lines[-1].startswith("421"):
            # RFC 5321 3.8: 421 means the server is closing the connection; it does.
            try:
                self.sock.shutdown(socket.SHUT_WR)
                time.sleep(0.2)
                self.sock.close()
            except OSError:
                pass
            raise Dropped()
        return lines[-1][:3]

    def reset_and_close(self):
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.sock.close()
        except OSError:
            pass

    # --- dialogue
    def ehlo_lines(self):
        lines = ["250-fault.test Hello"]
        if self.args.pipelining:
            lines.append("250-PIPELINING")
        if self.args.size:
            lines.append("250-SIZE %d" % self.args.size)
        elif self.tls and self.args.inject_after_starttls:
            lines.append("250-SIZE 1000000")
        if self.args.eightbitmime:
            lines.append("250-8BITMIME")
        if self.args.smtputf8:
            lines.append("250-SMTPUTF8")
        if (self.args.starttls or self.args.starttls_fail) and not self.tls:
            lines.append("250-STARTTLS")
        if self.args.auth:
            lines.append("250-AUTH PLAIN LOGIN XOAUTH2")
        lines.append("250 HELP")
        return "|".join(lines)

    def run(self):
        self.answer("greeting", "220 fault.test ESMTP ready")
        while True:
            line = self.readline()
            command = line.rstrip(b"\r\n").decode("utf-8", "replace")
            verb = command.split(" ", 1)[0].upper()
            self.log("AUTH %s ****" % command.split(" ")[1] if verb == "AUTH" and " " in command else command)
            if verb == "EHLO":
                if self.args.ehlo_unknown:
                    self.answer("ehlo", "500 5.5.1 Command unrecognized")
                else:
                    self.answer("ehlo", self.ehlo_lines())
            elif verb == "HELO":
                self.answer("helo", "250 fault.test")
            elif verb == "STARTTLS":
                self.starttls()
            elif verb == "AUTH":
                self.auth(command)
            elif verb == "MAIL":
                self.messages += 1
                self.answer("mail", "250 2.1.0 OK")
            elif verb == "RCPT":
                self.answer("rcpt", "250 2.1.5 OK")
            elif verb == "DATA":
                if self.answer("data", "354 Go ahead") == "354":
                    self.body()
            elif verb == "RSET":
                self.answer("rset", "250 2.0.0 OK")
            elif verb == "QUIT":
                self.answer("quit", "221 2.0.0 Bye")
                self.sock.close()
                return
            elif verb == "NOOP":
                self.sock.sendall(b"250 2.0.0 OK\r\n")
            else:
                self.sock.sendall(b"502 5.5.2 Command not implemented\r\n")

    def starttls(self):
        if self.args.starttls_fail:
            self.sock.sendall(b"220 2.0.0 Ready to start TLS\r\n")
            time.sleep(0.2)
            self.sock.sendall(b"this is not a TLS handshake\r\n")
            self.reset_and_close()
            raise Dropped()
        ready = b"220 2.0.0 Ready to start TLS\r\n"
        if self.args.inject_after_starttls:
            ready += b"250-INJECTED\r\n250 SIZE 10\r\n"
        if self.fault_applies("starttls") and "starttls" in self.args.reply:
            self.answer("starttls", "")
            return
        self.sock.sendall(ready)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.args.cert, self.args.key)
        self.buf = b""
        self.sock = context.wrap_socket(self.sock, server_side=True)
        self.tls = True

    def auth(self, command):
        words = command.split(" ")
        if len(words) >= 2 and words[1].upper() == "XOAUTH2" and self.args.xoauth2:
            user, _, token = self.args.xoauth2.partition(":")
            expected = ("user=%s\x01auth=Bearer %s\x01\x01" % (user, token)).encode()
            if len(words) < 3 or base64.b64decode(words[2]) != expected:
                # Google's way: the error as a base64 JSON challenge, then 535 after an empty line
                self.sock.sendall(b"334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIn0=\r\n")
                self.readline()
                self.sock.sendall(b"535 5.7.8 Username and Password not accepted\r\n")
                return
        if len(words) >= 2 and words[1].upper() == "LOGIN" and "auth" not in self.args.reply:
            self.sock.sendall(b"334 VXNlcm5hbWU6\r\n")
            self.readline()
            self.sock.sendall(b"334 UGFzc3dvcmQ6\r\n")
            self.readline()
        self.answer("auth", "235 2.7.0 Authentication successful")

    def body(self):
        lines = []
        first = True
        while True:
            line = self.readline()
            if line == b".\r\n":
                break
            if first:
                first = False
                if self.fault_applies("body") and "body" in self.args.drop:
                    self.reset_and_close()
                    raise Dropped()
            lines.append(line[1:] if line.startswith(b".") else line)
        # Kept only when the server accepts it: not when the dot is answered with a fault.
        refused = self.fault_applies("dot") and (
            "dot" in set(self.args.drop) | set(self.args.silent) | set(self.args.garbage)
            or not self.args.reply.get("dot", "250").startswith("2"))
        if self.args.out and not refused:
            self.server.count += 1
            with open(os.path.join(self.args.out, "%d.eml" % self.server.count), "wb") as f:
                f.write(b"".join(lines))
        self.answer("dot", "250 2.0.0 OK")


class Server:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.batch_base = 0


def parse_stage_values(items, convert):
    result = {}
    for item in items:
        stage, _, value = item.partition("=")
        if stage not in STAGES:
            sys.exit("unknown stage %r" % stage)
        result[stage] = convert(value)
    return result


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--out")
    p.add_argument("--pipelining", action="store_true")
    p.add_argument("--size", type=int, default=0)
    p.add_argument("--8bitmime", dest="eightbitmime", action="store_true")
    p.add_argument("--smtputf8", action="store_true")
    p.add_argument("--auth", action="store_true")
    p.add_argument("--xoauth2")
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--inject-after-starttls", action="store_true")
    p.add_argument("--starttls-fail", action="store_true")
    p.add_argument("--ehlo-unknown", action="store_true")
    p.add_argument("--reply", action="append", default=[])
    p.add_argument("--drop", action="append", default=[])
    p.add_argument("--silent", action="append", default=[])
    p.add_argument("--garbage", action="append", default=[])
    p.add_argument("--delay", action="append", default=[])
    p.add_argument("--from-message", type=int, default=1)
    args = p.parse_args()
    args.reply = parse_stage_values(args.reply, str)
    args.delay = parse_stage_values(args.delay, float)
    for name in ("drop", "silent", "garbage"):
        for stage in getattr(args, name):
            if stage not in STAGES:
                sys.exit("unknown stage %r" % stage)

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(16)
    print("PORT %d" % listener.getsockname()[1], flush=True)

    def watch_stdin():
        sys.stdin.buffer.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    server = Server(args)
    while True:
        sock, _ = listener.accept()
        session = Session(server, sock)
        try:
            session.run()
        except (Dropped, OSError, ssl.SSLError):
            pass
        finally:
            server.batch_base += session.batch + 1
            try:
                sock.close()
            except OSError:
                pass


if __name__ == "__main__":
    main()
