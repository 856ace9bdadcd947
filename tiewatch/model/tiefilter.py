"""Which ties a list, a table, the graph or an export covers, and in what order: one filter that
every reader of ties shares, so the ties table, the graph explorer and a download of what is shown
always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

POLARITIES = ("asserted", "denied", "hedged")
# sort key -> what it means; every key sorts newest/most first when descending
TIE_ORDERS = {
    "newest": "when tiewatch first knew the tie",
    "first_seen": "the earliest date a source gives",
    "last_seen": "the latest date a source gives",
    "sources": "independent sources",
    "claims": "claims behind the tie",
    "grade": "source grade (A1 best)",
    "subject": "subject name",
    "object": "object name",
    "type": "tie type",
}


@dataclass(frozen=True)
class TieFilter:
    actor_id: int | None = None  # ties with this actor at either end
    other_id: int | None = None  # ... and this one at the other end
    type: str | None = None
    since: str | None = None  # new to tiewatch (or first denied) on or after this date
    seen_from: str | None = None  # a source dates it on or after this date (last seen >= it)
    seen_until: str | None = None  # a source dates it on or before this date (first seen <= it)
    min_sources: int | None = None
    polarity: str | None = None  # at least one claim of this polarity
    order: str = "newest"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.order not in TIE_ORDERS:
            raise ValueError(f"unknown order {self.order!r}; choose one of: {', '.join(TIE_ORDERS)}")
        if self.polarity is not None and self.polarity not in POLARITIES:
            raise ValueError(f"unknown polarity {self.polarity!r}; choose one of: {', '.join(POLARITIES)}")

    @property
    def narrows(self) -> bool:
        """Whether it leaves ties out (an order alone does not)."""
        return any(getattr(self, f.name) is not None for f in fields(self) if f.name not in ("order", "descending"))

    def but(self, **changes) -> "TieFilter":
        return replace(self, **changes)
