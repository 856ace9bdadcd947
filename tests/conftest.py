"""Shared fixtures: a real SQLite store always, a real PostgreSQL store where the server answers."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PG_URL = os.environ.get("TIEWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared test data (../shared) is not checked out beside the repo")
    return path


def downgrade(store, revision: str) -> None:
    """Take the store's schema back to `revision`, as a store made by an older release has it."""
    from alembic import command

    from tiewatch.store.base import alembic_config

    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def _pg_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: no server to test against
        return f"no PostgreSQL server answers at {PG_URL}: {str(exc).splitlines()[0]}"


_PG_REASON = _pg_available()


@pytest.fixture
def pg_url():
    """A URL pointing at a fresh, empty schema on the PostgreSQL server; dropped afterwards."""
    if _PG_REASON:
        pytest.skip(_PG_REASON)
    import psycopg

    schema = f"tw_{uuid.uuid4().hex[:12]}"
    raw = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'tiewatch.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """Run the test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tiewatch.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url):
    from tiewatch.store import Store

    s = Store(db_url)
    yield s
    s.close()
