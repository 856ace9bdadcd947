"""Which network addresses a fetch may connect to.

A host is resolved once and every address it resolves to is judged; the fetcher then connects only
to those addresses (see transport.py), so a name cannot resolve to a public address for the check
and to an internal one for the connection.

Never: unspecified (0.0.0.0, ::) and multicast addresses. Without --allow-private also none of
loopback, private, link-local, reserved, shared (CGNAT, 100.64.0.0/10). An IPv6 address that carries
an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, 6to4 2002::/16, Teredo 2001::/32, NAT64 64:ff9b::/96)
is judged by the IPv4 address it carries.
"""

from __future__ import annotations

import ipaddress
import socket

from tiewatch.model import IngestError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class DestinationRefused(IngestError):
    """The host cannot be resolved, or resolves to an address no fetch may go to."""


def embedded_ipv4(address: Address) -> tuple[ipaddress.IPv4Address, str] | None:
    """The IPv4 address an IPv6 address carries, and how it carries it."""
    if address.version == 4:
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped, "IPv4-mapped"
    if address.sixtofour:
        return address.sixtofour, "6to4"
    if address.teredo:
        return address.teredo[1], "Teredo"
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF), "NAT64"
    return None


def _internal(address: Address) -> bool:
    return (
        address.is_loopback or address.is_private or address.is_link_local or address.is_reserved
        or address in CGNAT
    )


def refusal(address: Address, allow_private: bool) -> str | None:
    """Why no fetch may connect to `address` (the words after "resolves to"), or None."""
    carried = embedded_ipv4(address)
    judged = carried[0] if carried else address
    shown = f"{address} ({carried[1]} for {judged})" if carried else str(address)
    if judged.is_unspecified or judged.is_multicast:
        return f"{shown}, which is not a host"
    if _internal(judged) and not allow_private:
        return f"the internal address {shown}; pass --allow-private to fetch from your own network"
    return None


def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to (an address literal resolves to itself), in resolver order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise DestinationRefused(f"cannot resolve host {host!r} ({exc})") from None
    found = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    return list(dict.fromkeys(found))


def allowed_addresses(host: str, port: int, allow_private: bool) -> list[Address]:
    """The addresses of `host`, resolved once; DestinationRefused if any one of them is refused."""
    found = resolve(host, port)
    for address in found:
        why = refusal(address, allow_private)
        if why:
            raise DestinationRefused(f"refused, {host} resolves to {why}")
    if not found:
        raise DestinationRefused(f"cannot resolve host {host!r} (no address)")
    return found
