"""Loading gold sets: the seed example, the dev and held-out paragraph sets, and bad gold files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tiewatch.bench.gold import load_paragraphs, load_seed
from tiewatch.model import NotFound, vocabulary

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_the_seed_example_loads_with_its_fourteen_ties():
    seed = load_seed(shared_path("examples", "seed"))
    assert seed.tie_count == 14 and "Al-Baghdadi" in seed.docs[0].text
    leads = [t for t in seed.docs[0].ties if t.types == ("leads",)]
    assert leads[0].subject[0] == "Abu Bakr Al-Baghdadi" and leads[0].polarity == "asserted"


@pytest.mark.parametrize("name, least", [("devset", 110), ("heldout", 55)])
def test_the_paragraph_sets_load_and_cover_every_tie_type(name, least):
    goldset = load_paragraphs(BENCHMARKS / name, name)
    assert len(goldset.docs) >= least
    assert len({d.id for d in goldset.docs}) == len(goldset.docs)
    counts = Counter(t for d in goldset.docs for tie in d.ties for t in tie.types[:1])
    assert set(counts) == set(vocabulary())
    polarities = Counter(tie.polarity for d in goldset.docs for tie in d.ties)
    assert polarities["denied"] >= 3 and polarities["hedged"] >= 3
    assert sum(1 for d in goldset.docs if not d.ties) >= 3


def test_every_devset_type_has_several_paraphrases():
    devset = load_paragraphs(BENCHMARKS / "devset", "devset")
    counts = Counter(t for d in devset.docs for tie in d.ties for t in tie.types)
    assert min(counts[t] for t in vocabulary()) >= 2, counts


def test_the_heldout_set_says_it_is_not_for_tuning():
    for path in (BENCHMARKS / "heldout").glob("*.yaml"):
        assert "nobody tunes" in path.read_text(encoding="utf-8").split("paragraphs:")[0].lower()


def test_bad_gold_files_give_a_one_line_error(tmp_path):
    with pytest.raises(NotFound, match="no gold paragraphs"):
        load_paragraphs(tmp_path, "empty")
    (tmp_path / "bad.yaml").write_text(
        "paragraphs:\n  - id: x\n    text: A met B.\n    ties:\n"
        "      - {subject: [A], types: [greets], object: [B], polarity: asserted}\n", encoding="utf-8")
    with pytest.raises(NotFound, match="unknown tie type"):
        load_paragraphs(tmp_path, "bad")
    (tmp_path / "bad.yaml").write_text("paragraphs: [\n", encoding="utf-8")
    with pytest.raises(NotFound, match="cannot read gold file"):
        load_paragraphs(tmp_path, "bad")
    with pytest.raises(NotFound, match="no seed example"):
        load_seed(tmp_path)


def test_seed_names_declared_one_actor_are_acceptable_everywhere():
    seed = load_seed(shared_path("examples", "seed"))
    part_of = [t for t in seed.docs[0].ties if t.types == ("part_of",) and "Al-Qassam" in t.subject][0]
    assert "Hamas's military wing" in part_of.subject and "'Izz Al-Din Al-Qassam Brigades" in part_of.subject
    assert part_of.object == ("Hamas",)
