"""Which language a document is written in: lingua, restricted to the languages analysts meet most.

The detector is built once, on first use (restricting the language set keeps it fast and small).
"""

from __future__ import annotations

from functools import lru_cache

LANGUAGES = ("ENGLISH", "ARABIC", "FRENCH", "RUSSIAN", "TURKISH", "PERSIAN", "URDU", "SPANISH", "GERMAN")
SAMPLE_CHARS = 3000  # enough for a confident guess; long reports would only cost time


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in LANGUAGES)).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text gives no clue (digits, URLs)."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None
