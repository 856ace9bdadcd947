"""Telegram Desktop JSON exports (`result.json`): a single chat or a whole account.

One document per message; service messages (channel created, pinned, ...) and messages without
text are skipped. Text arrays and `text_entities` are flattened to plain text; link targets,
@mentions and hashtags are kept in metadata (keys fixed in docs/internals.md). The chat is the
document's Source (kind "channel").
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from tiewatch.ingest.dates import Published, from_text, from_unix
from tiewatch.ingest.reader import Blob, readers
from tiewatch.model import Document, IngestError, Source

EXPORT_KEYS = ('"messages"', '"chats"', '"personal_information"')
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
JSON_STARTS = ('{"', "[{", '["')


def _is_json_lines(data: str) -> bool:
    first = data.lstrip().split("\n", 1)[0]
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return False
    return True


def _peer_prefix(chat_type: str) -> str:
    if "channel" in chat_type or "supergroup" in chat_type:
        return "channel"
    return "chat" if chat_type == "private_group" else "user"


def chats_of(export: Any) -> list[dict]:
    """The chats of a single-chat export (the root) or of a whole-account export."""
    if isinstance(export, dict) and isinstance(export.get("messages"), list):
        return [export]
    if isinstance(export, dict) and isinstance(export.get("chats"), dict):
        found = list(export["chats"].get("list") or [])
        left = export.get("left_chats")
        found += list(left.get("list") or []) if isinstance(left, dict) else []
        return [chat for chat in found if isinstance(chat, dict) and isinstance(chat.get("messages"), list)]
    return []


def flatten(message: dict) -> tuple[str, dict[str, list[str]]]:
    """Plain text of a message and the link targets, @mentions and hashtags in it."""
    parts = message.get("text_entities")
    if not isinstance(parts, list) or not parts:
        text = message.get("text", "")
        parts = [text] if isinstance(text, str) else (text if isinstance(text, list) else [])
    pieces: list[str] = []
    found: dict[str, list[str]] = {"links": [], "mentions": [], "hashtags": []}
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        if not isinstance(part, dict):
            continue
        kind, text = part.get("type"), str(part.get("text", ""))
        pieces.append(text)
        if kind == "link":
            found["links"].append(text)
        elif kind == "text_link" and part.get("href"):
            found["links"].append(str(part["href"]))
        elif kind in ("mention", "mention_name"):
            found["mentions"].append(text)
        elif kind == "hashtag":
            found["hashtags"].append(text)
    return "".join(pieces), {key: list(dict.fromkeys(values)) for key, values in found.items()}


def _when(message: dict) -> Published:
    """Exact from `date_unixtime` (UTC); else `date`, the exporter's local time, read as UTC."""
    raw = message.get("date")
    if message.get("date_unixtime") is not None:
        return from_unix(message["date_unixtime"], raw=str(raw) if raw is not None else None)
    return from_text(raw)


def _documents(chat: dict, origin: str) -> Iterator[Document]:
    name = str(chat.get("name") or "Telegram chat")
    channel_id = f"{_peer_prefix(str(chat.get('type', '')))}{chat.get('id', '')}"
    username = str(chat.get("username") or "").lstrip("@") or None
    source = Source(name=name, kind="channel", url=f"https://t.me/{username}" if username else None)
    for message in chat["messages"]:
        if not isinstance(message, dict) or message.get("type") != "message":
            continue
        text, found = flatten(message)
        if not text.strip():
            continue
        message_id = message.get("id")
        link = f"https://t.me/{username}/{message_id}" if username else None
        when = _when(message)
        yield Document(
            text=text,
            kind="telegram",
            origin=link or f"{origin}#{channel_id}/{message_id}",
            author=message.get("author") or message.get("from") or name,
            published=when.value,
            metadata={
                "channel": name,
                "channel_id": channel_id,
                "message_id": message_id,
                "message_link": link,
                "date": message.get("date"),
                "from": message.get("from"),
                "from_id": message.get("from_id"),
                "forwarded_from": message.get("forwarded_from"),
                "forwarded_from_id": message.get("forwarded_from_id"),
                "reply_to_message_id": message.get("reply_to_message_id"),
                **found,
                **when.metadata(),
            },
            source=source,
        )


@readers.register("telegram")
class TelegramReader:
    name = "telegram"

    def sniff(self, blob: Blob) -> int:
        head = blob.head_text
        if head.startswith("{") and any(key in head for key in EXPORT_KEYS):
            return 90
        if blob.suffix in JSON_SUFFIXES or blob.content_type == "application/json" or head.startswith(JSON_STARTS):
            return 30  # some other JSON: reading it says so better than the text reader would
        return 0

    def read(self, blob: Blob) -> Iterator[Document]:
        try:
            raw = blob.data.decode("utf-8-sig")
            export = json.loads(raw)
        except UnicodeDecodeError:
            raise IngestError(f"{blob.origin}: invalid JSON (not UTF-8 text)") from None
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" and _is_json_lines(raw):
                raise IngestError(f"{blob.origin}: JSON lines (a data file), not a Telegram Desktop export") from None
            raise IngestError(f"{blob.origin}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
        chats = chats_of(export)
        if not chats:
            raise IngestError(f"{blob.origin}: JSON, but not a Telegram Desktop export (no messages or chats)")
        for chat in chats:
            yield from _documents(chat, blob.origin)
