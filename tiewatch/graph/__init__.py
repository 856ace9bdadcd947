"""The graph stage: claims become ties (corroboration, near-duplicates, grading, what's new),
channel structure is read from Telegram posts, and the network can be queried.

The contract with the other stages is `refresh(store) -> RefreshReport` (docs/internals.md).
"""

from tiewatch.graph.refresh import RefreshReport, refresh

__all__ = ["RefreshReport", "refresh"]
