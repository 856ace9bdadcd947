"""Whole names (tiewatch.extract.spans and the normaliser): each repair with the sentences it must
mend and the neighbours it must leave alone."""

from __future__ import annotations

import pytest

from tiewatch.extract.nlp import normalise

pytestmark = pytest.mark.slow


def names(run, text):
    _, mentions, _ = run(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return [m.text for m in mentions]


@pytest.mark.parametrize("text, whole", [
    ("The U.S. Department of the Treasury designated the network today.", "U.S. Department of the Treasury"),
    ("Iran's Ministry of Intelligence and Security funded the cell.", "Ministry of Intelligence and Security"),
    ("Syria hosts the Popular Front for the Liberation of Palestine – General Command in Damascus.",
     "Popular Front for the Liberation of Palestine – General Command"),
    ("al-Qa'ida in the Islamic Maghreb (North Africa) operates in the Sahel.", "al-Qa'ida in the Islamic Maghreb"),
])
def test_names_cut_by_the_tagger_are_whole(run, text, whole):
    assert whole in names(run, text)


def test_an_open_bracket_is_not_part_of_a_name(run):
    found = names(run, "The Office of Foreign Assets Control (OFAC) designated Iyad Nazmi Salih Khalil.")
    assert "Office of Foreign Assets Control" in found and "OFAC" in found
    assert not any("(" in n for n in found)


@pytest.mark.parametrize("text, apart", [
    ("The leader of Hamas met officials of Hizballah in Beirut.", ["Hamas", "Hizballah"]),
    ("Hizballah - unlike Hamas - rejected the offer.", ["Hizballah", "Hamas"]),
    ("The Kora Liberation Front – Ansar Dine rivalry grew.", ["Kora Liberation Front", "Ansar Dine"]),
    ("The Hamas – Fatah talks failed in Cairo.", ["Hamas", "Fatah"]),
    ("The army of Mali fought the Islamic State in Mozambique.", ["Mali"]),
])
def test_neighbours_stay_apart(run, text, apart):
    found = names(run, text)
    for name in apart:
        assert name in found


def test_a_dateline_is_only_at_the_start_of_a_line():
    text = "Weapons from IRAN – and money – reached Hizballah.\nBAGHDAD – The army attacked."
    out = normalise(text)
    assert "IRAN" in out and "BAGHDAD" not in out and len(out) == len(text)


def test_an_acronym_that_is_not_the_names_initials_renames_no_one(run):
    text = "Qasim al-Raymi (AQAP) spoke in 2019. Later AQAP attacked the Yemeni army in Shabwa."
    _, mentions, _ = run(text)
    assert not any(m.text == "AQAP" and m.canonical == "Qasim al-Raymi" for m in mentions)


def test_reference_codes_citations_and_datelines_become_spaces():
    text = "Al-Qaida (QDe.004) funded [11] them.\nWASHINGTON – OFAC acted; ISIS – Sinai Province"
    out = normalise(text)
    assert len(out) == len(text)
    assert "QDe" not in out and "11" not in out and "WASHINGTON" not in out
    assert "ISIS – Sinai Province" in out and "Al-Qaida" in out


def test_an_acronym_defined_once_names_the_actor_at_every_later_use(run):
    text = ("The Coast Army (CA) was formed in 2019. Last year the CA fought alongside the Ridge Front "
            "near the border.")
    _, mentions, claims = run(text)
    later = [m for m in mentions if m.text == "CA" and m.start > text.index("formed")]
    assert later and all(m.canonical == "Coast Army" for m in later)
    assert ("Coast Army", "cooperates_with", "Ridge Front") in {
        (c.subject.canonical or c.subject.text, c.type, c.object.canonical or c.object.text) for c in claims}


def test_an_acronym_beside_its_name_is_one_actor():
    from tiewatch.extract.engine import same_actor

    assert same_actor("AAH", "Asa'ib Ahl al-Haqq") and same_actor("Kata'ib Hizballah", "KH")
    assert not same_actor("IRGC", "Hizballah") and not same_actor("US", "United Kingdom")
