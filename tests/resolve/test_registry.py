"""Mentions across documents become actors the way an analyst would group them."""

from tiewatch.graph import refresh
from tiewatch.model import Claim, Document, Mention, Source
from tiewatch.resolve import candidates
from tiewatch.resolve.watchlist import from_records

NONE = from_records([])
WATCHLIST = from_records([
    {"name": "Islamic State", "aliases": ["ISIS", "ISIL", "Daesh"], "kind": "group", "ids": {"ofac": "1"},
     "designations": [{"by": "US Department of State", "programme": "FTO", "since": "2004-12-17"}]},
    {"name": "Islamic State Khorasan Province", "aliases": ["ISIS-K", "ISKP"], "kind": "group", "ids": {"ofac": "2"},
     "designations": []},
    {"name": "Ansar al-Sharia in Libya", "aliases": ["Ansar al-Sharia"], "kind": "group", "ids": {"ofac": "3"}},
    {"name": "Ansar al-Sharia in Tunisia", "aliases": ["Ansar al-Sharia"], "kind": "group", "ids": {"ofac": "4"}},
])


def names(store):
    return sorted(a.name for a in store.list_actors())


def test_one_group_spelled_three_ways_in_three_reports_is_one_actor(store, corpus):
    corpus.add("Hezbollah fighters crossed the border.", names=("Hezbollah",))
    corpus.add("Analysts say Hizballah is rearming.", names=("Hizballah",), source="Gulf Observer")
    corpus.add("The Hizbullah commander spoke.", names=("Hizbullah",), source="Levant Daily")
    refresh(store, NONE)
    [actor] = store.list_actors()
    assert actor.name == "Hezbollah" and set(actor.aliases) == set()
    assert len(store.actor_mentions(actor.id)) == 3


def test_leading_article_and_close_spelling_join_the_same_actor(store, corpus):
    corpus.add("Fighters of the Islamic State attacked.", names=("the Islamic State",))
    corpus.add("Islamic State claimed it.", names=("Islamic State",))
    corpus.add("Jamaat Nusrat al-Islam wal-Muslimin attacked a convoy.", names=("Jamaat Nusrat al-Islam wal-Muslimin",))
    corpus.add("Jamaat Nusrat al-Islam wal-Muslimeen claimed it.", names=("Jamaat Nusrat al-Islam wal-Muslimeen",))
    corpus.add("Jaish al-Adl attacked a patrol.", names=("Jaish al-Adl",))
    corpus.add("Jaish al-Adel claimed the raid.", names=("Jaish al-Adel",), source="Other")
    refresh(store, NONE)
    assert names(store) == ["Islamic State", "Jaish al-Adl", "Jamaat Nusrat al-Islam wal-Muslimin"]
    jnim = store.list_actors()[2]
    assert "Jamaat Nusrat al-Islam wal-Muslimeen" in jnim.aliases


def test_an_acronym_defined_in_the_text_resolves_there_and_later(store, corpus):
    corpus.add("al-Qaeda in the Arabian Peninsula (AQAP) claimed the attack. AQAP later said more.",
               names=("al-Qaeda in the Arabian Peninsula", ("AQAP", "group", None, 50)))
    corpus.add("AQAP fighters were seen in Shabwa.", names=("AQAP",), source="Yemen Monitor")
    refresh(store, NONE)
    [actor] = store.list_actors()
    assert actor.name == "al-Qaeda in the Arabian Peninsula" and actor.aliases == ["AQAP"]
    assert len(store.actor_mentions(actor.id)) == 3


def test_an_acronym_followed_by_its_expansion_resolves_to_the_full_name(store, corpus):
    corpus.add("JNIM (Jama'at Nusrat al-Islam wal-Muslimin) attacked Djibo.", names=("JNIM",))
    corpus.add("Jamaat Nusrat al-Islam wal-Muslimin claimed the attack.", names=("Jamaat Nusrat al-Islam wal-Muslimin",),
               source="Other")
    corpus.add("JNIM fighters withdrew.", names=("JNIM",), source="Third")
    refresh(store, NONE)
    [actor] = store.list_actors()
    assert actor.name == "Jama'at Nusrat al-Islam wal-Muslimin" and actor.aliases == ["JNIM"]


