"""Transfers told from the thing's side, and denials whose object is "any armed group"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def ties(run, text):
    _doc, mentions, claims = run(text)
    assert all(m.label != "any" for m in mentions)  # "any armed group" is never stored as an actor
    return {(c.subject.canonical or c.subject.text, c.type, c.object.canonical or c.object.text, c.polarity) for c in claims}


@pytest.mark.parametrize("text, tie", [
    ("Money raised by the Al-Baraka Relief Foundation for drought victims ended up with Ansar el-Wadi.",
     ("Al-Baraka Relief Foundation", "funds", "Ansar el-Wadi", "asserted")),
    ("Weapons from the Libyan army went to the Kora Liberation Front.",
     ("the Libyan army", "supplies_weapons", "Kora Liberation Front", "asserted")),
    ("Not one dinar reached the mujahideen of Ansar al-Wadi from the Al-Baraka Relief Foundation.",
     ("Al-Baraka Relief Foundation", "funds", "Ansar al-Wadi", "denied")),
])
def test_the_thing_given_as_subject(run, text, tie):
    assert tie in ties(run, text)


@pytest.mark.parametrize("text", [
    "The Kora Liberation Front reached Bamsa on Monday.",
    "The convoy of the Kora Liberation Front went to Bamsa.",
])
def test_arrivals_that_are_no_transfer(run, text):
    assert not {t for t in ties(run, text) if t[1] in ("funds", "supplies_weapons")}


def test_a_denial_about_any_armed_group_denies_the_tie_the_document_claims(run):
    text = ("The Al-Baraka Relief Foundation financed Ansar al-Wadi, the panel found. "
            "The foundation's director, Salif Toure, denies that the charity funds any armed group.")
    found = ties(run, text)
    assert ("Al-Baraka Relief Foundation", "funds", "Ansar al-Wadi", "asserted") in found
    assert ("Al-Baraka Relief Foundation", "funds", "Ansar al-Wadi", "denied") in found


def test_a_denial_about_any_group_with_nothing_to_deny_claims_nothing(run):
    found = ties(run, "The Al-Baraka Relief Foundation has never given a single franc to any armed group.")
    assert found == set()


def test_the_group_refers_past_a_source(run):
    text = ("Money raised by the Al-Baraka Relief Foundation ended up with Ansar el-Wadi, UN investigators have "
            "concluded. According to the Panel of Experts, the charity sent 40,000 dollars to the group's commanders.")
    found = ties(run, text)
    assert ("Al-Baraka Relief Foundation", "funds", "Ansar el-Wadi", "asserted") in found
    assert not any(o in ("UN", "Panel of Experts") for _s, _t, o, _p in found)


def test_the_baseline_never_sees_any_armed_group():
    from tiewatch.extract import get_extractor
    from tiewatch.model import Document

    doc = Document(text="The Hope Charity denies that it funds any armed group.", kind="text", origin="t")
    (_doc, mentions, claims), = get_extractor("cooccurrence").extract([doc])
    assert all(m.label != "any" for m in mentions) and all("any" not in c.object.text for c in claims)
