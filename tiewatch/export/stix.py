"""STIX 2.1 bundles, streamed object by object, built with the `stix2` library.

- groups are `threat-actor`s; people are `threat-actor`s with `resource_level: individual`;
  states, claimants and publishers are `identity`s; places are `location`s (`country`: the ISO code
  of the country they are or lie in);
- one `relationship` per tie, typed by the vocabulary's `stix` type, `confidence` from the tie's
  credibility;
- `--profile opencti` (see `opencti.py`): each actor as the OpenCTI entity type it should become
  (states Country locations), each tie as its vocabulary `opencti` type where OpenCTI's rules
  accept it between the two, else `related-to`, the precise tie type kept as a label; OpenCTI's
  properties (entity type, the publisher's reliability) in OpenCTI's extension;
- every claim's provenance (polarity, claimant, sentence, document, offsets, Admiralty code) in a
  property extension that the bundle's `extension-definition` declares;
- a denial is an `opinion` (strongly-disagree) about the relationship, created by the denier;
- a `report` per source document, referring to the actors and relationships it asserts;
- every object carries the chosen TLP 2.0 marking; ids are deterministic (uuid5 from stable keys).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import stix2

from tiewatch.export import opencti as octi
from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.export.places import Place, place_of
from tiewatch.export.records import designation, document_address, stable_uuid, timestamp
from tiewatch.model import Actor, Tie, vocabulary, web_address
from tiewatch.store import ClaimView

# --- TLP 2.0 markings as OASIS publishes them (fixed ids, never generated) ------------------
TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_CREATED = "2022-10-01T00:00:00.000Z"
TLP2_IDS = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}


def tlp_marking(level: str) -> stix2.MarkingDefinition:
    return stix2.MarkingDefinition(
        id=TLP2_IDS[level],
        created=TLP2_CREATED,
        name=f"TLP:{level.upper()}",
        extensions={TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level}},
    )


def stix_id(kind: str, *key: object) -> str:
    """`kind--uuid5` from a stable key such as ("actor", "group", "hamas"): exporting the same graph
    again gives the same ids, so OpenCTI and MISP update their objects instead of adding duplicates."""
    return f"{kind}--{stable_uuid(*key)}"


def confidence(credibility: int | None) -> int | None:
    """Admiralty credibility 1-5 as STIX confidence; 6 ("cannot be judged") gives none."""
    return {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}.get(credibility or 6)


EPOCH = "2000-01-01T00:00:00Z"
EXTENSION_SCHEMA = (
    "Property extension for relationships and opinions. Properties: tie_type (tiewatch tie type), "
    "grade (Admiralty reliability letter + credibility digit), independent_sources, asserted, denied, "
    "hedged (claim counts), and claims: a list of objects with polarity (asserted|denied|hedged), "
    "claimant, sentence, document (title or origin), document_origin, published, source, "
    "start and end (character offsets of the sentence in the stored document text), "
    "subject and object (the words naming them) and admiralty (source reliability + tie credibility)."
)


LOCATIONS = ("Country", "Administrative-Area", "Region")  # the OpenCTI entity types that are STIX locations

OPENING = 600  # characters of a document's own words in its Report's description


def report_description(text: str, claim: ClaimView) -> str:
    """"Published by S on D. " and the document's opening words, cut at a word."""
    said = " ".join((text or "").split())
    opening = said if len(said) <= OPENING else said[:OPENING].rsplit(" ", 1)[0] + " …"
    when = f" on {claim.published[:10]}" if claim.published else ""
    return (f"Published by {claim.source}{when}. " if claim.source else "") + opening


