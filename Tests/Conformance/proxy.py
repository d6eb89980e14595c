#!/usr/bin/env python3
"""A tiny HTTP proxy on 127.0.0.1 that never reaches the network, to see how fleetform uses proxies.

Modes:
  refuse   answers every request, CONNECT included, with 403 Forbidden;
  close    accepts each TCP connection and closes it at once, reading nothing;
  forward  relays absolute-form requests (``POST http://127.0.0.1:PORT/ HTTP/1.1``) and CONNECT tunnels, but
           only to 127.0.0.1:--forward-port (the conformance server); anything else gets 403.

Every request line is recorded in --log as one JSON object a line (with the Proxy-Authorization user, never
its password), so a test can see whether a client tunnelled (CONNECT) or sent absolute-form requests.

    python3 proxy.py --mode refuse --port-file proxy-port --log proxy.jsonl [--lifetime 120]
"""

import argparse
import base64
import http.client
import json
import os
import socket
import socketserver
import sys
import threading
import time
import urllib.parse

HOP_BY_HOP = {"proxy-authorization", "proxy-connection", "connection", "keep-alive", "te", "trailer", "upgrade"}
FORBIDDEN = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class RequestLog:
    """Appends JSON lines to a file, one writer at a time, each with its time (seconds since start)."""

    def __init__(self, path):
        self._path = path
        self._lock = threading.Lock()
        self._started = time.monotonic()

    def record(self, **entry):
        line = json.dumps({"t": round(time.monotonic() - self._started, 3), **entry})
        with self._lock, open(self._path, "a", encoding="utf-8") as file:
            file.write(line + "\n")


class ProxyHandler(socketserver.StreamRequestHandler):
    """One client connection, handled as the server's mode says."""

    def handle(self):
        if self.server.mode == "close":
            self.server.log.record(event="closed on accept")
            return
        while self._one_request():
            pass

    def _one_request(self):
        """Serves one request; True when the connection may carry another."""
        line = self.rfile.readline(65537).decode("latin-1").rstrip("\r\n")
        if not line:
            return False
        headers = self._read_headers()
        method, target, _ = (line.split(" ", 2) + ["", ""])[:3]
        self.server.log.record(event="request", line=line, auth_user=_proxy_user(headers))
        if self.server.mode == "refuse" or not self._allowed(method, target):
            self.wfile.write(FORBIDDEN)
            return False
        if method == "CONNECT":
            self._tunnel()
            return False
        return self._relay(method, target, headers)

    def _read_headers(self):
        headers = []
        while True:
            raw = self.rfile.readline(65537).decode("latin-1").rstrip("\r\n")
            if not raw:
                return headers
            name, _, value = raw.partition(":")
            headers.append((name.strip(), value.strip()))

    def _allowed(self, method, target):
        """Only the conformance server, at 127.0.0.1 and the forward port, may be reached."""
        upstream = f"127.0.0.1:{self.server.forward_port}"
        if method == "CONNECT":
            return target == upstream
        parts = urllib.parse.urlsplit(target)
        return parts.scheme == "http" and parts.netloc == upstream

    def _relay(self, method, target, headers):
        length = int(next((v for k, v in headers if k.lower() == "content-length"), "0"))
        body = self.rfile.read(length)
        parts = urllib.parse.urlsplit(target)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.forward_port, timeout=120)
        try:
            upstream.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                if name.lower() not in HOP_BY_HOP:
                    upstream.putheader(name, value)
            upstream.endheaders(body)
            response = upstream.getresponse()
            answer = response.read()
        except OSError:
            return False
        finally:
            upstream.close()
        self.wfile.write(f"HTTP/1.1 {response.status} {response.reason}\r\n".encode("latin-1"))
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.wfile.write(f"{name}: {value}\r\n".encode("latin-1"))
        self.wfile.write(f"Content-Length: {len(answer)}\r\n\r\n".encode("latin-1") + answer)
        return True

    def _tunnel(self):
        upstream = socket.create_connection(("127.0.0.1", self.server.forward_port), timeout=120)
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        pump = threading.Thread(target=_pipe, args=(upstream, self.connection), daemon=True)
        pump.start()
        _pipe(self.rfile, upstream)
        pump.join(timeout=5)
        upstream.close()


def _pipe(source, destination):
    """Copies bytes from a socket or file to a socket until the source ends."""
    read = source.recv if hasattr(source, "recv") else source.read1
    try:
        while chunk := read(65536):
            destination.sendall(chunk)
        destination.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def _proxy_user(headers):
    """The user name of a Basic Proxy-Authorization header, or None."""
    value = next((v for k, v in headers if k.lower() == "proxy-authorization"), None)
    if value is None or not value.lower().startswith("basic "):
        return None
    try:
        return base64.b64decode(value[6:]).decode("utf-8").partition(":")[0]
    except (ValueError, UnicodeDecodeError):
        return "<undecodable>"


class ProxyServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode, log, forward_port):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.mode = mode
        self.log = log
        self.forward_port = forward_port


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("refuse", "close", "forward"), required=True)
    parser.add_argument("--forward-port", type=int, help="with --mode forward: the conformance server's port")
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=float, default=120)
    arguments = parser.parse_args(argv)
    if arguments.mode == "forward" and arguments.forward_port is None:
        parser.error("--mode forward needs --forward-port")
    server = ProxyServer(arguments.mode, RequestLog(arguments.log), arguments.forward_port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    temporary = f"{arguments.port_file}.tmp"
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(f"{server.server_address[1]}\n")
    os.replace(temporary, arguments.port_file)
    threading.Event().wait(arguments.lifetime)
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
