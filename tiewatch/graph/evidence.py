"""Choosing the quote that best shows a tie: the claim an analyst would cite first."""

from __future__ import annotations

from typing import Iterable

from tiewatch.store import ClaimView

_POLARITY_ORDER = {"asserted": 0, "hedged": 1, "denied": 2}
_STATUS_ORDER = {"confirmed": 0, "pending": 1, "rejected": 2}


def rank_key(claim: ClaimView) -> tuple:
    """Confirmed before pending, best source grade, then confidence, then the earliest."""
    return (
        _STATUS_ORDER.get(claim.status, 1),
        claim.reliability or "F",
        -claim.confidence,
        claim.date or "9999",
        claim.id,
    )


def best_claim(claims: Iterable[ClaimView], polarity: str | None = None) -> ClaimView | None:
    """The best counted claim, of one polarity or (by default) preferring assertions."""
    counted = [c for c in claims if c.status != "rejected" and (polarity is None or c.polarity == polarity)]
    if not counted:
        return None
    return min(counted, key=lambda c: (_POLARITY_ORDER.get(c.polarity, 3), *rank_key(c)))


def cite(claim: ClaimView) -> str:
    """One line: the quote, then who says it, where and when."""
    where = claim.source or claim.document_label
    said = [claim.claimant] if claim.claimant == where else [claim.claimant, where]
    return f"\u201c{claim.sentence.strip()}\u201d \u2014 {', '.join([*said, claim.date or 'undated'])}"
