"""Every way sources write one name folds to one matching key; different names stay apart."""

import pytest

from tiewatch.resolve.names import defined_acronym, defined_expansion, describe, is_reference, normalise, split_acronym

SAME = [
    ("al-Qaeda", "Al Qaeda", "al-Qa'ida", "Al-Qaida", "AL QAEDA", "al‑Qa‘ida", "al-Qaʿida"),
    ("Hezbollah", "Hizballah", "Hizbullah", "Hizbollah", "HEZBOLLAH", "Ḥizbullāh"),
    ("Jama'at Nusrat al-Islam wal-Muslimin", "Jamaat Nusrat al Islam wal Muslimin", "JAMA’AT NUSRAT AL-ISLAM WAL-MUSLIMIN"),
    ("the Islamic State", "Islamic State", "ISLAMIC STATE"),
    ("Izz ad-Din al-Qassam Brigades", "Izz al-Din al-Qassam Brigades", "Izz el-Din al-Kassam Brigades"),
    ("al-Shabaab", "Al-Shabab", "al Shabaab", "Shabaab"),
    ("Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham", "Hay’at Tahrir ash-Sham", "Hayʾat Tahrir al-Sham"),
    ("Lashkar-e-Taiba", "Lashkar e Tayyiba", "Lashkar-e-Toiba"),
    ("Ansar Allah", "Ansarallah", "Ansarullah"),
    ("Hamas", "Hamas's", "Hamas’", "HAMAS’S"),
    ("Wilayat Sinai", "Sinai Province", "Wilayah Sinai"),
    ("Ansar al-Wadi", "Ansarul Wadi", "Ansar el-Wadi"),
    ("Jabhat al-Nusra", "Jabhat an-Nusrah", "Jabhat al Nusra"),
]


@pytest.mark.parametrize("spellings", SAME, ids=lambda s: s[0])
def test_spellings_of_one_name_share_a_key(spellings):
    assert len({normalise(s) for s in spellings}) == 1, {s: normalise(s) for s in spellings}


def test_different_names_keep_different_keys():
    names = ["Hamas", "Hezbollah", "Islamic State", "Islamic Jihad", "al-Qaeda", "al-Qaeda in the Arabian Peninsula"]
    assert len({normalise(n) for n in names}) == len(names)


def test_back_references_are_not_names():
    assert is_reference("the group") and is_reference("They") and is_reference("the organisation")
    assert not is_reference("Hamas") and not is_reference("the Islamic State")


def test_possessive_and_descriptive_forms_name_a_part_of_their_parent():
    sinai = describe("ISIS's Sinai province")
    assert (sinai.head, sinai.parent, sinai.part) == ("Sinai Province", "ISIS", "province")
    assert describe("the Sinai Province of the Islamic State").label == "Sinai Province"
    wing = describe("Hamas’s military wing")
    assert wing.head is None and wing.label == "military wing of Hamas"
    assert describe("Islamic State") is None and describe("the leader of Hamas") is None


def test_acronyms_defined_in_brackets_are_recognised_only_when_they_fit():
    assert defined_acronym("al-Qaeda in the Arabian Peninsula", " (AQAP) claimed") == "AQAP"
    assert defined_acronym("Islamic State of Iraq and Syria", " (ISIS)") == "ISIS"
    assert defined_acronym("Hay'at Tahrir al-Sham", "(HTS),") == "HTS"
    assert defined_acronym("al-Qaeda in the Arabian Peninsula", " (Yemen)") is None
    assert defined_expansion("AQAP", " (al-Qaeda in the Arabian Peninsula) said") == "al-Qaeda in the Arabian Peninsula"
    assert defined_expansion("AQAP", " (in Yemen)") is None
    assert split_acronym("Hay'at Tahrir al-Sham (HTS)") == ("Hay'at Tahrir al-Sham", "HTS")
    assert split_acronym("Hamas (Gaza)") == ("Hamas (Gaza)", None)
