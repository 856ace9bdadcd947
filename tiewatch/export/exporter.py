"""What every exporter shares: the registry, the two-method interface, and the stream of items.

An exporter is a class registered in `exporters` (built-ins through entry points in pyproject,
exactly as a third party would). It is built with the output path and the options, receives
every item through `write(item)` and finishes its files in `finalize()`:

    actors first (`Actor`), then each tie (`Tie`) followed by its evidence (`ClaimView`s).

Items are read from the store page by page, so an export of a large graph does not hold it all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Union

from tiewatch.model import Actor, ExportError, Registry, Tie, TieFilter, shown_origin
from tiewatch.resolve import find_actor
from tiewatch.store import ClaimView

exporters = Registry("tiewatch.exporters")

Item = Union[Actor, Tie, ClaimView]
PAGE = 500
TLP_LEVELS = ("clear", "green", "amber", "amber+strict", "red")


@dataclass
class ExportOptions:
    actors: list[str] = field(default_factory=list)  # names or aliases; empty = the whole graph
    type: str | None = None
    since: str | None = None
    profile: str | None = None  # "opencti" for STIX
    tlp: str = "clear"
    show_paths: bool = False  # name the files documents were read from (as stored: relative to what was ingested)
    where: TieFilter | None = None  # narrows further (dates, sources, polarity, a pair) and orders the ties
    all_actors: bool = False  # the whole graph's actors even without a tie ("2nd Floor", "Liverpool")


def as_shown(claim: ClaimView, show_paths: bool = False) -> ClaimView:
    """The claim as it may leave the machine: its document's origin kept when it is a web address,
    or when the user asked for paths (--show-paths); blank otherwise."""
    shown = shown_origin(claim.document_origin, show_paths) or ""
    return claim if shown == claim.document_origin else replace(claim, document_origin=shown)


class Exporter:
    """Base of every exporter: `write()` dispatches on the item's kind; `finalize()` closes."""

    name = "exporter"
    directory = False  # True when --out names a folder of several files

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        self.out = Path(out)
        self.store = store
        self.options = options

    def write(self, item: Item) -> None:
        if isinstance(item, Actor):
            self.write_actor(item)
        elif isinstance(item, Tie):
            self.write_tie(item)
        elif isinstance(item, ClaimView):
            self.write_claim(item)
        else:
            raise TypeError(f"cannot export {type(item).__name__}")

    def write_actor(self, actor: Actor) -> None:
        pass

    def write_tie(self, tie: Tie) -> None:
        pass

    def write_claim(self, claim: ClaimView) -> None:
        pass

    def finalize(self) -> None:
        pass


class Selection:
    """The part of the graph an export covers: ties touching the named actors, of a type, since."""

    def __init__(self, store: Any, options: ExportOptions):
        if options.since:
            try:
                date.fromisoformat(options.since[:10])
            except ValueError:
                raise ExportError(f"--since wants a date like 2016-02-24, not {options.since!r}") from None
        self.store = store
        self.options = options
        self.actors = [find_actor(store, name) for name in options.actors]

    @property
    def whole_graph(self) -> bool:
        where = self.options.where
        return not (self.actors or self.options.type or self.options.since or (where and where.narrows))

    def filters(self) -> list[TieFilter]:
        """One tie filter per named actor (or one for the whole graph), each with the options' narrowing."""
        base = self.options.where or TieFilter()
        base = base.but(type=self.options.type or base.type, since=self.options.since or base.since)
        return [base.but(actor_id=a.id) for a in self.actors] or [base]

    def ties(self) -> Iterator[Tie]:
        seen: set[int] = set()
        for f in self.filters():
            offset = 0
            while True:
                page = self.store.list_ties(f, limit=PAGE, offset=offset)
                for tie in page:
                    if tie.id not in seen:
                        seen.add(tie.id)
                        yield tie
                if len(page) < PAGE:
                    break
                offset += PAGE

    def actor_records(self) -> Iterator[Actor]:
        """The actors of the selected ties (and the named ones); with `all_actors`, for the whole
        graph, every live actor, tied or not."""
        if self.whole_graph and self.options.all_actors:
            yield from self._live_actors(None)
            return
        ids = {a.id for a in self.actors}
        for tie in self.ties():
            ids.update((tie.subject_id, tie.object_id))
        if self.whole_graph:
            yield from self._live_actors(ids)
            return
        for actor_id in sorted(ids):
            yield self.store.get_actor(actor_id)

    def _live_actors(self, keep: set[int] | None) -> Iterator[Actor]:
        """Live actors page by page (all of them, or those in `keep`)."""
        offset = 0
        while True:
            page = self.store.list_actors(limit=PAGE, offset=offset)
            yield from (a for a in page if keep is None or a.id in keep)
            if len(page) < PAGE:
                return
            offset += PAGE

    def items(self) -> Iterator[Item]:
        yield from self.actor_records()
        for tie in self.ties():
            yield tie
            for claim in self.store.claims_for_tie(tie.id):
                if claim.status != "rejected":
                    yield as_shown(claim, self.options.show_paths)


def prepare_target(out: Path, folder: bool = False) -> Path:
    """Check that `out` can be written: its parent folder must exist (a typo in --out must not
    build a tree of folders elsewhere); a `folder` target is created there if missing."""
    out = Path(out)
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist (create it first)")
    if folder:
        try:
            out.mkdir(exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    elif out.is_dir():
        raise ExportError(f"cannot write {out}: it is a folder; name a file inside it")
    return out


def make_exporter(fmt: str, out: Path, store: Any, options: ExportOptions) -> Exporter:
    """The exporter for `fmt`, with the folder it writes into created."""
    if fmt not in exporters:
        raise ExportError(f"no exporter named {fmt!r}; choose one of: {', '.join(sorted(exporters.names()))}")
    if options.tlp not in TLP_LEVELS:
        raise ExportError(f"unknown TLP level {options.tlp!r}; choose one of: {', '.join(TLP_LEVELS)}")
    cls = exporters.get(fmt)
    out = prepare_target(out, folder=cls.directory)
    try:
        return cls(out, store, options)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None


def export(store: Any, fmt: str, out: Path | str, options: ExportOptions | None = None) -> int:
    """Write the selected graph to `out` in format `fmt`; returns how many items were written."""
    options = options or ExportOptions()
    selection = Selection(store, options)
    exporter = make_exporter(fmt, Path(out), store, options)
    count = 0
    try:
        for item in selection.items():
            exporter.write(item)
            count += 1
        exporter.finalize()
    except OSError as exc:
        raise ExportError(f"cannot write {exporter.out}: {exc.strerror or exc}") from None
    return count
