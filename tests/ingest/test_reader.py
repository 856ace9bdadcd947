"""Readers are chosen by content, and a third party can add one the way the built-ins are added."""

import json
from importlib.metadata import entry_points

from tiewatch.ingest import Blob, Item, choose_reader, read_item, readers
from tiewatch.model import Document

BUILT_IN = {"html", "pdf", "docx", "text", "feed", "telegram"}


def test_built_in_readers_are_declared_as_entry_points():
    declared = {ep.name: ep.value for ep in entry_points(group="tiewatch.readers")}
    assert BUILT_IN <= set(declared)
    assert BUILT_IN <= set(readers.names())


def test_reader_chosen_by_content_not_extension():
    cases = {
        "feed": Blob(b'<?xml version="1.0"?>\n<!-- saved -->\n<rss version="2.0"><channel></channel></rss>', "a.txt"),
        "telegram": Blob(json.dumps({"name": "c", "type": "public_channel", "messages": []}).encode(), "export.dat"),
        "html": Blob(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page"),
        "pdf": Blob(b"%PDF-1.7\n...", "report.docx"),
        "text": Blob("Plain words in a file with no name.".encode(), "README"),
    }
    for expected, blob in cases.items():
        assert choose_reader(blob).name == expected, blob.origin


def test_a_third_party_reader_takes_its_own_format(tmp_path):
    class CsvNotesReader:
        name = "csvnotes"

        def sniff(self, blob):
            return 95 if blob.head.startswith(b"note,") else 0

        def read(self, blob):
            for line in blob.data.decode().splitlines()[1:]:
                yield Document(text=line.split(",", 1)[1], kind="text", origin=blob.origin)

    readers.add("csvnotes", CsvNotesReader)
    try:
        path = tmp_path / "notes.csv"
        path.write_text("note,text\n1,The militia attacked the market.\n2,The front denied it.\n")
        docs = read_item(Item(str(path), direct=True))
        assert [d.text for d in docs] == ["The militia attacked the market.", "The front denied it."]
    finally:
        readers._items.pop("csvnotes", None)
