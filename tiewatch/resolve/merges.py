"""Analyst merges and splits of actors: logged (when, who, why) and exactly reversible.

A merge folds actor B into A: B's mentions (and so its claims) move to A, B stays in the table
with `merged_into = A` so its names keep resolving to A, and the merge log keeps a snapshot of
which mentions were B's. Undoing it (`undo`, `unmerge`, or `split A --alias <a name of B>`)
gives B back its mentions, including later ones written with a name only B had. A split of an
alias that did not come from a merge moves that alias and its mentions to a new actor.
An analyst can also correct an actor's kind (the tagger took a group for a person); that change
is logged and undone the same way. Callers re-aggregate ties afterwards with
`tiewatch.graph.refresh(store)`.
"""

from __future__ import annotations

import getpass
import os

from tiewatch.model import NotFound, ReviewError
from tiewatch.model.records import ACTOR_KINDS
from tiewatch.resolve.lookup import find_actor
from tiewatch.resolve.names import normalise, split_acronym
from tiewatch.resolve.registry import display_name, family


def default_who() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def mention_key(text: str, canonical: str | None) -> str:
    return normalise(split_acronym(canonical or text)[0])


def _names_of(store, actor_id: int) -> set[str]:
    actor = store.get_actor(actor_id)
    return {normalise(n) for n in [actor.name, *actor.aliases]} - {""}


def _entry(actor) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(actor.external_ids.items()))


def merge(store, keep: str | int, other: str | int, why: str | None = None, who: str | None = None,
          force: bool = False) -> int:
    """Fold `other` into `keep`; returns the merge log id. Two distinct watchlist entries (a
    designation list keeps them apart: Hamas and its Qassam Brigades, ISIS and a province) are
    merged only with `force`."""
    kept, gone = find_actor(store, keep), find_actor(store, other)
    if kept.id == gone.id:
        raise ReviewError(f"{kept.name!r} and {gone.name!r} are already one actor (id {kept.id})")
    if family(kept.kind) != family(gone.kind):
        raise ReviewError(f"cannot merge {gone.name!r} ({gone.kind}) into {kept.name!r} ({kept.kind}): kinds differ")
    if not force and kept.external_ids and gone.external_ids and kept.external_ids != gone.external_ids:
        raise ReviewError(f"{kept.name!r} ({_entry(kept)}) and {gone.name!r} ({_entry(gone)}) are two watchlist "
                          "entries; merge them only if the list is wrong (--force)")
    mention_ids = [m.id for m in store.actor_mentions(gone.id)]
    snapshot = {"other": {"id": gone.id, "name": gone.name, "kind": gone.kind}, "mentions": mention_ids}
    return store.apply_merge(kept.id, gone.id, mention_ids, snapshot, why, who or default_who())


def undo(store, entry_id: int) -> None:
    """Reverse one logged merge or split, whichever it was."""
    entries = {e.id: e for e in store.merge_entries()}
    entry = entries.get(int(entry_id))
    if entry is None:
        raise NotFound(f"no merge log entry {entry_id}; `tiewatch actors log` lists them")
    if entry.undone_at:
        raise ReviewError(f"merge log entry {entry_id} was already undone at {entry.undone_at}")
    if entry.action == "merge":
        _unmerge(store, entry)
    elif entry.action == "kind":
        store.restore_kind(entry.id, entry.kept_id, entry.snapshot["from"])
    elif entry.action == "dismiss":
        store.restore_dismissal(entry.id, entry.kept_id)
    elif entry.action == "name":
        store.restore_display_name(entry.id, entry.kept_id, entry.snapshot["from"])
    elif entry.action == "apart":
        store.mark_merge_undone(entry.id)
    else:
        _unsplit(store, entry)


def set_kind(store, actor: str | int, kind: str, why: str | None = None, who: str | None = None) -> int:
    """Correct an actor's kind (group, person, state, place, other); returns the log id."""
    if kind not in ACTOR_KINDS:
        raise ReviewError(f"unknown kind {kind!r}; use one of {', '.join(ACTOR_KINDS)}")
    target = find_actor(store, actor)
    if target.kind == kind:
        raise ReviewError(f"{target.name!r} is already a {kind}")
    snapshot = {"from": target.kind, "to": kind}
    return store.apply_kind(target.id, kind, snapshot, why, who or default_who())


