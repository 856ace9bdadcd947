"""A small hand-made corpus for the web tests: two outlets, a denial, and one hostile page.

Offsets are computed from the text, so every claim's evidence and mentions point at real spans.
"""

from __future__ import annotations

import hashlib

from tiewatch.model import Claim, Document, Mention, Source

HOSTILE_TITLE = '<script>alert("title")</script>Hostile <img src=x onerror=alert(1)> bulletin'
HOSTILE_TEXT = (
    "Breaking <script>alert('text')</script> news <img src=x onerror=alert(2)>. "
    "The Red Hand Cell funds the Kora Valley Front. "
    "Read more at javascript:alert(3) or <a href=\"javascript:alert(4)\">here</a>."
)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _mention(text: str, name: str, sentence_start: int, kind: str = "group") -> Mention:
    start, end = _span(text, name, sentence_start)
    return Mention(name, start, end, kind)


def claim(text: str, sentence: str, subject: str, type: str, obj: str, polarity: str = "asserted",
          claimant: str = "the author") -> tuple[Claim, list[Mention]]:
    """A claim over `sentence` (found in `text`) between two names found in that sentence."""
    start, end = _span(text, sentence)
    subj, ob = _mention(text, subject, start), _mention(text, obj, start)
    made = Claim(subj, ob, type, polarity, claimant, sentence, start, end, "test.rule", 0.9)
    return made, [subj, ob]


def document(text: str, title: str, source: str, published: str, **extra) -> Document:
    return Document(
        text=text, kind=extra.pop("kind", "html"), origin=extra.pop("origin", f"https://example.org/{abs(hash(title))}"),
        title=title, published=published, language="en", source=Source(source, kind="publisher"),
        sha256=hashlib.sha256(text.encode()).hexdigest(), **extra,
    )


def add(store, doc: Document, claims: list[tuple[Claim, list[Mention]]]) -> int:
    mentions = [m for _c, ms in claims for m in ms]
    doc_id, _new = store.add_document(doc, mentions, [c for c, _ms in claims])
    return doc_id


KVF, BBB = "Kora Valley Front", "Black Banner Brigade"
# (key, title, source, date, sentences); each sentence: (text, subject, type, object, polarity, claimant)
STORIES = [
    ("first", "Rifles reach the Black Banner Brigade", "Sahel Monitor", "2024-03-01", [
        ("Officials in Niamey said the Kora Valley Front supplied rifles to the Black Banner Brigade.",
         KVF, "supplies_weapons", BBB, "asserted", "Officials in Niamey"),
        ("The Black Banner Brigade denied that the Kora Valley Front supplied rifles to it.",
         KVF, "supplies_weapons", BBB, "denied", BBB),
    ]),
    ("second", "Training camps near Tillaberi", "Desert Wire", "2024-04-10", [
        ("According to Desert Wire, the Kora Valley Front supplied rifles to the Black Banner Brigade in April.",
         KVF, "supplies_weapons", BBB, "asserted", "Desert Wire"),
        ("Instructors of the Kora Valley Front trained the Black Banner Brigade near Tillaberi.",
         KVF, "trains", BBB, "asserted", "the author"),
    ]),
]


def build(store) -> dict[str, int]:
    """Store the corpus, build the graph, and return the ids the tests navigate by."""
    from tiewatch.graph import refresh

    ids = {}
    for key, title, source, date, sentences in STORIES:
        text = " ".join(s[0] for s in sentences)
        found = [claim(text, sentence, subj, kind, obj, pol, who) for sentence, subj, kind, obj, pol, who in sentences]
        ids[key] = add(store, document(text, title, source, date), found)
    hostile_doc = document(
        HOSTILE_TEXT, HOSTILE_TITLE, "<b>Evil</b> Channel", "2024-05-02", kind="telegram", origin="javascript:alert(5)",
        author="<svg onload=alert(6)>", metadata={"message_link": "javascript:alert(7)", "site_name": "<img src=x onerror=alert(8)>"},
    )
    ids["hostile"] = add(store, hostile_doc, [
        claim(HOSTILE_TEXT, "The Red Hand Cell funds the Kora Valley Front.", "Red Hand Cell", "funds",
              "Kora Valley Front", claimant="<script>alert('claimant')</script>"),
    ])
    refresh(store)
    for actor in store.list_actors():
        ids[actor.name] = actor.id
    for tie in store.list_ties():
        ids[tie.type] = tie.id
    return ids
