"""SQLAlchemy Core tables: the whole schema in one place.

Only `tiewatch.store` imports SQLAlchemy. Text columns holding JSON use the portable `JSON` type.
Columns named `start`/`end` are spelled `start_char`/`end_char` (END is an SQL keyword).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# --- what was collected ---------------------------------------------------------------------
sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("kind", String(20), nullable=False, default="publisher"),  # publisher|site|channel|feed
    Column("url", Text),
    Column("reliability", String(1), nullable=False, default="F"),  # Admiralty A-F
    Column("created_at", String(32), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),  # of the normalised text
    Column("kind", String(20), nullable=False),
    Column("origin", Text, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id"), index=True),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(32), index=True),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("meta", JSON, nullable=False, default=dict),
    Column("ingested_at", String(32), nullable=False),
    # near-duplicate cluster: the id of the first stored document this one repeats (or its own id)
    Column("cluster_id", Integer, index=True),
    Column("minhash", JSON),
)

# the near-duplicate index: the band keys of each clustered document's MinHash (store/clusters.py);
# the unique (key, document_id) index answers a lookup by key alone and refuses a band stored twice
document_bands = Table(
    "document_bands",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("key", BigInteger, nullable=False),
    Index("ux_document_bands_key_document", "key", "document_id", unique=True),
)

# --- what the text says ---------------------------------------------------------------------
actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(10), nullable=False),  # group|person|state|place|other
    Column("external_ids", JSON, nullable=False, default=dict),
    Column("designations", JSON, nullable=False, default=list),
    Column("first_seen", String(32)),
    Column("created_at", String(32), nullable=False),
    Column("merged_into", Integer, ForeignKey("actors.id")),  # set while merged; cleared by split/undo
    Column("parent_id", Integer, ForeignKey("actors.id")),  # "ISIS's Sinai province": part of ISIS
    Column("dismissed_at", String(32)),  # marked "not an actor" by an analyst: makes no ties, listed nowhere
    Column("display_name", Text),  # an analyst's short name for it; `name` (often a watchlist's) stays
)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("norm", String(300), nullable=False, index=True),  # matching key (resolve.normalise)
    Column("origin", String(20), nullable=False, default="text"),  # text|watchlist|acronym|analyst
    UniqueConstraint("actor_id", "norm", name="uq_aliases_actor_norm"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("label", String(40), nullable=False, default=""),
    Column("canonical", Text),  # what a back-reference ("the group") resolved to
    Column("actor_id", Integer, ForeignKey("actors.id"), index=True),
    # written by the resolver with actor_id (resolve/kinds.py): the name's matching key, the weight
    # of its vote for its kind, and the kind the store's votes gave a guessed kind (NULL otherwise)
    Column("name_key", String(300), index=True),
    Column("vote_weight", Integer, nullable=False, server_default="0"),
    Column("voted_kind", String(10)),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("subject_mention_id", Integer, ForeignKey("mentions.id"), nullable=False),
    Column("object_mention_id", Integer, ForeignKey("mentions.id"), nullable=False),
    Column("claimant_mention_id", Integer, ForeignKey("mentions.id")),
    Column("type", String(40), nullable=False, index=True),
    Column("polarity", String(10), nullable=False),
    Column("claimant", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("rule", String(80), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("extractor", String(40), nullable=False, default="rules"),
    Column("status", String(10), nullable=False, default="pending"),  # pending|confirmed|rejected
    # analyst overrides (review); NULL = as extracted
    Column("reviewed_type", String(40)),
    Column("reviewed_reversed", Integer, nullable=False, default=0),
    # the tie this claim counts towards; set by the graph stage when it aggregates
    Column("tie_id", Integer, ForeignKey("ties.id", ondelete="SET NULL"), index=True),
)

# --- what the graph knows -------------------------------------------------------------------
ties = Table(
    "ties",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subject_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("object_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("type", String(40), nullable=False, index=True),
    Column("asserted", Integer, nullable=False, default=0),
    Column("denied", Integer, nullable=False, default=0),
    Column("hedged", Integer, nullable=False, default=0),
    Column("sources", Integer, nullable=False, default=0),  # independent sources
    Column("first_seen", String(32)),
    Column("last_seen", String(32)),
    Column("reliability", String(1), nullable=False, default="F"),
    Column("credibility", Integer, nullable=False, default=6),
    Column("created_at", String(32), nullable=False),  # when tiewatch first knew the tie
    Column("first_denied_at", String(32)),  # when tiewatch first saw a denial
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("subject_id", "type", "object_id", name="uq_ties_subject_type_object"),
)

structural_edges = Table(
    "structural_edges",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(10), nullable=False),  # forward|reply|link|mention
    Column("from_channel", Text, nullable=False),
    Column("to_channel", Text, nullable=False),  # a channel name, or an unresolved id like "channel123"
    Column("resolved", Integer, nullable=False, default=0),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), index=True),
    Column("message_link", Text),
    Column("original_id", Text),
    Column("date", String(32)),
)

merge_log = Table(
    "merge_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(10), nullable=False),  # merge|split|kind|dismiss|name|apart
    Column("kept_id", Integer, nullable=False),
    Column("other_id", Integer, nullable=False),
    Column("snapshot", JSON, nullable=False),  # everything needed to restore the prior state
    Column("why", Text),
    Column("who", String(100), nullable=False),
    Column("at", String(32), nullable=False),
    Column("undone_at", String(32)),
)

# --- people and their work ------------------------------------------------------------------
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(10), nullable=False),  # viewer|analyst|admin
    Column("token_hash", String(128), nullable=False),
    Column("created_at", String(32), nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("id_hash", String(64), nullable=False, unique=True),  # SHA-256 of the id in the cookie
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),  # absolute end, whatever the activity
)

# What a graph rebuild still has to do after its documents are resolved (resolve/kinds.py
# finish_pending): names whose votes grew, actors whose mentions changed. Emptied when done.
graph_work = Table(
    "graph_work",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("what", String(10), nullable=False),  # name | actor
    Column("value", String(300), nullable=False),
    UniqueConstraint("what", "value", name="uq_graph_work"),
)

review_log = Table(
    "review_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("who", String(100), nullable=False),
    Column("at", String(32), nullable=False),
    Column("action", String(30), nullable=False),
    Column("target_kind", String(20), nullable=False),  # claim|actor|source|tie
    Column("target_id", Integer, nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("undone_at", String(32)),
)

watch_rules = Table(
    "watch_rules",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("actor", Text),
    Column("type", String(40)),
    Column("min_sources", Integer),
    Column("polarity", String(10)),
    Column("webhook_url", Text),
    Column("webhook_secret", Text),  # HMAC key for the signature header; else TIEWATCH_WEBHOOK_SECRET
    Column("email", Text),
    Column("created_at", String(32), nullable=False),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("rule_id", Integer, ForeignKey("watch_rules.id", ondelete="CASCADE"), nullable=False),
    Column("tie_id", Integer, ForeignKey("ties.id", ondelete="CASCADE"), nullable=False),
    Column("event", String(20), nullable=False),  # new_tie|first_denial|sources_reached
    Column("at", String(32), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("baseline", Integer, nullable=False, default=0),  # 1 = already true when the rule was added
    UniqueConstraint("rule_id", "tie_id", "event", name="uq_alerts_rule_tie_event"),
)

alert_outbox = Table(  # one row per alert and channel, written with the alert, emptied by `alerts deliver`
    "alert_outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String(10), nullable=False),  # webhook|email
    Column("endpoint", Text, nullable=False),  # the URL or the addresses when the alert was raised
    Column("key", String(32), nullable=False, unique=True),  # the Idempotency-Key the receiver sees
    Column("state", String(10), nullable=False, default="pending"),  # pending|sending|delivered|failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try", String(32), nullable=False),
    Column("lease_until", String(32)),  # while sending: another deliverer may take the row after this
    Column("claimed_by", String(64)),
    Column("last_error", Text),
    Column("delivered_at", String(32)),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("alert_id", "channel", name="uq_alert_outbox_alert_channel"),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text),
)

Index("ix_alert_outbox_state_next_try", alert_outbox.c.state, alert_outbox.c.next_try)
Index("ix_claims_subject_object", claims.c.subject_mention_id, claims.c.object_mention_id)

# Indexes for reads that otherwise scan a whole table as the store grows (revision 0008 adds them
# to stores made before it): merged actors by the actor they went into, ties newest first and by
# first denial, claims by their object mention and review status, Telegram edges by channel, the
# review log by what it changed, documents by kind, and actor names compared in any case.
LOOKUP_INDEXES = (
    Index("ix_actors_merged_into", actors.c.merged_into),
    Index("ix_actors_name_lower", func.lower(actors.c.name)),
    Index("ix_ties_created_at_id", ties.c.created_at, ties.c.id),
    Index("ix_ties_first_denied_at", ties.c.first_denied_at),
    Index("ix_claims_object_mention_id", claims.c.object_mention_id),
    Index("ix_claims_status", claims.c.status),
    Index("ix_structural_edges_from_channel", structural_edges.c.from_channel),
    Index("ix_structural_edges_to_channel", structural_edges.c.to_channel),
    Index("ix_review_log_target", review_log.c.target_kind, review_log.c.target_id),
    Index("ix_documents_kind", documents.c.kind),
)
