"""Real receivers on loopback: HTTP servers in threads (prompt, silent, slow, dripping) and aiosmtpd."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Receiver:
    """Records every POST. Holds the first `hold` requests without ever answering (until closed);
    answers the others after `delay` seconds with the next queued status (then 200)."""

    def __init__(self):
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        self.hold = 0
        self.delay = 0.0
        self.closing = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append((dict(self.headers), body))
                if len(receiver.requests) <= receiver.hold:
                    receiver.closing.wait()
                    return
                time.sleep(receiver.delay)
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def keys(self) -> list[str]:
        return [headers["Idempotency-Key"] for headers, _ in self.requests]

    def wait_for(self, count: int, seconds: float = 60.0) -> None:
        """Until `count` requests arrived (a bound, not a speed check)."""
        end = time.monotonic() + seconds
        while len(self.requests) < count and time.monotonic() < end:
            time.sleep(0.05)
        assert len(self.requests) >= count, f"{len(self.requests)} of {count} requests arrived"

    def close(self):
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


class Drip:
    """Reads a request, then answers one byte a second; notes how many bytes each client took."""

    RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Padding: " + b"x" * 200 + b"\r\n\r\nok"

    def __init__(self):
        self.written: list[int] = []
        self.closing = threading.Event()
        drip = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                self.request.recv(65536)
                sent = 0
                try:
                    for byte in drip.RESPONSE:
                        if drip.closing.wait(1.0):
                            break
                        self.request.sendall(bytes([byte]))
                        sent += 1
                except OSError:
                    pass
                drip.written.append(sent)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def drip():
    d = Drip()
    yield d
    d.close()


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch):
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())  # aiosmtpd needs a concrete port
    controller.start()
    monkeypatch.setenv("TIEWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TIEWATCH_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("TIEWATCH_SMTP_FROM", "alerts@tiewatch.test")
    yield mailbox
    controller.stop()
