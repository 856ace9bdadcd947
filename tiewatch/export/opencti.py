"""The OpenCTI profile of the STIX export: what OpenCTI makes of each actor, and which relationships
it accepts between them.

- every actor gets one OpenCTI entity type: a group is a Threat-Actor-Group, a person a
  Threat-Actor-Individual; a state or a place a Country, or an Administrative-Area when its name is
  a place inside a country (Gaza, California; "Baghdad" for the Iraqi state); a place no country is
  known for a Region; the UN or the EU an Organization, as is any other actor (an agency, a
  charity, a firm);
- a tie keeps its vocabulary's `opencti` relationship type where OpenCTI's rules accept it between
  the two entity types, else it becomes the rules' fallback, `related-to`, which OpenCTI accepts
  between any two types (the precise tie type stays a label);
- the rules are `opencti_rules.yaml` beside this module, read from OpenCTI's source (see its header);
- OpenCTI's own properties (`type`, `reliability`) travel in OpenCTI's STIX extension, where
  OpenCTI writes them in its exports and pycti reads them on import.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from tiewatch.export.places import Place
from tiewatch.model import Actor

EXTENSION = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba"

THREAT_ACTORS = {"group": "Threat-Actor-Group", "person": "Threat-Actor-Individual"}


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """OpenCTI's relationship rules and reliability labels, read on first use."""
    text = files("tiewatch.export").joinpath("opencti_rules.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def accepts(source: str, target: str, relationship: str) -> bool:
    """Does OpenCTI accept `relationship` from an entity of type `source` to one of type `target`?"""
    found = rules()
    return relationship in found["anywhere"] or relationship in found["allowed"].get(source, {}).get(target, [])


def relationship_type(preferred: str | None, source: str, target: str) -> str:
    """`preferred` where OpenCTI accepts it between the two types, else the rules' fallback."""
    if preferred and accepts(source, target, preferred):
        return preferred
    return rules()["fallback"]


def entity_type(actor: Actor, place: Place | None) -> str:
    """The OpenCTI entity type an actor arrives as; `place` is where a state or a place is."""
    if actor.kind in THREAT_ACTORS:
        return THREAT_ACTORS[actor.kind]
    if actor.kind not in ("state", "place"):
        return "Organization"
    state = actor.kind == "state"
    if place is None:  # a state no country is known for is still a state; such a place is a region
        return "Country" if state else "Region"
    if place.supranational:
        return "Organization" if state else "Region"
    return "Administrative-Area" if place.within else "Country"


def reliability(letter: str | None) -> str | None:
    """OpenCTI's label for an Admiralty reliability letter: "B" -> "B - Usually reliable"."""
    return rules()["reliability"].get((letter or "").strip().upper())


def extension(**properties: Any) -> dict[str, Any]:
    """`extensions` carrying OpenCTI's own properties (those given and not None)."""
    given = {k: v for k, v in properties.items() if v is not None}
    return {EXTENSION: {"extension_type": "property-extension", **given}}
