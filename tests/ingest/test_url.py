"""URLs are fetched with a size cap and limited redirects, and never from internal addresses unless
the user allows it. A real HTTP server on 127.0.0.1 stands in for the web."""

import pytest

from tests.ingest.webserver import serve
from tiewatch.ingest import Budget, Fetcher, Item, read_item
from tiewatch.ingest.url import check_destination
from tiewatch.model import IngestError


@pytest.fixture(scope="module")
def server():
    with serve() as base:
        yield base


def fetch(url, allow_private=True, max_bytes=1_000_000):
    fetcher = Fetcher(max_bytes=max_bytes, allow_private=allow_private)
    try:
        return read_item(Item(url, direct=True), Budget(max_bytes=max_bytes), fetcher)
    finally:
        fetcher.close()


def test_local_address_refused_without_allow_private(server):
    with pytest.raises(IngestError, match="internal address 127.0.0.1; pass --allow-private"):
        fetch(f"{server}/article", allow_private=False)


def test_page_fetched_when_allowed(server):
    (doc,) = fetch(f"{server}/article")
    assert doc.kind == "html" and doc.origin == f"{server}/article"
    assert "clashed with the Gourma Defence Militia" in doc.text and "Home | World" not in doc.text


def test_feed_recognised_from_content_type_and_bytes(server):
    (doc,) = fetch(f"{server}/latest")
    assert doc.kind == "feed" and doc.origin == "https://ford.example/a" and doc.source.name == "Ford News"


def test_redirects_followed_up_to_five(server):
    (doc,) = fetch(f"{server}/hop/5")
    assert doc.origin == f"{server}/article"
    with pytest.raises(IngestError, match="more than 5 redirects"):
        fetch(f"{server}/hop/6")


def test_each_redirect_target_is_checked_again(server):
    with pytest.raises(IngestError, match="resolves to 0.0.0.0, which is not a host"):
        fetch(f"{server}/to-nowhere")


@pytest.mark.parametrize("path", ["/big-declared", "/big-undeclared"])
def test_size_cap(server, path):
    with pytest.raises(IngestError, match="too large"):
        fetch(f"{server}{path}", max_bytes=1000)


def test_http_error_is_one_line(server):
    with pytest.raises(IngestError, match="answered HTTP 404"):
        fetch(f"{server}/missing")


@pytest.mark.parametrize(
    "url, why",
    [
        ("http://10.1.2.3/", "internal address 10.1.2.3"),
        ("http://169.254.169.254/latest/meta-data", "internal address 169.254.169.254"),
        ("http://[::1]:8080/", "internal address ::1"),
        ("http://[::ffff:192.168.1.1]/", "internal address 192.168.1.1"),
        ("http://240.0.0.1/", "internal address 240.0.0.1"),
        ("file:///etc/passwd", "only http:// and https://"),
    ],
)
def test_internal_and_odd_destinations_refused(url, why):
    with pytest.raises(IngestError, match=why.replace(".", r"\.")):
        check_destination(url, allow_private=False)
