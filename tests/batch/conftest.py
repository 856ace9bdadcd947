"""A folder the way an analyst collects it: every supported format, plus files that cannot be read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def telegram_posts_with_text(export: Path) -> int:
    messages = json.loads(export.read_text(encoding="utf-8"))["messages"]
    return sum(1 for m in messages if m["type"] == "message" and m.get("text_entities"))


@pytest.fixture
def collection(tmp_path) -> Path:
    """A copy of the bundled examples with junk, an empty file and a truncated PDF added in a subfolder."""
    folder = tmp_path / "collected"
    shutil.copytree(EXAMPLES, folder)
    bad = folder / "incoming"
    bad.mkdir()
    (bad / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 16)
    (bad / "empty.txt").write_bytes(b"")
    pdf = (EXAMPLES / "panel-of-experts-interim-report.pdf").read_bytes()
    (bad / "cut.pdf").write_bytes(pdf[: len(pdf) // 2])
    (bad / "broken.json").write_text('{"name": "x", "messages": [', encoding="utf-8")
    (bad / "make_samples.py").write_text('"""Builds things."""\nimport sys\n\ndef main():\n    return 0\n', encoding="utf-8")
    return folder
