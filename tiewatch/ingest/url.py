"""Fetching a URL safely (httpx): a size cap, a total time budget, at most five redirects, and no
connection to loopback, private, link-local, shared or reserved addresses unless the user allows it.

Each hop's host is resolved once and connected to at exactly the addresses that were checked
(transport.py, address.py), so a public URL that redirects, resolves or re-resolves to an internal
address is refused too. The fetched bytes go to the reader chosen by sniffing, with the server's
content type as a hint.
"""

from __future__ import annotations

import ssl
from urllib.parse import urljoin, urlsplit

import httpx

from tiewatch.ingest.address import DestinationRefused
from tiewatch.ingest.reader import Blob
from tiewatch.ingest.transport import PinnedTransport, budget, over_budget
from tiewatch.model import IngestError

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_FETCH_SECONDS = 60.0
USER_AGENT = "tiewatch/0.1 (open-source research tool)"
CHUNK = 64 * 1024


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def human_size(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n} bytes"


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise IngestError(f"{url}: only http:// and https:// URLs can be fetched")


class Fetcher:
    """Fetches URLs into Blobs under the safety rules above. Reuse one per run.

    `time_budget` (seconds) is the whole budget of one fetch: connecting, every redirect and the body.
    `verify` is httpx's: True (the system's CA bundle) or an SSLContext trusting other CAs.
    """

    def __init__(self, *, max_bytes: int, allow_private: bool = False, time_budget: float = DEFAULT_FETCH_SECONDS,
                 verify: ssl.SSLContext | bool = True):
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.time_budget = time_budget
        self._verify = verify
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=TIMEOUT, follow_redirects=False, trust_env=False,
                transport=PinnedTransport(allow_private=self.allow_private, verify=self._verify),
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def fetch(self, url: str) -> Blob:
        with budget(self.time_budget):
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                _check_scheme(current)
                next_hop = self._hop(current)
                if isinstance(next_hop, Blob):
                    return next_hop
                current = next_hop
        raise IngestError(f"{url}: more than {MAX_REDIRECTS} redirects; give the final URL instead")

    def _hop(self, url: str) -> Blob | str:
        try:
            return self._get(url)
        except DestinationRefused as exc:
            raise IngestError(f"{url}: {exc}") from None
        except httpx.TimeoutException:
            if over_budget():
                raise self._too_slow(url) from None
            raise IngestError(f"{url}: timed out; the server did not answer in time") from None
        except httpx.HTTPError as exc:
            raise IngestError(f"{url}: cannot fetch ({str(exc).splitlines()[0] or type(exc).__name__})") from None

    def _too_slow(self, url: str) -> IngestError:
        return IngestError(f"{url}: too slow (the download took over its {self.time_budget:g} s budget; see --fetch-timeout)")

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
                if over_budget():
                    raise self._too_slow(url)
            content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower() or None
        name = urlsplit(url).path.rsplit("/", 1)[-1]
        return Blob(bytes(data), origin=url, name=name, content_type=content_type)
