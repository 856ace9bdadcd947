"""Structural edges between Telegram channels, kept apart from the ties sentences claim.

From a post's metadata (keys in docs/internals.md):
    forward   the posting channel -> the channel it forwarded from (`forwarded_from`, else the
              raw `forwarded_from_id`, kept unresolved until a post of that channel is stored)
    reply     the replying author -> the author of the post replied to (in a group chat, a post
              not stored yet is kept as "channel#id" until it is)
    link      the posting channel -> a channel a t.me link points at
    mention   the posting channel -> an @username it names
Each edge keeps the message link, the original id and the date as provenance.
"""

from __future__ import annotations

import re
from typing import Any

_TME_RE = re.compile(r"(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,})", re.I)
_NOT_CHANNELS = {"joinchat", "share", "addstickers", "proxy", "c", "iv", "socks"}


def channel_key(raw: Any) -> str:
    """A channel id as stored in edges: digits only ("channel1234" and "1234" are one channel)."""
    digits = re.sub(r"\D", "", str(raw))
    return f"channel{digits}" if digits else str(raw)


def edges_of(doc_id: int, meta: dict[str, Any], date: str | None,
             messages: dict[tuple[str, str], tuple[str, str | None]]) -> list[dict[str, Any]]:
    """The structural edges one Telegram post carries."""
    channel = meta.get("channel")
    if not channel:
        return []
    channel = str(channel)
    own = {channel.casefold()}
    link = meta.get("message_link")
    if link and (m := _TME_RE.search(str(link))):
        own.add(m[1].casefold())
    base = {"from_channel": channel, "document_id": doc_id, "message_link": link, "date": date}
    edges: list[dict[str, Any]] = []

    def add(kind: str, to: str, resolved: bool, original: Any = None) -> None:
        if to and to.casefold() not in own and not any(
            e["kind"] == kind and e["to_channel"] == to for e in edges
        ):
            edges.append({**base, "kind": kind, "to_channel": to, "resolved": int(resolved),
                          "original_id": None if original is None else str(original)})

    if meta.get("forwarded_from"):
        add("forward", str(meta["forwarded_from"]), True, meta.get("forwarded_from_id"))
    elif meta.get("forwarded_from_id"):
        add("forward", channel_key(meta["forwarded_from_id"]), False, meta.get("forwarded_from_id"))
    reply_to = meta.get("reply_to_message_id")
    replier = str(meta.get("from") or channel)
    if reply_to is not None:
        author = messages.get((channel, str(reply_to)), (None, None))[1]
        if author is None and replier != channel:  # a post of a group chat not stored yet: keep the reference
            author, resolved = message_ref(channel, reply_to), 0
        else:
            resolved = 1
        if author and author != replier:
            edges.append({**base, "from_channel": replier, "kind": "reply", "to_channel": str(author),
                          "resolved": resolved, "original_id": str(reply_to)})
    for href in meta.get("links") or ():
        for found in _TME_RE.finditer(str(href)):
            if found[1].casefold() not in _NOT_CHANNELS:
                add("link", found[1], True, href)
    for username in meta.get("mentions") or ():
        add("mention", str(username).lstrip("@"), True, username)
    return edges


def message_ref(channel: str, message_id: Any) -> str:
    """How an edge names a post that is not stored yet: "channel#123"."""
    return f"{channel}#{message_id}"


def pending_names(rows: list[Any]) -> dict[str, str]:
    """What the Telegram posts among `rows` (id, kind, meta) resolve: channel ids -> channel names,
    and post references -> the post's author."""
    out: dict[str, str] = {}
    for row in rows:
        meta = row.meta or {}
        if row.kind != "telegram" or not meta.get("channel"):
            continue
        if meta.get("channel_id") is not None:
            out[channel_key(meta["channel_id"])] = str(meta["channel"])
        if meta.get("message_id") is not None and meta.get("from"):
            out[message_ref(meta["channel"], meta["message_id"])] = str(meta["from"])
    return out
