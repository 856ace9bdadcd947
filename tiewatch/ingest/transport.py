"""The httpx transport behind the fetcher: it connects to the addresses it checked, and it keeps a
download within its total time budget.

httpcore asks its network backend for a TCP connection to the URL's host name. `PinnedBackend`
resolves that name once (address.py), refuses it if any address is refused, and dials the checked
addresses themselves, so nothing resolves the name a second time. The URL is not rewritten: the
Host header, TLS SNI and certificate verification all stay with the original name, and pooled
connections stay keyed by it.

Per-operation timeouts (connect, read, write) cannot stop a server that sends a byte every second.
`budget(seconds)` sets a deadline for the downloads made inside it; every connect, TLS handshake,
read and write of `PinnedBackend`'s streams waits at most until that deadline.
"""

from __future__ import annotations

import ssl
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterable, Iterator

import httpcore
import httpx

from tiewatch.ingest import address

_deadline: ContextVar[float | None] = ContextVar("tiewatch_fetch_deadline", default=None)

POOL_LIMITS = httpx.Limits(max_connections=20, max_keepalive_connections=10, keepalive_expiry=5.0)


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Downloads inside the block give up `seconds` from now."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def over_budget() -> bool:
    deadline = _deadline.get()
    return deadline is not None and time.monotonic() >= deadline


def _within(timeout: float | None, expired: type[Exception]) -> float | None:
    """`timeout` shortened to what is left of the budget; `expired` raised when nothing is left."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the download's time budget is used up")
    return left if timeout is None else min(timeout, left)


class _BudgetedStream(httpcore.NetworkStream):
    """A connection whose every wait ends at the current download's deadline."""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _within(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _within(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        secured = self._stream.start_tls(ssl_context, server_hostname, _within(timeout, httpcore.ConnectTimeout))
        return _BudgetedStream(secured)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Dials only addresses that `address.allowed_addresses` accepted for the host asked for."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        checked = address.allowed_addresses(host, port, self.allow_private)
        failure: Exception | None = None
        for ip in checked:
            try:
                stream = self._sockets.connect_tcp(
                    str(ip), port, _within(timeout, httpcore.ConnectTimeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            return _BudgetedStream(stream)
        raise failure or httpcore.ConnectError(f"no address to connect to for {host}")

    def sleep(self, seconds: float) -> None:
        self._sockets.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport (request and response handling, error mapping) over a connection pool
    that connects through `PinnedBackend`; that pool is the only state httpx's transport keeps."""

    def __init__(self, *, allow_private: bool, verify: ssl.SSLContext | bool = True):
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            max_connections=POOL_LIMITS.max_connections,
            max_keepalive_connections=POOL_LIMITS.max_keepalive_connections,
            keepalive_expiry=POOL_LIMITS.keepalive_expiry,
            network_backend=PinnedBackend(allow_private),
        )
