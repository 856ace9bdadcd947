"""The names actors are shown by. An official name from a watchlist ("Islamic State of Iraq and
ash-Sham - Sinai Province") is exact but long, and two of them can read alike when cut. So an actor
is shown by the display name an analyst set ("ISIS Sinai Province"), else, when its name is long,
by the spelling its documents use most ("ISIS"), else by its name. The name itself never changes.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from sqlalchemy import func, select

from tiewatch.model import ReviewError
from tiewatch.store.base import utcnow
from tiewatch.store.graphstate import touch_graph
from tiewatch.store.tables import actors, merge_log, mentions

LONG_NAME = 24  # characters: a name longer than this is shown by its documents' spelling
SHORTEST_SPELLING = 3


def written_names(conn, ids: list[int]) -> dict[int, str]:
    """For each actor of `ids`, the spelling its mentions use most, when it is a proper name
    (capitalised, three characters or more, not "the group"); ties broken by the longer spelling."""
    counts: dict[int, Counter] = {}
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(mentions.c.actor_id, mentions.c.text, func.count()).where(mentions.c.actor_id.in_(ids[start:start + 500]))
            .group_by(mentions.c.actor_id, mentions.c.text)
        )
        for actor_id, text, n in rows:
            spelled = " ".join(str(text).split())
            if len(spelled) >= SHORTEST_SPELLING and spelled[:1].isupper():
                counts.setdefault(actor_id, Counter())[spelled] += n
    return {i: max(c.items(), key=lambda kv: (kv[1], len(kv[0])))[0] for i, c in counts.items() if c}


def display_names(conn, rows: Iterable) -> dict[int, str]:
    """Actor rows (id, name, display_name) -> the name each is shown by."""
    rows = list(rows)
    long = [r.id for r in rows if not r.display_name and len(r.name) > LONG_NAME]
    spelled = written_names(conn, long) if long else {}
    return {r.id: r.display_name or spelled.get(r.id) or r.name for r in rows}


class DisplayNamesMixin:
    def apply_display_name(self, actor_id: int, name: str | None, why: str | None, who: str) -> int:
        """Set (None: clear) the name an actor is shown by, and log it for undo."""
        name = " ".join((name or "").split())[:300] or None
        with self.transaction() as conn:
            old = conn.execute(select(actors.c.display_name).where(actors.c.id == actor_id)).scalar()
            if old == name:
                raise ReviewError(f"actor {actor_id} is already shown as {name!r}" if name else f"actor {actor_id} has no display name")
            touch_graph(conn)
            conn.execute(actors.update().where(actors.c.id == actor_id).values(display_name=name))
            return conn.execute(
                merge_log.insert().values(action="name", kept_id=actor_id, other_id=actor_id,
                                          snapshot={"from": old, "to": name}, why=why, who=who, at=utcnow())
            ).inserted_primary_key[0]

    def restore_display_name(self, entry_id: int, actor_id: int, name: str | None) -> None:
        with self.transaction() as conn:
            touch_graph(conn)
            conn.execute(actors.update().where(actors.c.id == actor_id).values(display_name=name))
            conn.execute(merge_log.update().where(merge_log.c.id == entry_id).values(undone_at=utcnow()))

    def display_names(self, actor_ids: Iterable[int]) -> dict[int, str]:
        """The name each actor is shown by (see the module)."""
        return {i: label for i, (label, _kind) in self.shown_actors(actor_ids).items()}

    def shown_actors(self, actor_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """Each actor of `actor_ids` -> (the name it is shown by, its kind)."""
        ids = sorted(set(actor_ids))
        with self.reading() as conn:
            rows = [r for start in range(0, len(ids), 500) for r in conn.execute(
                select(actors.c.id, actors.c.name, actors.c.display_name, actors.c.kind)
                .where(actors.c.id.in_(ids[start:start + 500])))]
            names = display_names(conn, rows)
        return {r.id: (names[r.id], r.kind) for r in rows}
