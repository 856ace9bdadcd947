import pytest

from tests.export.sample import build_network


@pytest.fixture
def network(store):
    """A store holding the sample network (three documents, seven ties, one denial)."""
    build_network(store)
    return store