class StixExporter(Exporter):
    name = "stix"

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.opencti = options.profile == "opencti"
        self.file = self.out.open("w", encoding="utf-8")
        self.count = 0
        self.emitted: set[str] = set()
        self.actor_refs: dict[int, str] = {}
        self.actor_types: dict[int, str] = {}  # actor id -> the OpenCTI entity type it arrives as
        self.people: set[str] = set()  # the names of the people exported, casefolded
        self.documents: dict[int, dict[str, Any]] = {}
        self.tie: Tie | None = None
        self.claims: list[ClaimView] = []
        self.file.write(f'{{"type": "bundle", "id": "bundle--{uuid.uuid4()}", "objects": [\n')
        self.marking = tlp_marking(options.tlp)
        self.me = stix2.Identity(
            id=stix_id("identity", "tiewatch"), name="tiewatch", identity_class="system",
            description="Ties between actors as open sources claim them, extracted by tiewatch.",
            created=EPOCH, modified=EPOCH, object_marking_refs=[self.marking.id],
        )
        self.extension = stix2.ExtensionDefinition(
            id=stix_id("extension-definition", "tiewatch claim provenance", "1"),
            created_by_ref=self.me.id, name="tiewatch claim provenance",
            description="The claims behind a tie: who says it, in which sentence of which document.",
            schema=EXTENSION_SCHEMA, version="1.0.0", extension_types=["property-extension"],
            created=EPOCH, modified=EPOCH, object_marking_refs=[self.marking.id],
        )
        for obj in (self.marking, self.me, self.extension):
            self.emit(obj)

    # --- output ---------------------------------------------------------------------------
    def emit(self, obj: Any) -> None:
        if obj.id in self.emitted:
            return
        self.emitted.add(obj.id)
        self.file.write((",\n" if self.count else "") + obj.serialize())
        self.count += 1

    def common(self, created: str | None = None, changed: str | None = None) -> dict[str, Any]:
        """`created` from the object's first date; `modified` from when tiewatch last changed it
        (else `created`), so an export of an unchanged graph changes nothing an importer keeps."""
        moment = timestamp(created) or timestamp(EPOCH)
        return {
            "created": moment, "modified": max(moment, timestamp(changed) or moment), "created_by_ref": self.me.id,
            "object_marking_refs": [self.marking.id],
        }

    def identity(self, name: str, identity_class: str, key: str, reliability: str | None = None) -> str:
        """A claimant's or a publisher's identity; for OpenCTI with the source's reliability."""
        extra = {"extensions": octi.extension(reliability=octi.reliability(reliability))} if self.opencti and reliability else {}
        ident = stix2.Identity(
            id=stix_id("identity", key, name), name=name, identity_class=identity_class,
            created=EPOCH, modified=EPOCH, object_marking_refs=[self.marking.id], **extra,
        )
        self.emit(ident)
        return ident.id

    # --- actors ---------------------------------------------------------------------------
    def write_actor(self, actor: Actor) -> None:
        place = place_of([actor.name, *actor.aliases]) if actor.kind in ("place", "state") else None
        entity = octi.entity_type(actor, place)
        fields: dict[str, Any] = {"name": actor.name, **self.common(actor.first_seen)}
        if designation(actor):
            fields["description"] = f"Designated: {designation(actor)}"
        refs = [stix2.ExternalReference(source_name=k, external_id=str(v)) for k, v in sorted(actor.external_ids.items())]
        if refs:
            fields["external_references"] = refs
        if self.opencti:
            fields["extensions"] = octi.extension(type=entity)
        kind, make, shaped = self.actor_shape(actor, entity, place)
        fields.update(shaped)
        # OpenCTI reads a location's type from this top-level property when it creates the entity
        custom = {"x_opencti_location_type": entity} if self.opencti and kind == "location" else {}
        fields = {k: v for k, v in fields.items() if v is not None}
        obj = make(id=stix_id(kind, "actor", actor.kind, actor.name), **fields, **custom, allow_custom=bool(custom))
        self.actor_refs[actor.id] = obj.id
        self.actor_types[actor.id] = entity
        if actor.kind == "person":
            self.people.update(name.casefold() for name in [actor.name, *actor.aliases])
        self.emit(obj)

    def actor_shape(self, actor: Actor, entity: str, place: Place | None) -> tuple[str, Any, dict[str, Any]]:
        """The STIX type of an actor's object, its stix2 class and the fields only that type has."""
        if actor.kind in octi.THREAT_ACTORS:
            level = "individual" if actor.kind == "person" else None
            return "threat-actor", stix2.ThreatActor, {"aliases": list(actor.aliases) or None, "resource_level": level}
        if entity in LOCATIONS and (self.opencti or actor.kind == "place"):
            where = {"country": place.iso} if place and place.iso else {"region": "unknown"}
            return "location", stix2.Location, where
        sectors = ["government-national"] if actor.kind == "state" else None
        identity_class = "organization" if self.opencti or actor.kind == "state" else "unknown"
        return "identity", stix2.Identity, {"identity_class": identity_class, "sectors": sectors}

    # --- ties and their claims ------------------------------------------------------------
    def write_tie(self, tie: Tie) -> None:
        self.flush_tie()
        self.tie, self.claims = tie, []

    def write_claim(self, claim: ClaimView) -> None:
        self.claims.append(claim)

    def provenance(self, claim: ClaimView, tie: Tie) -> dict[str, Any]:
        record = {
            "polarity": claim.polarity, "claimant": claim.claimant, "sentence": claim.sentence,
            "document": claim.document_label, "document_origin": claim.document_origin or None,
            "published": claim.published, "source": claim.source, "start": claim.start, "end": claim.end,
            "subject": claim.subject, "object": claim.object,
            "admiralty": f"{claim.reliability or 'F'}{tie.credibility}",
        }
        return {k: v for k, v in record.items() if v is not None}

    def flush_tie(self) -> None:
        tie, claims = self.tie, self.claims
        self.tie, self.claims = None, []
        if tie is None or tie.subject_id not in self.actor_refs or tie.object_id not in self.actor_refs:
            return
        rel_type = self.relationship_type(tie)
        start, stop = timestamp(tie.first_seen), timestamp(tie.last_seen or tie.first_seen)
        extension = {
            "extension_type": "property-extension", "tie_type": tie.type, "grade": tie.grade,
            "independent_sources": tie.sources, "asserted": tie.asserted, "denied": tie.denied,
            "hedged": tie.hedged, "claims": [self.provenance(c, tie) for c in claims],
        }
        fields: dict[str, Any] = {
            "relationship_type": rel_type, "source_ref": self.actor_refs[tie.subject_id],
            "target_ref": self.actor_refs[tie.object_id], "labels": [tie.type],
            "description": f"{tie.subject} {tie.type.replace('_', ' ')} {tie.object} "
            f"(grade {tie.grade}, {tie.sources} independent source(s))",
            "extensions": {self.extension.id: extension}, **self.common(tie.first_seen, tie.updated_at),
        }
        if confidence(tie.credibility) is not None:
            fields["confidence"] = confidence(tie.credibility)
        if start and stop:
            fields["start_time"] = start
            fields["stop_time"] = max(stop, start) + timedelta(days=1)
        rel = stix2.Relationship(id=stix_id("relationship", "tie", tie.subject, tie.type, tie.object), **fields)
        self.emit(rel)
        for claim in claims:
            self.note_document(claim, rel.id, tie)
            self.emit(self.claim_note(claim, rel.id, tie))
            if claim.polarity == "denied":
                self.denial(claim, rel.id, tie)

    def relationship_type(self, tie: Tie) -> str:
        """The vocabulary's STIX type; for OpenCTI its `opencti` type where OpenCTI's rules accept it
        between the two actors' entity types, else the rules' fallback (`related-to`)."""
        spec = vocabulary().get(tie.type)
        if not self.opencti:
            return spec.stix if spec else "related-to"
        source, target = self.actor_types[tie.subject_id], self.actor_types[tie.object_id]
        return octi.relationship_type(spec.opencti if spec else None, source, target)

    def claim_note(self, claim: ClaimView, rel_id: str, tie: Tie) -> stix2.Note:
        """The claim where OpenCTI (and any STIX reader) shows it: a Note on the relationship and its
        two actors, the quote as content, its claimant as author, its polarity as a label."""
        said = {"asserted": "says", "hedged": "suggests", "denied": "denies"}.get(claim.polarity, "says")
        where = ", ".join(filter(None, [claim.document_label, claim.source if claim.source != claim.document_label else None,
                                        claim.published[:10] if claim.published else None]))
        address = web_address(claim.document_origin)
        content = f"“{claim.sentence}”\n\n— {claim.claimant or 'unattributed'}, {where}" + (f"\n{address}" if address else "")
        fields: dict[str, Any] = {
            "abstract": f"{claim.claimant or 'Unattributed'} {said}: {tie.subject} {tie.type.replace('_', ' ')} {tie.object}"[:250],
            "content": content, "authors": [claim.claimant or "unattributed"],
            "object_refs": [rel_id, self.actor_refs[tie.subject_id], self.actor_refs[tie.object_id]],
            "labels": [claim.polarity, tie.type], **self.common(claim.published or claim.ingested_at),
        }
        if address:
            fields["external_references"] = [{"source_name": claim.source or "source", "url": address}]
        return stix2.Note(id=stix_id("note", "claim", rel_id, claim.claimant, claim.sentence, claim.document_label), **fields)

    def claimant_class(self, claimant: str) -> str:
        """"unknown" in plain STIX; for OpenCTI, which has no such identity, "individual" when an
        exported person bears the name, else "organization"."""
        if not self.opencti:
            return "unknown"
        return "individual" if claimant.casefold() in self.people else "organization"

    def denial(self, claim: ClaimView, rel_id: str, tie: Tie) -> None:
        denier = self.identity(claim.claimant, self.claimant_class(claim.claimant), "claimant")
        common = self.common(claim.published)
        common["created_by_ref"] = denier
        self.emit(stix2.Opinion(
            id=stix_id("opinion", "denial", claim.claimant, rel_id, claim.sentence),
            opinion="strongly-disagree", object_refs=[rel_id], authors=[claim.claimant],
            explanation=claim.sentence,
            extensions={self.extension.id: {"extension_type": "property-extension", "tie_type": tie.type,
                                            "claims": [self.provenance(claim, tie)]}},
            **common,
        ))

    # --- documents become reports ---------------------------------------------------------
    def note_document(self, claim: ClaimView, rel_id: str, tie: Tie) -> None:
        doc = self.documents.setdefault(claim.document_id, {"claim": claim, "refs": []})
        for ref in (self.actor_refs[tie.subject_id], self.actor_refs[tie.object_id], rel_id):
            if ref not in doc["refs"]:
                doc["refs"].append(ref)

    def report(self, document_id: int, claim: ClaimView, refs: list[str]) -> stix2.Report:
        """The document as a Report: its title, a description (source, date, opening words), the web
        address it was read from or declares as an external reference, and what it asserts."""
        document = self.store.get_document(document_id)
        common = self.common(claim.published or claim.ingested_at)
        if claim.source:
            common["created_by_ref"] = self.identity(claim.source, "organization", "publisher", claim.reliability)
        if self.opencti and octi.reliability(claim.reliability):
            common["extensions"] = octi.extension(reliability=octi.reliability(claim.reliability))
        address = document_address(document)
        reference = {"source_name": claim.source or "tiewatch", "description": claim.document_label}
        if address:
            reference["url"] = address
        return stix2.Report(
            id=stix_id("report", "document", document.sha256), name=claim.document_label,
            description=report_description(document.text, claim),
            published=timestamp(claim.published) or timestamp(claim.ingested_at), report_types=["threat-report"],
            object_refs=refs, external_references=[reference], **common,
        )

    def finalize(self) -> None:
        self.flush_tie()
        for document_id, doc in sorted(self.documents.items()):
            self.emit(self.report(document_id, doc["claim"], doc["refs"]))
        self.file.write("\n]}\n")
        self.file.close()

