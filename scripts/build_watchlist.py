"""Build tiewatch's watchlist of designated armed groups from the OFAC and CIA sources.

    python scripts/build_watchlist.py [--ofac JSONL] [--cia JSON] [--out PATH]

Defaults read `../shared/corpora/{ofac,cia}` and write `tiewatch/extract/data/watchlist.json`.
The rules (what counts as an armed group, how names are cased, which sources are merged and
which aliases are dropped) are explained in `tiewatch/extract/data/WATCHLIST.md`; the word lists
they use are the constants below. The output is sorted and byte-for-byte deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"
DEFAULT_OFAC = SHARED / "ofac" / "ofac_sdn_terrorism_entities.jsonl"
DEFAULT_CIA = SHARED / "cia" / "cia_world_factbook_terrorist_organizations_2025.json"
DEFAULT_OUT = REPO / "tiewatch" / "extract" / "data" / "watchlist.json"

# Rule 2: a non-FTO OFAC entry is an armed group when its name holds one of these words ...
ARMED_WORDS = {
    "army", "brigade", "brigades", "battalion", "battalions", "front", "group", "movement", "jihad",
    "mujahideen", "mujahidin", "mujahedeen", "mujahidin", "fighters", "fighting", "combatant",
    "combat", "militia", "force", "forces", "regiment", "division", "katibat", "kata'ib", "jaysh",
    "jaish", "liwa", "saraya", "harakat", "tehrik", "lashkar", "jund", "ansar", "ansarul", "province",
    "wilayat", "isil", "isis", "qa'ida", "taliban", "tigers", "volunteer", "volunteers", "defenders",
    "emirate", "resistance", "liberation", "revolutionary", "revolutionaries", "struggle", "nuclei",
    "network", "jama'at", "jamaat", "jamaah", "jemaah", "shura",
}
# ... and none of these words of businesses, charities, media, states and their agencies.
FRONT_WORDS = {
    "bank", "sal", "offshore", "off-shore", "llc", "l.l.c.", "ltd", "limited", "company", "co", "corp",
    "corp.", "corporation", "inc", "trading", "exchange", "establishment", "foundation", "trust",
    "charity", "charitable", "relief", "welfare", "humanitarian", "benevolence", "association",
    "airlines", "air", "airways", "aviation", "tv", "radio", "media", "news", "agency", "travel",
    "tourism", "university", "institute", "madrassa", "school", "supermarket", "sweets", "bakeries",
    "pharmaceutical", "investment", "development", "limitada", "sociedad", "pharma", "shipping", "navigation", "dmcc", "fzc", "fze", "fzco", "sarl", "srl",
    "bvba", "nv", "gmbh", "eireli", "anonim", "sirketi", "jsc", "cc", "properties", "construction",
    "engineering", "consultant", "consulting", "contracting", "petrol", "petroleum", "oil", "enerji",
    "energy", "diamond", "diamonds", "gem", "jewellers", "gallery", "ministry", "project", "fund",
    "financial", "research", "self-sufficiency", "sufficiency", "command",
}
# OFAC programmes of Iranian financial and proliferation sanctions: their non-FTO entries are
# companies and state agencies, not armed groups.
FRONT_PROGRAMMES = {"IFSR", "NPWMD", "IRGC", "IRAN", "IFCA"}
# Rule 3: armed groups whose names carry no telling word, reviewed by hand (OFAC names).
ARMED_BY_REVIEW = {
    "AUM SHINRIKYO", "EUZKADI TA ASKATASUNA", "KAHANE CHAI", "AL-ITIHAAD AL-ISLAMIYA",
    "BABBAR KHALSA INTERNATIONAL", "CAUCASUS EMIRATE", "HURRAS AL-DIN", "AJNAD MISR",
    "ULSTER DEFENCE ASSOCIATION", "FATEMIYOUN DIVISION", "ZAYNABIYOUN BRIGADE", "ASKATASUNA",
    "SECT OF REVOLUTIONARIES", "TEYREBAZEN AZADIYA KURDISTAN", "ASA'IB AHL AL-HAQ",
}
# CIA entries that are not one group.
CIA_SKIP = ("self-proclaimed",)

# Casing: particles written in lower case inside a name; acronyms the sources spell in capitals.
PARTICLES = {
    "al", "el", "ul", "ud", "un", "bin", "ibn", "wa", "wal", "fi", "of", "the", "and", "in", "for",
    "e", "i", "de", "del", "la", "des", "du", "y", "to", "on", "at", "a", "an", "ash", "ad", "ar",
    "as", "az", "bil", "li", "min", "or",
}
ACRONYM_OVERRIDES = {"HAMAS": "Hamas"}

# Rule 5: aliases that would fire on ordinary text, or that name an organ rather than the group.
COMMON_ALIASES = {
    "the base", "the youth", "youth wing", "the brigades", "the sentinels", "sentinels", "guardians",
    "new jihad", "al-jihad", "al jihad", "the jihad group", "islamic jihad", "the islamic army",
    "desert army", "lucky 9", "martyr yasser arafat", "jamiyat", "the libyan society", "al hayat",
    "the missionary current", "the people of the cave", "ekin", "xaki", "aleph", "sam", "mit", "iss",
    "card", "asp", "amb", "ela", "pcp", "epl", "msc", "isp", "rid", "ril", "ibb", "lmi", "lm3",
    "an nisa", "se", "hesn", "diwm", "frd", "the victory front", "salafi group", "the state of sinai",
    "soldiers of god", "soldiers of islam", "supporters of islamic law", "the group",
    "june 78", "indonesia", "colombia", "martyrs", "corps", "guards", "the islamic movement", "shabaab", "the movement", "partisans of god", "supporters of god", "houthi group",
}
ORGAN_WORDS = {"media", "news", "agency", "center", "centre", "radio", "tv", "television", "magazine"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def key(name: str) -> str:
    """The matching key of a name: no accents, apostrophes or hyphens, lower case."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’‘`ʼ]", "", text.lower())
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def straight(text: str) -> str:
    text = re.sub(r"[’‘ʼ`]", "'", text).replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text.replace("–", "-").replace("—", "-")).strip(" ,;.")


