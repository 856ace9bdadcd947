"""Spreadsheets: `csv` writes nodes.csv, edges.csv and claims.csv; `gephi` writes the two files
Gephi's spreadsheet import reads (nodes `Id,Label,...,Timeset`; edges `Source,Target,Type,Kind,Label,
Weight,...,Timeset`), from the same collected graph as the GEXF and GraphML exports (network.py).

Lists are joined with "; " and mappings written as JSON, so every cell is plain text.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Sequence

from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.export.network import NetworkExporter, day
from tiewatch.export.records import (
    ACTOR_FIELDS,
    CLAIM_FIELDS,
    TIE_FIELDS,
    actor_record,
    claim_record,
    designation,
    tie_record,
)
from tiewatch.model import Actor, Tie
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


GEPHI_NODES = ("Id", "Label", "Kind", "Aliases", "Designation", "FirstSeen", "Timeset")
GEPHI_EDGES = (
    "Source", "Target", "Type", "Kind", "Label", "Weight", "Id", "TieType", "Asserted", "Denied", "Hedged",
    "Grade", "FirstSeen", "LastSeen", "Timeset",
)


def timeset(intervals: list[tuple[str, str]]) -> str:
    """Intervals as Gephi's Data Laboratory writes and reads them: `<[2016-02-24, 2016-03-01]; [...]>`."""
    return f"<{'; '.join(f'[{start}, {end}]' for start, end in intervals)}>" if intervals else ""


class GephiExporter(NetworkExporter):
    """Gephi's spreadsheet import (nodes.csv, then edges.csv appended to the same workspace): no index
    column; `Timeset` is the time set Gephi's timeline plays (the GEXF export's spells, the same
    dates); `Type` is Undirected for symmetric tie types; `Kind` (the tie type) keeps two ties between
    one pair as two edges."""

    name = "gephi"
    directory = True

    def render(self) -> None:
        sheets = Sheets(self.out, {"nodes": GEPHI_NODES, "edges": GEPHI_EDGES})
        try:
            for node in self.nodes.values():
                actor = node.actor
                sheets.row("nodes", [actor.id, node.label, actor.kind, actor.aliases, designation(actor),
                                     node.first_seen, timeset(node.spells)])
            for edge in self.edges.values():
                tie = edge.tie
                sheets.row("edges", [
                    tie.subject_id, tie.object_id, "Directed" if edge.directed else "Undirected", tie.type,
                    edge.label, tie.sources, tie.id, tie.type, tie.asserted, tie.denied, tie.hedged, tie.grade,
                    day(tie.first_seen), day(tie.last_seen or tie.first_seen), timeset(edge.spells),
                ])
        finally:
            sheets.close()
