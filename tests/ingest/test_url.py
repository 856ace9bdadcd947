"""URLs are fetched with a size cap, a total time budget and limited redirects, and only from the
addresses that were checked: never from internal addresses unless the user allows it, whatever a
host name resolves to the second time. A real HTTP(S) server on 127.0.0.1 stands in for the web;
only the resolver is replaced, where a test needs a host name to resolve to chosen addresses."""

import ipaddress
import re
import ssl

import pytest
import trustme

from tests.ingest.webserver import serve_logged
from tiewatch.ingest import Budget, Fetcher, Item, address, read_item
from tiewatch.model import IngestError

PUBLIC = ipaddress.ip_address("93.184.215.14")
LOOPBACK = ipaddress.ip_address("127.0.0.1")


@pytest.fixture(scope="module")
def site():
    with serve_logged() as (base, seen):
        yield base, seen


@pytest.fixture
def server(site):
    return site[0]


class Names:
    """Host names a test makes up, each with the answers the resolver gives it, one per lookup (the
    last one repeats); other hosts resolve as usual. `asked` logs every lookup."""

    def __init__(self):
        self.answers: dict[str, list[list]] = {}
        self.asked: list[str] = []
        self._real = address.resolve

    def resolve(self, host, port):
        self.asked.append(host)
        if host not in self.answers:
            return self._real(host, port)
        queue = self.answers[host]
        return queue.pop(0) if len(queue) > 1 else queue[0]


@pytest.fixture
def names(monkeypatch):
    made_up = Names()
    monkeypatch.setattr(address, "resolve", made_up.resolve)
    return made_up


def port_of(base: str) -> str:
    return base.rsplit(":", 1)[1]


def fetch(url, allow_private=True, max_bytes=1_000_000, **options):
    fetcher = Fetcher(max_bytes=max_bytes, allow_private=allow_private, **options)
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


def test_endless_body_cut_at_the_size_cap(server):
    with pytest.raises(IngestError, match=r"/endless: too large \(over the 1.0 MB cap; see --max-bytes\)"):
        fetch(f"{server}/endless", time_budget=120)


@pytest.mark.parametrize("path", ["/drip", "/stall"])
def test_slow_server_cut_by_the_total_time_budget(server, path):
    with pytest.raises(IngestError, match=rf"{path}: too slow \(the download took over its 1.5 s budget; see --fetch-timeout\)"):
        fetch(f"{server}{path}", time_budget=1.5)


def test_http_error_is_one_line(server):
    with pytest.raises(IngestError, match="answered HTTP 404"):
        fetch(f"{server}/missing")


@pytest.mark.parametrize(
    "host, why",
    [
        ("10.1.2.3", "internal address 10.1.2.3;"),
        ("169.254.169.254", "internal address 169.254.169.254;"),
        ("[::1]", "internal address ::1;"),
        ("[::ffff:192.168.1.1]", "internal address ::ffff:c0a8:101 (IPv4-mapped for 192.168.1.1);"),
        ("240.0.0.1", "internal address 240.0.0.1;"),
        ("100.64.0.1", "internal address 100.64.0.1;"),
        ("100.100.100.200", "internal address 100.100.100.200;"),
        ("[2002:7f00:1::]", "internal address 2002:7f00:1:: (6to4 for 127.0.0.1);"),
        ("[2002:a9fe:a9fe::1]", "internal address 2002:a9fe:a9fe::1 (6to4 for 169.254.169.254);"),
        ("[64:ff9b::7f00:1]", "internal address 64:ff9b::7f00:1 (NAT64 for 127.0.0.1);"),
        ("[64:ff9b::a00:1]", "internal address 64:ff9b::a00:1 (NAT64 for 10.0.0.1);"),
        ("[2001:0:4136:e378:8000:63bf:80ff:fffe]", "internal address 2001:0:4136:e378:8000:63bf:80ff:fffe (Teredo for 127.0.0.1);"),
    ],
)
def test_internal_destinations_refused_before_connecting(host, why):
    with pytest.raises(IngestError, match="refused, .* resolves to the " + re.escape(why)):
        fetch(f"http://{host}/", allow_private=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "[::]", "224.0.0.1", "[ff02::1]", "[2002::]", "[64:ff9b::e000:1]"])
