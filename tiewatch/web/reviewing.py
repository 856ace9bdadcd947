"""Analyst decisions as the web carries them out: change, log, and re-aggregate the ties.

Every action re-runs `tiewatch.graph.refresh` so ties, counts and grades reflect the decision at
once (a rejected claim leaves its tie; the claim and the decision stay in the history).
"""

from __future__ import annotations

from tiewatch.model import ReviewError
from tiewatch.store import ReviewEntry, Store, User

CLAIM_ACTIONS = ("confirm", "reject", "reopen", "retype", "reverse")


def refresh_graph(store: Store) -> None:
    from tiewatch.graph import refresh

    refresh(store)


def review_claim(store: Store, user: User, claim_id: int, action: str, type: str | None = None) -> ReviewEntry:
    """confirm | reject | reopen (back to pending) | retype (needs `type`) | reverse (flip direction)."""
    if action == "confirm":
        entry = store.review_claim(claim_id, user.name, status="confirmed")
    elif action == "reject":
        entry = store.review_claim(claim_id, user.name, status="rejected")
    elif action == "reopen":
        entry = store.review_claim(claim_id, user.name, status="pending")
    elif action == "retype":
        if not type:
            raise ReviewError("retype needs the new tie type")
        entry = store.review_claim(claim_id, user.name, type=type)
    elif action == "reverse":
        state = store.claim_review_state(claim_id)
        entry = store.review_claim(claim_id, user.name, reversed=not state["reviewed_reversed"])
    else:
        raise ReviewError(f"unknown review action {action!r}; use one of {', '.join(CLAIM_ACTIONS)}")
    refresh_graph(store)
    return entry


def grade_source(store: Store, user: User, source_id: int, reliability: str) -> ReviewEntry:
    entry = store.grade_source(source_id, reliability, user.name)
    refresh_graph(store)
    return entry


def undo(store: Store, user: User, entry_id: int) -> ReviewEntry:
    """Undo one logged decision (actor merges and splits through `tiewatch.resolve`)."""
    entry = store.get_review(entry_id)
    if entry.target_kind == "actor" and not entry.undone_at:
        _undo_actor_change(store, entry)
    entry = store.undo_review(entry_id, user.name)
    refresh_graph(store)
    return entry


def _undo_actor_change(store: Store, entry: ReviewEntry) -> None:
    from tiewatch import resolve

    resolve.undo(store, entry.after["merge_log_id"])