def _cap(part: str) -> str:
    for i, ch in enumerate(part):
        if ch.isalpha():
            return part[:i] + ch.upper() + part[i + 1:].lower()
    return part


def proper_case(name: str, acronyms: set[str]) -> str:
    """"HIZBALLAH" -> "Hizballah", "AL-QA'IDA IN THE ARABIAN PENINSULA" -> "al-Qa'ida in the Arabian Peninsula"."""
    if name in ACRONYM_OVERRIDES:
        return ACRONYM_OVERRIDES[name]
    if name != name.upper():
        return name
    words = []
    for w_index, word in enumerate(name.split()):
        pieces = re.split(r"([-/])", word)
        out = []
        for p_index, piece in enumerate(pieces):
            bare = piece.strip("()'\".,")
            followed_by_hyphen = p_index + 1 < len(pieces) and pieces[p_index + 1] == "-"
            first = w_index == 0 and p_index == 0
            if piece in "-/":
                out.append(piece)
            elif bare.lower() in PARTICLES and (followed_by_hyphen or not first) and bare.lower() != "a" or (
                bare.lower() in {"al", "el", "ash", "ad", "ar", "az"} and followed_by_hyphen
            ):
                out.append(piece.lower())
            elif bare in acronyms or (bare.isalpha() and not re.search(r"[AEIOUY]", bare) and len(bare) > 1):
                out.append(piece)
            else:
                out.append(_cap(piece))
        words.append("".join(out))
    return " ".join(words)


