"""re3d (Dstl's gold entity and relation set on the Syria/Iraq conflict) as a gold set.

Relation types map onto tiewatch's vocabulary; the others are ignored. Only relations whose two
ends are actors count: entities typed Organisation or Person. Nationality ("Iraqi", "Kurdish") is
left out: in the three public parts no mapped relation has a Nationality end, so admitting it
would only let predictions about nationalities count against an engine.
Ends are matched by character-offset overlap of the mention spans.
"""

from __future__ import annotations

import json
from pathlib import Path

from tiewatch.bench.gold import GoldDoc, GoldSet, GoldTie
from tiewatch.model import NotFound

PARTS = ("CENTCOM", "UK_Government", "US_State_Department")
RELATION_TYPES = {
    "FightingAgainst": ("fights",),
    "AlliesOf": ("cooperates_with",),
    "BelongsTo": ("member_of", "part_of"),
    "InChargeOf": ("leads",),
    "CommWith": ("meets",),
}
ACTOR_TYPES = {"Organisation", "Person"}


def _records(path: Path) -> list[dict]:
    """mongoexport output: one JSON object per line (a leading BOM is fine)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise NotFound(f"cannot read re3d file {path}: {str(exc).splitlines()[0]}") from None


def load_part(folder: Path) -> list[GoldDoc]:
    docs = {d["_id"]: d for d in _records(folder / "documents.json")}
    entities = _records(folder / "entities.json")
    kind = {(e["documentId"], e["begin"], e["end"]): e["type"] for e in entities}
    actors: dict[str, set[tuple[int, int]]] = {}
    for e in entities:
        if e["type"] in ACTOR_TYPES:
            actors.setdefault(e["documentId"], set()).add((e["begin"], e["end"]))
    ties: dict[str, dict[tuple, GoldTie]] = {}
    for r in _records(folder / "relations.json"):
        types = RELATION_TYPES.get(r["type"])
        doc_id = r["documentId"]
        source = (r["sourceBegin"], r["sourceEnd"])
        target = (r["targetBegin"], r["targetEnd"])
        if not types or doc_id not in docs or kind.get((doc_id, *source)) not in ACTOR_TYPES or kind.get(
            (doc_id, *target)
        ) not in ACTOR_TYPES:
            continue
        tie = GoldTie(types=types, polarity="asserted", subject_span=source, object_span=target)
        ties.setdefault(doc_id, {})[(types, source, target)] = tie
    return [
        GoldDoc(f"{folder.name}/{doc_id}", d["text"], list(ties.get(doc_id, {}).values()),
                publisher=d.get("sourceName"), actor_spans=sorted(actors.get(doc_id, ())))
        for doc_id, d in docs.items()
    ]


def load_re3d(root: Path, parts: tuple[str, ...] = PARTS) -> GoldSet:
    """All documents of the given parts; documents without a mapped relation stay (they test precision)."""
    missing = [p for p in parts if not (root / p / "relations.json").is_file()]
    if missing:
        raise NotFound(f"re3d part(s) {', '.join(missing)} not found under {root}; pass --shared pointing at the shared data folder")
    docs = [doc for part in parts for doc in load_part(root / part)]
    scored = tuple(sorted({t for types in RELATION_TYPES.values() for t in types}))
    return GoldSet("re3d", docs, by_span=True, scored_types=scored)
