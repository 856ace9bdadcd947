"""The `corpus` fixture: documents with hand-made mentions and claims, stored as ingest would."""

import pytest

from tests.graph.corpus import Corpus


@pytest.fixture
def corpus(store):
    return Corpus(store)
