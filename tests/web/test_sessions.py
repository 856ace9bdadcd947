"""Server-side sessions: ended by logout, account changes and time; the key lives outside the database."""

from __future__ import annotations

import json
import os
import shutil
import stat
from base64 import b64decode, b64encode
from datetime import datetime, timedelta, timezone

import itsdangerous
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from typer.testing import CliRunner

from tiewatch.cli.app import app as cli
from tiewatch.model import TiewatchError
from tiewatch.store import Store
from tiewatch.store.tables import settings, web_sessions
from tiewatch.web import create_app
from tiewatch.web.keys import signing_key
from web.conftest import csrf_of, sign_in


def _cookie(client: TestClient) -> str:
    return client.cookies["tiewatch_session"]


def _me(client: TestClient, cookie: str | None = None) -> str:
    if cookie is not None:
        client.cookies.set("tiewatch_session", cookie)
    answer = client.get("/api/me")
    return "anonymous" if answer.status_code == 401 else answer.json()["name"]


def _session_id(cookie: str) -> str:
    payload = cookie.rsplit(".", 2)[0]
    return json.loads(b64decode(payload))["sid"]


def test_logout_ends_the_session_even_for_a_copied_cookie(locked, world):
    sign_in(locked, world, "viewer")
    kept = _cookie(locked)
    assert _me(locked) == "viewer-one"
    out = locked.post("/logout", data={"csrf": csrf_of(locked.get("/").text)})
    assert out.status_code == 303
    assert _me(locked, kept) == "anonymous" and locked.get("/").status_code == 303


def test_the_store_holds_only_a_hash_of_the_session_id(client, world):
    sign_in(client, world, "admin")
    session_id = _session_id(_cookie(client))
    with world.store.reading() as conn:
        hashes = conn.execute(select(web_sessions.c.id_hash)).scalars().all()
    assert len(hashes) == 1 and session_id not in hashes[0] and len(hashes[0]) == 64


@pytest.mark.parametrize("change", [
    lambda store: store.set_role("analyst-one", "viewer"),
    lambda store: store.new_token("analyst-one"),
    lambda store: store.close_sessions("analyst-one"),
])
def test_a_role_or_token_change_ends_the_accounts_sessions(client, world, change):
    sign_in(client, world, "analyst")
    other = TestClient(client.app, follow_redirects=False)
    sign_in(other, world, "admin")
    change(world.store)
    assert _me(client) == "anonymous"
    assert _me(other) == "admin-one"


def test_a_demoted_analyst_signs_in_again_as_a_viewer(client, world):
    sign_in(client, world, "analyst")
    world.store.set_role("analyst-one", "viewer")
    sign_in(client, world, "analyst")
    assert client.get("/api/me").json()["role"] == "viewer"


def test_removing_an_account_ends_its_sessions(client, world):
    sign_in(client, world, "viewer")
    world.store.remove_user("viewer-one")
    assert _me(client) == "anonymous"
    with world.store.reading() as conn:
        assert conn.execute(select(web_sessions)).all() == []


def _age_sessions(store: Store, **values: str) -> None:
    with store.transaction() as conn:
        conn.execute(update(web_sessions).values(**values))


def _ago(**delta: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(**delta)).replace(microsecond=0).isoformat()


def test_a_session_ends_when_idle_and_at_its_absolute_expiry(world):
    client = TestClient(create_app(world.store, session_idle=timedelta(hours=1)), follow_redirects=False)
    sign_in(client, world, "viewer")
    _age_sessions(world.store, last_seen=_ago(minutes=50))
    assert _me(client) == "viewer-one"
    with world.store.reading() as conn:
        assert conn.execute(select(web_sessions.c.last_seen)).scalar() > _ago(minutes=5)
    _age_sessions(world.store, last_seen=_ago(minutes=61))
    assert _me(client) == "anonymous"
    sign_in(client, world, "viewer")
    _age_sessions(world.store, expires_at=_ago(seconds=1))
    assert _me(client) == "anonymous"


