"""Stage `resolve`: names become actors; analysts merge and split them, reversibly.

    find_actor(store, "AQAP")            the actor an id, name, alias or spelling names (lookup.py)
    actor_ids(store, "Hizbullah")        every actor it names (a watch rule follows them all)
    merge(store, "Hezbollah", "Hizbullah", why="same group")   -> merge log id
    split(store, "Hezbollah", "Hizbullah")                     -> log id undone or written
    unmerge(store, "Hizbullah"); undo(store, log_id)
    set_kind(store, "Al-Qassam", "group")                      -> log id (undo reverses it)
    set_display_name(store, 3, "ISIS Sinai Province")           -> log id (shown by it; undo reverses it)
    dismiss(store, "Al-Walaa Wal-Baraa")  not an actor: its claims make no ties -> log id (undo reverses it)
    candidates(store)                    pairs that may be one actor, for review
    keep_apart(store, "ISIS", "ISIS Sinai")   a candidate pair is two actors: not offered again -> log id
After a merge, split or undo, re-aggregate ties with `tiewatch.graph.refresh(store)`.
"""

from tiewatch.resolve.candidates import Candidate, candidates
from tiewatch.resolve.lookup import actor_ids, find_actor
from tiewatch.resolve.merges import default_who, dismiss, keep_apart, merge, set_display_name, set_kind, split, undo, unmerge
from tiewatch.resolve.names import normalise
from tiewatch.resolve.registry import ActorRegistry

__all__ = [
    "ActorRegistry", "Candidate", "actor_ids", "candidates", "default_who", "dismiss", "find_actor", "keep_apart", "merge", "normalise", "set_display_name", "set_kind",
    "split", "undo", "unmerge",
]
