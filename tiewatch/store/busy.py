"""Which database errors mean "busy, try again": SQLite's lock errors, PostgreSQL's lock and
serialization failures. Callers above the store ask `is_busy(error)` instead of naming driver classes.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

SQLITE_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
PG_BUSY_STATES = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available (lock_timeout)
    "57014",  # query_canceled (statement_timeout)
    "53300",  # too_many_connections
}


def is_busy(error: BaseException) -> bool:
    """True when `error` is the database refusing for now (locked, timed out), not a bad request."""
    if not isinstance(error, DBAPIError):
        return False
    original = error.orig
    if getattr(original, "sqlite_errorcode", None) is not None:
        return original.sqlite_errorcode & 0xFF in SQLITE_BUSY_CODES
    return getattr(original, "sqlstate", None) in PG_BUSY_STATES
