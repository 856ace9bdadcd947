"""The graph is a function of what is stored, not of how documents were batched between rebuilds:
a name's kind is voted over every stored mention of it, and guesses resolved under an older count
are resolved again when new documents change it."""

from __future__ import annotations

import hashlib
import importlib
import random
from importlib.resources import files

import pytest
from alembic import command
from alembic.config import Config

from tiewatch.bench.crash import graph_shape
from tiewatch.bench.order import build as stored_in_batches, random_batches
from tiewatch.graph import catch_up, refresh
from tiewatch.model import Claim, Document, Mention, Source
from tiewatch.resolve import normalise, set_kind
from tiewatch.resolve.kinds import winner
from tiewatch.store import Store

# (text, name, its guessed label): one tagger guess as a person, three as a place, one run together
SAID = [
    ("Fighters crossed Kora Valley at night, said Issa Diarra.", "Kora Valley", "PERSON"),
    ("The Kora Liberation Front operates in Kora Valley, the monitor reported.", "Kora Valley", "LOC"),
    ("Shelling hit villages of Kora Valley again on Monday.", "Kora Valley", "LOC"),
    ("Aid convoys could not reach Kora Valley this week.", "Kora Valley", "GPE"),
    ("New recruits pictured in #KoraValley by the channel.", "KoraValley", "PERSON"),
]


def document(text: str, name: str, label: str) -> tuple[Document, list[Mention], list[Claim]]:
    start = text.index(name)
    kind = {"PERSON": "person", "LOC": "place", "GPE": "state"}[label]
    place = Mention(name, start, start + len(name), kind, label=label)
    mentions = [place]
    claims = []
    if "Front" in text:
        group = Mention("Kora Liberation Front", text.index("Kora Liberation"), text.index(" operates"), "group",
                        label="group-ruler")
        mentions.append(group)
        claims.append(Claim(group, place, "operates_in", "asserted", "the monitor", text, 0, len(text), "test", 0.9))
    doc = Document(text=text, kind="text", origin=hashlib.md5(text.encode()).hexdigest()[:8], published="2024-03-01",
                   source=Source("Sahel Monitor"), sha256=hashlib.sha256(text.encode()).hexdigest())
    return doc, mentions, claims


def build(url: str, batches: list[list[int]], found=None) -> tuple:
    return stored_in_batches(url, found or [document(*said) for said in SAID], batches)


@pytest.mark.parametrize("batches", [
    [[4], [0], [1], [2], [3]],  # the run-together name and the person guess first, each alone
    [[0, 4], [1, 2, 3]],
    [[3], [2], [1], [0], [4]],
], ids=["one-by-one", "guesses-first", "reversed"])
def test_a_name_gets_the_kind_of_all_its_stored_mentions_however_they_were_batched(db_url, tmp_path, batches):
    at_once = build(f"sqlite:///{tmp_path / 'once.db'}", [list(range(len(SAID)))])
    assert build(db_url, batches) == at_once
    store = Store(db_url)
    (valley,) = [a for a in store.list_actors() if a.name.casefold().replace(" ", "") == "koravalley"]
    assert valley.kind == "place"
    assert len(store.actor_mentions(valley.id)) == len(SAID)
    store.close()


def test_an_actor_the_votes_left_empty_still_leads_to_where_its_mentions_went(store):
    person_first = [document(*said) for said in SAID]
    store.add_document(*person_first[0])
    refresh(store)
    (early,) = store.list_actors()
    assert early.kind == "person"
    for found in person_first[1:]:
        store.add_document(*found)
    report = refresh(store)
    assert (report.mentions_revoted, report.actors_folded) == (1, 1)
    live_id, _ = store.live_actor(early.id)
    assert live_id != early.id and live_id in {a.id for a in store.list_actors() if a.kind == "place"}
    assert not refresh(store).changed


def test_an_analysts_kind_is_never_voted_away(store):
    found = [document(*said) for said in SAID]
    store.add_document(*found[0])
    refresh(store)
    (first,) = [m.id for a in store.list_actors() for m in store.actor_mentions(a.id)]
    set_kind(store, "Kora Valley", "group", who="analyst")
    refresh(store)
    for more in found[1:4]:
        store.add_document(*more)
    refresh(store)
    (kept,) = [a for a in store.list_actors() if a.name == "Kora Valley"]  # the later guesses join it
    assert kept.kind == "group" and first in {m.id for m in store.actor_mentions(kept.id)}


def test_a_tie_between_two_kinds_goes_to_the_kind_first_in_the_alphabet():
    assert winner({"place": 3, "group": 3}) == winner({"group": 3, "place": 3}) == "group"
    assert winner({"place": 4, "group": 3}) == "place" and winner({}) is None


def test_a_store_resolved_before_votes_were_kept_gets_them_at_its_next_command(db_url):
    store = Store(db_url)
    for found in [document(*said) for said in SAID[:3]]:
        store.add_document(*found)
    refresh(store)
    before = graph_shape(db_url)
    config = Config()
    config.set_main_option("script_location", str(files("tiewatch.store").joinpath("migrations")))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    store.migrate()
    assert store.graph_behind() and store.unkeyed_mentions()
    assert catch_up(store) is not None
    assert not store.unkeyed_mentions() and graph_shape(db_url) == before
    key = normalise("Kora Valley")
    assert store.kind_votes([key]) == {key: {"person": 1, "place": 2}}
    store.close()


