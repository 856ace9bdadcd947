"""Short forms a document uses for a name it also gives in full.

Reports name an actor once in full and then shorten it: "Abu Bakr al-Baghdadi" ... "Al-Baghdadi",
"Abu 'Abdallah Al-Muhajir" ... "Abu 'Abdallah", "the Al-Qassam Brigades" ... "Al-Qassam",
"Sinai Province" ... "Sinai". Within one document a short form stands for the full name when
exactly one full name fits:
- a person's name ends with the short form (a surname, "Al-Baghdadi"), or begins with it when the
  short form is a kunya ("Abu 'Abdallah");
- a group's name is the short form followed only by unit nouns ("Brigades", "Province", "Movement",
  data file `data/names.yaml`, key `unit_nouns`): "ISIS Sinai" is not "ISIS".
The short form's kind must agree with the full name's, unless it was only the tagger's guess
(an upper-case spaCy label) and not a place: "Al-Qassam" tagged PERSON is still the brigades.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import yaml

from tiewatch.resolve.names import normalise, words

Named = tuple[str, str, str]  # (name as written, kind, label)
_KUNYA = {"abu", "umm"}


@lru_cache(maxsize=1)
def unit_nouns() -> frozenset[str]:
    raw = yaml.safe_load(files("tiewatch.resolve").joinpath("data/names.yaml").read_text(encoding="utf-8"))
    return frozenset(raw["unit_nouns"])


def _fits(short: list[str], full: list[str], full_kind: str) -> bool:
    n = len(short)
    if len(full) <= n:
        return False
    if full_kind == "person":
        return full[-n:] == short or (full[:n] == short and short[0] in _KUNYA)
    if full_kind == "group":
        return full[:n] == short and all(w in unit_nouns() for w in full[n:])
    return False


def _may_take(short_kind: str, short_label: str, full_kind: str) -> bool:
    if short_kind == full_kind:
        return True
    guessed = bool(short_label) and short_label.isupper()
    return guessed and short_kind not in ("place", "state")


def long_forms(named: list[Named]) -> dict[str, tuple[str, str]]:
    """Short name -> (full name, kind) for the short forms one document uses unambiguously."""
    fulls: dict[str, tuple[str, str, list[str]]] = {}
    for name, kind, _label in named:
        key_words = words(name)
        if len(key_words) >= 2 and kind in ("person", "group"):
            fulls.setdefault(normalise(name), (name, kind, key_words))
    out: dict[str, tuple[str, str]] = {}
    for name, kind, label in named:
        short = words(name)
        if not short or name in out:
            continue
        found = {key: (full, full_kind) for key, (full, full_kind, full_words) in fulls.items()
                 if _fits(short, full_words, full_kind) and _may_take(kind, label, full_kind)}
        if len(found) == 1:
            out[name] = next(iter(found.values()))
    return out
