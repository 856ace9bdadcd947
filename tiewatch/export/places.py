"""Which country a place or a state is, or lies in: the territory lookup followthemoney's country
type makes (rigour's), read once for both questions exporters ask of it.

- `iso`: the ISO 3166-1 alpha-2 code STIX's `country` wants, upper case. followthemoney also knows
  codes ISO does not have: a part of a country ("iq-kr" Iraqi Kurdistan, "so-som" Somaliland) gets
  the code of the country it lies in; a former country ("suhh" the Soviet Union) its former alpha-2
  code ("SU"); Kosovo ("xk"), "Global" ("zz") and Cyberspace get none.
- `within`: the name is a place inside that country (Gaza, Amsterdam, California), not the
  country itself (Palestine, the Netherlands, the United States).
- `supranational`: the United Nations, the European Union: bodies, not places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

SUPRANATIONAL = "Supranational"  # rigour's region for the UN, the EU and "Global"


@dataclass(frozen=True)
class Place:
    ftm_code: str
    iso: str | None
    within: bool
    supranational: bool


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, as the STIX validator checks a location's `country`."""
    from stix2validator.v21.enums import COUNTRY_CODES

    return frozenset(COUNTRY_CODES)


def iso_code(code: str, historical: bool) -> str | None:
    """followthemoney's code as ISO 3166-1 alpha-2: "eg" -> "EG", "iq-kr" -> "IQ", "suhh" -> "SU"."""
    head = code.split("-")[0]
    if historical and len(head) == 4:  # ISO 3166-3: the first two letters are the former code
        head = head[:2]
    return head.upper() if head.upper() in iso_codes() else None


def place_of(names: Iterable[str]) -> Place | None:
    """The territory the first name followthemoney recognises is or lies in; None if none is."""
    from rigour.territories import lookup_territory
    from rigour.territories.util import normalize_territory_name

    for name in names:
        territory = lookup_territory(name) if name else None
        if territory is None or territory.ftm_country is None:
            continue
        supranational = territory.region == SUPRANATIONAL
        inside = "-" in territory.code or normalize_territory_name(name) in {
            normalize_territory_name(p) for p in territory.places
        }
        iso = None if supranational else iso_code(territory.code, territory.is_historical)
        return Place(ftm_code=territory.ftm_country, iso=iso, within=inside, supranational=supranational)
    return None
