"""Names as matching keys: every way of writing one name folds to one key.

    normalise("al-Qa'ida")  == normalise("Al Qaeda") == normalise("AL-QAIDA") == "qaeda"
    normalise("Hizballah")  == normalise("Hezbollah") == normalise("Ḥizbullāh")
    normalise("the Islamic State") == normalise("Islamic State")

Folding: Unicode diacritics dropped, case folded, apostrophes (' ‘ ’ ʿ ʾ) dropped, hyphens and
punctuation turned into spaces, Arabic articles ("al-", "el-", "ad-", "Al ") and a leading "the"
dropped, each word mapped to its canonical transliteration (data file `data/names.yaml`), doubled
letters and a word-final "h" after a vowel squashed; the words are then joined without spaces so
"Ansar Allah" and "Ansarallah" meet. Possessive and descriptive forms ("ISIS's Sinai province",
"the military wing of Hamas") are taken apart by `describe`; acronyms defined in a text by
`acronym_matches`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml

APOSTROPHES = "'‘’ʿʾ`´ʼ′ʻ"
_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")
_NON_WORD_RE = re.compile(r"[^0-9a-z]+")
_DOUBLE_RE = re.compile(r"([a-z])\1+")
_POSSESSIVE_END_RE = re.compile(f"(?<=\\w)[{APOSTROPHES}]s?\\s*$")


@dataclass(frozen=True)
class NameData:
    articles: frozenset[str]
    separate_articles: frozenset[str]
    leading: frozenset[str]
    spellings: dict[str, str]
    descriptors: frozenset[str]
    generic: frozenset[str]
    references: frozenset[str]
    reordered: dict[str, str]


@lru_cache(maxsize=1)
def name_data() -> NameData:
    raw = yaml.safe_load(files("tiewatch.resolve").joinpath("data/names.yaml").read_text(encoding="utf-8"))
    spellings = {variant: canonical for canonical, variants in raw["spellings"].items() for variant in variants}
    return NameData(
        articles=frozenset(raw["articles"]),
        separate_articles=frozenset(raw["separate_articles"]),
        leading=frozenset(raw["leading"]),
        spellings=spellings,
        descriptors=frozenset(raw["descriptors"]),
        generic=frozenset(raw["generic"]),
        references=frozenset(raw["references"]),
        reordered=dict(raw.get("reordered") or {}),
    )


def fold(text: str) -> str:
    """Lower case ASCII words: diacritics, apostrophes and hyphenated articles ("al-") dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _APOSTROPHE_RE.sub("", stripped).casefold()
    return " ".join(_NON_WORD_RE.sub(" ", _article_re().sub("", stripped)).split())


@lru_cache(maxsize=1)
def _article_re() -> re.Pattern[str]:
    articles = "|".join(sorted(name_data().articles, key=len, reverse=True))
    return re.compile(rf"\b(?:{articles})[-‐‑‒–](?=\w)")


def _squash(word: str) -> str:
    word = _DOUBLE_RE.sub(r"\1", word)
    if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    return word


def words(name: str) -> list[str]:
    """The significant words of a name, each in its canonical spelling ("Hamas's" is "Hamas")."""
    data = name_data()
    out: list[str] = []
    for word in fold(_POSSESSIVE_END_RE.sub("", name)).split():
        if not out and word in data.leading:
            continue
        if word in data.separate_articles:
            continue
        word = data.spellings.get(word, word)
        out.append(data.spellings.get(_squash(word), _squash(word)))
    if len(out) > 1 and out[0] in data.reordered and out[-1] != data.reordered[out[0]]:
        out = out[1:] + [data.reordered[out[0]]]
    return out


def normalise(name: str) -> str:
    """The matching key of a name ("" when nothing is left, e.g. for "the")."""
    return "".join(words(name))


def is_reference(name: str) -> bool:
    """True for words that point back to an actor without naming it ("the group", "they")."""
    key = words(name)
    return not key or (len(key) == 1 and key[0] in name_data().references)