def test_non_hosts_refused_even_with_allow_private(host):
    with pytest.raises(IngestError, match="which is not a host"):
        fetch(f"http://{host}/", allow_private=True)


def test_odd_schemes_refused():
    fetcher = Fetcher(max_bytes=1000)
    with pytest.raises(IngestError, match="only http:// and https://"):
        fetcher.fetch("file:///etc/passwd")


@pytest.mark.parametrize("public", ["2002:808:808::", "64:ff9b::808:808", "::ffff:8.8.8.8", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_pass(public):
    assert address.refusal(ipaddress.ip_address(public), allow_private=False) is None


def test_dns_rebinding_never_reaches_the_loopback_server(site, names):
    base, seen = site
    names.answers["rebind.test"] = [[PUBLIC], [LOOPBACK]]  # public when checked, loopback when asked again
    before = len(seen)
    with pytest.raises(IngestError, match=r"^http://rebind\.test:\d+/article: (cannot fetch|timed out|too slow)"):
        fetch(f"http://rebind.test:{port_of(base)}/article", allow_private=False, time_budget=5)
    assert names.asked.count("rebind.test") == 1
    assert seen[before:] == []


def test_one_internal_address_among_public_ones_refuses_the_host(site, names):
    base, seen = site
    names.answers["mixed.test"] = [[PUBLIC, LOOPBACK]]
    before = len(seen)
    with pytest.raises(IngestError, match="refused, mixed.test resolves to the internal address 127.0.0.1"):
        fetch(f"http://mixed.test:{port_of(base)}/article", allow_private=False)
    assert seen[before:] == []


def test_connects_to_the_resolved_address_with_the_host_header_kept(site, names):
    base, seen = site
    names.answers["ford.test"] = [[LOOPBACK]]
    (doc,) = fetch(f"http://ford.test:{port_of(base)}/article")
    assert doc.origin == f"http://ford.test:{port_of(base)}/article"
    assert seen[-1] == ("/article", f"ford.test:{port_of(base)}")


def test_every_redirect_hop_is_resolved_and_pinned_again(site, names):
    base, seen = site
    names.answers["ford.test"] = [[LOOPBACK]]
    names.answers["multicast.test"] = [[ipaddress.ip_address("64:ff9b::e000:1")]]
    (doc,) = fetch(f"http://ford.test:{port_of(base)}/hop/2")
    assert names.asked.count("ford.test") == 3 and seen[-3:] == [
        ("/hop/2", f"ford.test:{port_of(base)}"), ("/hop/1", f"ford.test:{port_of(base)}"), ("/article", f"ford.test:{port_of(base)}"),
    ]
    with pytest.raises(IngestError, match=r"multicast\.test:\d+/article: refused, multicast\.test resolves to 64:ff9b::e000:1 \(NAT64 for 224\.0\.0\.1\)"):
        fetch(f"http://ford.test:{port_of(base)}/to-host/multicast.test")


@pytest.fixture(scope="module")
def authority():
    return trustme.CA()


def tls_server(authority, name):
    """A loopback HTTPS server whose certificate is for `name` only, noting the SNI each client sent."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(name).configure_cert(context)
    sent = []
    context.sni_callback = lambda sock, server_name, ctx: sent.append(server_name)
    return serve_logged(tls=context), sent


def client_trusting(authority) -> ssl.SSLContext:
    context = ssl.create_default_context()
    authority.configure_trust(context)
    return context


def test_https_keeps_sni_and_verifies_the_certificate_for_the_name(authority, names):
    server, sent = tls_server(authority, "ford.test")
    names.answers["ford.test"] = [[LOOPBACK]]
    with server as (base, seen):
        (doc,) = fetch(f"https://ford.test:{port_of(base)}/article", verify=client_trusting(authority))
    assert "Gourma Defence Militia" in doc.text
    assert sent == ["ford.test"] and seen == [("/article", f"ford.test:{port_of(base)}")]


def test_https_refuses_a_certificate_for_another_name(authority, names):
    server, _ = tls_server(authority, "other.test")
    names.answers["ford.test"] = [[LOOPBACK]]
    with server as (base, seen):
        with pytest.raises(IngestError, match="cannot fetch .*certificate verify failed"):
            fetch(f"https://ford.test:{port_of(base)}/article", verify=client_trusting(authority))
    assert seen == []