def test_possessive_forms_resolve_to_the_part_and_record_its_parent(store, corpus):
    corpus.add("ISIS's Sinai province attacked a checkpoint.", names=("ISIS's Sinai province",))
    corpus.add("Sinai Province fighters withdrew.", names=("Sinai Province",), source="Cairo Wire")
    text = "The Izz ad-Din al-Qassam Brigades, Hamas's military wing, fired rockets."
    corpus.add(text, names=("Izz ad-Din al-Qassam Brigades", "Hamas's military wing"), source="Gaza Now")
    corpus.add("Hamas's armed wing threatened Israel.", names=("Hamas's armed wing",), source="Gaza Now")
    refresh(store, NONE)
    assert names(store) == ["Hamas", "ISIS", "Izz ad-Din al-Qassam Brigades", "Sinai Province", "armed wing of Hamas"]
    by_name = {a.name: a for a in store.list_actors()}
    assert store.actor_parent(by_name["Sinai Province"].id) == (by_name["ISIS"].id, "ISIS")
    assert store.actor_parent(by_name["Izz ad-Din al-Qassam Brigades"].id)[1] == "Hamas"
    assert len(store.actor_mentions(by_name["Izz ad-Din al-Qassam Brigades"].id)) == 2
    assert store.actor_parts(by_name["Hamas"].id) == [
        (by_name["Izz ad-Din al-Qassam Brigades"].id, "Izz ad-Din al-Qassam Brigades"),
        (by_name["armed wing of Hamas"].id, "armed wing of Hamas")]


def test_a_back_reference_uses_the_name_the_extractor_resolved(store):
    text = "Hamas rejected the offer. The group said it would fight on."
    m1, m2 = Mention("Hamas", 0, 5, "group"), Mention("The group", 26, 35, "group", canonical="Hamas")
    lone = Mention("it", 41, 43, "group")
    doc = Document(text=text, kind="text", origin="x", sha256="b" * 64, source=Source("Wire"))
    store.add_document(doc, [m1, m2, lone], [])
    refresh(store, NONE)
    [actor] = store.list_actors()
    assert len(store.actor_mentions(actor.id)) == 2


def test_a_person_is_never_merged_into_a_group_of_the_same_name(store, corpus):
    corpus.add("Sheikh Ansar spoke for the Ansar group.", names=(("Ansar", "person"), ("Ansar", "group", None, 10)))
    refresh(store, NONE)
    assert sorted((a.name, a.kind) for a in store.list_actors()) == [("Ansar", "group"), ("Ansar", "person")]


def test_watchlist_seeds_names_ids_and_designations(store, corpus):
    corpus.add("Daesh fighters and ISIS supporters met.", names=("Daesh", "ISIS"))
    refresh(store, WATCHLIST)
    [actor] = store.list_actors()
    assert actor.name == "Islamic State" and actor.external_ids == {"ofac": "1"}
    assert {"ISIS", "ISIL", "Daesh"} <= set(actor.aliases)
    assert actor.designations[0]["programme"] == "FTO"


def test_two_watchlist_entries_are_never_folded_and_a_shared_alias_stays_apart(store, corpus):
    corpus.add("Ansar al-Sharia in Libya was named first.", names=("Ansar al-Sharia in Libya",))
    corpus.add("ISIS and ISKP fighters clashed near Ansar al-Sharia positions.", names=("ISIS", "ISKP", "Ansar al-Sharia"))
    corpus.add("Ansar al-Sharia said so again.", names=("Ansar al-Sharia",), source="Third")
    refresh(store, WATCHLIST)
    assert names(store) == ["Ansar al-Sharia", "Ansar al-Sharia in Libya", "Islamic State",
                            "Islamic State Khorasan Province"]
    [text_actor] = [a for a in store.list_actors() if a.name == "Ansar al-Sharia"]
    assert text_actor.external_ids == {} and len(store.actor_mentions(text_actor.id)) == 2
    listed = {(c.a_name, c.b_name) for c in candidates(store)}
    assert ("Islamic State", "Islamic State Khorasan Province") not in listed


