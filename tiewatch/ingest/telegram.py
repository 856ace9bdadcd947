"""Telegram Desktop JSON exports (`result.json`): a single chat or a whole account.

One document per message, read one message at a time (ijson), so a 200,000-message export takes
little memory; a file that is not strict JSON (NaN, a byte-order mark, an error to point at) is
parsed whole instead. Service messages (channel created, pinned, ...) and messages without
text are skipped. Text arrays and `text_entities` are flattened to plain text; link targets,
@mentions and hashtags are kept in metadata (keys fixed in docs/internals.md). The chat is the
document's Source (kind "channel").
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any, Iterable, Iterator

import ijson

from tiewatch.ingest.budget import Budget
from tiewatch.ingest.dates import Published, from_text, from_unix
from tiewatch.ingest.reader import Blob, readers
from tiewatch.model import Document, IngestError, Source

EXPORT_KEYS = ('"messages"', '"chats"', '"personal_information"')
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
JSON_STARTS = ('{"', "[{", '["')
CHAT_PREFIXES = ("", "chats.list.item", "left_chats.list.item")  # where ijson finds a chat object
MESSAGE_PREFIXES = {".".join(filter(None, (chat, "messages.item"))) for chat in CHAT_PREFIXES}
HEADER_KEYS = ("name", "type", "id", "username")
SHALLOW = 6  # components of the deepest prefix looked at ("chats.list.item.messages.item" and a key)


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


@dataclass(frozen=True)
class _Chat:
    name: str
    channel_id: str
    username: str | None
    source: Source


def _chat(header: dict) -> _Chat:
    name = str(header.get("name") or "Telegram chat")
    username = str(header.get("username") or "").lstrip("@") or None
    return _Chat(
        name=name,
        channel_id=f"{_peer_prefix(str(header.get('type', '')))}{header.get('id', '')}",
        username=username,
        source=Source(name=name, kind="channel", url=f"https://t.me/{username}" if username else None),
    )


def _document(chat: _Chat, message: Any, origin: str) -> Document | None:
    """The document of one message, or None for a service message or one without text."""
    if not isinstance(message, dict) or message.get("type") != "message":
        return None
    text, found = flatten(message)
    if not text.strip():
        return None
    message_id = message.get("id")
    link = f"https://t.me/{chat.username}/{message_id}" if chat.username else None
    when = _when(message)
    return Document(
        text=text,
        kind="telegram",
        origin=link or f"{origin}#{chat.channel_id}/{message_id}",
        author=message.get("author") or message.get("from") or chat.name,
        published=when.value,
        metadata={
            "channel": chat.name,
            "channel_id": chat.channel_id,
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
        source=chat.source,
    )


def events(handle: IO[bytes], budget: Budget, origin: str) -> Iterator[tuple[str | None, str, Any]]:
    """ijson.parse's (prefix, event, value), the prefix None deeper than chats and messages sit.

    Prefixes come from a stack of keys, joined only near the top: ijson builds one for every event,
    as long as the nesting is deep, so 50,000 nested arrays (a 100 KB file) took 6 GB. A file
    nested deeper than the budget allows is refused (IngestError)."""
    where: list[str] = []  # per open container: the key (or "item") its next value sits under
    for event, value in ijson.basic_parse(handle, use_float=True):
        if event in ("end_map", "end_array"):
            where.pop()
            yield _joined(where), event, value
        elif event == "map_key":
            where[-1] = value
            yield _joined(where[:-1]), event, value
        else:
            yield _joined(where), event, value
            if event in ("start_map", "start_array"):
                where.append("item" if event == "start_array" else "")
                budget.check(origin, "max_depth", len(where))


def _joined(where: list[str]) -> str | None:
    return ".".join(where) if len(where) <= SHALLOW else None


def streamed(handle: IO[bytes], budget: Budget, origin: str) -> Iterator[tuple[dict, Any]]:
    """(chat header, message) for every message, one message in memory at a time (ijson).

    The header holds the chat's name, type, id and username, which an export writes before its
    messages. ijson.JSONError when the file is not strict JSON; ValueError when it is JSON but no
    export."""
    header: dict = {}
    builder, building, chats = None, "", 0
    for prefix, event, value in events(handle, budget, origin):
        if builder is not None:
            builder.event(event, value)
            if prefix == building and event == "end_map":
                yield header, builder.value
                builder = None
            continue
        if prefix is None:
            continue
        parent, _, key = prefix.rpartition(".")
        if event == "start_map" and prefix in CHAT_PREFIXES:
            header = {}
        elif key == "messages" and event == "start_array" and parent in CHAT_PREFIXES:
            chats += 1
        elif event == "start_map" and prefix in MESSAGE_PREFIXES:
            builder, building = ijson.ObjectBuilder(), prefix
            builder.event(event, value)
        elif key in HEADER_KEYS and parent in CHAT_PREFIXES and event in ("string", "number"):
            header[key] = value
    if not chats:
        raise ValueError("no messages or chats")


def loaded(blob: Blob) -> Iterator[tuple[dict, Any]]:
    """The same pairs from the whole file parsed at once (json), which also takes NaN and Infinity
    and says at which line invalid JSON goes wrong."""
    try:
        raw = blob.data.decode("utf-8-sig")
        export = json.loads(raw)
    except RecursionError:  # nested deeper than Python's json parser goes, which is past the budget
        raise blob.budget.over(blob.origin, "max_depth") from None
    except UnicodeDecodeError:
        raise IngestError(f"{blob.origin}: invalid JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _is_json_lines(raw):
            raise IngestError(f"{blob.origin}: JSON lines (a data file), not a Telegram Desktop export") from None
        raise IngestError(f"{blob.origin}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    chats = chats_of(export)
    if not chats:
        raise IngestError(f"{blob.origin}: JSON, but not a Telegram Desktop export (no messages or chats)")
    return ((chat, message) for chat in chats for message in chat["messages"])


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
        done = 0

        def counted() -> Iterator[tuple[dict, Any]]:
            nonlocal done
            for pair in streamed(io.BytesIO(blob.data), blob.budget, blob.origin):
                done += 1
                yield pair

        try:
            yield from _documents(counted(), blob.origin)
        except (ijson.JSONError, ValueError):  # the messages read so far are not read again
            yield from _documents(islice(loaded(blob), done, None), blob.origin)


def _documents(pairs: Iterable[tuple[dict, Any]], origin: str) -> Iterator[Document]:
    chats: dict[int, _Chat] = {}
    for header, message in pairs:
        chat = chats.setdefault(id(header), _chat(header))
        doc = _document(chat, message, origin)
        if doc is not None:
            yield doc
