"""JSON lines: one object per actor, tie and claim, each saying which in `record`, in stream order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.export.records import actor_record, claim_record, tie_record
from tiewatch.model import Actor, Tie
from tiewatch.store import ClaimView


class JsonLinesExporter(Exporter):
    name = "jsonl"

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.file = self.out.open("w", encoding="utf-8")

    def _line(self, kind: str, record: dict[str, Any]) -> None:
        self.file.write(json.dumps({"record": kind, **record}, ensure_ascii=False) + "\n")

    def write_actor(self, actor: Actor) -> None:
        self._line("actor", actor_record(actor))

    def write_tie(self, tie: Tie) -> None:
        self._line("tie", tie_record(tie))

    def write_claim(self, claim: ClaimView) -> None:
        self._line("claim", claim_record(claim))

    def finalize(self) -> None:
        self.file.close()
