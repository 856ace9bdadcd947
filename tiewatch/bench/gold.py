"""Gold sets: the ties an analyst expects from a text, loaded from the seed example, the paragraph
sets in `benchmarks/` (devset, heldout) and re3d (tiewatch.bench.re3d).

A gold tie names its ends either by acceptable names (seed, dev and held-out sets) or by character
spans in the text (re3d). Names compare after `name_key`: case, straight quotes, a leading "the"
and a trailing "'s" do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from tiewatch.model import NotFound, vocabulary

POLARITIES = ("asserted", "denied", "hedged")


def name_key(name: str) -> str:
    text = name.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\s+", " ", text.replace("[", " ").replace("]", " ").strip(" \t\n\"',.;:")).casefold()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"'s$", "", text)


@dataclass(frozen=True)
class GoldTie:
    types: tuple[str, ...]
    polarity: str
    subject: tuple[str, ...] = ()  # acceptable names, or
    object: tuple[str, ...] = ()
    subject_span: tuple[int, int] | None = None  # character spans in the document text
    object_span: tuple[int, int] | None = None
    symmetric: bool = False
    claimant: str | None = None

    def is_symmetric(self) -> bool:
        types = vocabulary()
        return self.symmetric or all(types[t].symmetric for t in self.types if t in types)


@dataclass
class GoldDoc:
    id: str
    text: str
    ties: list[GoldTie]
    publisher: str | None = None
    actor_spans: list[tuple[int, int]] = field(default_factory=list)  # re3d: every actor entity
    reviewed: bool = False  # the annotation has had its second reading (benchmarks/GUIDE.md)


@dataclass
class GoldSet:
    name: str
    docs: list[GoldDoc]
    by_span: bool = False  # ends are spans (re3d), not names
    scored_types: tuple[str, ...] = ()  # only claims of these types are scored; empty = all

    @property
    def tie_count(self) -> int:
        return sum(len(d.ties) for d in self.docs)


def _names(value: object, where: str) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise NotFound(f"{where}: subject and object must be a name or a list of names")
    return tuple(names)


def parse_tie(raw: dict, where: str) -> GoldTie:
    """One tie in the format of ../shared/examples/seed/expected.yaml."""
    if not isinstance(raw, dict) or not {"subject", "object", "types", "polarity"} <= set(raw):
        raise NotFound(f"{where}: a tie needs subject, object, types and polarity")
    known = vocabulary()
    types = tuple(raw["types"]) if isinstance(raw["types"], list) else (raw["types"],)
    unknown = [t for t in types if t not in known]
    if unknown or raw["polarity"] not in POLARITIES:
        raise NotFound(f"{where}: unknown tie type or polarity {unknown or raw['polarity']!r}")
    return GoldTie(
        types=types, polarity=raw["polarity"], subject=_names(raw["subject"], where),
        object=_names(raw["object"], where), symmetric=bool(raw.get("symmetric")),
        claimant=raw.get("claimant"),
    )


def _yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise NotFound(f"cannot read gold file {path}: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise NotFound(f"{path}: expected a mapping at the top level")
    return data


def _with_same_actor(names: tuple[str, ...], groups: list[list[str]]) -> tuple[str, ...]:
    keys = {name_key(n) for n in names}
    extra = [n for group in groups if keys & {name_key(g) for g in group} for n in group]
    return tuple(dict.fromkeys([*names, *extra]))


def load_seed(folder: Path) -> GoldSet:
    """The founding document and the ties an analyst records from it. Names its `same_actor`
    groups declare one actor are acceptable wherever one of them is."""
    expected = folder / "expected.yaml"
    if not expected.is_file():
        raise NotFound(f"no seed example at {expected}; pass --shared pointing at the shared data folder")
    data = _yaml(expected)
    text = (folder / data["document"]).read_text(encoding="utf-8")
    groups = [g for g in data.get("same_actor") or [] if isinstance(g, list)]
    ties = [parse_tie(t, f"{expected}: tie {n + 1}") for n, t in enumerate(data.get("ties") or [])]
    ties = [replace(t, subject=_with_same_actor(t.subject, groups), object=_with_same_actor(t.object, groups)) for t in ties]
    return GoldSet("seed", [GoldDoc(data["document"], text, ties, publisher="MEMRI")])


def load_paragraphs(folder: Path, name: str) -> GoldSet:
    """Every `*.yaml` of a paragraph set (benchmarks/devset, benchmarks/heldout), in file order."""
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise NotFound(f"no gold paragraphs (*.yaml) in {folder}; pass --sets pointing at the benchmarks folder")
    docs = []
    for path in files:
        for n, para in enumerate(_yaml(path).get("paragraphs") or []):
            where = f"{path.name}: paragraph {para.get('id', n + 1)}"
            if not isinstance(para, dict) or not isinstance(para.get("text"), str):
                raise NotFound(f"{where}: a paragraph needs an id and a text")
            ties = [parse_tie(t, where) for t in para.get("ties") or []]
            docs.append(GoldDoc(str(para.get("id", f"{path.stem}-{n + 1}")), para["text"], ties, para.get("publisher"),
                                reviewed=bool(para.get("reviewed"))))
    return GoldSet(name, docs)
