"""Stage `extract`: actors and the ties sources claim between them (see docs/internals.md).

    extractors = Registry("tiewatch.extractors")
    engine = extractors.get(DEFAULT_EXTRACTOR)()
    for document, mentions, claims in engine.extract(documents): ...

Built-in extractors register through the `tiewatch.extractors` entry-point group exactly as a
third party's would. `actor_sentences(docs)` gives the actor mentions per sentence that the rules
see, so a baseline can compare ties rather than entity recognition.
"""

from __future__ import annotations

from typing import Any

from tiewatch.model import Registry

extractors = Registry("tiewatch.extractors")

__all__ = ["DEFAULT_EXTRACTOR", "actor_sentences", "extractors", "get_extractor"]

# The engine used when none is named: candidate pairs decided by the trained classifier, with the
# hand-written rules as its features ("rules" runs them alone; "cooccurrence" is the baseline).
DEFAULT_EXTRACTOR = "learned"


def get_extractor(name: str = DEFAULT_EXTRACTOR) -> Any:
    """An instance of the named extractor."""
    from tiewatch.model import ExtractError

    try:
        return extractors.get(name)()
    except KeyError as exc:
        raise ExtractError(str(exc).strip("'\"")) from None


def actor_sentences(docs: Any) -> Any:
    """See tiewatch.extract.engine.actor_sentences (imported on use: spaCy loads lazily)."""
    from tiewatch.extract.engine import actor_sentences as run

    return run(docs)
