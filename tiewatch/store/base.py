"""The connection half of the Store: URL handling, engine, migrations, transactions, settings, and
`exclusive()`, the one lock a database's writers share across processes: on PostgreSQL an advisory
lock held by a connection of its own (one per schema), on SQLite an exclusive `flock` on a file
beside the database (`tiewatch.db.lock`). Migrations and graph rebuilds run under it."""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool

from tiewatch.model import StoreError, environment
from tiewatch.store.tables import settings

DEFAULT_URL = "sqlite:///tiewatch.db"
LOCK_CLASS = 7469  # first key of PostgreSQL's two-key advisory lock; the second is the schema's hash


def resolve_url(url: str | None) -> str:
    """`--db` wins, then `TIEWATCH_DB`, then the SQLite file in the working directory."""
    url = url or environment().db or DEFAULT_URL
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def missing_file(url: str | None) -> Path | None:
    """The SQLite file `url` (resolved as `resolve_url` does) names when it does not exist yet;
    None when it exists or the URL names no file (PostgreSQL, `:memory:`)."""
    parsed = make_url(resolve_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def alembic_config() -> Any:
    """The migrations' alembic configuration (`Store.migrate` runs them)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("tiewatch.store").joinpath("migrations")))
    return config


def utcnow() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=60000")  # another process may be writing a large batch
    cursor.close()


_HINTS = {  # what the user can do about a database error met while creating the tables
    "InvalidSchemaName": " (create the schema named in search_path first: CREATE SCHEMA <name>)",
    "InsufficientPrivilege": " (this user may not create tables there; grant CREATE or use another schema)",
}


class StoreBase:
    """Owns the engine. Mixins in this package add the queries; nothing outside writes SQL."""

    def __init__(self, url: str | None = None, *, migrate: bool = True):
        self.url = resolve_url(url)
        self.engine = self._make_engine(self.url)
        self._units = threading.local()  # the open `unit()` transaction of each thread
        self._held = threading.local()  # how deep this thread is inside `exclusive()`
        self._threads_lock = threading.Lock()  # this process's threads queue here, holding no connection
        if migrate:
            self.migrate()

    @staticmethod
    def _make_engine(url: str) -> Engine:
        try:
            engine = create_engine(url, future=True, pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise StoreError(
                f"cannot use database URL {url!r}: {exc}. "
                "Use sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/DB"
            ) from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        return engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema up to date (alembic upgrade head) on this store's database."""
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = alembic_config()
        try:
            with self.engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
            if current == ScriptDirectory.from_config(config).get_current_head():
                return
            with self.exclusive(), self.engine.begin() as conn:  # two first runs at once: one migrates
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except (OperationalError, ProgrammingError) as exc:  # unreachable, or no schema to write in
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            hint = _HINTS.get(type(exc.orig).__name__, "")
            raise StoreError(f"cannot open database {self.safe_url}: {reason}{hint}") from None

    def lock_file(self) -> str | None:
        """The file beside a SQLite database that `exclusive()` locks (None: not a SQLite file)."""
        path = self.engine.url.database if self.dialect == "sqlite" else None
        return f"{path}.lock" if path and path != ":memory:" else None

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """One holder at a time across processes and threads (re-entrant within a thread); waits."""
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        with self._threads_lock:
            self._held.depth = 1
            try:
                with self._across_processes():
                    yield
            finally:
                self._held.depth = 0

    @contextmanager
    def _across_processes(self) -> Iterator[None]:
        if self.dialect == "postgresql":
            lock_engine = create_engine(self.url, poolclass=NullPool)  # its connection really closes after
            try:
                with lock_engine.connect() as conn:
                    conn.execute(text("SELECT pg_advisory_lock(:k, hashtext(current_schema()))"), {"k": LOCK_CLASS})
                    conn.commit()
                    yield  # closing the connection releases the lock, also when this process dies
            finally:
                lock_engine.dispose()
            return
        path = self.lock_file()
        if path is None:
            yield  # an in-memory database lives in this process only
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing unit of work (inside `unit()`, that unit's transaction)."""
        open_unit = getattr(self._units, "conn", None)
        if open_unit is not None:
            yield open_unit
            return
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def unit(self) -> Iterator[None]:
        """Every write of this thread inside the block is one transaction: all of it lands or none
        (a process killed half-way leaves no half-resolved document behind)."""
        if getattr(self._units, "conn", None) is not None:
            yield
            return
        with self.engine.begin() as conn:
            self._units.conn = conn
            try:
                yield
            finally:
                self._units.conn = None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection to read with (inside `unit()`, that unit's, so its own writes are seen)."""
        open_unit = getattr(self._units, "conn", None)
        if open_unit is not None:
            yield open_unit
            return
        with self.engine.connect() as conn:
            yield conn

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self.reading() as conn:
            value = conn.execute(select(settings.c.value).where(settings.c.key == key)).scalar()
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            updated = conn.execute(settings.update().where(settings.c.key == key).values(value=value))
            if updated.rowcount == 0:
                conn.execute(settings.insert().values(key=key, value=value))

    def close(self) -> None:
        self.engine.dispose()
