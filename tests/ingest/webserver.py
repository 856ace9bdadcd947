"""A real HTTP(S) server on 127.0.0.1 standing in for the web: pages, a feed, redirect chains, a
redirect to a non-host address or to another host name, oversized and endless bodies, a server that
drips its body or stalls before answering, and a 404. Every request's path and Host header is logged."""

import ssl
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

ARTICLE = (b"<!DOCTYPE html><html><head><title>Clash at the ford</title></head><body><nav>Home | World</nav>"
           b"<article><p>The Eastern Front clashed with the Gourma Defence Militia at the ford, officials said.</p>"
           b"<p>The militia denied receiving weapons from the governor.</p></article></body></html>")
FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Ford News</title>'
        b"<item><title>A</title><link>https://ford.example/a</link><description>The trust funds the brigade.</description></item>"
        b"</channel></rss>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="text/html; charset=utf-8", length=True, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def drip(self, headers_first: bool):
        """A byte every 0.1 s (after the headers, or before any answer at all) for up to 20 s."""
        if headers_first:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
        for _ in range(200):
            time.sleep(0.1)
            try:
                self.wfile.write(b"." if headers_first else b"")
                self.wfile.flush()
            except OSError:
                return

    def endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b"z" * 65536)
        except OSError:
            return

    def do_GET(self):
        port = self.server.server_address[1]
        path = self.path
        self.server.seen.append((path, self.headers.get("Host")))
        if path == "/article":
            self.send(200, ARTICLE)
        elif path == "/latest":  # no extension: only the content type and the bytes say it is a feed
            self.send(200, FEED, "application/rss+xml")
        elif path.startswith("/feed-body/"):  # a "feed" whose body is a local path (or a URL)
            self.send(200, unquote(path.removeprefix("/feed-body/")).encode(), "application/rss+xml")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self.send(302, headers=[("Location", f"/hop/{left - 1}" if left > 1 else "/article")])
        elif path == "/to-nowhere":
            self.send(301, headers=[("Location", f"http://0.0.0.0:{port}/article")])
        elif path.startswith("/to-host/"):
            self.send(302, headers=[("Location", f"http://{path.removeprefix('/to-host/')}:{port}/article")])
        elif path == "/drip":
            self.drip(headers_first=True)
        elif path == "/stall":
            self.drip(headers_first=False)
        elif path == "/endless":
            self.endless()
        elif path == "/big-declared":
            self.send(200, b"x" * 5000, "text/plain")
        elif path == "/big-undeclared":
            self.send(200, b"y" * 5000, "text/plain", length=False)
        else:
            self.send(404, b"not here")


@contextmanager
def serve():
    """The base URL of a server running in a background thread until the block ends."""
    with serve_logged() as (base, _):
        yield base


@contextmanager
def serve_logged(tls: ssl.SSLContext | None = None):
    """(base URL, log of (path, Host header) per request) of a server running until the block ends;
    with `tls`, the server speaks HTTPS with that context."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen = []
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{httpd.server_address[1]}", httpd.seen
    finally:
        httpd.shutdown()
        httpd.server_close()
