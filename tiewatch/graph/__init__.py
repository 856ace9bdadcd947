"""The graph stage: claims become ties (corroboration, near-duplicates, grading, what's new),
channel structure is read from Telegram posts, and the network can be queried.

The contract with the other stages is `refresh(store) -> RefreshReport` (docs/internals.md), and
`catch_up(store)`, which rebuilds only when the graph is behind what is stored.
"""

from tiewatch.graph.refresh import RefreshReport, catch_up, refresh

__all__ = ["RefreshReport", "catch_up", "refresh"]
