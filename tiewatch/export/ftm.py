"""FollowTheMoney entities as JSON lines, for Aleph and the FtM tools.

Actors: groups are `Organization`s, states `PublicBody`s, people `Person`s, places `Address`es,
anything else a `LegalEntity`. Ties: `member_of` and `part_of` are `Membership`s, `leads` a
`Directorship`, every other type an `UnknownLink` whose role is the tie type; when the ends do
not fit a schema (a place as an organisation, say) the tie is an `UnknownLink` too. Each claim
is a `Note` on its subject with the sentence, claimant, polarity and source.

Every entity is made through the `followthemoney` model, so its values are cleaned and typed,
and one missing a property its schema requires is refused rather than written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.types import registry as ftm_types

from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.export.records import designation
from tiewatch.model import Actor, ExportError, Tie, web_address
from tiewatch.store import ClaimView

ACTOR_SCHEMA = {"group": "Organization", "state": "PublicBody", "person": "Person", "place": "Address"}
LINKS = {  # tie type -> (schema, subject property, object property)
    "member_of": ("Membership", "member", "organization"),
    "part_of": ("Membership", "member", "organization"),
    "leads": ("Directorship", "director", "organization"),
}


def _dates(tie: Tie) -> dict[str, str | None]:
    return {"startDate": (tie.first_seen or "")[:10] or None, "endDate": (tie.last_seen or "")[:10] or None}


class FtmExporter(Exporter):
    name = "ftm"

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.file = self.out.open("w", encoding="utf-8")
        self.entities: dict[int, Any] = {}  # actor id -> proxy (id and schema only are needed)

    def emit(self, proxy: Any) -> None:
        missing = [p for p in proxy.schema.required if not proxy.get(p)]
        if missing:
            raise ExportError(f"FollowTheMoney {proxy.schema.name} {proxy.id} lacks {', '.join(missing)}")
        self.file.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")

    def write_actor(self, actor: Actor) -> None:
        schema = ACTOR_SCHEMA.get(actor.kind, "LegalEntity")
        proxy = model.make_entity(schema)
        proxy.make_id("tiewatch", "actor", actor.kind, actor.name.casefold())
        if schema == "Address":
            proxy.add("full", actor.name)
            proxy.add("summary", "; ".join(actor.aliases) or None)
        else:
            proxy.add("name", actor.name)
            proxy.add("alias", actor.aliases)
            proxy.add("program", designation(actor) or None)
        country = next(filter(None, (ftm_types.country.clean(n) for n in [actor.name, *actor.aliases])), None)
        if country and actor.kind in ("state", "place"):
            proxy.add("country", country)
        for key, value in sorted(actor.external_ids.items()):
            if "idNumber" in proxy.schema.properties:
                proxy.add("idNumber", f"{key}:{value}")
        self.entities[actor.id] = proxy
        self.emit(proxy)

    def _fits(self, schema_name: str, prop: str, end: Any) -> bool:
        target = model.get(schema_name).get(prop).range
        return end.schema.is_a(target)

    def write_tie(self, tie: Tie) -> None:
        subject, obj = self.entities.get(tie.subject_id), self.entities.get(tie.object_id)
        if subject is None or obj is None:
            return
        schema, sprop, oprop = LINKS.get(tie.type, ("UnknownLink", "subject", "object"))
        if not (self._fits(schema, sprop, subject) and self._fits(schema, oprop, obj)):
            schema, sprop, oprop = "UnknownLink", "subject", "object"
        link = model.make_entity(schema)
        link.make_id("tiewatch", "tie", tie.subject_id, tie.type, tie.object_id, subject.id, obj.id)
        link.add(sprop, subject.id)
        link.add(oprop, obj.id)
        link.add("role", tie.type)
        for prop, value in _dates(tie).items():
            link.add(prop, value)
        link.add(
            "description",
            f"{tie.type}: asserted {tie.asserted}, denied {tie.denied}, hedged {tie.hedged}; "
            f"{tie.sources} independent source(s); grade {tie.grade}",
        )
        link.add("status", "denied" if tie.denied and not (tie.asserted or tie.hedged) else "claimed")
        self.emit(link)

    def write_claim(self, claim: ClaimView) -> None:
        entity = self.entities.get(claim.subject_actor_id) if claim.subject_actor_id else None
        if entity is None:
            return
        note = model.make_entity("Note")
        note.make_id("tiewatch", "claim", claim.document_id, claim.start, claim.end, claim.type, claim.polarity,
                     claim.subject, claim.object)
        note.add("entity", entity.id)
        note.add("name", f"{claim.subject} {claim.type.replace('_', ' ')} {claim.object} ({claim.polarity})")
        note.add(
            "description",
            f"{claim.claimant} ({claim.polarity}): \u201c{claim.sentence}\u201d \u2014 "
            f"{claim.document_label}, {claim.date or 'undated'}",
        )
        note.add("publisher", claim.source)
        if web_address(claim.document_origin):
            note.add("sourceUrl", claim.document_origin)
        self.emit(note)

    def finalize(self) -> None:
        self.file.close()
