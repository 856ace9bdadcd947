"""Plain data shared by every stage: documents, mentions, claims, actors, ties, the tie vocabulary.

`model` imports nothing else of the project, so every stage may import it.
"""

from .errors import (
    AlertError,
    ConfigError,
    ExportError,
    ExtractError,
    IngestError,
    NotFound,
    ReviewError,
    StoreError,
    TiewatchError,
)
from .records import EXTRACTED_CHARS, Actor, Claim, Document, Mention, Source, Tie, document_label, shown_origin, web_address
from .registry import Registry
from .tiefilter import POLARITIES, TIE_ORDERS, TieFilter
from .settings import Environment, environment
from .vocabulary import TieType, vocabulary

__all__ = [
    "EXTRACTED_CHARS",
    "Actor",
    "AlertError",
    "ConfigError",
    "Environment",
    "environment",
    "Claim",
    "Document",
    "document_label",
    "ExportError",
    "ExtractError",
    "IngestError",
    "Mention",
    "POLARITIES",
    "TIE_ORDERS",
    "TieFilter",
    "NotFound",
    "Registry",
    "ReviewError",
    "Source",
    "StoreError",
    "Tie",
    "shown_origin",
    "web_address",
    "TieType",
    "TiewatchError",
    "vocabulary",
]
