"""The store: the only package that speaks SQL. `Store(url)` opens (and migrates) a database.

The Store class is assembled from one mixin per subject so each module stays small.
"""

from tiewatch.store.actors import ActorsMixin
from tiewatch.store.base import DEFAULT_URL, StoreBase, missing_file, resolve_url, utcnow
from tiewatch.store.clusters import ClustersMixin
from tiewatch.store.describe import DescriptionsMixin
from tiewatch.store.display import DisplayNamesMixin
from tiewatch.store.documents import DocumentsMixin
from tiewatch.store.graphstate import GraphStateMixin
from tiewatch.store.graphreads import GraphReadsMixin
from tiewatch.store.graphviews import ClaimView, ClaimViewsMixin
from tiewatch.store.outbox import OutboxMixin, OutboxRow
from tiewatch.store.queue import QueueItem, QueueMixin
from tiewatch.store.ties import TiesMixin
from tiewatch.store.tiereads import TieReadsMixin
from tiewatch.store.review import ReviewEntry, ReviewMixin
from tiewatch.store.search import DocumentHit, SearchMixin
from tiewatch.store.sessions import SessionsMixin
from tiewatch.store.users import ROLES, User, UsersMixin
from tiewatch.store.votes import Assignment, VotedMention, VotesMixin
from tiewatch.store.watch import AlertRecord, WatchMixin, WatchRule


class Store(ActorsMixin, VotesMixin, TiesMixin, ClustersMixin, DocumentsMixin, DescriptionsMixin, DisplayNamesMixin, GraphReadsMixin,
            TieReadsMixin, ClaimViewsMixin, ReviewMixin, QueueMixin, SearchMixin, SessionsMixin, UsersMixin, WatchMixin, OutboxMixin, GraphStateMixin, StoreBase):
    """SQLite by default (`sqlite:///tiewatch.db`), PostgreSQL by `postgresql+psycopg://` URL."""


__all__ = [
    "ClaimView", "DEFAULT_URL", "DocumentHit", "ROLES", "ReviewEntry", "Store", "User", "missing_file", "resolve_url",
    "utcnow",
    "AlertRecord", "Assignment", "OutboxRow", "QueueItem", "VotedMention", "WatchRule",
]
