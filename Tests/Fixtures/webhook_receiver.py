#!/usr/bin/env python3
"""A webhook receiver for flowctl's tests: a real HTTP(S) server on 127.0.0.1.

    webhook_receiver.py [--tls CERT KEY] LOG ANSWER...

Prints the port it listens on, then records each request as one JSON line in LOG (method, path,
query, headers, the header lines as received, body, and the time it arrived) and answers with
the next ANSWER; the last answer repeats. An answer is a status code (503), or a status with one
of these after a colon:
  retry-after=VALUE  a Retry-After header (429:retry-after=1)
  stall              the status line and headers of a 100-byte body, then nothing
  cut                the status line, headers and 10 of the 100 bytes promised, then a close
  endless            a chunked body that never ends
  echo-token         a Location whose query holds the request's X-Token header
  echo-encoded       the same, encoded four ways: %XX upper case, %xx lower case, every
                     character %xx, and a form's + for a space
  close              the status line and an empty line, then a close (a 1xx this way is all
                     the server says)
  hang               the status line and an empty line, then nothing
or "hang" (never answers). With --tls it speaks HTTPS with CERT and KEY (PEM files). It stops
by itself after a minute (or RECEIVER_LIFETIME seconds), so a test that dies leaves nothing running.
"""

import json
import os
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = sys.argv[1:]
TLS = None
if ARGS and ARGS[0] == "--tls":
    TLS, ARGS = (ARGS[1], ARGS[2]), ARGS[3:]
LOG = ARGS[0]
ANSWERS = ARGS[1:] or ["200"]
LOCK = threading.Lock()
SEEN = [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        url = urllib.parse.urlsplit(self.path)
        with LOCK:
            answer = ANSWERS[min(SEEN[0], len(ANSWERS) - 1)]
            SEEN[0] += 1
            with open(LOG, "a") as log:
                log.write(json.dumps({"method": self.command, "path": url.path, "query": url.query,
                                      "headers": {k.lower(): v for k, v in self.headers.items()},
                                      "header_lines": [[k, v] for k, v in self.headers.items()],
                                      "body": body, "time": time.time()}) + "\n")
        if answer == "hang":
            time.sleep(30)
            return
        status, _, extra = answer.partition(":")
        if extra in ("close", "hang"):
            self.wfile.write(f"HTTP/1.1 {status} Interim\r\n\r\n".encode())
            self.wfile.flush()
            if extra == "hang":
                time.sleep(30)
            self.close_connection = True
            return
        self.send_response(int(status))
        if extra.startswith("retry-after="):
            self.send_header("Retry-After", extra.split("=", 1)[1])
        if extra == "echo-token":
            token = urllib.parse.quote(self.headers.get("X-Token", ""), safe="")
            self.send_header("Location", "http://elsewhere.example/next/box?token=" + token)
        if extra == "echo-encoded":
            token = self.headers.get("X-Token", "")
            upper = urllib.parse.quote(token, safe="")
            lower = "%".join([upper.split("%")[0]] + [p[:2].lower() + p[2:] for p in upper.split("%")[1:]])
            every = "".join("%%%02x" % b for b in token.encode())
            plus = urllib.parse.quote_plus(token)
            self.send_header("Location", f"http://elsewhere.example/?a={upper}&b={lower}&c={every}&d={plus}")
        if extra == "endless":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(300):
                self.wfile.write(b"3\r\nok\n\r\n")
                self.wfile.flush()
                time.sleep(0.1)
            return
        reply = b"ok\n" if extra not in ("stall", "cut") else b"0123456789"
        self.send_header("Content-Length", "100" if extra in ("stall", "cut") else str(len(reply)))
        self.end_headers()
        if extra == "stall":
            self.wfile.flush()
            time.sleep(30)
            return
        self.wfile.write(reply)
        if extra == "cut":
            self.wfile.flush()
            self.close_connection = True

    do_GET = do_POST = handle_any

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if TLS:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS[0], TLS[1])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
threading.Timer(float(os.environ.get("RECEIVER_LIFETIME", "60")), server.shutdown).start()
server.serve_forever()