@pytest.fixture(scope="module")
def examples_extracted():
    """The bundled examples read and extracted once, as ingest stores them."""
    from tests.batch.conftest import EXAMPLES
    from tiewatch.bench.order import extracted

    return extracted(EXAMPLES)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_examples_give_one_graph_in_any_order_and_batching(tmp_path, examples_extracted, seed):
    total = len(examples_extracted)
    batches = random_batches(total, random.Random(seed))
    at_once = build(f"sqlite:///{tmp_path / 'once.db'}", [list(range(total))], examples_extracted)
    assert build(f"sqlite:///{tmp_path / 'batched.db'}", batches, examples_extracted) == at_once


def simple(text: str, *names: tuple[str, str]) -> tuple[Document, list[Mention], list[Claim]]:
    """A document naming groups and people (each kind known to a ruler, not guessed), no claims."""
    found = [Mention(name, text.index(name), text.index(name) + len(name), kind, label="ruler") for name, kind in names]
    doc = Document(text=text, kind="text", origin=hashlib.md5(text.encode()).hexdigest()[:8], published="2024-03-01",
                   source=Source("Sahel Monitor"), sha256=hashlib.sha256(text.encode()).hexdigest())
    return doc, found, []


def test_an_acronym_met_before_its_definition_joins_the_name_it_stands_for(db_url, tmp_path):
    found = [
        simple("RLF fighters were seen near Kidira, and Nasser Ali was with them.", ("RLF", "group"), ("Nasser Ali", "person")),
        simple("The Ridge Liberation Front (RLF) claimed the attack.", ("Ridge Liberation Front", "group")),
        simple("A statement by RLF followed.", ("RLF", "group")),
    ]
    at_once = build(f"sqlite:///{tmp_path / 'once.db'}", [[1, 0, 2]], found)
    assert build(db_url, [[0], [1], [2]], found) == at_once
    names = {frozenset(n) for n, _kind in at_once[2]}
    assert frozenset({"ridge liberation front", "rlf"}) in names


def test_a_state_or_place_is_what_most_of_its_mentions_say_not_its_first(db_url, tmp_path):
    guessed = simple("Smugglers moved through Kuwait last year.", ("Kuwait", "place"))
    guessed[1][0].label = "LOC"
    found = [guessed, simple("Kuwait froze the accounts.", ("Kuwait", "state")),
             simple("Kuwait and the charity denied it.", ("Kuwait", "state"))]
    at_once = build(f"sqlite:///{tmp_path / 'once.db'}", [[1, 2, 0]], found)
    assert build(db_url, [[0], [1], [2]], found) == at_once
    assert {kind for names, kind in at_once[2] if "kuwait" in names} == {"state"}


def named(text: str, *names: tuple[str, str, str]) -> tuple[Document, list[Mention], list[Claim]]:
    """A document with (name, kind, label) mentions: an upper-case label is the tagger's guess."""
    doc, found, _ = simple(text, *((name, kind) for name, kind, _label in names))
    for mention, (_name, _kind, label) in zip(found, names):
        mention.label = label
    return doc, found, []


GUESSED_GROUP = named("Fighters of Kora Valley crossed at night.", ("Kora Valley", "group", "ORG"))
RULED_PLACE = named("The army shelled Kora Valley on Monday.", ("Kora Valley", "place", "ruler"))


def test_a_rebuild_killed_before_its_last_step_has_it_done_by_the_next(store, monkeypatch, tmp_path):
    rebuild = importlib.import_module("tiewatch.graph.refresh")

    at_once = build(f"sqlite:///{tmp_path / 'once.db'}", [[0, 1]], [GUESSED_GROUP, RULED_PLACE])
    store.add_document(*GUESSED_GROUP)
    refresh(store)
    store.add_document(*RULED_PLACE)
    real = rebuild.finish_pending
    monkeypatch.setattr(rebuild, "finish_pending", lambda *a: (_ for _ in ()).throw(RuntimeError("killed")))
    with pytest.raises(RuntimeError):
        refresh(store)
    monkeypatch.setattr(rebuild, "finish_pending", real)
    assert catch_up(store) is not None
    assert graph_shape(store.engine.url.render_as_string(hide_password=False)) == at_once


def test_a_fold_across_kinds_leaves_no_way_in_for_later_names_of_the_old_kind(db_url, tmp_path):
    ruled_group = named("Kora Valley and Kora Valley fighters met.", ("Kora Valley", "group", "ruler"))
    ruled_group[1].append(Mention("Kora Valley", 16, 27, "group", label="ruler"))
    found = [GUESSED_GROUP, RULED_PLACE, ruled_group]
    at_once = build(f"sqlite:///{tmp_path / 'once.db'}", [[0, 1, 2]], found)
    assert build(db_url, [[0], [1], [2]], found) == at_once


def test_an_actor_made_of_guesses_takes_the_kind_its_guesses_vote_for(db_url, tmp_path):
    two_places = named("Kora Valley and again Kora Valley were shelled.", ("Kora Valley", "place", "LOC"))
    two_places[1].append(Mention("Kora Valley", 22, 33, "place", label="LOC"))
    found = [GUESSED_GROUP, two_places]
    at_once = build(f"sqlite:///{tmp_path / 'once.db'}", [[0, 1]], found)
    assert build(db_url, [[0], [1]], found) == at_once
    assert {kind for _names, kind in at_once[2]} == {"place"}
