"""Every setting tiewatch reads from the environment, checked in one place (pydantic-settings).

    TIEWATCH_DB              database URL (a command's --db wins)
    TIEWATCH_SMTP_HOST       mail server for alert digests (localhost)
    TIEWATCH_SMTP_PORT       its port, 1-65535 (25)
    TIEWATCH_SMTP_FROM       the digests' sender (tiewatch@localhost)
    TIEWATCH_SMTP_USER       log in after STARTTLS when set, with TIEWATCH_SMTP_PASSWORD
    TIEWATCH_WEBHOOK_SECRET  HMAC key for webhook signatures when a watch rule has none
    TIEWATCH_SECRET_KEY      the key signing web session cookies itself (32+ characters)
    TIEWATCH_KEY_FILE        else the file holding it (default ~/.config/tiewatch/secret.key)

`environment()` reads them afresh on every call (a long-running server sees a changed
environment after restart only, the CLI on every run); a bad value is a `ConfigError` naming the
variable and what it should be, which the CLI prints as one line before any command runs.
"""

from __future__ import annotations

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import ConfigError

PREFIX = "TIEWATCH_"


class Environment(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True)

    db: str | None = Field(None, min_length=1)
    smtp_host: str = Field("localhost", min_length=1)
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_from: str = Field("tiewatch@localhost", min_length=3)
    smtp_user: str | None = None
    smtp_password: SecretStr = SecretStr("")
    webhook_secret: SecretStr | None = None
    secret_key: SecretStr | None = Field(None, min_length=32)
    key_file: str | None = Field(None, min_length=1)


def environment() -> Environment:
    try:
        return Environment()
    except ValidationError as exc:
        problem = exc.errors()[0]
        name = PREFIX + str(problem["loc"][0]).upper()
        raise ConfigError(f"{name}={problem.get('input')!r} is not valid: {problem['msg']}") from None
