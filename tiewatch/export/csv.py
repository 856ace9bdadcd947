"""Spreadsheets: `csv` writes nodes.csv, edges.csv and claims.csv; `gephi` writes the two files
Gephi's spreadsheet import reads (nodes `Id,Label,...`; edges `Source,Target,Type,Label,Weight,...`).

Lists are joined with "; " and mappings written as JSON, so every cell is plain text.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Sequence

from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.export.records import (
    ACTOR_FIELDS,
    CLAIM_FIELDS,
    TIE_FIELDS,
    actor_record,
    claim_record,
    designation,
    tie_record,
)
from tiewatch.model import Actor, Tie, vocabulary
from tiewatch.store import ClaimView


def cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else value


class Sheets:
    """Several CSV files in one folder, each opened with its header."""

    def __init__(self, folder: Path, headers: dict[str, Sequence[str]]):
        self.files = {name: (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") for name in headers}
        self.writers = {name: csv.writer(self.files[name]) for name in headers}
        for name, header in headers.items():
            self.writers[name].writerow(header)

    def row(self, name: str, values: Sequence[Any]) -> None:
        self.writers[name].writerow([cell(v) for v in values])

    def close(self) -> None:
        for f in self.files.values():
            f.close()


class CsvExporter(Exporter):
    name = "csv"
    directory = True

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.sheets = Sheets(self.out, {"nodes": ACTOR_FIELDS, "edges": TIE_FIELDS, "claims": CLAIM_FIELDS})

    def write_actor(self, actor: Actor) -> None:
        record = actor_record(actor)
        self.sheets.row("nodes", [record[f] for f in ACTOR_FIELDS])

    def write_tie(self, tie: Tie) -> None:
        record = tie_record(tie)
        self.sheets.row("edges", [record[f] for f in TIE_FIELDS])

    def write_claim(self, claim: ClaimView) -> None:
        record = claim_record(claim)
        self.sheets.row("claims", [record[f] for f in CLAIM_FIELDS])

    def finalize(self) -> None:
        self.sheets.close()


GEPHI_NODES = ("Id", "Label", "Kind", "Aliases", "Designation", "Start")
GEPHI_EDGES = (
    "Source", "Target", "Type", "Label", "Weight", "Id", "TieType", "Asserted", "Denied", "Hedged",
    "Grade", "Start", "End",
)


class GephiExporter(Exporter):
    """Gephi's spreadsheet import: no index column; symmetric tie types are undirected edges."""

    name = "gephi"
    directory = True

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.sheets = Sheets(self.out, {"nodes": GEPHI_NODES, "edges": GEPHI_EDGES})

    def write_actor(self, actor: Actor) -> None:
        self.sheets.row(
            "nodes",
            [actor.id, actor.name, actor.kind, actor.aliases, designation(actor), (actor.first_seen or "")[:10]],
        )

    def write_tie(self, tie: Tie) -> None:
        spec = vocabulary().get(tie.type)
        direction = "Undirected" if spec is not None and spec.symmetric else "Directed"
        self.sheets.row(
            "edges",
            [
                tie.subject_id, tie.object_id, direction, tie.type, tie.sources, tie.id, tie.type,
                tie.asserted, tie.denied, tie.hedged, tie.grade, (tie.first_seen or "")[:10],
                (tie.last_seen or "")[:10],
            ],
        )

    def finalize(self) -> None:
        self.sheets.close()
