"""Paraphrases an analyst would write down as one tie each: active, passive and nominal wording,
conjunctions, appositions, back-references, denials, hedges, and sentences that must give no tie.
Invented groups and people (on no list) beside real ones, in news-wire style."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# (sentence, subject, type, object, polarity, claimant or None for the document default)
ASSERTED = [
    # member_of
    ("Colonel Idrissa Kone is a member of the Kivu Liberation Front.", "Idrissa Kone", "member_of", "Kivu Liberation Front", "asserted", None),
    ("Kivu Liberation Front spokesman Jean Mbala said the group would fight on.", "Jean Mbala", "member_of", "Kivu Liberation Front", "asserted", None),
    pytest.param("Amadou Diallo joined Jamaat Nusrat al-Sahel in 2019, officials in Niamey said.", "Amadou Diallo", "member_of", "Jamaat Nusrat al-Sahel", "asserted", "officials in Niamey", marks=pytest.mark.xfail(reason="the small model tags this unknown name as an organisation")),
    # leads
    ("Colonel Idrissa Kone, the leader of the Kivu Liberation Front, was seen in Goma.", "Idrissa Kone", "leads", "Kivu Liberation Front", "asserted", None),
    ("The Kivu Liberation Front is headed by Idrissa Kone, according to the UN panel.", "Idrissa Kone", "leads", "Kivu Liberation Front", "asserted", "UN panel"),
    ("Jamaat Nusrat al-Sahel commander Amadou Diallo was killed in a drone strike.", "Amadou Diallo", "leads", "Jamaat Nusrat al-Sahel", "asserted", None),
    ("Idrissa Kone founded the Kivu Liberation Front in 2012.", "Idrissa Kone", "leads", "Kivu Liberation Front", "asserted", None),
    # part_of
    ("The Al-Qassam Brigades, Hamas's military wing, fired rockets.", "Al-Qassam Brigades", "part_of", "Hamas", "asserted", None),
    ("The Ituri Brigade is a branch of the Kivu Liberation Front.", "Ituri Brigade", "part_of", "Kivu Liberation Front", "asserted", None),
    ("Ansar Dine, al-Mourabitoun and the Macina Liberation Front merged to form Jamaat Nusrat al-Islam wal-Muslimin.", "Macina Liberation Front", "part_of", "Jamaat Nusrat al-Islam wal-Muslimin", "asserted", None),
    # pledges_allegiance
    ("The Kivu Liberation Front pledged allegiance to the Islamic State in 2019.", "Kivu Liberation Front", "pledges_allegiance", "Islamic State", "asserted", None),
    # splinter_of
    ("The Ituri Brigade broke away from the Kivu Liberation Front last year.", "Ituri Brigade", "splinter_of", "Kivu Liberation Front", "asserted", None),
    # cooperates_with
    ("The Kivu Liberation Front is collaborating with Jamaat Nusrat al-Sahel, the report said.", "Kivu Liberation Front", "cooperates_with", "Jamaat Nusrat al-Sahel", "asserted", "report"),
    ("Analysts describe growing cooperation between the Kivu Liberation Front and Jamaat Nusrat al-Sahel.", "Kivu Liberation Front", "cooperates_with", "Jamaat Nusrat al-Sahel", "asserted", "Analysts"),
    ("The Kivu Liberation Front maintains close ties with Jamaat Nusrat al-Sahel.", "Kivu Liberation Front", "cooperates_with", "Jamaat Nusrat al-Sahel", "asserted", None),
    # meets
    ("Idrissa Kone met Hamas officials in Doha last week.", "Idrissa Kone", "meets", "Hamas", "asserted", None),
    ("Leaders of the Kivu Liberation Front held talks with Jamaat Nusrat al-Sahel in March.", "Kivu Liberation Front", "meets", "Jamaat Nusrat al-Sahel", "asserted", None),
    # supports
    ("Rwanda backs the Kivu Liberation Front, a UN report alleged.", "Rwanda", "supports", "Kivu Liberation Front", "asserted", "UN report"),
    ("The Kivu Liberation Front is backed by Rwanda.", "Rwanda", "supports", "Kivu Liberation Front", "asserted", None),
    ("Fighters of the Rwanda-backed Kivu Liberation Front seized the town.", "Rwanda", "supports", "Kivu Liberation Front", "asserted", None),
    # funds
    pytest.param("Qatar financed Jamaat Nusrat al-Sahel, the minister claimed.", "Qatar", "funds", "Jamaat Nusrat al-Sahel", "asserted", "minister", marks=pytest.mark.xfail(reason="the small model parses the name as the subject of 'claimed'")),
    ("Jamaat Nusrat al-Sahel receives money from Idrissa Kone.", "Idrissa Kone", "funds", "Jamaat Nusrat al-Sahel", "asserted", None),
    ("Amadou Diallo sent cash to the Kivu Liberation Front.", "Amadou Diallo", "funds", "Kivu Liberation Front", "asserted", None),
    # supplies_weapons
    ("Iran supplied rifles to the Houthis.", "Iran", "supplies_weapons", "Houthis", "asserted", None),
    ("The Kivu Liberation Front receives weapons from Rwanda.", "Rwanda", "supplies_weapons", "Kivu Liberation Front", "asserted", None),
    ("Hamas is producing explosive devices for the Kivu Liberation Front.", "Hamas", "supplies_weapons", "Kivu Liberation Front", "asserted", None),
    ("Jamaat Nusrat al-Sahel was supplied with drones by Idrissa Kone.", "Idrissa Kone", "supplies_weapons", "Jamaat Nusrat al-Sahel", "asserted", None),
    # smuggles_for
    ("The Kivu Liberation Front smuggles gold for Jamaat Nusrat al-Sahel.", "Kivu Liberation Front", "smuggles_for", "Jamaat Nusrat al-Sahel", "asserted", None),
    # trains
    ("Instructors from Hezbollah trained the Kivu Liberation Front.", "Hezbollah", "trains", "Kivu Liberation Front", "asserted", None),
    ("The Kivu Liberation Front was trained by Rwanda.", "Rwanda", "trains", "Kivu Liberation Front", "asserted", None),
    ("Hezbollah provided training to Jamaat Nusrat al-Sahel.", "Hezbollah", "trains", "Jamaat Nusrat al-Sahel", "asserted", None),
    # provides_logistics
    ("Hamas is providing logistical assistance to the Kivu Liberation Front.", "Hamas", "provides_logistics", "Kivu Liberation Front", "asserted", None),
    # provides_medical_care
    pytest.param("Hamas treats wounded fighters of the Kivu Liberation Front.", "Hamas", "provides_medical_care", "Kivu Liberation Front", "asserted", None, marks=pytest.mark.xfail(reason="the small model tags 'treats' as a noun")),
    # provides_safe_haven
    ("Sudan sheltered the Kivu Liberation Front for years.", "Sudan", "provides_safe_haven", "Kivu Liberation Front", "asserted", None),
    ("Jamaat Nusrat al-Sahel found safe haven in Mali.", None, None, None, None, None),
    # shares_intelligence
    ("Rwanda shares intelligence with the Kivu Liberation Front.", "Rwanda", "shares_intelligence", "Kivu Liberation Front", "asserted", None),
    # recruits_for
    ("Amadou Diallo recruited fighters for Jamaat Nusrat al-Sahel.", "Amadou Diallo", "recruits_for", "Jamaat Nusrat al-Sahel", "asserted", None),
    # fights
    ("The Kivu Liberation Front attacked the Malian army near Gao.", "Kivu Liberation Front", "fights", "the Malian army", "asserted", None),
    ("Jamaat Nusrat al-Sahel and the Kivu Liberation Front clashed on Sunday.", "Jamaat Nusrat al-Sahel", "fights", "Kivu Liberation Front", "asserted", None),
    ("The Kivu Liberation Front was attacked by Jamaat Nusrat al-Sahel.", "Jamaat Nusrat al-Sahel", "fights", "Kivu Liberation Front", "asserted", None),
    # persecutes
    ("Hamas is persecuting and torturing ISIS loyalists, he says.", "Hamas", "persecutes", "ISIS", "asserted", None),
    ("The Kivu Liberation Front arrested members of Jamaat Nusrat al-Sahel.", "Kivu Liberation Front", "persecutes", "Jamaat Nusrat al-Sahel", "asserted", None),
    # threatens
    ("Jamaat Nusrat al-Sahel threatened the Kivu Liberation Front.", "Jamaat Nusrat al-Sahel", "threatens", "Kivu Liberation Front", "asserted", None),
    # denounces
    ("The Islamic State declared Hamas apostates.", "Islamic State", "denounces", "Hamas", "asserted", "Islamic State"),
    ("Jamaat Nusrat al-Sahel condemned the Kivu Liberation Front.", "Jamaat Nusrat al-Sahel", "denounces", "Kivu Liberation Front", "asserted", None),
    # operates_in
    ("The Kivu Liberation Front operates in North Kivu.", "Kivu Liberation Front", "operates_in", "North Kivu", "asserted", None),
    ("The Kivu Liberation Front is based in Masisi territory.", "Kivu Liberation Front", "operates_in", "Masisi territory", "asserted", None),
    ("Fighters of the Kivu Liberation Front are stationed in Rutshuru and Walikale.", "Kivu Liberation Front", "operates_in", "Walikale", "asserted", None),
    ("The Kivu Liberation Front is active in the districts of Masisi and Lubero.", "Kivu Liberation Front", "operates_in", "Lubero", "asserted", None),
    ("The Kivu Liberation Front has a strong presence in the Itombwe plateau.", "Kivu Liberation Front", "operates_in", "Itombwe plateau", "asserted", None),
    # alliances said with fighting words
    ("The Kivu Liberation Front fought alongside Jamaat Nusrat al-Sahel near Gao.", "Kivu Liberation Front", "cooperates_with", "Jamaat Nusrat al-Sahel", "asserted", None),
    ("The Ituri Brigade, a front of the Kivu Liberation Front, claimed the attack.", "Ituri Brigade", "part_of", "Kivu Liberation Front", "asserted", None),
    ("The Ituri Brigade was absorbed into the Kivu Liberation Front in 2020.", "Ituri Brigade", "part_of", "Kivu Liberation Front", "asserted", None),
    ("Jamaat Nusrat al-Sahel claimed responsibility for the attack on the Kivu Liberation Front.", "Jamaat Nusrat al-Sahel", "fights", "Kivu Liberation Front", "asserted", "Jamaat Nusrat al-Sahel"),
    ("The Kivu Liberation Front, which is linked to al-Qaeda, denied the report.", "Kivu Liberation Front", "cooperates_with", "al-Qaeda", "asserted", None),
    ("The Kivu Liberation Front, which includes the Ituri Brigade, took the town.", "Ituri Brigade", "part_of", "Kivu Liberation Front", "asserted", None),
    ("Authorities in Bamako detained dozens of Jamaat Nusrat al-Sahel members.", "Authorities in Bamako", "persecutes", "Jamaat Nusrat al-Sahel", "asserted", None),
    ("The Kivu Liberation Front's funding comes from Idrissa Kone.", "Idrissa Kone", "funds", "Kivu Liberation Front", "asserted", None),
    ("Financing for the Kivu Liberation Front was provided by Qatar.", "Qatar", "funds", "Kivu Liberation Front", "asserted", None),
    ("The Kivu Liberation Front enjoys the backing of Rwanda.", "Rwanda", "supports", "Kivu Liberation Front", "asserted", None),
    ("Jamaat Nusrat al-Sahel has been at war with the Kivu Liberation Front since 2020.", "Jamaat Nusrat al-Sahel", "fights", "Kivu Liberation Front", "asserted", None),
    ("Jamaat Nusrat al-Sahel issued a threat against the governor of Gao.", "Jamaat Nusrat al-Sahel", "threatens", "governor of Gao", "asserted", None),
    ("Intelligence-sharing between the Malian army and Wagner has grown.", "the Malian army", "shares_intelligence", "Wagner", "asserted", None),
    ("The Ituri Brigade is part of the Kivu Liberation Front.", "Ituri Brigade", "part_of", "Kivu Liberation Front", "asserted", None),
    # back-references
    ("The Kivu Liberation Front lost ground in June. The group later attacked Jamaat Nusrat al-Sahel.", "Kivu Liberation Front", "fights", "Jamaat Nusrat al-Sahel", "asserted", None),
    ("Jamaat Nusrat al-Sahel is active in Mali. Its leader, Amadou Diallo, is in hiding.", "Amadou Diallo", "leads", "Jamaat Nusrat al-Sahel", "asserted", None),
    # whole spans
    ("The Islamic State in Mozambique attacked the Mozambican army.", "Islamic State in Mozambique", "fights", "the Mozambican army", "asserted", None),
]

DENIED = [
    ("Hamas denied supplying weapons to the Kivu Liberation Front.", "Hamas", "supplies_weapons", "Kivu Liberation Front", "Hamas"),
    ("Idrissa Kone did not meet Amadou Diallo, his lawyer said.", "Idrissa Kone", "meets", "Amadou Diallo", "his lawyer"),
    ("Rwanda rejects the charge that it arms the Kivu Liberation Front.", "Rwanda", "supplies_weapons", "Kivu Liberation Front", "Rwanda"),
    ("Officials said Amadou Diallo financed the Kivu Liberation Front, a charge his lawyer denied.", "Amadou Diallo", "funds", "Kivu Liberation Front", "his lawyer"),
    ("The Kivu Liberation Front has no contact with Jamaat Nusrat al-Sahel, its spokesman said.", "Kivu Liberation Front", "cooperates_with", "Jamaat Nusrat al-Sahel", "its spokesman"),
    ("The Kivu Liberation Front has never received any support from Rwanda, its spokesman insisted.", "Rwanda", "supports", "Kivu Liberation Front", "its spokesman"),
]

def test_rejected_claims_are_only_the_deniers(run):
    _, _, claims = run("The Kivu Liberation Front rejected claims that it receives money from Rwanda.")
    assert {(c.type, c.polarity, c.claimant) for c in claims} == {("funds", "denied", "Kivu Liberation Front")}


HEDGED = [
    "The Kivu Liberation Front is suspected of receiving drones from Rwanda.",
    "If Rwanda were to arm the Kivu Liberation Front, the war would spread.",
    "Rwanda could supply drones to the Kivu Liberation Front.",
    "Iran may have funded Jamaat Nusrat al-Sahel.",
]

NO_TIE = [
    "He oversaw liaison with the Popular Front for the Liberation of Palestine, Hamas and the PIJ.",
    "Michel Samaha, a former minister, was arrested; Samaha was accused of plotting attacks.",
    "The Kivu Liberation Front said it would respond to any attack on Goma.",
    "Hamas and the Kivu Liberation Front were both mentioned in the report.",
    "Idrissa Kone gave a speech on Monday, and Jamaat Nusrat al-Sahel issued a statement.",
    "Palestinians in Gaza said Hamas had not paid salaries.",
    "Join the over 1.4 million fans of Jews News on FB. Powered by WordPress Popup",
]


def _match(claims, subject, type_, obj, polarity):
    from tiewatch.model import vocabulary

    def same(a, b):
        return a.lower().removeprefix("the ") == b.lower().removeprefix("the ")

    for c in claims:
        s, o = c.subject.canonical or c.subject.text, c.object.canonical or c.object.text
        pairs = [(s, o), (o, s)] if vocabulary()[type_].symmetric else [(s, o)]
        if c.type == type_ and c.polarity == polarity and any(same(a, subject) and same(b, obj) for a, b in pairs):
            return c
    return None


@pytest.mark.parametrize("sentence,subject,type_,obj,polarity,claimant", [a for a in ASSERTED if not isinstance(a, tuple) or a[1]])
def test_asserted_tie(run, sentence, subject, type_, obj, polarity, claimant):
    _, _, claims = run(sentence, title="Wire report")
    found = _match(claims, subject, type_, obj, polarity)
    assert found, [(c.subject.text, c.type, c.object.text, c.polarity) for c in claims]
    assert found.claimant.lower() == (claimant or "Wire report").lower()


@pytest.mark.parametrize("sentence,subject,type_,obj,claimant", DENIED)
def test_denial_is_its_own_claim_by_the_denier(run, sentence, subject, type_, obj, claimant):
    _, _, claims = run(sentence, title="Wire report")
    found = _match(claims, subject, type_, obj, "denied")
    assert found, [(c.subject.text, c.type, c.object.text, c.polarity) for c in claims]
    if claimant:
        assert found.claimant.lower() == claimant.lower()


def test_accusation_and_its_denial_are_two_claims(run):
    _, _, claims = run("India accused Pakistan of training the Kivu Liberation Front; Islamabad dismissed the accusation.")
    trains = {(c.polarity, c.claimant) for c in claims if c.type == "trains" and c.subject.text == "Pakistan"}
    assert trains == {("asserted", "India"), ("denied", "Islamabad")}


def test_claimant_is_the_speaker_not_an_earlier_actor(run):
    _, _, claims = run("The Kivu Liberation Front, which pledged allegiance to the Islamic State in 2019, "
                       "killed 40 villagers in Beni, the army said.")
    (claim,) = [c for c in claims if c.type == "pledges_allegiance"]
    assert claim.claimant == "army"


@pytest.mark.parametrize("sentence", HEDGED)
def test_hypothetical_ties_are_hedged(run, sentence):
    _, _, claims = run(sentence)
    assert claims and all(c.polarity == "hedged" for c in claims), [(c.subject.text, c.type, c.object.text, c.polarity) for c in claims]


def test_a_group_and_what_it_is_called_do_not_fight_each_other(run):
    _, _, claims = run("The al-Qaeda-linked group Jamaat Nusrat al-Sahel attacked a convoy of aid trucks.")
    assert {(c.type, c.object.text) for c in claims} == {("cooperates_with", "Jamaat Nusrat al-Sahel")}


@pytest.mark.parametrize("sentence", NO_TIE)
def test_no_tie(run, sentence):
    _, _, claims = run(sentence)
    assert not claims, [(c.subject.text, c.type, c.object.text) for c in claims]


def test_wire_story_across_paragraphs(run):
    text = (
        "KINSHASA (Wire) - Congolese officials accused Rwanda on Monday of arming rebels.\n\n"
        '"The Kivu Liberation Front receives weapons from Rwanda," said Jean Mbala, a government spokesman.\n\n'
        '"They also train the Ituri Brigade," he added.\n'
    )
    _, _, claims = run(text, title="Wire", author="Jane Doe")
    found = {(c.subject.canonical or c.subject.text, c.type, c.object.text, c.claimant) for c in claims}
    assert ("Rwanda", "supplies_weapons", "Kivu Liberation Front", "Jean Mbala") in found
    assert ("Rwanda", "trains", "Ituri Brigade", "Jean Mbala") in found
    assert ("Congolese officials", "denounces", "Rwanda", "Congolese officials") in found