# --- possessive and descriptive forms ---------------------------------------------------------
_POSSESSIVE_RE = re.compile(rf"^(?P<parent>.+?)[{APOSTROPHES}]s?\s+(?P<rest>.+)$")
_OF_RE = re.compile(r"^(?P<rest>.+?)\s+of\s+(?P<parent>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Described:
    """A name that names a part of another actor: "ISIS's Sinai province"."""

    head: str | None  # "Sinai Province"; None when only the kind of part is said ("military wing")
    parent: str  # "ISIS"
    part: str  # "province", "military wing"

    @property
    def label(self) -> str:
        """A readable name for the part when the text gives no proper name."""
        return self.head or f"{self.part} of {self.parent}"


def describe(name: str) -> Described | None:
    """Take apart "X's [Proper] descriptor" and "the [Proper] descriptor of X"; None otherwise."""
    data = name_data()
    for pattern in (_POSSESSIVE_RE, _OF_RE):
        found = pattern.match(name.strip())
        if not found:
            continue
        rest = found["rest"].split()
        if rest and rest[0].casefold() in data.leading:
            rest = rest[1:]
        if not rest or rest[-1].casefold().rstrip("s") not in data.descriptors:
            continue
        descriptor = rest[-1].casefold()
        proper = [w for w in rest[:-1] if fold(w) not in data.generic]
        generic = [w.casefold() for w in rest[:-1] if fold(w) in data.generic]
        parent = found["parent"].strip()
        if parent.casefold().startswith("the "):
            parent = parent[4:]
        if proper and all(w[:1].isupper() for w in proper):
            return Described(" ".join(proper + [descriptor.capitalize()]), parent, descriptor)
        if not proper:
            return Described(None, parent, " ".join(generic + [descriptor]))
    return None


# --- acronyms defined in the text -------------------------------------------------------------
_ACRONYM_RE = re.compile(r"^\s*\(\s*([A-Z][A-Za-z0-9.\-]{1,11})\s*\)")


def initials(name: str) -> str:
    """First letters of every word, articles included: "al-Qaeda in the Arabian Peninsula" -> "aqitap"."""
    plain = _APOSTROPHE_RE.sub("", unicodedata.normalize("NFKD", name)).casefold()
    return "".join(w[0] for w in _NON_WORD_RE.sub(" ", plain).split())


def fits_acronym(acronym: str, name: str) -> bool:
    """True when the acronym's letters are, in order, initials of the name's words (first letter first)."""
    letters = [c for c in acronym.casefold() if c.isalnum()]
    pool = initials(name)
    if len(letters) < 2 or not pool or letters[0] != pool[0]:
        return False
    position = 0
    for letter in letters:
        position = pool.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def defined_acronym(name: str, following_text: str) -> str | None:
    """The acronym that `following_text` defines for `name` ("... Peninsula (AQAP)"), if any."""
    found = _ACRONYM_RE.match(following_text)
    if found and fits_acronym(found[1], name):
        return found[1]
    return None


_EXPANSION_RE = re.compile(r"^\s*\(\s*([^()]{4,120}?)\s*\)")


def defined_expansion(acronym: str, following_text: str) -> str | None:
    """The full name `following_text` gives for an acronym ("AQAP (al-Qaeda in the Arabian Peninsula)")."""
    found = _EXPANSION_RE.match(following_text)
    if found and acronym.replace(".", "").isupper() and fits_acronym(acronym, found[1]):
        return found[1]
    return None


def split_acronym(text: str) -> tuple[str, str | None]:
    """A mention that swallowed its acronym ("Hay'at Tahrir al-Sham (HTS)") -> (name, "HTS")."""
    found = re.match(r"^(?P<name>.+?)\s*\((?P<acr>[^()]+)\)\s*$", text)
    if found and fits_acronym(found["acr"], found["name"]):
        return found["name"], found["acr"]
    return text, None
