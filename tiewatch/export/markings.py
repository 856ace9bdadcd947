"""TLP 2.0 marking definitions as OASIS publishes them (fixed ids; never generated), the
deterministic ids tiewatch gives its STIX objects, and STIX timestamps from loose dates."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import stix2

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_CREATED = "2022-10-01T00:00:00.000Z"
TLP2_IDS = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}

# Every id is uuid5(NAMESPACE, stable key): exporting the same graph again gives the same ids,
# so OpenCTI and MISP update their objects instead of adding duplicates.
NAMESPACE = uuid.UUID("c1f3a6d2-5b0e-4c47-9a3e-7d2f0b8e61a4")


def tlp_marking(level: str) -> stix2.MarkingDefinition:
    return stix2.MarkingDefinition(
        id=TLP2_IDS[level],
        created=TLP2_CREATED,
        name=f"TLP:{level.upper()}",
        extensions={TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level}},
    )


def stix_id(kind: str, *key: object) -> str:
    """`kind--uuid5` from a stable key such as ("actor", "group", "hamas")."""
    text = "\x1f".join(str(part).strip().casefold() for part in key)
    return f"{kind}--{uuid.uuid5(NAMESPACE, text)}"


def timestamp(value: str | None) -> datetime | None:
    """A UTC datetime from "2016", "2016-02", "2016-02-24" or a full ISO datetime; None if unreadable."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def confidence(credibility: int | None) -> int | None:
    """Admiralty credibility 1-5 as STIX confidence; 6 ("cannot be judged") gives none."""
    return {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}.get(credibility or 6)
