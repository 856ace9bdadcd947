"""Imports every command module so its commands register on the app. Add new modules here."""

from tiewatch.cli import actors  # noqa: F401
from tiewatch.cli import alerts  # noqa: F401
from tiewatch.cli import bench  # noqa: F401
from tiewatch.cli import brief  # noqa: F401
from tiewatch.cli import documents  # noqa: F401
from tiewatch.cli import export  # noqa: F401
from tiewatch.cli import extract  # noqa: F401
from tiewatch.cli import ingest  # noqa: F401
from tiewatch.cli import serve  # noqa: F401
from tiewatch.cli import users  # noqa: F401
from tiewatch.cli import path  # noqa: F401
from tiewatch.cli import show  # noqa: F401
from tiewatch.cli import sources  # noqa: F401
from tiewatch.cli import ties  # noqa: F401
from tiewatch.cli import watch  # noqa: F401