def keep_apart(store, a: str | int, b: str | int, why: str | None = None, who: str | None = None) -> int:
    """Say two actors a merge candidate paired are distinct: never offered again (undo reverses it)."""
    first, second = find_actor(store, a), find_actor(store, b)
    if first.id == second.id:
        raise ReviewError(f"{first.name!r} and {second.name!r} are one actor already")
    return store.apply_apart(first.id, second.id, why, who or default_who())


def set_display_name(store, actor: str | int, name: str | None, why: str | None = None, who: str | None = None) -> int:
    """Show an actor by a curated short name ("ISIS Sinai Province"); its name, often a watchlist's
    official one, stays and is still found. None clears it. Returns the log id (`undo` reverses it)."""
    target = find_actor(store, actor)
    return store.apply_display_name(target.id, name, why, who or default_who())


def dismiss(store, actor: str | int, why: str | None = None, who: str | None = None) -> int:
    """Mark a name that is no actor (a doctrine, a demonym, a letterhead fragment): its mentions stay,
    marked by the actor they point to, and stop making ties; returns the log id (`undo` reverses it)."""
    target = find_actor(store, actor)
    if target.dismissed_at:
        raise ReviewError(f"{target.name!r} is already marked not an actor (since {target.dismissed_at[:10]})")
    return store.apply_dismissal(target.id, why, who or default_who())


def unmerge(store, actor: str | int) -> int:
    """Bring back an actor that was merged away (by its own name or id); returns the log id undone."""
    gone = find_actor(store, actor, live=False)
    for entry in store.merge_entries(gone.id, open_only=True):
        if entry.action == "merge" and entry.other_id == gone.id:
            _unmerge(store, entry)
            return entry.id
    raise ReviewError(f"{gone.name!r} is not merged into another actor; nothing to undo")


def _unmerge(store, entry) -> None:
    kept_root = find_actor(store, entry.kept_id).id
    own = _names_of(store, entry.other_id)
    stays = _names_of(store, kept_root) - own
    snapshot = set(entry.snapshot.get("mentions", []))
    back = [
        m.id for m in store.actor_mentions(kept_root)
        if m.id in snapshot or (mention_key(m.text, m.canonical) in own and mention_key(m.text, m.canonical) not in stays)
    ]
    store.apply_unmerge(entry.id, entry.other_id, back)


def _unsplit(store, entry) -> None:
    """A split is undone by merging the split-off actor back and closing the split entry."""
    merge(store, entry.kept_id, entry.other_id, why=f"undo split {entry.id}", who=entry.who)
    store.mark_merge_undone(entry.id)


def split(store, actor: str | int, alias: str, why: str | None = None, who: str | None = None) -> int:
    """Take a name off an actor: undoes the merge it came from, else moves it to a new actor.

    Returns the merge log id undone or written.
    """
    kept = find_actor(store, actor)
    key = normalise(alias)
    for entry in store.merge_entries(kept.id, open_only=True):
        if entry.action == "merge" and entry.kept_id == kept.id and key in _names_of(store, entry.other_id):
            _unmerge(store, entry)
            return entry.id
    if key == normalise(kept.name):
        raise ReviewError(f"{alias!r} is the name of {kept.name!r} itself; split off one of its aliases")
    has_alias = key in {normalise(a) for a in kept.aliases}
    mentions = [m.id for m in store.actor_mentions(kept.id) if mention_key(m.text, m.canonical) == key]
    if not has_alias and not mentions:
        raise ReviewError(f"{alias!r} is not a name of {kept.name!r}; `tiewatch show {kept.name}` lists its aliases")
    new_id = store.create_actor(display_name(alias), kept.kind, [] if has_alias else [(display_name(alias), key, "analyst")])
    snapshot = {"alias": alias, "norm": key, "mentions": mentions}
    return store.apply_split(kept.id, key, new_id, mentions, snapshot, why, who or default_who())
