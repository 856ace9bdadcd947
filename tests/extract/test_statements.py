"""A group's own statement speaks as "we" and "our": its denials and accusations are its claims."""

STATEMENT = (
    "JAMAAT NUSRAT AL-SAHEL - MEDIA OFFICE\n\n"
    "The Jamaat Nusrat al-Sahel categorically rejects the lies spread by the governor's office. "
    "Our fighters did not fight alongside the Kivu Liberation Front near Tera, and no member of our "
    "command has met Colonel Idrissa Kone or any envoy of his group.\n\n"
    "We also remind the world that the Sahel Arms Network arrested and tortured our brothers in Tera last year."
)


def test_we_and_our_are_the_group_that_issues_the_statement(run, ties):
    doc, mentions, claims = run(STATEMENT, title="JAMAAT NUSRAT AL-SAHEL - MEDIA OFFICE")
    assert ("Jamaat Nusrat al-Sahel", "cooperates_with", "Kivu Liberation Front") in ties(claims, "denied")
    assert ("Jamaat Nusrat al-Sahel", "meets", "Idrissa Kone") in ties(claims, "denied") or (
        "Jamaat Nusrat al-Sahel", "meets", "Colonel Idrissa Kone") in ties(claims, "denied")
    assert ("Sahel Arms Network", "persecutes", "Jamaat Nusrat al-Sahel") in ties(claims, "asserted")
    ours = [m for m in mentions if m.text.lower().startswith(("our", "we"))]
    assert ours and all(m.canonical == "Jamaat Nusrat al-Sahel" for m in ours)


def test_his_group_is_not_the_nearest_group_and_a_clause_of_its_own_keeps_its_objects(run, ties):
    doc, mentions, claims = run(STATEMENT)
    found = ties(claims)
    assert not any(t[1] == "fights" for t in found)  # "did not fight alongside X": no fight with anyone
    assert not any(t[1] == "member_of" and t[2] == "Jamaat Nusrat al-Sahel" for t in found)


def test_without_a_speaking_group_we_refers_to_no_one(run, ties):
    doc, mentions, claims = run("We were told that the convoy was attacked near Tera by unknown men.")
    assert not [m for m in mentions if m.text.lower() == "we"]


def test_a_question_about_who_does_it_claims_nothing(run, ties):
    text = ("# Kora Valley: who supplies Ansar al-Wadi? (working note)\n\n"
            "Who trains the Kivu Liberation Front? Officials say the Sahel Arms Network supplies rifles to the "
            "Kivu Liberation Front.")
    doc, mentions, claims = run(text)
    assert ties(claims) == {("Sahel Arms Network", "supplies_weapons", "Kivu Liberation Front")}


def test_a_verb_with_its_own_preposition_does_not_borrow_the_next_verbs_object(run, ties):
    doc, mentions, claims = run("Katibat al-Furqan split from Ansar al-Wadi and now follows Wilayat Sahra.")
    found = ties(claims)
    assert ("Katibat al-Furqan", "splinter_of", "Ansar al-Wadi") in found
    assert ("Katibat al-Furqan", "splinter_of", "Wilayat Sahra") not in found


def test_the_network_of_someone_is_theirs_not_the_last_group_named(run, ties):
    text = ("The Panel of Experts says the smuggling network of Idrissa Maiga moves rifles and ammunition "
            "for Ansar al-Wadi from the Ouarzik crossing.")
    doc, mentions, claims = run(text)
    found = ties(claims)
    assert any(s == "Idrissa Maiga" and o == "Ansar al-Wadi" for s, _, o in found)
    assert not any(s == "Panel of Experts" for s, _, o in found)
