#!/usr/bin/env python3
"""A webhook receiver for flowctl's tests: a real HTTP server on 127.0.0.1.

    webhook_receiver.py LOG ANSWER...

Prints the port it listens on, then records each request as one JSON line in LOG (method, path,
query, headers, body) and answers with the next ANSWER: a status code (503), a status with a
Retry-After header (429:retry-after=1), or "hang" (never answers). The last answer repeats. It
stops by itself after a minute, so a test that dies leaves nothing running.
"""

import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = sys.argv[1]
ANSWERS = sys.argv[2:] or ["200"]
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
                                      "body": body}) + "\n")
        if answer == "hang":
            time.sleep(30)
            return
        status, _, extra = answer.partition(":")
        reply = b"ok\n"
        self.send_response(int(status))
        if extra.startswith("retry-after="):
            self.send_header("Retry-After", extra.split("=", 1)[1])
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_GET = do_POST = handle_any

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Timer(60, server.shutdown).start()
server.serve_forever()
