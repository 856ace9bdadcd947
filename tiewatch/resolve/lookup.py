"""Finding an actor from what a user typed: one lookup for every command, route, watch rule and export.

The order is from the surest evidence to the loosest, and the first step that names someone wins:
an id; a name, any case; a name or alias with the same matching key (spellings folded, so
"Hizbullah" finds Hizballah); a spelling the documents wrote it with (what a dossier lists as
"also written"); then a unique name containing the text ("ISIS Sinai" for "ISIS Sinai Province").
Merged actors lead to the actor that kept them. When nothing matches, the error suggests the
closest names ("no actor named 'Hamaz' — did you mean Hamas?").
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from tiewatch.model import Actor, NotFound, ReviewError
from tiewatch.resolve.names import normalise

SUGGESTED = 3  # names offered when nothing matches
CLOSE = 75  # rapidfuzz ratio (0-100) a mistyped key must reach with a known one to be offered


def _by_id(store, text: str) -> list[int]:
    if not text.isdigit() or len(text) > 18:  # no id has more digits: both databases stop at 2**63
        return []
    try:
        store.live_actor(int(text))
    except NotFound:
        return []
    return [int(text)]


def actor_ids(store, ref: str | int, *, live: bool = True, contained: bool = True) -> list[int]:
    """The actors `ref` names, by the first step of the order above that names any (several when
    the name is shared); `live=False` keeps a merged actor itself, `contained=False` skips the last,
    loosest step."""
    text = str(ref).strip()
    if not text:
        return []
    key = normalise(text)
    found = _by_id(store, text)
    if not found:
        live_named, named, by_alias = store.actor_ids_named(text, key)
        found = (live_named if live else []) or named or by_alias or store.actor_ids_written(key)
    if found:
        return list(dict.fromkeys(store.live_actor(i)[0] for i in found) if live else dict.fromkeys(found))
    if contained:
        return [a.id for a in store.search_actors(text, limit=20)]
    return []


def suggestions(store, text: str, limit: int = SUGGESTED) -> list[str]:
    """Names close to a mistyped one, closest first, among the names sharing its first letter."""
    key = normalise(text)
    if not key:
        return []
    names = {norm: (actor_id, alias) for actor_id, alias, norm in store.names_keyed_from(key[0])}
    close = process.extract(key, list(names), scorer=fuzz.ratio, score_cutoff=CLOSE, limit=limit * 4)
    shown: dict[int, str] = {}
    for norm, _score, _index in close:
        actor_id, alias = names[norm]
        live_id, live_name = store.live_actor(actor_id)
        shown.setdefault(live_id, live_name if normalise(live_name) == norm else alias)
    return list(shown.values())[:limit]


def find_actor(store, ref: str | int, *, live: bool = True) -> Actor:
    """The one actor `ref` names (see the module's order); NotFound with the closest names when
    none does, ReviewError listing them when several do."""
    text = str(ref).strip()
    found = actor_ids(store, text, live=live)
    if not found:
        close = suggestions(store, text)
        hint = f" — did you mean {' or '.join(close)}?" if close else "; `tiewatch actors` lists them"
        raise NotFound(f"no actor named {text!r}{hint}")
    if len(found) > 1:
        shown = "; ".join(f"{store.get_actor(i).name} (id {i})" for i in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise ReviewError(f"{text!r} names {len(found)} actors: {shown}{more}; give the id or the full name")
    return store.get_actor(found[0])
