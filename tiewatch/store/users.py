"""Accounts: who may read, review and manage. API tokens are stored only as their SHA-256.

Changing an account's role or token, or removing it, ends its web sessions in the same transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from tiewatch.model import NotFound, ReviewError
from tiewatch.store.base import utcnow
from tiewatch.store.tables import users, web_sessions

ROLES = ("viewer", "analyst", "admin")


@dataclass
class User:
    """An account. `role` decides what it may do: viewers read, analysts review, admins manage."""

    name: str
    role: str
    id: int | None = None
    created_at: str | None = None

    def can(self, role: str) -> bool:
        """True when this user's role is at least `role`."""
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def user_from_row(row: Any) -> User:
    return User(id=row.id, name=row.name, role=row.role, created_at=row.created_at)


class UsersMixin:
    def add_user(self, name: str, role: str) -> tuple[User, str]:
        """Create an account; returns it with its API token (shown once, stored hashed)."""
        name = (name or "").strip()
        if not name or len(name) > 100:
            raise ReviewError("a user name must be 1 to 100 characters")
        if role not in ROLES:
            raise ReviewError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        token = secrets.token_urlsafe(32)
        with self.transaction() as conn:
            if conn.execute(select(users.c.id).where(users.c.name == name)).scalar() is not None:
                raise ReviewError(f"a user named {name!r} already exists; pick another name or remove it first")
            created = utcnow()
            user_id = conn.execute(
                users.insert().values(name=name, role=role, token_hash=hash_token(token), created_at=created)
            ).inserted_primary_key[0]
        return User(id=user_id, name=name, role=role, created_at=created), token

    def list_users(self) -> list[User]:
        with self.reading() as conn:
            return [user_from_row(r) for r in conn.execute(select(users).order_by(users.c.name)).all()]

    def get_user(self, name: str) -> User:
        with self.reading() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        if row is None:
            raise NotFound(f"no user named {name!r}; `tiewatch users list` shows them")
        return user_from_row(row)

    def remove_user(self, name: str) -> None:
        """Remove an account and end its sessions."""
        self._change_user(name)
        with self.transaction() as conn:
            conn.execute(users.delete().where(users.c.name == name))

    def set_role(self, name: str, role: str) -> User:
        """Give `name` another role; its sessions end, so the new role applies at the next sign-in."""
        if role not in ROLES:
            raise ReviewError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        self._change_user(name, role=role)
        return self.get_user(name)

    def new_token(self, name: str) -> str:
        """Replace the API token of `name` (the old one stops working) and end its sessions."""
        token = secrets.token_urlsafe(32)
        self._change_user(name, token_hash=hash_token(token))
        return token

    def _change_user(self, name: str, **values: str) -> None:
        user_id = self.get_user(name).id
        with self.transaction() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user_id))
            if values:
                conn.execute(update(users).where(users.c.id == user_id).values(**values))

    def user_for_token(self, token: str, name: str | None = None) -> User | None:
        """The account this API token belongs to (and, when given, whose name matches), else None."""
        if not token:
            return None
        digest = hash_token(token)
        with self.reading() as conn:
            row = conn.execute(select(users).where(users.c.token_hash == digest)).first()
        if row is None or not hmac.compare_digest(row.token_hash, digest):
            return None
        if name is not None and row.name != name:
            return None
        return user_from_row(row)
