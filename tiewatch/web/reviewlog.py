"""The review log as an analyst reads it: each decision in words, with the names of what it changed
("changed the type of claim #12, Kora Valley Front → Black Banner Brigade, from supplies weapons to
smuggles for"), and whether it can be undone now or what must be undone first."""

from __future__ import annotations

from typing import Any, Callable

from tiewatch.model import TiewatchError, document_label
from tiewatch.store import ReviewEntry, Store

STATUS_WORDS = {"confirm": "confirmed", "reject": "rejected", "reopen": "put back to pending"}


def _words(value: Any) -> str:
    return str(value).replace("_", " ") if value not in (None, "") else "nothing"


class Namer:
    """Names of claims, actors, sources and documents, each read once per page."""

    def __init__(self, store: Store):
        self.store, self.cache = store, {}

    def _once(self, key: tuple, read: Callable[[], str]) -> str:
        if key not in self.cache:
            try:
                self.cache[key] = read()
            except TiewatchError:
                self.cache[key] = f"{key[0]} #{key[1]} (gone)"
        return self.cache[key]

    def actor(self, actor_id: int) -> str:
        return self._once(("actor", actor_id), lambda: self.store.get_actor(actor_id).label)

    def actor_on_record(self, actor_id: int) -> str:
        return self._once(("actor name", actor_id), lambda: self.store.get_actor(actor_id).name)

    def claim(self, claim_id: int) -> str:
        def read() -> str:
            c = self.store.get_claim(claim_id)
            return f"claim #{claim_id} ({c.subject} {_words(c.type)} {c.object})"
        return self._once(("claim", claim_id), read)

    def source(self, source_id: int) -> str:
        if "sources" not in self.cache:
            self.cache["sources"] = {s.id: s.name for s in self.store.list_sources()}
        return self.cache["sources"].get(source_id, f"source #{source_id}")

    def document(self, document_id: int) -> str:
        def read() -> str:
            doc = self.store.get_document(document_id)
            return f"“{document_label(doc.title, doc.origin, document_id)}”"
        return self._once(("document", document_id), read)


def in_words(e: ReviewEntry, names: Namer) -> str:
    """One decision as a sentence without its author and time (the log's columns say those)."""
    before, after = e.before, e.after
    if e.target_kind == "claim":
        claim = names.claim(e.target_id)
        if e.action == "retype":
            return f"changed the type of {claim} to {_words(after.get('reviewed_type') or 'what was extracted')}"
        if e.action == "reverse":
            return f"{'reversed' if after.get('reviewed_reversed') else 'restored'} the direction of {claim}"
        return f"{STATUS_WORDS.get(e.action, e.action)} {claim}"
    if e.target_kind == "actor":
        actor = names.actor(e.target_id)
        return {
            "merge": lambda: f"merged {after.get('merged_name', 'an actor')} into {actor}",
            "split": lambda: f"took the name {before.get('alias')} off {actor}",
            "kind": lambda: f"made {actor} a {after.get('kind')} (was a {before.get('kind')})",
            "display-name": lambda: _renamed(names.actor_on_record(e.target_id), before.get("display_name"), after.get("display_name")),
            "not-an-actor": lambda: f"marked {actor} as not an actor",
            "keep-apart": lambda: f"kept {actor} and {after.get('apart_name')} apart (not one actor)",
        }.get(e.action, lambda: f"{e.action} on {actor}")()
    if e.target_kind == "source":
        return f"graded {names.source(e.target_id)} {after.get('reliability')} (was {before.get('reliability')})"
    if e.target_kind == "document":
        changes = "; ".join(f"{_words(k)} from {_words(before.get(k))} to {_words(v)}" for k, v in after.items())
        return f"described {names.document(e.target_id)}: {changes}"
    return f"undid change #{e.target_id}"


def _renamed(on_record: str, before: str | None, after: str | None) -> str:
    was = f" (was shown as {before})" if before and before != on_record else ""
    return f"showed {on_record} as {after or on_record}{was}"


def undo_blockers(entries: list[ReviewEntry]) -> dict[int, str | None]:
    """For each entry of a newest-first page, None when it can be undone now, else why not."""
    latest: dict[tuple[str, int], int] = {}
    out: dict[int, str | None] = {}
    for e in entries:
        key = (e.target_kind, e.target_id)
        if e.target_kind == "review":
            out[e.id] = "an undo is not undone: make the change again"
        elif e.undone_at:
            out[e.id] = "already undone"
        elif key in latest:
            out[e.id] = f"undo #{latest[key]} first"
        else:
            out[e.id] = None
        if not e.undone_at and e.target_kind != "review":
            latest.setdefault(key, e.id)
    return out
