"""The actor registry: turns each mention into an actor, creating actors only when nothing matches.

Order of matching for a name (the mention's `canonical` when the extractor resolved a
back-reference, else its text), among actors of the same kind (state and place count as one kind):
1. its matching key (`names.normalise`) is a known name or alias;
2. it names exactly one watchlist entry: that entry's actor (created with all its aliases, ids and
   designations on first use). Two entries are never folded together, and a name two entries
   share resolves to neither: it gets an actor of its own (a merge candidate);
3. a close spelling (rapidfuzz ratio on keys >= `AUTO_MATCH`, names of 6+ letters, the same
   numbers) of a known name; anything closer than `CANDIDATE` but not that close is kept apart and shown by
   `tiewatch actors candidates`;
4. otherwise a new actor.
Within a document, an acronym defined in brackets after a name ("... Peninsula (AQAP)"), or a
name given in brackets after an acronym ("AQAP (al-Qaeda in the Arabian Peninsula)"), resolves
to that name, and becomes its alias when no other actor uses it; "X's Sinai province" resolves to
"Sinai Province", part of X; "X's military wing" resolves to the group named beside it
("the Qassam Brigades, Hamas's military wing"), else to "military wing of X"; a short form of a
name the document gives in full ("Al-Baghdadi", "Al-Qassam") resolves to the full name (shortforms.py).
A mention whose kind spaCy only guessed takes the kind its name's stored mentions vote for (kinds.py).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from tiewatch.resolve.names import (
    Described,
    defined_acronym,
    defined_expansion,
    describe,
    is_reference,
    normalise,
    split_acronym,
    words,
)
from tiewatch.resolve.kinds import KindVotes, assignment, family, is_guessed_kind, mention_name
from tiewatch.resolve.shortforms import long_forms
from tiewatch.resolve.watchlist import Entry, Watchlist, watchlist as packaged_watchlist
from tiewatch.store import Assignment

AUTO_MATCH = {"person": 95.0}
AUTO_MATCH_DEFAULT = 92.0
CANDIDATE = 85.0
MIN_FUZZY_LENGTH = 6
_NEIGHBOUR_GAP = 4  # characters between an apposition and the name it describes: ", " " (" " - "


def digits(key: str) -> str:
    """Numbers in a name are never a spelling variant: "Brigade 313" is not "Brigade 314"."""
    return "".join(c if c.isdigit() else " " for c in key).strip()


def display_name(name: str) -> str:
    name = " ".join(name.split())
    return name[4:] if name.casefold().startswith("the ") and len(name) > 4 else name


def _entry_key(ids: dict[str, str], name: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(ids.items())) if ids else (("watchlist", name),)


class ActorRegistry:
    """Resolves names to actor ids against one store; keeps its index in memory for a whole refresh."""

    def __init__(self, store, watchlist: Watchlist | None = None):
        self.store = store
        self.watchlist = packaged_watchlist() if watchlist is None else watchlist
        self.kind: dict[int, str] = {}
        self.parent: dict[int, int | None] = {}
        self.merged_into: dict[int, int | None] = {}
        self.entry_actor: dict[tuple[tuple[str, str], ...], int] = {}
        self.primary: dict[int, str] = {}
        for row in store.actor_records():
            self.kind[row.id] = row.kind
            self.primary[row.id] = "" if row.external_ids else normalise(row.name)
            self.parent[row.id] = row.parent_id
            self.merged_into[row.id] = row.merged_into
            if row.external_ids:
                self.entry_actor[_entry_key(dict(row.external_ids), row.name)] = row.id
        self.index: dict[tuple[str, str], list[int]] = {}
        self.fuzzy_keys: dict[str, list[str]] = {}
        self.by_key: dict[str, set[int]] = {}
        self.votes: KindVotes | None = None  # the batch's kind votes, set by the rebuild
        self.created = 0
        for row in store.alias_records():
            self._remember(row.actor_id, row.norm)

    # --- the in-memory index --------------------------------------------------------------
    def root(self, actor_id: int) -> int:
        while self.merged_into.get(actor_id) is not None:
            actor_id = self.merged_into[actor_id]
        return actor_id

    def _remember(self, actor_id: int, norm: str) -> None:
        if not norm:
            return
        fam = family(self.kind[actor_id])
        if (fam, norm) not in self.index and len(norm) >= MIN_FUZZY_LENGTH:
            self.fuzzy_keys.setdefault(fam, []).append(norm)
        self.by_key.setdefault(norm, set()).add(actor_id)
        hits = self.index.setdefault((fam, norm), [])
        if actor_id not in hits:
            hits.append(actor_id)

    def _known(self, key: str, fam: str) -> int | None:
        hits = self.index.get((fam, key))
        if hits and self.watchlist.shared(key):
            # a name two watchlist entries share names neither: only an actor kept apart for it
            hits = [a for a in hits if self.primary.get(a) == key]
        return self.root(hits[0]) if hits else None

    def _fuzzy(self, key: str, kind: str) -> int | None:
        if len(key) < MIN_FUZZY_LENGTH:
            return None
        fam = family(kind)
        best = process.extractOne(key, self.fuzzy_keys.get(fam, []), scorer=fuzz.ratio,
                                  score_cutoff=AUTO_MATCH.get(kind, AUTO_MATCH_DEFAULT))
        if best is None or digits(best[0]) != digits(key):
            return None
        return self._known(best[0], fam)

    # --- creating and naming actors -------------------------------------------------------
    def _create(self, name: str, kind: str, names: list[tuple[str, str, str]], date: str | None, **extra) -> int:
        actor_id = self.store.create_actor(name, kind, names, first_seen=date, **extra)
        self.kind[actor_id], self.merged_into[actor_id] = kind, None
        self.primary[actor_id] = "" if extra.get("external_ids") else normalise(name)
        self.parent[actor_id] = extra.get("parent_id")
        for _alias, norm, _origin in names:
            self._remember(actor_id, norm)
        self.created += 1
        return actor_id

    def _entry_actor(self, entry: Entry, date: str | None) -> int:
        key = _entry_key(entry.ids, entry.name)
        if key in self.entry_actor:
            return self.root(self.entry_actor[key])
        names = [(n, normalise(n), "watchlist") for n in entry.names]
        actor_id = self._create(entry.name, entry.kind, names, date, external_ids=dict(entry.ids) or {"watchlist": entry.name},
                                designations=[dict(d) for d in entry.designations])
        self.entry_actor[key] = actor_id
        return actor_id

    def add_alias(self, actor_id: int, alias: str, origin: str = "text") -> None:
        key = normalise(alias)
        if key and actor_id not in self.index.get((family(self.kind[actor_id]), key), []):
            self.store.add_aliases(actor_id, [(alias, key, origin)])
            self._remember(actor_id, key)

    def lookup(self, name: str, kind: str, date: str | None = None, loose: bool = False) -> int | None:
        """The actor a name refers to, or None when it is new (never creates, except watchlist actors).

        `loose`: the kind is a statistical guess (spaCy's PERSON/ORG/GPE...), so a name of two or
        more words that only one group or place of another kind bears is taken to be that actor
        (never a person: a group is not folded into a person of the same name).
        """
        key = normalise(name)
        if not key:
            return None
        found = self._known(key, family(kind))
        if found is not None:
            return found
        if loose and len(words(name)) >= 2:
            elsewhere = {self.root(a) for a in self.by_key.get(key, ()) if self.kind[a] != "person"}
            if len(elsewhere) == 1:
                return elsewhere.pop()
        entry = self.watchlist.match(key, None if loose else kind)
        if entry is not None:
            return self._entry_actor(entry, date)
        found = self._fuzzy(key, kind)
        if found is not None:
            self.add_alias(found, display_name(name))
        return found

    def resolve(self, name: str, kind: str, date: str | None = None, parent_id: int | None = None,
                loose: bool = False) -> int:
        """The actor for a name, created when nothing matches."""
        name = display_name(name)
        actor_id = self.lookup(name, kind, date, loose)
        if actor_id is None:
            actor_id = self._create(name, kind, [(name, normalise(name), "text")], date, parent_id=parent_id)
        elif parent_id is not None and self.parent.get(actor_id) is None and actor_id != parent_id:
            self.store.set_actor_parent(actor_id, parent_id)
            self.parent[actor_id] = parent_id
        return actor_id

    # --- one document ---------------------------------------------------------------------
    def resolve_document(self, doc) -> list[Assignment]:
        """The actor of every mention of an `UnresolvedDocument` that names one, with its vote."""
        acronyms = self._acronyms(doc)
        named = [(mention_name(m), m.kind, m.label) for m in doc.mentions]
        shortened = long_forms([n for n in named if not is_reference(n[0])])
        out: list[Assignment] = []
        for m in doc.mentions:
            name = mention_name(m)
            if is_reference(name):
                continue
            voted_kind = None
            if name in shortened and name not in acronyms:
                full, kind = shortened[name]
                actor_id = self.resolve(full, kind, doc.date)
            elif name in acronyms:
                full, kind = acronyms[name]
                actor_id = self.resolve(full, kind, doc.date)
            elif (described := describe(name)) is not None:
                actor_id = self._resolve_part(doc, m, described)
            elif is_guessed_kind(m.label):
                voted_kind = self.votes.kind(normalise(name), m.kind) if self.votes else m.kind
                actor_id = self.resolve(name, voted_kind, doc.date, loose=True)
            else:
                actor_id = self.resolve(name, m.kind, doc.date)
            out.append(assignment(m, actor_id, voted_kind))
        return out

    def _acronyms(self, doc) -> dict[str, tuple[str, str]]:
        """Acronyms the document defines, each with the full name and kind it stands for."""
        found: dict[str, tuple[str, str]] = {}
        for m in doc.mentions:
            name, acronym = split_acronym(m.canonical or m.text)
            acronym = acronym or defined_acronym(name, doc.text[m.end:m.end + 20])
            expansion = None if acronym else defined_expansion(name, doc.text[m.end:m.end + 130])
            if expansion:
                name, acronym = expansion, name
            if not acronym or is_reference(name):
                continue
            found[acronym] = (name, m.kind)
            actor_id = self.resolve(name, m.kind, doc.date)
            bare = self._known(normalise(acronym), family(m.kind))
            if bare is None or self._absorb(bare, actor_id, normalise(acronym)):
                self.add_alias(actor_id, acronym, "acronym")
        return found

    def _absorb(self, bare: int, actor_id: int, key: str) -> bool:
        """An actor only ever called by an acronym ("AQAP", met before any document spelled it out)
        joins the name a document now defines it as, whichever of the two was stored first."""
        if bare == actor_id or self.primary.get(bare) != key:
            return False
        names = self.store.fold_derived_actor(bare, actor_id, True)
        if names is None:
            return False
        self.folded(bare, actor_id, names)
        return True

    # --- keeping the index in step with automatic folds and kind changes ------------------
    def folded(self, old: int, into: int, norms: list[str]) -> None:
        """`old` now points to `into`, which holds its names: lookups of them reach `into` only."""
        self.merged_into[old] = into
        self._forget(old, norms)
        for norm in norms:
            self._remember(into, norm)

    def rekind(self, actor_id: int, kind: str, norms: list[str]) -> None:
        """The actor's kind changed (its mentions' votes): its names are looked up under the new kind."""
        self._forget(actor_id, norms)
        self.kind[actor_id] = kind
        for norm in norms:
            self._remember(actor_id, norm)

    def _forget(self, actor_id: int, norms: list[str]) -> None:
        fam = family(self.kind[actor_id])
        for norm in norms:
            hits = self.index.get((fam, norm), [])
            if actor_id in hits:
                hits.remove(actor_id)
            self.by_key.get(norm, set()).discard(actor_id)

    def _resolve_part(self, doc, mention, described: Described) -> int:
        parent_id = self.resolve(described.parent, "group", doc.date)
        if described.head:
            return self.resolve(described.head, mention.kind, doc.date, parent_id=parent_id)
        for other in doc.mentions:
            if other is mention or other.kind != mention.kind:
                continue
            beside = (0 <= mention.start - other.end <= _NEIGHBOUR_GAP
                      or 0 <= other.start - mention.end <= _NEIGHBOUR_GAP)
            other_name, _ = split_acronym(other.canonical or other.text)
            if beside and not is_reference(other_name) and describe(other_name) is None:
                return self.resolve(other_name, other.kind, doc.date, parent_id=parent_id)
        return self.resolve(described.label, mention.kind, doc.date, parent_id=parent_id)
