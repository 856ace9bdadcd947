"""Draw the real paragraphs to annotate from the public-domain corpora in ../shared/corpora and
assign each *source document* to train, dev or test with a fixed seed.

    python scripts/sample_real.py [--shared ../shared] [--out benchmarks/real]

Writes YAML files per split and source (`train/treasury-1.yaml`, `test/cia.yaml`, ...) holding
paragraphs with `ties: []`, ready for annotators who follow benchmarks/GUIDE.md. The draw depends
only on the corpora and the seed, so it is reproducible; it never looks at any extractor's output.

Sources and their unit of "document":
- Treasury counter-terrorism press releases: one press release; paragraphs are its blank-line blocks.
- CIA World Factbook terrorist-organisation profiles: one group; a paragraph is one field (history,
  leadership, areas of operation, targets, support) headed by the group's name as on the page.
- re3d (State Department, CENTCOM, UK Government): one document. These go to `test` only, so the
  re3d benchmark and the real test split stay untouched by training.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

import yaml

SEED = 20261201
CHUNK = 55  # paragraphs per file: one annotator's batch
NAMEISH = re.compile(r"\b(?:[A-Z][\w'’-]+|al-[A-Z][\w'’-]+)(?:\s+(?:of|the|al|and|for|in|al-|bin|ibn|[A-Z][\w'’-]+))*")
BOILERPLATE = ("property and interests in property", "As a result of today", "U.S. persons are generally",
               "OFAC's Recent Actions", "Press Releases", "Archived Content", "For more information",
               "View the", "Identifying information", "blocked and reported")
CIA_FIELDS = (("history", "History"), ("leadership and organization", "Leadership and organization"),
              ("areas of operation", "Areas of operation"), ("targets, tactics, and weapons", "Targets, tactics, and weapons"),
              ("financial and other support", "Financial and other support"))


def split_of(source: str, doc_id: str) -> str:
    """train / dev / test for one document: 60 / 15 / 25 per cent by a seeded hash; re3d is test."""
    if source == "re3d":
        return "test"
    bucket = int(hashlib.sha256(f"{SEED}:{source}:{doc_id}".encode()).hexdigest(), 16) % 100
    return "train" if bucket < 60 else "dev" if bucket < 75 else "test"


def _clean(text: str) -> str:
    text = text.replace("\u200b", "").replace("**", "").replace("*", "")
    return re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\s*\n\s*", " ", text)).strip()


def _worth(text: str) -> bool:
    """Long enough, not boilerplate, with at least two name-like phrases (a tie needs two ends)."""
    if not 160 <= len(text) <= 1400 or any(b in text for b in BOILERPLATE):
        return False
    names = {m.group(0) for m in NAMEISH.finditer(text) if len(m.group(0)) > 3}
    return len(names) >= 3


def treasury(shared: Path) -> list[dict]:
    out = []
    for line in (shared / "corpora/treasury/treasury_ct_press_releases.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        blocks = [_clean(b) for b in re.split(r"\n\s*\n", row["text"])]
        for n, text in enumerate(b for b in blocks if _worth(b)):
            out.append({"document": row["id"], "source": "treasury", "publisher": "U.S. Department of the Treasury",
                        "published": row["date"], "url": row.get("source_url"), "text": text, "n": n})
    return out


def cia(shared: Path) -> list[dict]:
    out = []
    groups = json.loads((shared / "corpora/cia/cia_world_factbook_terrorist_organizations_2025.json").read_text(encoding="utf-8"))
    for group in groups:
        for n, (field, label) in enumerate(CIA_FIELDS):
            body = _clean(group.get(field) or "")
            text = f"{group['name']}. {label}: {body}"
            if len(body) >= 120 and _worth(text):
                out.append({"document": group["name"], "source": "cia", "publisher": "CIA World Factbook",
                            "published": "2025", "url": None, "text": text, "n": n})
    return out


def re3d(shared: Path) -> list[dict]:
    out = []
    for part in ("US_State_Department", "CENTCOM", "UK_Government"):
        for line in (shared / f"corpora/re3d/{part}/documents.json").open(encoding="utf-8"):
            doc = json.loads(line)
            blocks = [_clean(b) for b in re.split(r"\n\s*\n", doc["text"])]
            for n, text in enumerate(b for b in blocks if _worth(b)):
                out.append({"document": doc["_id"], "source": "re3d", "publisher": doc.get("sourceName") or part,
                            "published": None, "url": doc.get("sourceUrl"), "text": text, "n": n})
    return out


def draw(pool: list[dict], documents: int, per_document: int, rng: random.Random) -> list[dict]:
    """`per_document` paragraphs from each of `documents` documents chosen at random."""
    by_doc: dict[str, list[dict]] = {}
    for para in pool:
        by_doc.setdefault(para["document"], []).append(para)
    chosen = rng.sample(sorted(by_doc), min(documents, len(by_doc)))
    out = []
    for doc in chosen:
        paras = by_doc[doc]
        out.extend(rng.sample(paras, min(per_document, len(paras))))
    return out


def _entry(para: dict) -> dict:
    slug = re.sub(r"[^a-z0-9]+", "-", str(para["document"]).lower()).strip("-")[:40]
    return {"id": f"{para['source']}-{slug}-{para['n']}", "document": para["document"],
            "publisher": para["publisher"], "published": para["published"], "url": para["url"],
            "text": para["text"], "ties": []}


def first_draw(shared: Path) -> list[dict]:
    """The paragraphs of the first annotation round (train, dev and the frozen test)."""
    rng = random.Random(SEED)
    return draw(treasury(shared), 90, 2, rng) + draw(cia(shared), 50, 2, rng) + draw(re3d(shared), 40, 1, rng)


def extra_draw(shared: Path, count: int, round_: int = 1) -> list[dict]:
    """`count` more paragraphs for training, only from documents of the train split, none drawn
    before (by the first draw or an earlier round): half CIA profiles (as many as remain), the rest
    Treasury press releases."""
    taken = {_entry(p)["id"] for p in first_draw(shared)}
    for earlier in range(1, round_):
        taken |= {_entry(p)["id"] for p in extra_draw(shared, count, earlier)}
    rng = random.Random(SEED + round_)
    out = []
    for pool, share in ((cia(shared), count // 2), (treasury(shared), count)):
        fresh = [p for p in pool if split_of(p["source"], p["document"]) == "train" and _entry(p)["id"] not in taken]
        picked = rng.sample(fresh, min(share, len(fresh), count - len(out)))
        out.extend(picked)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "benchmarks/real")
    ap.add_argument("--extra", type=int, default=0, metavar="N",
                    help="draw N more training paragraphs (train documents only) into train/extra-*.yaml")
    ap.add_argument("--round", type=int, default=1, metavar="K",
                    help="with --extra: the K-th extra draw (2 writes train/extra2-*.yaml, excluding round 1's)")
    args = ap.parse_args()
    drawn = extra_draw(args.shared, args.extra, args.round) if args.extra else first_draw(args.shared)
    name = "extra" if args.round == 1 else f"extra{args.round}"
    files: dict[tuple[str, str], list[dict]] = {}
    for para in drawn:
        split = split_of(para["source"], para["document"])
        files.setdefault((split, name if args.extra else para["source"]), []).append(_entry(para))
    for (split, source), paras in sorted(files.items()):
        paras.sort(key=lambda p: p["id"])
        (args.out / split).mkdir(parents=True, exist_ok=True)
        chunks = [paras[i:i + CHUNK] for i in range(0, len(paras), CHUNK)]
        for n, chunk in enumerate(chunks):
            name = source if len(chunks) == 1 else f"{source}-{n + 1}"
            head = {"set": f"real-{split}", "paragraphs": chunk}
            path = args.out / split / f"{name}.yaml"
            path.write_text(yaml.safe_dump(head, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
            print(f"{path}: {len(chunk)} paragraphs from {len({p['document'] for p in chunk})} documents")


if __name__ == "__main__":
    main()
