"""Imports every command module so its commands register on the app. Add new modules here."""

from tiewatch.cli import documents  # noqa: F401
from tiewatch.cli import ingest  # noqa: F401
from tiewatch.cli import serve  # noqa: F401
from tiewatch.cli import users  # noqa: F401
