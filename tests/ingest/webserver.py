"""A real HTTP server on 127.0.0.1 standing in for the web: pages, a feed, redirect chains, a
redirect to a non-host address, oversized bodies (declared and undeclared) and a 404."""

import threading
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

    def do_GET(self):
        port = self.server.server_address[1]
        path = self.path
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
        elif path == "/big-declared":
            self.send(200, b"x" * 5000, "text/plain")
        elif path == "/big-undeclared":
            self.send(200, b"y" * 5000, "text/plain", length=False)
        else:
            self.send(404, b"not here")


@contextmanager
def serve():
    """The base URL of a server running in a background thread until the block ends."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
