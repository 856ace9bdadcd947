"""Metadata the analyst gives: `tiewatch ingest` flags and sidecar files, which win over what a file
declares and what its text suggests.

A sidecar is a small YAML file beside the file it describes, named after it with `.meta.yaml`
(`letter.txt.meta.yaml` or `letter.meta.yaml`):

    title: Letter By ISIS Fighter To Abu Bakr Al-Baghdadi Reveals ISIS-Sinai's Ties To Hamas
    publisher: MEMRI Jihad and Terrorism Threat Monitor
    published: 2016-02-28
    url: https://www.memri.org/jttm/...

Flags apply to every document of the run (`--title` and `--url` only to a run of one document);
a sidecar to the documents of its file. A sidecar that cannot be read, or holds an unknown key or a
date that is none, refuses its file with a one-line reason: nothing is stored with metadata the
analyst did not mean.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from tiewatch.ingest.dates import from_text
from tiewatch.ingest.prose import DATED_BY, URL_KEY
from tiewatch.model import Document, IngestError, Source

SIDECAR = ".meta.yaml"
SIDECAR_BYTES = 64 * 1024
ONE_DOCUMENT = ("title", "url")


@dataclass(frozen=True)
class Given:
    """Title, publisher, date (ISO 8601) and web address an analyst gave, and where (flag | sidecar)."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    how: str = "flag"

    @classmethod
    def parse(cls, how: str = "flag", where: str = "", **raw: Any) -> "Given":
        """Checked values: a date must read as one, an address must be http(s); IngestError otherwise."""
        known = [f.name for f in fields(cls) if f.name != "how"]
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise IngestError(f"{where}unknown key {unknown[0]!r} (known: {', '.join(known)})")
        values = {k: (" ".join(str(v).split()) if v is not None else None) or None for k, v in raw.items()}
        if values.get("published"):
            date = from_text(values["published"]).value
            if date is None:
                raise IngestError(f"{where}published: {values['published']!r} is not a date (write it like 2016-02-24)")
            values["published"] = date
        if values.get("url") and not values["url"].startswith(("http://", "https://")):
            raise IngestError(f"{where}url: {values['url']!r} is not a web address (http:// or https://)")
        return cls(how=how, **values)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in ("title", "publisher", "published", "url"))

    def over(self, other: "Given") -> "Given":
        """These values where set, `other`'s elsewhere (flags over a sidecar); `how` says who gave the date."""
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.name != "how"}
        return replace(self, **merged, how=self.how if self.published or not other.published else other.how)

    def changes(self) -> dict[str, str]:
        """The fields set, as `Store.describe_document` takes them."""
        return {name: getattr(self, name) for name in ("title", "publisher", "published", "url") if getattr(self, name)}

    def apply(self, doc: Document) -> Document:
        """`doc` with these values in place of what it declared."""
        if self.title:
            doc.title = self.title
        if self.publisher:
            doc.source = Source(name=self.publisher, kind="publisher")
        if self.published:
            doc.published = self.published
            doc.metadata[DATED_BY] = self.how
        if self.url:
            doc.metadata[URL_KEY] = self.url
        return doc


def is_sidecar(path: str | Path) -> bool:
    return str(path).lower().endswith(SIDECAR)


def sidecar_of(path: str) -> Path | None:
    """The sidecar describing the file at `path`, if there is one."""
    file = Path(path)
    for candidate in (file.with_name(file.name + SIDECAR), file.with_name(file.stem + SIDECAR)):
        if candidate != file and candidate.is_file() and not candidate.is_symlink():
            return candidate
    return None


def read_sidecar(path: str) -> Given:
    """What the sidecar beside `path` gives (nothing when there is none); IngestError naming it when bad."""
    sidecar = sidecar_of(path)
    if sidecar is None:
        return Given()
    where = f"{path}: its sidecar {sidecar.name}: "
    try:
        if os.path.getsize(sidecar) > SIDECAR_BYTES:
            raise IngestError(f"{where}larger than {SIDECAR_BYTES // 1024} KB; a sidecar holds four lines")
        import yaml

        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IngestError(f"{where}cannot be read ({detail})") from None
    if data is None:
        return Given()
    if not isinstance(data, dict):
        raise IngestError(f"{where}not a list of `key: value` lines")
    return Given.parse(how="sidecar", where=where, **{str(k): v for k, v in data.items()})
