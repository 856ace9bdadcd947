"""Web sessions kept in the database: the browser holds a random id, the store only its SHA-256.

A session ends at logout, when its account's role or token changes or the account is removed, after
`idle` without a request, and at its absolute expiry. A copy of the database holds no usable id.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, or_, select, update

from tiewatch.store.base import utcnow
from tiewatch.store.tables import users, web_sessions
from tiewatch.store.users import User, hash_token, user_from_row

TOUCH_EVERY = timedelta(minutes=1)


def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).replace(microsecond=0).isoformat()


class SessionsMixin:
    def open_session(self, user: User, lifetime: timedelta) -> str:
        """Start a session for `user`; returns the id for the cookie (only its hash is stored)."""
        session_id = secrets.token_urlsafe(32)
        now = utcnow()
        expires = _iso(datetime.fromisoformat(now) + lifetime)
        with self.transaction() as conn:
            conn.execute(web_sessions.insert().values(
                id_hash=hash_token(session_id), user_id=user.id, created_at=now, last_seen=now, expires_at=expires,
            ))
        return session_id

    def session_user(self, session_id: str, idle: timedelta) -> User | None:
        """The account of a live session, else None; an expired session is deleted on the way."""
        if not session_id:
            return None
        now = datetime.now(timezone.utc)
        digest = hash_token(session_id)
        stmt = (
            select(users, web_sessions.c.last_seen, web_sessions.c.expires_at)
            .join(web_sessions, web_sessions.c.user_id == users.c.id)
            .where(web_sessions.c.id_hash == digest)
        )
        with self.reading() as conn:
            row = conn.execute(stmt).first()
        if row is None:
            return None
        last_seen = datetime.fromisoformat(row.last_seen)
        if now >= datetime.fromisoformat(row.expires_at) or now - last_seen >= idle:
            self.close_session(session_id)
            return None
        if now - last_seen >= TOUCH_EVERY:
            with self.transaction() as conn:
                conn.execute(update(web_sessions).where(web_sessions.c.id_hash == digest).values(last_seen=_iso(now)))
        return user_from_row(row)

    def close_session(self, session_id: str) -> None:
        """End one session (logout)."""
        with self.transaction() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.id_hash == hash_token(session_id)))

    def close_sessions(self, name: str) -> int:
        """End every session of the account `name`; returns how many were open."""
        user_id = self.get_user(name).id
        with self.transaction() as conn:
            return conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user_id)).rowcount

    def purge_sessions(self, idle: timedelta) -> int:
        """Delete sessions past their absolute expiry or idle longer than `idle`."""
        now = datetime.now(timezone.utc)
        with self.transaction() as conn:
            return conn.execute(delete(web_sessions).where(or_(
                web_sessions.c.expires_at <= _iso(now), web_sessions.c.last_seen <= _iso(now - idle),
            ))).rowcount