def _top_level(text: str) -> list[str]:
    """Split on ";", "," and " or " outside parentheses."""
    parts, depth, current, index = [], 0, "", 0
    while index < len(text):
        ch = text[index]
        depth = max(0, depth + (ch == "(") - (ch == ")"))
        if depth == 0 and (ch in ";," or text.startswith(" or ", index)):
            parts.append(current.strip())
            current = ""
            index += 1 if ch in ";," else 4
            continue
        current += ch
        index += 1
    return parts + [current.strip()]


def _variants(chunk: str) -> list[str]:
    """'Izz al-Din al Qassam (Qassim) Brigades' -> both spellings; 'X (Y)' -> X and Y."""
    match = re.search(r"(\S+) \((\w+)\)(?= \S)", chunk)
    if match:
        return [chunk.replace(f" ({match.group(2)})", ""), chunk.replace(f"{match.group(1)} ({match.group(2)})", match.group(2))]
    inner = re.findall(r"\(([^()]*(?:\([^()]*\))?[^()]*)\)", chunk)
    outer = re.sub(r"\((?:[^()]|\([^()]*\))*\)", "", chunk)
    return [outer] + [a for group in inner for a in split_aliases(group)]


def split_aliases(text: str) -> list[str]:
    """CIA "aka" prose -> alias strings: ";"/","/" or " separate; "(or X)" dropped; "(X)" its own alias."""
    text = re.split(r"\s+On \d{1,2} |\s+[a-z]+\s+[–—]\s+", text)[0]
    text = straight(re.sub(r"^\S+ is the acronym for ", "", text))
    text = re.sub(r"\(or [^)]*\)", "", text)
    found: list[str] = []
    for chunk in _top_level(text):
        chunk = re.sub(r"^(formerly|and|the)\s+", "", chunk.strip())
        for alias in _variants(chunk):
            alias = straight(alias.replace('"', "").replace("(", "").replace(")", ""))
            if alias:
                found.append(alias)
    return found


def ofac_aliases(row: dict) -> list[str]:
    names = [a.split(":", 1)[1] if ":" in a[:4] else a for a in row.get("aliases", [])]
    names += re.findall(r"a\.k\.a\. '([^']+(?:'[A-Z][^']*)*)'", row.get("remarks", ""))
    out = []
    for name in names:
        out += [straight(n) for n in [re.sub(r"\([^)]*\)", "", name), *re.findall(r"\(([^)]*)\)", name)] if n.strip()]
    return out


def is_acronym(alias: str, acronyms: set[str], remarks: str) -> bool:
    """A one-word capitalised alias that is an acronym: OFAC's "a.k.a. 'MUJAO'" remarks, four
    letters or fewer, dotted or hyphenated, or an acronym with a suffix ("IRGCAF", "ISISWAP")."""
    if " " in alias or not alias.isupper():
        return False
    parts = [p for p in re.split(r"[-./]", alias) if p]
    if len(parts) > 1:
        return all(len(p) <= 4 or p in acronyms for p in parts)
    return alias in remarks.split() or len(alias) <= 4 or any(alias.startswith(a) and len(a) >= 3 for a in acronyms)


def is_armed_group(row: dict) -> bool:
    """Rule 1: every FTO; rule 3: the reviewed list; rule 2: armed words and no front words."""
    if row.get("is_fto") or "FTO" in row.get("programs", []):
        return True
    if row["name"] in ARMED_BY_REVIEW:
        return True
    if FRONT_PROGRAMMES & set(row.get("programs", [])) or "Subject to Secondary Sanctions" in row.get("remarks", ""):
        return False
    words = set(re.split(r"[\s/:,().]+", row["name"].lower()))
    words |= {w for word in list(words) for w in word.split("-")}
    return bool(words & ARMED_WORDS) and not words & FRONT_WORDS


def cia_since(entry: dict) -> str | None:
    text = entry.get("designation") or entry.get("aka") or ""
    if "Foreign Terrorist Organization" not in text and "FTO" not in text:
        return None
    match = re.search(rf"(\d{{1,2}}) ({MONTHS}) (\d{{4}})", text)
    if not match:
        return None
    return datetime.strptime(" ".join(match.groups()), "%d %B %Y").date().isoformat()


