"""Hand-made documents with their mentions and claims, stored the way extraction stores them."""

from __future__ import annotations

import hashlib
import re

from tiewatch.graph import refresh
from tiewatch.model import Claim, Document, Mention, Source

KINDS = {
    "Hamas": "group", "Sinai Province": "group", "Islamic State": "group",
    "Abu Bakr al-Baghdadi": "person", "Egypt": "state", "Gaza": "place", "Jund Ansar Allah": "group", "Hizballah": "group",
}


def add_document(store, text: str, claims: list[tuple], *, source: str = "MEMRI JTTM", reliability: str = "B",
                 published: str = "2016-02-24", title: str | None = None, origin: str | None = None) -> int:
    """Store `text` with one claim per (subject, type, object, polarity, claimant[, cue]) tuple.

    The claim's sentence is the first sentence of `text` naming both ends (and the cue, if given).
    """
    sentences = [(m.start(), m.group()) for m in re.finditer(r"[^.!?]+[.!?]", text)]
    mentions: dict[tuple[str, int], Mention] = {}
    found: list[Claim] = []
    for subject, tie_type, obj, polarity, claimant, *cue in claims:
        start, sentence = next((s, t) for s, t in sentences if subject in t and obj in t and all(c in t for c in cue))
        lead = len(sentence) - len(sentence.lstrip())
        start, sentence = start + lead, sentence.strip()

        def mention(name: str) -> Mention:
            at = text.index(name, start)
            return mentions.setdefault((name, at), Mention(text=name, start=at, end=at + len(name), kind=KINDS[name]))

        found.append(Claim(
            subject=mention(subject), object=mention(obj), type=tie_type, polarity=polarity, claimant=claimant,
            sentence=sentence, start=start, end=start + len(sentence), rule=f"test.{tie_type}", confidence=0.8,
        ))
    doc = Document(
        text=text, kind="text", origin=origin or f"https://example.org/{hashlib.sha1(text.encode()).hexdigest()[:8]}",
        title=title or text[:40], published=published, source=Source(name=source, reliability=reliability),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    doc_id, _ = store.add_document(doc, list(mentions.values()), found)
    return doc_id


LETTER = (
    "Sinai Province is smuggling weapons for Hamas in Gaza. "
    "Jund Ansar Allah supplies explosives to Sinai Province every month. "
    "Abu Bakr al-Baghdadi leads the Islamic State. "
    "Sinai Province is a branch of the Islamic State."
)
DENIAL = "Hamas denied that it supplies weapons to Sinai Province. Egypt fights Sinai Province in the desert."
REPORT = (
    "Officials said Sinai Province smuggles weapons for Hamas across the border. "
    "Sinai Province also cooperates with Hamas in Rafah."
)


def build_network(store) -> None:
    """Three documents from three sources: eight ties, one corroborated, one only denied."""
    add_document(store, LETTER, [
        ("Sinai Province", "smuggles_for", "Hamas", "asserted", "Abu Abdallah al-Muhajir"),
        ("Jund Ansar Allah", "supplies_weapons", "Sinai Province", "asserted", "Abu Abdallah al-Muhajir"),
        ("Abu Bakr al-Baghdadi", "leads", "Islamic State", "asserted", "MEMRI JTTM"),
        ("Sinai Province", "part_of", "Islamic State", "asserted", "MEMRI JTTM"),
        ("Sinai Province", "operates_in", "Gaza", "asserted", "MEMRI JTTM"),
    ], title="Letter by an ISIS fighter")
    add_document(store, DENIAL, [
        ("Hamas", "supplies_weapons", "Sinai Province", "denied", "Hamas"),
        ("Egypt", "fights", "Sinai Province", "asserted", "Al-Ahram"),
    ], source="Al-Ahram", reliability="C", published="2016-03-02", title="Hamas denies supplying ISIS Sinai")
    add_document(store, REPORT, [
        ("Sinai Province", "smuggles_for", "Hamas", "asserted", "Officials"),
        ("Sinai Province", "cooperates_with", "Hamas", "asserted", "Reuters", "cooperates"),
    ], source="Reuters", reliability="A", published="2016-04-10", title="Border smuggling")
    refresh(store)
