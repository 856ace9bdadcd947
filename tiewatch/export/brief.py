"""Analyst briefs in the shape of the hand-made analyses tiewatch learns from: a summary, then
each tie grouped by type with its strongest quotes, who claims it, the sources and dates, the
Admiralty grade and any denials beside it, and a picture of the sub-network.

`write_brief(store, actors, out, since)` writes Markdown (`.md`, with the picture as a sibling
`.svg`) or a self-contained HTML page (`.html`, the picture inline). Templates live in
`templates/`; HTML escapes every text, Markdown escapes its own punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from tiewatch.export.diagram import render_svg
from tiewatch.export.exporter import ExportOptions, Selection, as_shown, prepare_target
from tiewatch.export.records import designation, strongest
from tiewatch.model import Actor, ExportError, Tie, vocabulary
from tiewatch.store import ClaimView

QUOTES = 3
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


@dataclass
class TieEntry:
    tie: Tie
    quotes: list[ClaimView]
    denials: list[ClaimView]
    claimants: list[str]
    sources: list[str]

    @property
    def dates(self) -> str:
        first, last = (self.tie.first_seen or "")[:10], (self.tie.last_seen or "")[:10]
        return first if first == last else f"{first} to {last}"


@dataclass
class Brief:
    actors: list[Actor]
    since: str | None
    generated: str
    sections: list[tuple[str, list[TieEntry]]] = field(default_factory=list)
    documents: list[ClaimView] = field(default_factory=list)  # one claim per document, for its details
    network_actors: list[Actor] = field(default_factory=list)
    svg: str = ""

    @property
    def title(self) -> str:
        return "Ties of " + " and ".join(a.name for a in self.actors)

    @property
    def entries(self) -> list[TieEntry]:
        return [entry for _, entries in self.sections for entry in entries]

    def summary(self) -> list[str]:
        """Sentences for the summary: scale, the best corroborated ties, the contested ones."""
        entries = self.entries
        if not entries:
            return ["tiewatch holds no ties for these actors" + (f" since {self.since}." if self.since else ".")]
        sources = {c.source or c.document_label for c in self.documents}
        lines = [
            f"tiewatch holds {len(entries)} tie(s) of {len(self.sections)} type(s) involving "
            f"{' and '.join(a.name for a in self.actors)}, from {len(self.documents)} document(s) by "
            f"{len(sources)} source(s)" + (f", new since {self.since}." if self.since else ".")
        ]
        best = sorted(entries, key=lambda e: (-e.tie.sources, e.tie.credibility, e.tie.reliability))[:3]
        lines.extend(
            f"{_phrase(e.tie)}: {e.tie.sources} independent source(s), grade {e.tie.grade}, {e.dates}."
            for e in best if e.tie.asserted or e.tie.hedged
        )
        lines.extend(
            f"Contested: {_phrase(e.tie)} is denied by {', '.join(sorted({c.claimant for c in e.denials}))}."
            for e in entries if e.denials
        )
        return lines


def _phrase(tie: Tie) -> str:
    return f"{tie.subject} {tie.type.replace('_', ' ')} {tie.object}"


def _entry(tie: Tie, claims: list[ClaimView]) -> TieEntry:
    live = [c for c in claims if c.status != "rejected"]
    support = [c for c in live if c.polarity != "denied"]
    return TieEntry(
        tie=tie, quotes=strongest(support, "asserted", QUOTES),
        denials=strongest([c for c in live if c.polarity == "denied"], "denied", QUOTES * 2),
        claimants=sorted({c.claimant for c in live}),
        sources=sorted({c.source or c.document_label for c in live}),
    )


def gather(store: Any, actor_names: list[str], since: str | None = None, show_paths: bool = False) -> Brief:
    """Everything a brief shows, read from the store."""
    if not actor_names:
        raise ExportError("a brief needs at least one --actor")
    selection = Selection(store, ExportOptions(actors=actor_names, since=since))
    brief = Brief(actors=selection.actors, since=since,
                  generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    by_type: dict[str, list[TieEntry]] = {}
    documents: dict[int, ClaimView] = {}
    for tie in selection.ties():
        claims = [as_shown(claim, show_paths) for claim in store.claims_for_tie(tie.id)]
        by_type.setdefault(tie.type, []).append(_entry(tie, claims))
        for claim in claims:
            documents.setdefault(claim.document_id, claim)
    order = list(vocabulary())
    for tie_type in sorted(by_type, key=lambda t: order.index(t) if t in order else len(order)):
        entries = sorted(by_type[tie_type], key=lambda e: (-e.tie.sources, e.tie.grade, e.tie.id))
        brief.sections.append((tie_type, entries))
    brief.documents = sorted(documents.values(), key=lambda c: (c.date, c.document_id))
    ids = {a.id for a in brief.actors} | {i for e in brief.entries for i in (e.tie.subject_id, e.tie.object_id)}
    brief.network_actors = [store.get_actor(i) for i in sorted(ids)]
    brief.svg = render_svg(brief.network_actors, [e.tie for e in brief.entries], focus=[a.id for a in brief.actors])
    return brief


def markdown_escape(text: Any) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text if text is not None else "")).replace("\n", " ")


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("tiewatch.export", "templates"),
        autoescape=select_autoescape(["html"]) if autoescape else False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["words"] = lambda tie_type: tie_type.replace("_", " ")
    env.globals["designation"] = designation
    return env


def render(brief: Brief, fmt: str, picture: str | None = None) -> str:
    """The brief as `md` or `html` text; Markdown refers to the picture file by name."""
    template = _environment(fmt == "html").get_template(f"brief.{fmt}")
    return template.render(brief=brief, picture=picture)


def write_brief(store: Any, actor_names: list[str], out: Path | str, since: str | None = None,
                show_paths: bool = False) -> Brief:
    out = Path(out)
    fmt = out.suffix.lower().lstrip(".")
    fmt = "md" if fmt == "markdown" else fmt
    if fmt not in ("md", "html"):
        raise ExportError(f"a brief is written as .md or .html, not {out.name!r}")
    prepare_target(out)
    brief = gather(store, actor_names, since, show_paths)
    try:
        picture = None
        if fmt == "md":
            picture = out.with_suffix(".svg")
            picture.write_text(brief.svg + "\n", encoding="utf-8")
        out.write_text(render(brief, fmt, picture.name if picture else None), encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    return brief