def test_uncertain_spellings_are_kept_apart_and_listed_as_candidates(store, corpus):
    corpus.add("Boko Haram attacked a patrol.", names=("Boko Haram",))
    corpus.add("Boko Harem claimed the raid.", names=("Boko Harem",), source="Other")
    corpus.add("AQIM and al-Qaeda in the Islamic Maghreb", names=("AQIM",), source="Third")
    corpus.add("al-Qaeda in the Islamic Maghreb expanded.", names=("al-Qaeda in the Islamic Maghreb",), source="Fourth")
    refresh(store, NONE)
    assert names(store) == ["AQIM", "Boko Haram", "Boko Harem", "al-Qaeda in the Islamic Maghreb"]
    listed = {(c.a_name, c.b_name, c.reason) for c in candidates(store)}
    assert ("Boko Haram", "Boko Harem", "close spelling") in listed
    assert ("AQIM", "al-Qaeda in the Islamic Maghreb", "acronym") in listed


def test_claims_follow_mentions_into_ties(store):
    text = "Daesh attacked Hamas."
    s, o = Mention("Daesh", 0, 5, "group"), Mention("Hamas", 15, 20, "group")
    claim = Claim(s, o, "fights", "asserted", "Wire", text, 0, len(text), "t", 0.9)
    store.add_document(Document(text=text, kind="text", origin="x", sha256="c" * 64), [s, o], [claim])
    refresh(store, WATCHLIST)
    [tie] = store.list_ties()
    assert {tie.subject, tie.object} == {"Islamic State", "Hamas"}


def test_names_differing_only_in_a_number_are_different_actors(store, corpus):
    corpus.add("Liwa 313 and Liwa 314 both deployed near Deir ez-Zor.", names=("Liwa 313", "Liwa 314"))
    corpus.add("The 17th Brigade and the 18th Brigade clashed.", names=("17th Brigade", "18th Brigade"))
    refresh(store, NONE)
    assert names(store) == ["17th Brigade", "18th Brigade", "Liwa 313", "Liwa 314"]


def test_a_kind_guessed_by_the_statistical_model_does_not_split_a_named_group(store):
    text = "Al-Baraka Relief Foundation paid fighters. Later Al-Baraka Relief Foundation denied it. Wilayat Sahra too."
    ruler = Mention("Al-Baraka Relief Foundation", 0, 27, "group", label="named-org")
    guessed = Mention("Al-Baraka Relief Foundation", 49, 76, "person", label="PERSON")
    province = Mention("Wilayat Sahra", 87, 100, "group", label="wilayat")
    doc = Document(text=text, kind="text", origin="x", sha256="d" * 64, source=Source("Wire"))
    store.add_document(doc, [ruler, guessed, province], [])
    text2 = "Sheikh Ansar Wadi met the Sahra Province emir. Ansarul Wadi fighters followed."
    person = Mention("Ansar Wadi", 7, 17, "person", label="abu-name")
    unit = Mention("Sahra Province", 26, 40, "group", label="ORG")
    group = Mention("Ansarul Wadi", 47, 59, "group", label="ORG")
    store.add_document(Document(text=text2, kind="text", origin="y", sha256="e" * 64), [person, unit, group], [])
    refresh(store, NONE)
    assert sorted((a.name, a.kind) for a in store.list_actors()) == [
        ("Al-Baraka Relief Foundation", "group"), ("Ansar Wadi", "person"), ("Ansarul Wadi", "group"),
        ("Wilayat Sahra", "group")]