def cia_name(entry: dict) -> tuple[str, list[str]]:
    """'al-Qa'ida in the Arabian Peninsula (AQAP)' -> ("al-Qa'ida in the Arabian Peninsula", ["AQAP"])."""
    name = straight(entry["name"])
    acronyms = [a.strip() for group in re.findall(r"\(([^)]*)\)", name) for a in group.split(",")]
    base = straight(re.sub(r"\([^)]*\)", "", name))
    return base, [a for a in acronyms if a]


def match_tier(cia_names: list[str], cia_alias_keys: set[str], acronym_keys: set[str], row: dict) -> int | None:
    """1: a CIA name is the OFAC name; 2: a CIA name is an OFAC alias; 3: the OFAC name is a CIA alias;
    4: the acronym the CIA gives is an OFAC alias."""
    ofac_key = key(re.sub(r"\([^)]*\)", "", row["name"]))
    names = {key(n) for n in cia_names}
    if ofac_key in names:
        return 1
    if names & {key(a) for a in ofac_aliases(row)}:
        return 2
    if ofac_key in cia_alias_keys:
        return 3
    if acronym_keys & {key(a) for a in ofac_aliases(row)}:
        return 4
    return None


def _acronyms(ofac_rows: list[dict], cia: list[dict]) -> set[str]:
    found = {a for entry in cia for a in cia_name(entry)[1] if a.isupper()}
    for row in ofac_rows:
        for alias in ofac_aliases(row):
            if " " not in alias and len(alias) <= 4 and alias.isupper():
                found |= set(re.split(r"[-/]", alias))
    return {a for a in found if len(a) > 2 and a not in ACRONYM_OVERRIDES} | {"IS", "ISIS", "ISIL", "IRGC", "IRA", "ISWAP", "ISISB"}


def _cia_names(entry: dict) -> tuple[list[str], list[str]]:
    """The names an entry goes by (several when the factbook joins two with "/") and its aliases."""
    base, acronyms = cia_name(entry)
    parts = [straight(p) for p in base.split("/")]
    names = parts if len(parts) > 1 and all(len(p.split()) > 1 for p in parts) else [base]
    return names, split_aliases(entry.get("aka", "")) + acronyms


def pair_sources(ofac_rows: list[dict], cia: list[dict]) -> dict[int, int]:
    """CIA index -> OFAC index, one to one: only a unique best match merges (rule 4)."""
    best: dict[int, tuple[int, int]] = {}
    for c_index, entry in enumerate(cia):
        names, aliases = _cia_names(entry)
        alias_keys = {key(a) for a in aliases}
        acronym_keys = {key(a) for a in cia_name(entry)[1]}
        tiers: dict[int, list[int]] = {}
        for o_index, row in enumerate(ofac_rows):
            tier = match_tier(names, alias_keys, acronym_keys, row)
            if tier:
                tiers.setdefault(tier, []).append(o_index)
        if tiers:
            top = min(tiers)
            if len(tiers[top]) == 1:
                best[c_index] = (tiers[top][0], top)
    claimed: dict[int, list[tuple[int, int]]] = {}
    for c_index, (o_index, tier) in best.items():
        claimed.setdefault(o_index, []).append((tier, c_index))
    pairs = {}
    for o_index, claims in claimed.items():
        claims.sort()
        if len(claims) == 1 or claims[0][0] < claims[1][0]:
            pairs[claims[0][1]] = o_index
    return pairs


def keep_alias(alias: str, name: str) -> bool:
    k = key(alias)
    words = set(k.split())
    return (
        k != key(name)
        and len(k.replace(" ", "")) >= 3
        and k not in {key(c) for c in COMMON_ALIASES}
        and not words & ORGAN_WORDS
        and len(words) <= 12
        and not k.isdigit()
        and not re.fullmatch(r"abu \w+ al \w+", k)
        and not re.search(r"\.(org|com|net|info)\b|www\.|https?:", alias.lower())
    )


