"""MISP events in the layout of a MISP feed, built with PyMISP, for `--out FOLDER`:

    manifest.json  hashes.csv  <event uuid>.json ...  galaxy-clusters.json

- one event per source document, holding the claims read from it: its title as `info`, its date,
  its web address as a `link` attribute (the one it was read from, declares or was given; a file
  naming none has no link, and no local path is ever written, --show-paths or not), the TLP tag
  and its source's `admiralty-scale` reliability;
- groups and people are custom clusters of MISP's threat-actor galaxy, aliases as synonyms, in
  `galaxy-clusters.json` (Galaxies > Import Galaxy Clusters); events and claims carry them by the
  tag MISP gives a custom cluster, `misp-galaxy:threat-actor="<uuid>"`. A tie between two of them
  is a cluster relation typed by the vocabulary's `misp` type, tagged with the tie's Admiralty
  grade and the polarities of its claims;
- states and places are no threat actors and have no galaxy of their own that a name can be
  trusted to find: each is an `organization` or `geolocation` object of the events naming it;
- each claim is a `tiewatch-claim` object (template in data/misp/objects): quote, claimant,
  polarity, tie type, the words naming both ends, offsets; its quote is tagged
  `tiewatch:polarity="denied"` (taxonomy in data/misp/taxonomies). In the event graph a claim
  stands on the path from its subject to its object: a state or place end is referenced
  subject -> claim -> object with the tie's `misp` relationship type;
- uuids are uuid5 of stable keys (an actor's is its STIX id's), so a re-export pulled again updates
  events rather than copying them. Exported into the folder of an earlier export, an event or cluster
  that says the same keeps its file and times (MISP skips it); one that changed is stamped later than
  anything the earlier file held, so MISP takes it.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from followthemoney.types import registry as ftm_types
from pymisp import MISPEvent, MISPGalaxyCluster, MISPObject, MISPOrganisation

from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.export.places import place_of
from tiewatch.export.records import designation, document_address, stable_uuid, timestamp
from tiewatch.model import Actor, Document, Tie, vocabulary
from tiewatch.store import ClaimView

# MISP's own threat-actor galaxy (misp-galaxy galaxies/threat-actor.json): clusters join it by uuid.
THREAT_ACTOR_GALAXY = {
    "uuid": "698774c7-8022-42c4-917f-8d6e4f06ada3", "type": "threat-actor", "name": "Threat Actor",
    "namespace": "misp", "description": "Threat actors are characteristics of malicious actors (or adversaries) "
    "representing a cyber attack threat including presumed intent and historically observed behaviour.",
    "icon": "user-secret", "version": 3,
}
CLUSTER_KINDS = ("group", "person")
POLARITIES = ("asserted", "hedged", "denied")
STAMPS = frozenset({"timestamp", "publish_timestamp", "version"})  # what an export stamps, not what it says


@lru_cache(maxsize=1)
def claim_template() -> dict[str, Any]:
    """The `tiewatch-claim` object template, in misp-objects' format (an admin may install it)."""
    path = files("tiewatch.export").joinpath("data/misp/objects/tiewatch-claim/definition.json")
    return json.loads(path.read_text(encoding="utf-8"))


def relationship(tie_type: str) -> str:
    spec = vocabulary().get(tie_type)
    return spec.misp if spec else "related-to"


def polarity_tag(polarity: str) -> str:
    return f'tiewatch:polarity="{polarity}"'


def admiralty_tags(reliability: str | None, credibility: int | None = None) -> list[str]:
    tags = [f'admiralty-scale:source-reliability="{reliability.lower()}"'] if reliability else []
    if credibility:
        tags.append(f'admiralty-scale:information-credibility="{credibility}"')
    return tags


def fill(obj: MISPObject, pairs: tuple[tuple[str, Any], ...]) -> MISPObject:
    """Add each (relation, value) with a value to `obj` (PyMISP warns of empty ones; we skip them)."""
    for relation, value in pairs:
        if value not in (None, ""):
            obj.add_attribute(relation, value)
    return obj


def steady(node: Any) -> Any:
    """`node` without the times an export stamps on it: two exports of one graph compare equal."""
    if isinstance(node, dict):
        return {k: steady(v) for k, v in node.items() if k not in STAMPS}
    return [steady(v) for v in node] if isinstance(node, list) else node


def newest(node: Any) -> int:
    """The latest time stamped anywhere in `node` (0 for none)."""
    if isinstance(node, dict):
        here = [int(v) for k, v in node.items() if k in STAMPS and str(v).isdigit()]
        return max(here + [newest(v) for v in node.values()], default=0)
    return max(map(newest, node), default=0) if isinstance(node, list) else 0


