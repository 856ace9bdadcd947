"""Fetching a URL safely (httpx): timeouts, a size cap, at most five redirects, and no requests to
loopback, private, link-local or reserved addresses unless the user allows it.

Every hop is checked after DNS resolution, so a public URL that redirects (or resolves) to an
internal address is refused too. The fetched bytes go to the reader chosen by sniffing, with the
server's content type as a hint.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from tiewatch.ingest.reader import Blob
from tiewatch.model import IngestError

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
USER_AGENT = "tiewatch/0.1 (open-source research tool)"
CHUNK = 64 * 1024


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _never(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Addresses no fetch should go to, even with --allow-private."""
    return address.is_unspecified or address.is_multicast


def _internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address.is_loopback or address.is_private or address.is_link_local or address.is_reserved


def addresses_of(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise IngestError(f"cannot resolve host {host!r} ({exc})") from None
    found = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        found.append(address)
    return found


def check_destination(url: str, allow_private: bool) -> None:
    """IngestError unless `url` is http(s) and every address its host resolves to may be fetched."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise IngestError(f"{url}: only http:// and https:// URLs can be fetched")
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    for address in addresses_of(parts.hostname, port):
        if _never(address):
            raise IngestError(f"{url}: refused, {parts.hostname} resolves to {address}, which is not a host")
        if _internal(address) and not allow_private:
            raise IngestError(
                f"{url}: refused, {parts.hostname} resolves to the internal address {address}; "
                "pass --allow-private to fetch from your own network"
            )


def human_size(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n} bytes"


class Fetcher:
    """Fetches URLs into Blobs under the safety rules above. Reuse one per run."""

    def __init__(self, *, max_bytes: int, allow_private: bool = False, transport: httpx.BaseTransport | None = None):
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self._transport = transport
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=TIMEOUT, follow_redirects=False, transport=self._transport,
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def fetch(self, url: str) -> Blob:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_destination(current, self.allow_private)
            try:
                blob = self._get(current)
            except httpx.TimeoutException:
                raise IngestError(f"{current}: timed out; the server did not answer in time") from None
            except httpx.HTTPError as exc:
                raise IngestError(f"{current}: cannot fetch ({str(exc).splitlines()[0] or type(exc).__name__})") from None
            if isinstance(blob, Blob):
                return blob
            current = blob
        raise IngestError(f"{url}: more than {MAX_REDIRECTS} redirects; give the final URL instead")

    def _get(self, url: str) -> Blob | str:
        """The content, or the next URL when the server redirects."""
        with self.client.stream("GET", url) as response:
            if response.is_redirect and "location" in response.headers:
                return urljoin(url, response.headers["location"])
            if response.status_code >= 400:
                raise IngestError(f"{url}: the server answered HTTP {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise IngestError(f"{url}: too large ({human_size(int(declared))}, the cap is {human_size(self.max_bytes)}; see --max-bytes)")
            data = bytearray()
            for chunk in response.iter_bytes(CHUNK):
                data += chunk
                if len(data) > self.max_bytes:
                    raise IngestError(f"{url}: too large (over the {human_size(self.max_bytes)} cap; see --max-bytes)")
            content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower() or None
        name = urlsplit(url).path.rsplit("/", 1)[-1]
        return Blob(bytes(data), origin=url, name=name, content_type=content_type)
