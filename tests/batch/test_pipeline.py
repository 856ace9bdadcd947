"""The ingest pipeline on a real collection: every good document stored once, bad files skipped
with reasons, a second run adds nothing, and an extractor's claims are stored with their document."""

from __future__ import annotations

import pytest

from tests.batch.conftest import EXAMPLES, telegram_posts_with_text
from tiewatch.batch.executor import LocalExecutor, executors
from tiewatch.batch.pipeline import ingest
from tiewatch.model import Claim, IngestError, Mention

BAD = {"photo.jpg": "binary data", "empty.txt": "empty file", "cut.pdf": "truncated PDF", "broken.json": "invalid JSON"}


def test_collection_stored_once_with_skips_explained(store, collection):
    report = ingest(store, [str(collection)])
    assert report.new == store.count_documents() > 10 and report.known == 0
    reasons = {skip.origin.rsplit("/", 1)[-1]: skip.reason for skip in report.skipped}
    for name, why in BAD.items():
        assert why in reasons[name]
    assert "program source code" in reasons["make_samples.py"]
    kinds = [doc.kind for doc in store.iter_documents()]
    assert set(kinds) == {"html", "pdf", "docx", "text", "feed", "telegram"}
    export = EXAMPLES / "ChatExport_2024-03-21" / "result.json"
    assert kinds.count("telegram") == telegram_posts_with_text(export)
    assert kinds.count("feed") == 3


def test_second_run_adds_nothing_and_says_so(store, collection):
    first = ingest(store, [str(collection)])
    again = ingest(store, [str(collection)])
    assert (again.new, again.known, len(again.skipped)) == (0, first.new, len(first.skipped))
    assert again.summary() == f"0 new, {first.new} already known, {len(first.skipped)} skipped"
    assert store.count_documents() == first.new


def test_a_repeated_text_in_one_run_is_known_not_new(store, tmp_path):
    for name in ("a.txt", "copy-of-a.txt"):
        (tmp_path / name).write_text("The trust funds the brigade,\nofficials said.", encoding="utf-8")
    (tmp_path / "b.md").write_text("The trust   funds the brigade, officials said.", encoding="utf-8")
    report = ingest(store, [str(tmp_path)])
    assert (report.new, report.known) == (1, 2)


def test_bad_file_named_directly_stops_before_anything_is_stored(store, collection):
    good = str(collection / "klf-statement.txt")
    with pytest.raises(IngestError, match="truncated PDF"):
        ingest(store, [good, str(collection / "incoming" / "cut.pdf")])
    assert store.count_documents() == 0
    ingest(store, [good])
    with pytest.raises(IngestError, match="empty file"):
        ingest(store, [str(collection), str(collection / "incoming" / "empty.txt")])
    assert store.count_documents() == 1


def test_missing_path_is_an_error(store, tmp_path):
    with pytest.raises(IngestError, match="no such file, folder or URL"):
        ingest(store, [str(tmp_path / "nope")])


class FundsExtractor:
    """A third-party style extractor: one `funds` claim per sentence that says "funds"."""

    name = "funds-test"

    def __init__(self):
        self.seen = 0

    def extract(self, docs):
        for doc in docs:
            self.seen += 1
            claims = []
            start = doc.text.find(" funds ")
            if start > 0:
                subject = Mention(doc.text[:start], 0, start, "group")
                end = doc.text.index(",", start)
                obj = Mention(doc.text[start + 7:end], start + 7, end, "group")
                claims.append(Claim(subject, obj, "funds", "asserted", "test", doc.text[:end], 0, end, "test.funds", 0.5))
            yield doc, [c.subject for c in claims] + [c.object for c in claims], claims


def test_extractor_claims_are_stored_with_their_documents_and_not_redone(store, tmp_path):
    (tmp_path / "a.txt").write_text("The Northern Trust funds the Two Rivers Brigade, officials said.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Nothing to see here today.", encoding="utf-8")
    extractor = FundsExtractor()
    report = ingest(store, [str(tmp_path)], extractor=extractor)
    assert (report.new, report.claims, report.extractor) == (2, 1, "funds-test")
    assert store.count_claims() == 1
    assert report.refreshed and [tie.type for tie in store.list_ties()] == ["funds"]  # the graph was rebuilt
    again = ingest(store, [str(tmp_path)], extractor=extractor)
    assert again.claims == 0 and extractor.seen == 2  # known documents are not extracted again


def test_threaded_local_executor_gives_the_same_result(store, collection):
    report = ingest(store, [str(collection)], executor=LocalExecutor(workers=2))
    assert report.new == store.count_documents() and len(report.skipped) == len(BAD) + 1
    assert executors.get("local") is LocalExecutor


def test_control_characters_odd_names_and_broken_escapes_still_store(store, tmp_path):
    padding = b" The statement was read out on local radio in the morning and again at noon." * 3
    (tmp_path / "nul.txt").write_bytes(b"The trust\x00 funds the brigade.\x07 Officials said so." + padding)
    (tmp_path.joinpath("caf\udce9.txt")).write_text("A statement saved under a Latin-1 file name.", encoding="utf-8")
    broken = '{"name": "Relay \\ud83d", "type": "public_channel", "id": 9, "messages": [' \
             '{"id": 1, "type": "message", "date": "2024-01-01T00:00:00", "text": "Broken emoji \\ud83d here."}]}'
    (tmp_path / "result.json").write_text(broken, encoding="utf-8")
    report = ingest(store, [str(tmp_path)])
    assert (report.new, report.skipped) == (3, [])
    texts = sorted(doc.text for doc in store.iter_documents())
    assert texts[1] == "Broken emoji ? here." and texts[2].startswith("The trust funds the brigade. Officials said so.")
    assert any(doc.origin.endswith("caf?.txt") for doc in store.iter_documents())


def _channel_export(path, name, chat_id, messages):
    import json

    path.write_text(json.dumps({"name": name, "type": "public_channel", "id": chat_id, "messages": messages}), encoding="utf-8")
    return str(path)


def test_a_verbatim_forward_is_its_own_post_with_a_forward_edge(store, tmp_path):
    words = "The Kora Valley Front is smuggling rifles for Ansar al-Wadi, the channel wrote."
    original = _channel_export(tmp_path / "a.json", "Kora Relay", 1771, [
        {"id": 3, "type": "message", "date": "2024-03-02T10:00:00", "from": "Kora Relay", "text": words}])
    forward = _channel_export(tmp_path / "b.json", "Wadi Voice", 2002, [
        {"id": 9, "type": "message", "date": "2024-03-02T11:00:00", "from": "Wadi Voice",
         "forwarded_from": "Kora Relay", "text": words}])
    report = ingest(store, [original, forward], extractor=None)
    assert report.new == 2 and store.count_documents() == 2
    again = ingest(store, [original, forward], extractor=None)
    assert (again.new, again.known) == (0, 2)
    edges = [(e["kind"], e["from_channel"], e["to_channel"]) for e in store.list_structural_edges()]
    assert edges == [("forward", "Wadi Voice", "Kora Relay")]
