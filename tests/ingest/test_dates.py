"""Publication dates are stored as ISO 8601 in UTC, as precise as the source says, or not at all:
an unreadable or absurd date is dropped and its raw text kept in metadata, never stored cut short.
Read through the readers (feeds, Telegram exports, PDFs) and through `tiewatch ingest`."""

import json
from datetime import datetime, timedelta, timezone

from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.ingest import Item, read_item
from tiewatch.store import Store


def feed(*dates: str, language: str | None = None) -> str:
    items = "".join(
        f"<item><title>Item {n}</title><link>https://ford.example/{n}</link><pubDate>{date}</pubDate>"
        f"<description>The Eastern Front clashed with the Gourma Defence Militia, report {n} says.</description></item>"
        for n, date in enumerate(dates)
    )
    declared = f"<language>{language}</language>" if language else ""
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ford News</title>{declared}{items}</channel></rss>'


def read(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_item(Item(str(path), direct=True))


def dated(docs):
    return [(doc.published, doc.metadata.get("published_raw")) for doc in docs]


def test_feed_dates_stored_as_utc_iso(tmp_path):
    docs = read(tmp_path, "ford.xml", feed("Tue, 10 Jun 2025 08:00:00 +0200", "2025-06-10T08:00:00-05:00", "Tue, 10 Jun 2025"))
    assert dated(docs) == [("2025-06-10T06:00:00Z", None), ("2025-06-10T13:00:00Z", None), ("2025-06-10T00:00:00Z", None)]


def test_feed_dates_in_the_feeds_language(tmp_path):
    docs = read(tmp_path, "ford.xml", feed("mardi 10 juin 2025 08:00", "10 juin 2025", language="fr-FR"))
    assert dated(docs) == [("2025-06-10T08:00:00Z", None), ("2025-06-10", None)]


def test_unreadable_and_absurd_feed_dates_dropped_with_the_raw_text_kept(tmp_path):
    far = (datetime.now(timezone.utc) + timedelta(days=800)).strftime("%a, %d %b %Y 08:00:00 +0000")
    raw = ["Tue, 10 Ju", "Sat, 01 Jan 1859 08:00:00 +0000", far, "June 2025", "soon"]
    docs = read(tmp_path, "ford.xml", feed(*raw))
    assert dated(docs) == [(None, text) for text in raw]


def test_a_feeds_relative_date_is_read_from_now(tmp_path):
    (doc,) = read(tmp_path, "ford.xml", feed("2 hours ago"))
    moment = datetime.fromisoformat(doc.published)
    expected = datetime.now(timezone.utc) - timedelta(hours=2)
    assert doc.published.endswith("Z") and abs(moment - expected) < timedelta(minutes=10)


def telegram(*messages: dict) -> str:
    base = {"type": "message", "from": "Front Media", "text": "The front denies any tie to the brigade."}
    return json.dumps({"name": "Front Media", "type": "public_channel", "id": 5,
                       "messages": [{**base, "id": n, **m} for n, m in enumerate(messages, 1)]})


def test_telegram_dates(tmp_path):
    docs = read(tmp_path, "result.json", telegram(
        {"date": "2025-06-10T10:00:00", "date_unixtime": "1749542400"},  # the exporter's clock was UTC+2
        {"date": "2025-06-10T10:00:00"},
        {"date": "0001-01-01T00:00:00"},
        {"date": "10 Ju"},
        {"date": "2025-06-10T10:00:00", "date_unixtime": "99999999999999999999"},
    ))
    assert dated(docs) == [
        ("2025-06-10T08:00:00Z", None), ("2025-06-10T10:00:00Z", None), (None, "0001-01-01T00:00:00"),
        (None, "10 Ju"), (None, "2025-06-10T10:00:00"),
    ]


def test_a_pdf_dated_in_year_one_has_no_date(make_pdf):
    from pypdf import PdfReader, PdfWriter

    path = make_pdf(["The Eastern Front clashed with the Gourma Defence Militia at the ford."])
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    writer.add_metadata({"/CreationDate": "D:00010101000000Z"})
    writer.write(str(path))
    (doc,) = read_item(Item(str(path), direct=True))
    assert doc.published is None and doc.metadata["published_raw"] == "0001-01-01"


def test_ingest_stores_iso_dates_and_keeps_raw_ones(db_url, tmp_path):
    path = tmp_path / "ford.xml"
    path.write_text(feed("Tue, 10 Jun 2025 08:00:00 +0200", "Tue, 10 Ju" + " 2025" * 10), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", db_url, "--no-extract"])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(app, ["documents", "--db", db_url, "--format", "jsonl"])
    published = {row["origin"]: row["published"] for row in map(json.loads, listed.output.splitlines())}
    assert published == {"https://ford.example/0": "2025-06-10T06:00:00Z", "https://ford.example/1": None}
    stored = {doc.origin: doc.metadata for doc in Store(db_url).iter_documents()}
    assert stored["https://ford.example/1"]["published_raw"] == "Tue, 10 Ju" + " 2025" * 10
