"""The scorer on tiny hand-made gold ties and claims: direction, symmetry, polarity, duplicates, spans."""

from __future__ import annotations

from tiewatch.bench.gold import GoldDoc, GoldSet, GoldTie, name_key
from tiewatch.bench.scorer import score
from tiewatch.model import Claim, Mention


def claim(subject: str, type_: str, obj: str, polarity: str = "asserted", claimant: str = "Wire",
          spans: tuple[tuple[int, int], tuple[int, int]] | None = None) -> Claim:
    (s0, s1), (o0, o1) = spans or ((0, len(subject)), (0, len(obj)))
    return Claim(subject=Mention(subject, s0, s1, "group"), object=Mention(obj, o0, o1, "group"), type=type_,
                 polarity=polarity, claimant=claimant, sentence="", start=0, end=0, rule="test", confidence=1.0)


def one_doc(*ties: GoldTie) -> GoldSet:
    return GoldSet("tiny", [GoldDoc("d1", "text", list(ties))])


SUPPLY = GoldTie(types=("supplies_weapons",), polarity="asserted", subject=("Rwanda",), object=("Ruzizi Front", "RLF"))
FIGHT = GoldTie(types=("fights",), polarity="asserted", subject=("Katiba Tessit",), object=("the Malian army",))


def test_the_right_claim_scores_one_and_a_wrong_direction_is_a_miss():
    right = score(one_doc(SUPPLY), {"d1": [claim("Rwanda", "supplies_weapons", "RLF")]})
    assert (right.typed.precision, right.typed.recall, right.typed.f1) == (1.0, 1.0, 1.0)
    backwards = score(one_doc(SUPPLY), {"d1": [claim("RLF", "supplies_weapons", "Rwanda")]})
    assert (backwards.typed.precision, backwards.typed.recall) == (0.0, 0.0)
    assert backwards.pairs.recall == 1.0


def test_a_symmetric_type_matches_either_way():
    result = score(one_doc(FIGHT), {"d1": [claim("Malian army", "fights", "Katiba Tessit")]})
    assert result.typed.recall == 1.0
    marked = GoldTie(types=("part_of",), polarity="hedged", subject=("A Front",), object=("B Front",), symmetric=True)
    assert score(one_doc(marked), {"d1": [claim("B Front", "part_of", "A Front", "hedged")]}).typed.recall == 1.0


def test_polarity_and_type_count():
    denied = score(one_doc(SUPPLY), {"d1": [claim("Rwanda", "supplies_weapons", "RLF", polarity="denied")]})
    assert denied.typed.recall == 0.0 and denied.pairs.recall == 1.0
    wrong_type = score(one_doc(SUPPLY), {"d1": [claim("Rwanda", "funds", "RLF")]})
    assert wrong_type.typed.matched_claims == 0 and wrong_type.typed.claims == 1


def test_precision_counts_distinct_claims_and_recall_counts_gold_ties():
    claims = [claim("Rwanda", "supplies_weapons", "Ruzizi Front"), claim("rwanda", "supplies_weapons", "Ruzizi Front"),
              claim("Rwanda", "funds", "Ruzizi Front")]
    result = score(one_doc(SUPPLY, FIGHT), {"d1": claims})
    assert (result.typed.claims, result.typed.matched_claims) == (2, 1)
    assert (result.typed.gold, result.typed.matched_gold) == (2, 1)
    assert result.typed.precision == 0.5 and result.typed.recall == 0.5
    assert result.pairs.claims == 1 and result.pairs.precision == 1.0


def test_the_claimant_is_checked_where_the_gold_tie_names_one():
    tie = GoldTie(types=("funds",), polarity="asserted", subject=("Uganda",), object=("Mai-Mai Bilolo",), claimant="UN experts")
    good = score(one_doc(tie), {"d1": [claim("Uganda", "funds", "Mai-Mai Bilolo", claimant="the UN experts")]})
    bad = score(one_doc(tie), {"d1": [claim("Uganda", "funds", "Mai-Mai Bilolo", claimant="Wire")]})
    assert good.claimant_accuracy == 1.0 and bad.claimant_accuracy == 0.0


