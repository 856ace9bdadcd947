"""Analyst decisions as the web carries them out: change, log, and re-aggregate the ties.

Every action re-runs `tiewatch.graph.refresh` so ties, counts and grades reflect the decision at
once (a rejected claim leaves its tie; the claim and the decision stay in the history).
"""

from __future__ import annotations

from tiewatch import resolve
from tiewatch.graph import refresh
from tiewatch.ingest.given import Given
from tiewatch.model import IngestError, ReviewError
from tiewatch.store import ReviewEntry, Store, User

CLAIM_ACTIONS = ("confirm", "reject", "reopen", "retype", "reverse")


def review_claim(store: Store, user: User, claim_id: int, action: str, type: str | None = None,
                 twins: bool = False) -> ReviewEntry:
    """confirm | reject | reopen (back to pending) | retype (needs `type`) | reverse (flip direction).
    `twins`: the same judgement for every identical claim in a copy (see Store.twin_claims), each
    logged as its own change; the entry returned is the claim's own, with `after["twins"]` counted."""
    if action not in CLAIM_ACTIONS:
        raise ReviewError(f"unknown review action {action!r}; use one of {', '.join(CLAIM_ACTIONS)}")
    if action == "retype" and not type:
        raise ReviewError("retype needs the new tie type")
    copies = store.twin_claims(claim_id) if twins else []
    entry = _judge(store, user, claim_id, action, type)
    for twin in copies:
        _judge(store, user, twin, action, type)
    entry.after["twins"] = len(copies)
    refresh(store)
    return entry


def _judge(store: Store, user: User, claim_id: int, action: str, type: str | None) -> ReviewEntry:
    if action == "retype":
        return store.review_claim(claim_id, user.name, type=type)
    if action == "reverse":
        state = store.claim_review_state(claim_id)
        return store.review_claim(claim_id, user.name, reversed=not state["reviewed_reversed"])
    status = {"confirm": "confirmed", "reject": "rejected", "reopen": "pending"}[action]
    return store.review_claim(claim_id, user.name, status=status)


def grade_source(store: Store, user: User, source_id: int, reliability: str) -> ReviewEntry:
    entry = store.grade_source(source_id, reliability, user.name)
    refresh(store)
    return entry


def describe_document(store: Store, user: User, document_id: int, changes: dict[str, str | None]) -> ReviewEntry:
    """Set (or, with an empty value, clear) a document's title, publisher, date and web address;
    a date is read as `tiewatch ingest --published` reads it. The graph's dates follow at once."""
    try:
        checked = Given.parse(how="analyst", **{k: v for k, v in changes.items() if v and v.strip()})
    except IngestError as exc:
        raise ReviewError(str(exc)) from None
    values = {k: getattr(checked, k) if v and v.strip() else None for k, v in changes.items()}
    entry = store.describe_document(document_id, user.name, values)
    refresh(store)
    return entry


def undo(store: Store, user: User, entry_id: int) -> ReviewEntry:
    """Undo one logged decision (actor merges and splits through `tiewatch.resolve`)."""
    entry = store.get_review(entry_id)
    if entry.target_kind == "actor" and not entry.undone_at:
        _undo_actor_change(store, entry)
    entry = store.undo_review(entry_id, user.name)
    refresh(store)
    return entry


def merge_actors(store: Store, user: User, keep_id: int, other: str, why: str | None = None,
                 force: bool = False) -> ReviewEntry:
    """Fold the actor `other` (an id, name or alias) into actor `keep_id` (two watchlist entries
    only with `force`)."""
    kept, gone = resolve.find_actor(store, keep_id), resolve.find_actor(store, other)
    log_id = resolve.merge(store, kept.id, gone.id, why=why, who=user.name, force=force)
    entry = store.log_review(
        user.name, "merge", "actor", kept.id,
        {"merged": None}, {"merged": gone.id, "merged_name": gone.name, "merge_log_id": log_id},
    )
    refresh(store)
    return entry


def split_actor(store: Store, user: User, actor_id: int, alias: str, why: str | None = None) -> ReviewEntry:
    """Take `alias` off the actor: undoes the merge it came from, else makes it a new actor."""
    actor = resolve.find_actor(store, actor_id)
    log_id = resolve.split(store, actor.id, alias, why=why, who=user.name)
    entry = store.log_review(user.name, "split", "actor", actor.id, {"alias": alias}, {"alias": None, "merge_log_id": log_id})
    refresh(store)
    return entry


def name_actor(store: Store, user: User, actor_id: int, name: str | None) -> ReviewEntry:
    """Show the actor by `name` (None: by its own name); logged, undone from the review log."""
    before = store.get_actor(actor_id).label
    log_id = resolve.set_display_name(store, actor_id, name, who=user.name)
    entry = store.log_review(user.name, "display-name", "actor", actor_id,
                             {"display_name": before}, {"display_name": store.get_actor(actor_id).label, "merge_log_id": log_id})
    refresh(store)
    return entry


def retype_actor(store: Store, user: User, actor_id: int, kind: str) -> ReviewEntry:
    """Correct the actor's kind (a town typed as a group, an outlet as a person); undo restores it."""
    before = store.get_actor(actor_id).kind
    log_id = resolve.set_kind(store, actor_id, kind, who=user.name)
    entry = store.log_review(user.name, "kind", "actor", actor_id, {"kind": before}, {"kind": kind, "merge_log_id": log_id})
    refresh(store)
    return entry


def keep_apart(store: Store, user: User, a: int, b: int) -> ReviewEntry:
    """Two actors a merge candidate paired are distinct: the pair is not offered again; undo reverses it."""
    log_id = resolve.keep_apart(store, a, b, who=user.name)
    other = store.get_actor(b)
    return store.log_review(user.name, "keep-apart", "actor", a, {"apart_from": None},
                            {"apart_from": other.id, "apart_name": other.label, "merge_log_id": log_id})


def dismiss_actor(store: Store, user: User, actor_id: int, why: str | None = None) -> ReviewEntry:
    """Mark the actor "not an actor": its claims leave the graph, its mentions stay; undo restores it."""
    log_id = resolve.dismiss(store, actor_id, why=why, who=user.name)
    at = store.get_actor(actor_id).dismissed_at
    entry = store.log_review(user.name, "not-an-actor", "actor", actor_id,
                             {"not_an_actor": None}, {"not_an_actor": at, "merge_log_id": log_id})
    refresh(store)
    return entry


def _undo_actor_change(store: Store, entry: ReviewEntry) -> None:
    """A merge is undone through its log entry; a split that undid a merge is undone by merging again."""
    log = {e.id: e for e in store.merge_entries()}.get(entry.after.get("merge_log_id"))
    if log is None:
        raise ReviewError(f"change #{entry.id} has no merge log entry to reverse")
    if entry.action == "split" and log.action == "merge" and log.undone_at:
        resolve.merge(store, log.kept_id, log.other_id, why=f"undo change #{entry.id}", who=entry.who)
    else:
        resolve.undo(store, log.id)
