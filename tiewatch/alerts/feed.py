"""The Atom feed of one watch rule: its alerts, newest first, each with its strongest quotes.

The web app serves it at /feeds/NAME.atom; `tiewatch watch feed NAME --out FILE` writes it.
Entry ids are stable (rule, tie, event), so feed readers never show an alert twice.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from tiewatch.alerts.rules import alerts_of

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 100
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element; characters XML 1.0 cannot hold (control characters, lone surrogates) are dropped."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _content(payload: dict[str, Any]) -> str:
    tie = payload.get("tie", {})
    lines = [
        f"{tie.get('subject')} -[{tie.get('type')}]-> {tie.get('object')}: asserted {tie.get('asserted')}, "
        f"denied {tie.get('denied')}, hedged {tie.get('hedged')}; {tie.get('sources')} independent source(s); "
        f"grade {tie.get('grade')}; first seen {tie.get('first_seen')}, last seen {tie.get('last_seen')}.",
    ]
    for quote_ in payload.get("evidence", []):
        where = ", ".join(str(x) for x in (quote_.get("document"), quote_.get("source"), quote_.get("date")) if x)
        lines.append(f"{quote_['claimant']} ({quote_['polarity']}): \u201c{quote_['sentence']}\u201d \u2014 {where}")
    return "\n\n".join(lines)


def render_feed(store: Any, rule_name: str, base_url: str | None = None) -> bytes:
    """Atom 1.0 XML for the rule's latest alerts. Raises NotFound for an unknown rule."""
    rule = store.get_watch_rule(rule_name)
    alerts = alerts_of(store, rule_name, limit=ENTRIES)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"urn:tiewatch:watch:{quote(rule.name)}")
    _sub(feed, "title", f"tiewatch: {rule.name}")
    _sub(feed, "subtitle", describe(rule))
    _sub(feed, "updated", _atom_time(alerts[0].at if alerts else rule.created_at))
    _sub(_sub(feed, "author"), "name", "tiewatch")
    _sub(feed, "generator", "tiewatch")
    if base_url:
        root = base_url.rstrip("/")
        _sub(feed, "link", rel="self", href=f"{root}/feeds/{quote(rule.name)}.atom")
    for alert in alerts:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:tiewatch:alert:{quote(rule.name)}:{alert.tie_id}:{alert.event}")
        _sub(entry, "title", alert.title)
        _sub(entry, "updated", _atom_time(alert.at))
        _sub(entry, "published", _atom_time(alert.at))
        _sub(entry, "category", term=alert.event)
        if base_url:
            _sub(entry, "link", href=f"{base_url.rstrip('/')}/ties/{alert.tie_id}")
        _sub(entry, "content", _content(alert.payload), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _atom_time(at: str | None) -> str:
    """Store times are ISO with an offset already; Atom wants RFC 3339, which that is."""
    return at or "1970-01-01T00:00:00+00:00"


def describe(rule: Any) -> str:
    """The rule in words: "ties of Hamas, type supplies_weapons, with 2+ sources"."""
    parts = [f"ties of {rule.actor}" if rule.actor else "all ties"]
    if rule.type:
        parts.append(f"type {rule.type}")
    if rule.polarity:
        parts.append(f"with a {rule.polarity} claim")
    if rule.min_sources:
        parts.append(f"reaching {rule.min_sources}+ independent sources")
    return ", ".join(parts)
