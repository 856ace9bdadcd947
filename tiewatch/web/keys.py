"""The key that signs the browser's cookie (its CSRF token and its session id), kept outside the
database so a copy of the database signs nothing.

Where it comes from, first match wins: `TIEWATCH_SECRET_KEY` (the key itself, 32+ characters), the
file named by `--key-file` or `TIEWATCH_KEY_FILE`, else `$XDG_CONFIG_HOME/tiewatch/secret.key`
(`~/.config/tiewatch/secret.key`). A missing file is created on first run, readable by its owner only.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from tiewatch.model import TiewatchError, environment

KEY_FILE_ENV = "TIEWATCH_KEY_FILE"
MIN_KEY_CHARS = 32  # as tiewatch.model.settings checks TIEWATCH_SECRET_KEY


def default_key_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "tiewatch" / "secret.key"


def key_file_of(key_file: str | Path | None = None) -> Path:
    """The key file this process uses: the one given, else `TIEWATCH_KEY_FILE`, else the default."""
    return Path(key_file or environment().key_file or default_key_file()).expanduser()


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_urlsafe(48) + "\n")


def _read(path: Path) -> str:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise TiewatchError(f"the key file {path} can be read by others; `chmod 600 {path}` and start again")
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < MIN_KEY_CHARS:
        raise TiewatchError(f"the key file {path} holds under {MIN_KEY_CHARS} characters; delete it to get a new one")
    return key


def signing_key(key_file: str | Path | None = None) -> str:
    """The cookie-signing key, from the environment or its file (made on first use with 0600 rights)."""
    from_env = environment().secret_key  # at least MIN_KEY_CHARS long, or a ConfigError saying so
    if from_env and from_env.get_secret_value().strip():
        return from_env.get_secret_value().strip()
    path = key_file_of(key_file)
    try:
        if not path.exists():
            _create(path)
        return _read(path)
    except OSError as exc:
        raise TiewatchError(f"cannot use the key file {path}: {exc.strerror or exc}; set {KEY_FILE_ENV} to another path") from None