def test_users_commands_end_sessions(client, world, db_url):
    runner = CliRunner()
    sign_in(client, world, "analyst")
    demoted = runner.invoke(cli, ["users", "role", "analyst-one", "viewer", "--db", db_url])
    assert demoted.exit_code == 0 and "now a viewer" in demoted.stdout
    assert _me(client) == "anonymous"
    sign_in(client, world, "admin")
    renewed = runner.invoke(cli, ["users", "token", "admin-one", "--db", db_url])
    assert renewed.exit_code == 0
    new_token = renewed.stdout.strip()
    assert _me(client) == "anonymous" and world.store.user_for_token(world.tokens["admin"]) is None
    assert world.store.user_for_token(new_token).name == "admin-one"
    world.tokens["admin"] = new_token
    sign_in(client, world, "admin")
    ended = runner.invoke(cli, ["users", "sign-out", "admin-one", "--db", db_url])
    assert ended.exit_code == 0 and "signed out of 1 session" in ended.stdout
    assert _me(client) == "anonymous"
    wrong = runner.invoke(cli, ["users", "role", "admin-one", "emperor", "--db", db_url])
    assert wrong.exit_code != 0 and "unknown role" in str(wrong.exception)


def test_sign_in_gives_a_new_session_id(client, world):
    client.get("/login")
    sign_in(client, world, "viewer")
    first = _session_id(_cookie(client))
    sign_in(client, world, "viewer")
    assert _session_id(_cookie(client)) != first
    with world.store.reading() as conn:
        assert len(conn.execute(select(web_sessions)).all()) == 1


def test_a_copied_database_forges_no_session(tmp_path, key_file, monkeypatch):
    original = tmp_path / "original.db"
    store = Store(f"sqlite:///{original}")
    token = store.add_user("root-admin", "admin")[1]
    client = TestClient(create_app(store), follow_redirects=False)
    csrf = csrf_of(client.get("/login").text)
    assert client.post("/login", data={"name": "root-admin", "token": token, "csrf": csrf}).status_code == 303
    cookie = _cookie(client)
    assert client.get("/api/users").status_code == 200
    store.close()
    copy = tmp_path / "stolen" / "copy.db"
    copy.parent.mkdir()
    for suffix in ("", "-wal"):
        if os.path.exists(f"{original}{suffix}"):
            shutil.copy(f"{original}{suffix}", f"{copy}{suffix}")
    stolen_bytes = b"".join(p.read_bytes() for p in copy.parent.iterdir())
    assert key_file.read_text().strip().encode() not in stolen_bytes
    assert _session_id(cookie).encode() not in stolen_bytes

    monkeypatch.setenv("TIEWATCH_KEY_FILE", str(tmp_path / "elsewhere" / "secret.key"))
    thief_store = Store(f"sqlite:///{copy}")
    thief = TestClient(create_app(thief_store), follow_redirects=False)
    assert _me(thief, cookie) == "anonymous" and thief.get("/api/users").status_code == 401
    assert thief.get("/users").status_code == 303
    with thief_store.reading() as conn:
        candidates = [v for v in conn.execute(select(settings.c.value)).scalars() if v]
        candidates += conn.execute(select(web_sessions.c.id_hash)).scalars().all()
    assert candidates, "the copied database has session rows to try"
    for secret in candidates:
        signer = itsdangerous.TimestampSigner(secret)
        for sid in candidates:
            forged = signer.sign(b64encode(json.dumps({"sid": sid}).encode())).decode()
            assert _me(thief, forged) == "anonymous"
    thief_store.close()


def test_the_key_file_is_made_once_for_the_owner_only(key_file):
    key = signing_key()
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600 and len(key) >= 32
    assert signing_key() == key
    os.chmod(key_file, 0o644)
    with pytest.raises(TiewatchError, match="can be read by others"):
        signing_key()


def test_the_key_from_the_environment_wins(monkeypatch, key_file):
    monkeypatch.setenv("TIEWATCH_SECRET_KEY", "k" * 40)
    assert signing_key() == "k" * 40 and not key_file.exists()
    monkeypatch.setenv("TIEWATCH_SECRET_KEY", "short")
    with pytest.raises(TiewatchError, match="at least 32"):
        signing_key()


@pytest.mark.parametrize("base_url,secure_option,secure", [
    ("http://testserver", False, False),
    ("https://testserver", False, True),
    ("http://testserver", True, True),
])
def test_cookie_flags(world, base_url, secure_option, secure):
    client = TestClient(create_app(world.store, secure_cookies=secure_option), base_url=base_url, follow_redirects=False)
    flags = [part.strip().lower() for part in client.get("/login").headers["set-cookie"].split(";")]
    assert "httponly" in flags and "samesite=lax" in flags
    assert ("secure" in flags) is secure
