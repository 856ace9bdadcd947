"""Text handling before parsing: offsets never move, paragraphs are split as a reader sees them,
and nothing heavy loads until the first extraction."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tiewatch.extract.nlp import normalise, paragraphs, parse, readable


def test_normalise_straightens_quotes_and_blanks_brackets_without_moving_offsets():
    text = "Hamas\u2019s \u201cwing\u201d [the \u2018Izz Al-Din] Al-Qassam"
    out = normalise(text)
    assert len(out) == len(text)
    assert out == "Hamas's \"wing\"  the 'Izz Al-Din  Al-Qassam"


def test_paragraphs_split_headlines_and_blank_lines_but_join_wrapped_lines():
    text = ("Rebels Seize Town\n\nThe Kivu Liberation Front seized the town of Rubaya on Monday after\n"
            "a week of fighting with the army, officials said.\nA second paragraph.\n")
    spans = [text[a:b] for a, b in paragraphs(text)]
    assert spans == [
        "Rebels Seize Town",
        "The Kivu Liberation Front seized the town of Rubaya on Monday after\na week of fighting with the army, officials said.",
        "A second paragraph.",
    ]


def test_importing_the_stage_loads_no_model():
    code = "import sys, tiewatch.extract, tiewatch.extract.engine; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.slow
def test_odd_inputs_give_no_error_and_exact_offsets(run):
    for text in ["", "   \n\n  ", "a" * 30000, "\u200b\ufeff Hamas attacked ISIS. " * 20, "[[[ ]]] \u201c\u201d"]:
        doc, mentions, claims = run(text)
        assert all(text[m.start:m.end] == m.text for m in mentions)
        assert all(text[c.start:c.end] == c.sentence for c in claims)


def test_a_speaker_named_paragraphs_earlier_is_pointed_at_where_he_is_named(run):
    text = ("Colonel Idrissa Kone described the situation near the border on Monday. The Kivu Liberation "
            "Front, he says, receives rifles from the Sahel Arms Network.\n\n"
            "\"Many residents have fled the valley since the spring, and aid agencies struggle to reach the "
            "camps. The front also trains recruits for Jamaat Nusrat al-Sahel.\"")
    doc, mentions, claims = run(text)
    trains = [c for c in claims if c.type == "trains"]
    assert trains and all(c.claimant == "Idrissa Kone" for c in trains)
    for m in [*mentions, *(c.claimant_mention for c in claims if c.claimant_mention)]:
        before = text[m.start - 1] if m.start else " "
        after = text[m.end] if m.end < len(text) else " "
        assert not before.isalnum() and not after.isalnum(), (m.text, m.label, m.canonical)  # whole words only


def test_runs_of_emoji_digits_or_symbols_are_not_parsed_but_keep_their_place():
    assert readable("Hamas attacked ISIS near Rafah on Monday, 12 killed.")
    assert readable("حماس هاجمت داعش")  # letters of any script
    assert not readable("\U0001f600\U0001f525 7 \U0001f4a5" * 50) and not readable("1234 5678 -- %%% 90")
    flood = "\U0001f600\U0001f525" * 3000
    text = f"The Kivu Liberation Front seized Rubaya.\n\n{flood}\n\nThe army fought the Kivu Liberation Front."
    parsed = next(parse([text]))
    assert [len(doc) for _, doc in parsed][1:2] == [0]  # the flood: an empty parse at its offset
    assert [text[offset:offset + len(doc.text)] for offset, doc in parsed if len(doc)] == [
        "The Kivu Liberation Front seized Rubaya.", "The army fought the Kivu Liberation Front."]
