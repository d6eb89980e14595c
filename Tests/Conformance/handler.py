"""The HTTP/1.1 side of the conformance server: keep-alive, request bodies, dropped and slow answers.

Two paths are not AWS: ``GET /__stats`` (the counters) and ``GET /__state`` (every fleet's live runtime
configuration), for the scenario driver.
"""

import json
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ConformanceHTTPServer(ThreadingHTTPServer):
    """A threaded HTTP server on 127.0.0.1 that hands requests to a ConformanceService."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, port, service, counters, store):
        super().__init__(("127.0.0.1", port), ConformanceHandler)
        self.service = service
        self.counters = counters
        self.store = store


class ConformanceHandler(BaseHTTPRequestHandler):
    """One connection: any number of requests, kept alive as HTTP/1.1 does."""

    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "gamelift-conformance"

    def setup(self):
        super().setup()
        self._served = 0
        self.server.counters.add("connections", "accepted")

    def do_POST(self):
        self._count_reuse()
        body = self._read_body()
        if body is None:
            return self._write(400, b"", {})
        headers = list(self.headers.items())
        answer = self.server.service.handle(self.command, self.path, headers, body)
        if answer.delay:
            time.sleep(answer.delay)
        if answer.drop:
            self._drop()
            return None
        return self._write(answer.status, answer.body, answer.headers)

    def do_GET(self):
        self._count_reuse()
        documents = {"/__stats": self.server.counters.snapshot, "/__state": self.server.store.snapshot}
        if self.path not in documents:
            return self._write(404, b"", {})
        body = json.dumps(documents[self.path](), indent=1).encode()
        return self._write(200, body, {"Content-Type": "application/json"})

    def log_message(self, format, *args):  # noqa: A002 - the name BaseHTTPRequestHandler uses
        """Quiet: the counters say what happened."""

    def _count_reuse(self):
        if self._served:
            self.server.counters.add("connections", "reused")
        self._served += 1

    def _read_body(self):
        """The request body, from Content-Length or chunked transfer coding; None when it cannot be read."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return None
        return self.rfile.read(length)

    def _read_chunked(self):
        chunks = []
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                return None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailer fields
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _write(self, status, body, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drop(self):
        """Closes the connection with nothing answered, as a lost connection does."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