def test_names_compare_without_case_quotes_article_or_possessive():
    assert name_key("the Islamic State's") == name_key("Islamic State") == name_key("ISLAMIC  STATE")
    assert name_key("Abu \u2018Abdallah") == name_key("Abu 'Abdallah")


def test_span_gold_matches_by_overlap_and_ignores_claims_off_the_actors():
    text = "The Army fought Daesh near Mosul."
    tie = GoldTie(types=("fights",), polarity="asserted", subject_span=(0, 8), object_span=(16, 21))
    goldset = GoldSet("spans", [GoldDoc("d1", text, [tie], actor_spans=[(0, 8), (16, 21)])], by_span=True,
                      scored_types=("fights", "member_of"))
    hit = claim("Army", "fights", "Daesh", spans=((4, 8), (16, 21)))
    off_actor = claim("Daesh", "operates_in", "Mosul", spans=((16, 21), (27, 32)))
    unmapped = claim("Army", "threatens", "Daesh", spans=((4, 8), (16, 21)))
    result = score(goldset, {"d1": [hit, off_actor, unmapped]})
    assert (result.typed.claims, result.typed.matched_claims, result.typed.recall) == (1, 1, 1.0)
    assert result.pairs.claims == 1


def test_no_claims_scores_zero_not_an_error():
    result = score(one_doc(SUPPLY), {})
    assert (result.typed.precision, result.typed.recall, result.typed.f1) == (0.0, 0.0, 0.0)
    assert result.claimant_accuracy is None


def test_recall_is_broken_down_by_gold_type():
    result = score(one_doc(SUPPLY, FIGHT), {"d1": [claim("Rwanda", "supplies_weapons", "RLF")]})
    assert result.by_type == {"supplies_weapons": [1, 1], "fights": [0, 1]}


def test_editorial_brackets_do_not_change_a_name():
    assert name_key("Izz Al-Din] Al-Qassam [Brigades") == name_key("Izz Al-Din Al-Qassam Brigades")


def test_bootstrap_interval_brackets_the_figure_and_narrows_with_more_documents():
    from tiewatch.bench.scorer import interval
    from tiewatch.bench.scorer import Score

    few = [Score(1, 2, 1, 2), Score(2, 2, 2, 3), Score(0, 1, 0, 1)]
    lo, hi = interval(few)
    total = Score()
    for s in few:
        total.add(s)
    assert lo <= total.f1 <= hi
    many_lo, many_hi = interval(few * 30)
    assert many_hi - many_lo < hi - lo
    assert interval(few) == (lo, hi)  # a fixed seed: the same interval every run


def test_side_metrics_polarity_claimants_mentions_and_references():
    from dataclasses import replace

    said = replace(SUPPLY, claimant="UN panel")
    wrong_polarity = claim("Rwanda", "supplies_weapons", "RLF", polarity="hedged", claimant="UN panel")
    ref = replace(claim("RLF", "fights", "Katiba Tessit"), subject=Mention("the group", 0, 9, "group", label="ref",
                                                                             canonical="Katiba Tessit"))
    mentions = [Mention("Rwanda", 0, 6, "group"), Mention("RLF", 10, 13, "group")]
    result = score(one_doc(said, FIGHT), {"d1": [wrong_polarity, ref]}, {"d1": mentions})
    assert (result.polarity_checked, result.polarity_right) == (1, 0)  # the tie is found, its polarity is not
    assert result.claimants_all == 1 and result.claimant_recall == 0.0  # a tie missed counts against claimants
    assert result.ends_total == 4 and result.ends_found == 2  # Rwanda and RLF named; Katiba Tessit, army not
    assert result.ref_claims == 1 and result.reference_precision == 0.0  # "the group" fights: no gold pair
