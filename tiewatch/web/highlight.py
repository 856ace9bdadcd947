"""Document text cut into plain-text segments, each knowing which evidence spans cover it.

The template escapes every segment and wraps evidence in links to their claims, so a highlight
never injects markup: the text stays data, whatever a hostile page put into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from tiewatch.store import ClaimView


@dataclass
class Segment:
    """A run of text with the same highlighting. `claims` are the claims whose sentence covers it."""

    text: str
    start: int
    claims: list[ClaimView] = field(default_factory=list)
    mention: str | None = None  # "subject" | "object" when an actor mention of a covering claim
    anchors: list[int] = field(default_factory=list)  # claims whose evidence starts here (#claim-ID)

    @property
    def claim(self) -> ClaimView | None:
        """The claim this segment links to: an active one before a rejected one."""
        live = [c for c in self.claims if c.status != "rejected"]
        return (live or self.claims or [None])[0]

    @property
    def polarity(self) -> str:
        polarities = {c.polarity for c in self.claims if c.status != "rejected"}
        if not polarities:
            return "rejected"
        return polarities.pop() if len(polarities) == 1 else "mixed"


def _clamp(value: int, size: int) -> int:
    return max(0, min(int(value), size))


def segments(text: str, claims: Iterable[ClaimView]) -> list[Segment]:
    """Split `text` at every evidence and mention boundary; segments cover the text exactly once."""
    size = len(text)
    spans = []
    for c in claims:
        start, end = _clamp(c.start, size), _clamp(c.end, size)
        if start < end:
            spans.append((start, end, c))
    cuts = {0, size}
    for start, end, c in spans:
        cuts.update((start, end))
        for s, e in ((c.subject_start, c.subject_end), (c.object_start, c.object_end)):
            cuts.update((_clamp(s, size), _clamp(e, size)))
    points = sorted(cuts)
    anchors: dict[int, list[int]] = {}
    for start, _end, c in sorted(spans, key=lambda s: (s[0], s[2].id)):
        anchors.setdefault(start, []).append(c.id)
    result = []
    for a, b in zip(points, points[1:]):
        if a == b:
            continue
        covering = [c for s, e, c in spans if s <= a and b <= e]
        mention = None
        for c in covering:
            if c.subject_start <= a and b <= c.subject_end:
                mention = "subject"
            elif c.object_start <= a and b <= c.object_end:
                mention = mention or "object"
        result.append(Segment(text=text[a:b], start=a, claims=covering, mention=mention, anchors=anchors.get(a, [])))
    return result
