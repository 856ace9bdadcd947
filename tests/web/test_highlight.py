"""Highlight segments: they cover the text exactly once and know which claims and mentions cover them."""

from __future__ import annotations

from tiewatch.web.highlight import segments


def test_segments_rebuild_the_text_and_mark_mentions(world):
    doc_id = world.ids["first"]
    text = world.store.get_document(doc_id).text
    claims = world.store.claims_for_document(doc_id)
    parts = segments(text, claims)
    assert "".join(p.text for p in parts) == text
    marked = {p.text: p.mention for p in parts if p.mention}
    assert marked["Kora Valley Front"] == "subject" and marked["Black Banner Brigade"] in ("subject", "object")
    assert sorted(cid for p in parts for cid in p.anchors) == sorted(c.id for c in claims)
    denial = next(p for p in parts if p.text.startswith(" denied"))
    assert denial.polarity == "denied" and denial.claim.polarity == "denied"


def test_offsets_outside_the_text_are_clamped(world):
    claim = world.store.claims_for_document(world.ids["first"])[0]
    claim.end, claim.object_end = 10_000, 10_000
    parts = segments("short text", [claim])
    assert "".join(p.text for p in parts) == "short text"