def restamp(node: Any, moment: int) -> Any:
    """Every time in `node` set to `moment`, so MISP takes each part as newer than what it holds."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("timestamp", "publish_timestamp"):
                node[key] = str(moment)
            else:
                restamp(value, moment)
    elif isinstance(node, list):
        for value in node:
            restamp(value, moment)
    return node


def settle(obj: MISPObject) -> MISPObject:
    """Give every attribute of `obj` a uuid that follows from the object's and its place in it."""
    seen: dict[str, int] = {}
    for attribute in obj.attributes:
        rank = seen[attribute.object_relation] = seen.get(attribute.object_relation, -1) + 1
        attribute.uuid = str(stable_uuid(obj.uuid, attribute.object_relation, rank))
    return obj


class MispExporter(Exporter):
    name = "misp"
    directory = True

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.now = datetime.now(timezone.utc)
        self.org = MISPOrganisation()
        self.org.from_dict(name="tiewatch", uuid=str(stable_uuid("misp-organisation", "tiewatch")))
        self.actors: dict[int, Actor] = {}
        self.clusters: dict[int, MISPGalaxyCluster] = {}
        self.grades: dict[int, str] = {}
        self.claims: set[int] = set()
        self.documents: set[int] = set()

    # --- the stream: actors and ties are kept (small), claims only by id -------------------
    def write_actor(self, actor: Actor) -> None:
        self.actors[actor.id] = actor
        if actor.kind in CLUSTER_KINDS:
            self.clusters[actor.id] = self.cluster(actor)

    def write_tie(self, tie: Tie) -> None:
        self.grades[tie.id] = tie.grade
        source, target = self.clusters.get(tie.subject_id), self.clusters.get(tie.object_id)
        if source is None or target is None:
            return
        relation = source.add_cluster_relation(target, relationship(tie.type))
        for tag in admiralty_tags(tie.reliability, tie.credibility):
            relation.add_tag(tag)
        for polarity in POLARITIES:
            if getattr(tie, polarity):
                relation.add_tag(polarity_tag(polarity))

    def write_claim(self, claim: ClaimView) -> None:
        self.claims.add(claim.id)
        self.documents.add(claim.document_id)

    def cluster(self, actor: Actor) -> MISPGalaxyCluster:
        uuid = str(stable_uuid("actor", actor.kind, actor.name))
        about = [f"A {actor.kind} named in {actor.claim_count} claim(s) that tiewatch read in open sources."]
        if designation(actor):
            about.append(f"Designated: {designation(actor)}.")
        if actor.external_ids:
            about.append("Ids: " + ", ".join(f"{k} {v}" for k, v in sorted(actor.external_ids.items())) + ".")
        shown = [actor.label] if actor.label not in (actor.name, *actor.aliases) else []
        synonyms = [*actor.aliases, *shown]  # the name its documents use most is found too
        cluster = MISPGalaxyCluster()
        cluster.from_dict(
            uuid=uuid, value=actor.name, description=" ".join(about), type="threat-actor",
            tag_name=f'misp-galaxy:threat-actor="{uuid}"', source="tiewatch", authors=["tiewatch"],
            meta={"synonyms": synonyms} if synonyms else {},
            Galaxy=dict(THREAT_ACTOR_GALAXY),
        )
        cluster.parse_meta_as_elements()
        return cluster

    # --- events, one per document, built from the store once the stream is read ------------
    def event(self, document_id: int) -> MISPEvent:
        document = self.store.get_document(document_id)
        sha256 = document.sha256
        claims = [c for c in self.store.claims_for_document(document_id) if c.id in self.claims]
        event = self.header(claims[0], document)
        named = sorted({i for c in claims for i in (c.subject_actor_id, c.object_actor_id) if i in self.actors})
        for tag in filter(None, map(self.cluster_tag, named)):
            event.add_tag(tag)
        objects = {i: event.add_object(self.actor_object(event.uuid, self.actors[i])) for i in named
                   if i not in self.clusters}
        for claim in claims:
            event.add_object(self.claim_object(claim, sha256, objects))
        return event

    def header(self, claim: ClaimView, document: Document) -> MISPEvent:
        """The event of a document: its label, date, TLP, source reliability and web address."""
        event = MISPEvent()
        event.uuid, event.info, event.Orgc = str(stable_uuid("misp-event", document.sha256)), claim.document_label, self.org
        event.published, event.analysis, event.threat_level_id, event.timestamp = False, 0, 4, self.now
        event.set_date((timestamp(claim.published) or timestamp(claim.ingested_at) or self.now).date())
        for tag in [f"tlp:{self.options.tlp}", *admiralty_tags(claim.reliability)]:
            event.add_tag(tag)
        if document_address(document):
            link = event.add_attribute("link", document_address(document), category="External analysis",
                                       comment=f"published by {claim.source}" if claim.source else "")
            link.uuid = str(stable_uuid(event.uuid, "link"))
        return event

    def actor_object(self, event_uuid: str, actor: Actor) -> MISPObject:
        """A state (or any actor but a group or person) as an `organization`, a place as a `geolocation`."""
        if actor.kind == "place":
            place = place_of([actor.name, *actor.aliases])
            where = (("country", ftm_types.country.caption(place.ftm_code)), ("countrycode", place.iso)) if (
                place and place.iso) else (("region", actor.name),)
            obj = fill(MISPObject("geolocation", strict=True), (("text", actor.name), *where))
        else:
            obj = fill(MISPObject("organization", strict=True), (
                ("name", actor.name), *(("alias", alias) for alias in actor.aliases),
                ("type-of-organization", actor.kind),
                ("description", f"Designated: {designation(actor)}" if designation(actor) else None),
            ))
        obj.uuid = str(stable_uuid("misp-actor", event_uuid, actor.kind, actor.name))
        return settle(obj)

    def claim_object(self, claim: ClaimView, sha256: str, objects: dict[int, MISPObject]) -> MISPObject:
        obj = MISPObject("tiewatch-claim", strict=True, misp_objects_template_custom=claim_template())
        obj.uuid = str(stable_uuid("misp-claim", sha256, claim.start, claim.end, claim.subject_start,
                                   claim.object_start, claim.type))
        fill(obj, (("quote", claim.sentence), ("claimant", claim.claimant), ("polarity", claim.polarity),
                   ("subject", claim.subject), ("tie-type", claim.type), ("object", claim.object),
                   ("start", claim.start), ("end", claim.end), ("confidence", claim.confidence),
                   ("review-status", claim.status), ("source", claim.source),
                   ("tie-grade", self.grades.get(claim.tie_id))))
        tags = (("quote", polarity_tag(claim.polarity)), ("subject", self.cluster_tag(claim.subject_actor_id)),
                ("object", self.cluster_tag(claim.object_actor_id)))
        for relation, tag in filter(lambda pair: pair[1], tags):
            for attribute in obj.get_attributes_by_relation(relation):
                attribute.add_tag(tag)
        settle(obj)
        rel, note = relationship(claim.type), f"{claim.claimant}: {claim.polarity}"
        if claim.subject_actor_id in objects:
            self.refer(objects[claim.subject_actor_id], obj, rel, note)
        if claim.object_actor_id in objects:
            self.refer(obj, objects[claim.object_actor_id], rel, note)
        return obj

    def cluster_tag(self, actor_id: int | None) -> str | None:
        """The tag naming the actor's threat-actor cluster; None for a state, a place or no actor."""
        return self.clusters[actor_id].tag_name if actor_id in self.clusters else None

    @staticmethod
    def refer(source: MISPObject, target: MISPObject, rel: str, comment: str) -> None:
        source.add_reference(target, rel, comment, uuid=str(stable_uuid("misp-reference", source.uuid, rel, target.uuid)))

    # --- the feed's files ---------------------------------------------------------------------
    def finalize(self) -> None:
        manifest: dict[str, Any] = {}
        hashes: list[str] = []
        for document_id in sorted(self.documents):
            feed = self.event(document_id).to_feed(with_meta=True)
            uuid = feed["Event"]["uuid"]
            entry = feed["Event"].pop("_manifest")[uuid]
            hashes += [f"{value},{uuid}" for value in feed["Event"].pop("_hashes")]
            feed = self.kept(f"{uuid}.json", feed)
            manifest[uuid] = {**entry, "timestamp": int(feed["Event"]["timestamp"])}
        self.dump("manifest.json", manifest)
        (self.out / "hashes.csv").write_text("".join(f"{line}\n" for line in hashes), encoding="utf-8")
        self.dump("galaxy-clusters.json", self.cluster_entries())

    def cluster_entries(self) -> list[dict[str, Any]]:
        """The clusters as Galaxies > Import takes them; one that changed gets a higher version."""
        held = self.earlier("galaxy-clusters.json")
        earlier = {e["GalaxyCluster"].get("uuid"): e for e in held if isinstance(e, dict) and "GalaxyCluster" in e} \
            if isinstance(held, list) else {}
        entries = []
        for cluster in sorted(self.clusters.values(), key=lambda c: (c.value.casefold(), c.uuid)):
            entry = {"GalaxyCluster": json.loads(cluster.to_json())}
            old = earlier.get(cluster.uuid)
            if old is not None and steady(old) == steady(entry):
                entry = old
            else:
                entry["GalaxyCluster"]["version"] = self.moment(old)
            entries.append(entry)
        return entries

    def kept(self, name: str, feed: dict[str, Any]) -> dict[str, Any]:
        """The event as the folder already holds it at `name` if it says the same (MISP skips it);
        else `feed`, stamped later than the file it replaces, written there."""
        old = self.earlier(name)
        if old is not None and steady(old) == steady(feed):
            return old
        self.dump(name, restamp(feed, self.moment(old)))
        return feed

    def moment(self, old: Any) -> int:
        """Now, or later than anything `old` was stamped with, so MISP takes the new version."""
        return max(int(self.now.timestamp()), newest(old) + 1)

    def earlier(self, name: str) -> Any:
        try:
            return json.loads((self.out / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def dump(self, name: str, data: Any) -> None:
        (self.out / name).write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                     encoding="utf-8")
