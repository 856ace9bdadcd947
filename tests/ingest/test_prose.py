"""What a text file's own words say about it: headline, date (and how it was found), web address."""

from pathlib import Path

import pytest

from tiewatch.ingest import Item, read_item
from tiewatch.ingest.prose import describe
from tiewatch.model import Document

SHARED = Path(__file__).resolve().parents[3] / "shared"
LETTER = SHARED / "examples" / "seed" / "memri-jttm-letter.txt"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _described(text, language="en"):
    return describe(Document(text=text, kind="text", origin="x.txt", language=language))


@pytest.mark.skipif(not LETTER.exists(), reason="the founding letter lives in ../shared")
def test_the_founding_letter_gets_its_headline_and_its_2016_date():
    (doc,) = read_item(Item(str(LETTER), direct=True, shown=LETTER.name))
    assert doc.title.startswith("Letter By ISIS Fighter To Abu Bakr Al-Baghdadi Reveals ISIS")  # "Browse By" skipped
    assert doc.published == "2016-02-24" and doc.metadata["dated_by"] == "lead"
    assert doc.origin == "memri-jttm-letter.txt"


def test_a_statement_is_dated_by_its_letterhead_and_a_communique_by_its_sign_off():
    (statement,) = read_item(Item(str(EXAMPLES / "klf-statement.txt"), direct=True))
    assert statement.published == "2024-03-15" and statement.metadata["dated_by"] == "letterhead"
    (communique,) = read_item(Item(str(EXAMPLES / "communique-gouverneur.txt"), direct=True))
    assert communique.published == "2024-03-16" and communique.metadata["dated_by"] == "sign-off"
    assert communique.title == "Communiqué du gouvernorat de la région de Kora"


def test_navigation_lines_are_not_headlines():
    doc = _described("Home | News | About\nSkip to content\nMenu\nThe Ridge Front Splits From Its Sahel Patrons\n\n"
                     "The Ridge Front announced on Tuesday that it had ended its ties with the Sahel Emirate, its "
                     "spokesman said in a recorded statement posted online.")
    assert doc.title == "The Ridge Front Splits From Its Sahel Patrons"


def test_no_headline_is_taken_from_prose():
    doc = _described("The Ridge Front announced on Tuesday that it had ended its ties with the Sahel Emirate, "
                     "its spokesman said in a recorded statement posted online.\n\nShort line here after prose")
    assert doc.title is None


def test_quoted_dates_and_birth_dates_do_not_date_a_text():
    lead = ("The spokesman repeated the claim in a statement that opened: \u201cOn 3 May 2019 our brothers crossed "
            "the river and were received by the emirate's men,\u201d without saying more about the crossing.")
    assert _described(f"Kora Valley Brief For The Desk\n\n{lead}").published is None
    foot = "Designated today.\n\nAbu Musa al-Kouri\nDOB 07 Dec 1962\n"
    assert _described(f"Kora Valley Designations Issued\n\n{lead}\n\n{foot}").published is None


def test_a_lead_that_recalls_an_older_event_than_the_text_reports_gives_no_date():
    text = ("Kora Valley Brief For The Desk\n\n"
            "On 11 September 2001, the attacks changed how the valley's armed groups were funded and by whom, "
            "the panel's first report recalled in its opening pages.\n\n"
            "On 2 March 2024, the front's commanders met envoys of the emirate in Tin-Azar to agree on the "
            "division of the smuggling routes, according to two officials.")
    assert _described(text).published is None


def test_related_links_at_the_end_are_not_a_sign_off():
    text = ("Treasury Targets The Kora Network\n\n"
            "The Treasury designated three financiers of the front for moving money from the charity to its "
            "commanders, the department said in its statement.\n\n"
            "- [Treasury action against the front on November 1, 2007.](https://example.org/a)\n"
            "- [Treasury action against the front on September 28, 2006.](https://example.org/b)\n")
    assert _described(text).published is None


def test_a_web_address_on_its_own_line_is_kept():
    text = ("Kora Valley Brief For The Desk\nSource: https://koramonitor.example/brief-14\n\n"
            "The front's commanders met envoys of the emirate in Tin-Azar to agree on the division of the routes.")
    assert _described(text).metadata["canonical_url"] == "https://koramonitor.example/brief-14"


def test_what_the_file_declares_is_kept():
    doc = describe(Document(text="Short Title Of The Report\n\nOn 2 March 2024, the front met the emirate.",
                            kind="pdf", origin="x.pdf", title="Declared", published="2024-01-01"))
    assert doc.title == "Declared" and doc.published == "2024-01-01" and "dated_by" not in doc.metadata
