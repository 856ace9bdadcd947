"""Stage `extract`: actors and the ties sources claim between them (see docs/internals.md).

    extractors = Registry("tiewatch.extractors")
    engine = extractors.get("rules")()
    for document, mentions, claims in engine.extract(documents): ...

Built-in extractors register through the `tiewatch.extractors` entry-point group exactly as a
third party's would. `actor_sentences(docs)` gives the actor mentions per sentence that the rules
see, so a baseline can compare ties rather than entity recognition.
"""

from __future__ import annotations

from typing import Any

from tiewatch.model import Registry

extractors = Registry("tiewatch.extractors")

__all__ = ["actor_sentences", "extractors", "get_extractor"]


def get_extractor(name: str = "rules") -> Any:
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