def make_entry(row: dict | None, entry: dict | None, acronyms: set[str]) -> dict:
    aliases: list[str] = []
    designations = []
    ids = {}
    since = None
    if entry is not None:
        names, cia_aliases = _cia_names(entry)
        name = proper_case(names[0], acronyms)
        aliases += names[1:] + cia_aliases
        ids["cia"] = straight(entry["name"])
        since = cia_since(entry)
    if row is not None:
        ofac_name = straight(re.sub(r"\s*\([^)]*\)", "", proper_case(straight(row["name"]), acronyms)))
        if entry is None:
            name = ofac_name
        remarks = " ".join(re.findall(r"a\.k\.a\. '([^']+)'", row.get("remarks", "")))
        aliases += [ofac_name] + [a if is_acronym(a, acronyms, remarks) else proper_case(a, acronyms)
                                  for a in ofac_aliases(row)]
        ids["ofac"] = str(row["ent_num"])
        if "SDGT" in row["programs"]:
            designations.append({"by": "US Treasury OFAC", "programme": "SDGT", "since": None})
    if since or (row is not None and "FTO" in row["programs"]):
        designations.append({"by": "US Department of State", "programme": "FTO", "since": since})
    seen: dict[str, str] = {}
    for alias in aliases:
        if keep_alias(alias, name) and key(alias) not in seen:
            seen[key(alias)] = alias
    return {
        "name": name,
        "aliases": sorted(seen.values(), key=lambda a: (a.casefold(), a)),
        "kind": "group",
        "ids": ids,
        "designations": sorted(designations, key=lambda d: d["programme"]),
    }


def drop_ambiguous(entries: list[dict]) -> list[str]:
    """Rule 6: an alias two groups share names neither; a group's own name stays with it."""
    owners: dict[str, set[int]] = {}
    names = {key(e["name"]): i for i, e in enumerate(entries)}
    for i, entry in enumerate(entries):
        for alias in entry["aliases"]:
            owners.setdefault(key(alias), set()).add(i)
    dropped = []
    for k, holders in owners.items():
        if len(holders) > 1 or (k in names and names[k] not in holders):
            for i in holders:
                entries[i]["aliases"] = [a for a in entries[i]["aliases"] if key(a) != k]
            dropped.append(k)
    return sorted(dropped)


def build(ofac_path: Path, cia_path: Path) -> list[dict]:
    rows = [json.loads(line) for line in ofac_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    armed = [row for row in rows if is_armed_group(row)]
    cia = [e for e in json.loads(cia_path.read_text(encoding="utf-8")) if not any(s in e["name"] for s in CIA_SKIP)]
    acronyms = _acronyms(armed, cia)
    pairs = pair_sources(armed, cia)
    paired = set(pairs.values())
    entries = [make_entry(armed[pairs[i]] if i in pairs else None, e, acronyms) for i, e in enumerate(cia)]
    entries += [make_entry(row, None, acronyms) for i, row in enumerate(armed) if i not in paired]
    drop_ambiguous(entries)
    return sorted(entries, key=lambda e: (e["name"].casefold(), json.dumps(e["ids"], sort_keys=True)))


def render(entries: list[dict]) -> str:
    return json.dumps(entries, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ofac", type=Path, default=DEFAULT_OFAC)
    parser.add_argument("--cia", type=Path, default=DEFAULT_CIA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for path in (args.ofac, args.cia):
        if not path.exists():
            print(f"error: {path} does not exist; pass --ofac/--cia pointing at the shared corpora", file=sys.stderr)
            return 2
    entries = build(args.ofac, args.cia)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(entries), encoding="utf-8")
    print(f"wrote {len(entries)} groups to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
