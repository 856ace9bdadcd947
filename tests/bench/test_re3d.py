"""re3d as a gold set: relation types mapped onto tiewatch's, only actor ends, spans kept."""

from __future__ import annotations

import json

import pytest

from tests.conftest import shared_path
from tiewatch.bench.re3d import load_part, load_re3d
from tiewatch.model import NotFound

TEXT = "Daesh fighters attacked the Iraqi Army in Mosul. Abu Ali leads the brigade."


def _write(folder, name, rows):
    folder.joinpath(name).write_text("\ufeff" + "\n".join(json.dumps(r) for r in rows), encoding="utf-8")


@pytest.fixture
def tiny(tmp_path):
    part = tmp_path / "CENTCOM"
    part.mkdir()
    _write(part, "documents.json", [{"_id": "D", "text": TEXT, "sourceName": "CENTCOM"}])
    ents = [("Organisation", 0, 14), ("Organisation", 24, 38), ("Location", 42, 47), ("Person", 49, 56), ("Organisation", 63, 74)]
    _write(part, "entities.json", [{"documentId": "D", "type": t, "begin": b, "end": e, "value": TEXT[b:e]} for t, b, e in ents])
    rels = [("FightingAgainst", (0, 14), (24, 38)), ("CoLocated", (24, 38), (42, 47)),
            ("FightingAgainst", (0, 14), (42, 47)), ("InChargeOf", (49, 56), (63, 74)),
            ("InChargeOf", (49, 56), (63, 74))]
    _write(part, "relations.json", [{"documentId": "D", "type": t, "sourceBegin": s[0], "sourceEnd": s[1],
                                     "targetBegin": o[0], "targetEnd": o[1]} for t, s, o in rels])
    return part


def test_mapped_relations_between_actors_become_gold_ties(tiny):
    (doc,) = load_part(tiny)
    assert doc.id == "CENTCOM/D" and doc.publisher == "CENTCOM"
    assert [(t.types, t.subject_span, t.object_span) for t in doc.ties] == [
        (("fights",), (0, 14), (24, 38)), (("leads",), (49, 56), (63, 74))]
    assert (42, 47) not in doc.actor_spans and (49, 56) in doc.actor_spans


def test_a_missing_part_is_a_clear_error(tiny):
    with pytest.raises(NotFound, match="US_State_Department"):
        load_re3d(tiny.parent)


def test_the_real_corpus_maps_all_three_parts():
    goldset = load_re3d(shared_path("corpora", "re3d"))
    assert goldset.by_span and len(goldset.docs) == 71
    types = {t for d in goldset.docs for tie in d.ties for t in tie.types}
    assert types == {"fights", "cooperates_with", "member_of", "part_of", "leads", "meets"}
    belongs = [tie for d in goldset.docs for tie in d.ties if "member_of" in tie.types]
    assert belongs and all(tie.types == ("member_of", "part_of") for tie in belongs)
    for doc in goldset.docs:
        for tie in doc.ties:
            assert tie.subject_span in doc.actor_spans and tie.object_span in doc.actor_spans
    assert {d.id.split("/")[0] for d in goldset.docs} == {"CENTCOM", "UK_Government", "US_State_Department"}
