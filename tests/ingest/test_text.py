"""Plain text and Markdown in any encoding; junk, empty and source files refused with a reason."""

import pytest

from tiewatch.ingest import Item, read_item
from tiewatch.model import IngestError

STATEMENT = "Le Front de l'Est dément avoir reçu des armes de la milice. Il accuse le gouverneur d'armer ses rivaux."


def read(path):
    return read_item(Item(str(path), direct=True))


def test_markdown_note_takes_its_heading_as_title(tmp_path):
    note = tmp_path / "note.md"
    note.write_text("Prepared for the desk.\n\n# Who arms the militia?\n\nThe trust funds the brigade.\n", encoding="utf-8")
    (doc,) = read(note)
    assert doc.kind == "text" and doc.title == "Who arms the militia?" and doc.metadata["format"] == "markdown"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "latin-1"])
def test_statement_in_another_encoding_is_decoded(tmp_path, encoding):
    path = tmp_path / "communique.txt"
    path.write_bytes(STATEMENT.encode(encoding))
    (doc,) = read(path)
    assert doc.text == STATEMENT and doc.language == "fr"


def test_binary_junk_is_refused(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(IngestError, match="binary data"):
        read(junk)


def test_empty_and_blank_files_are_refused(tmp_path):
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.txt"
    empty.write_bytes(b"")
    blank.write_text("  \n\n\t \n")
    with pytest.raises(IngestError, match="empty file"):
        read(empty)
    with pytest.raises(IngestError, match="no text in it"):
        read(blank)


def test_program_source_and_data_tables_are_not_documents(tmp_path):
    script, table = tmp_path / "make.py", tmp_path / "designations.csv"
    script.write_text("print('hello')\n")
    table.write_text("name,programme\nEastern Front,SDGT\n")
    with pytest.raises(IngestError, match="program source code"):
        read(script)
    with pytest.raises(IngestError, match=r"a data table \(\.csv\), not a document"):
        read(table)


def test_text_opening_with_a_bracket_is_still_text(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("[Draft] The front denies the charge, its spokesman said.")
    (doc,) = read(draft)
    assert doc.text.startswith("[Draft]")


def test_other_xml_is_not_stored_as_text(tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>')
    with pytest.raises(IngestError, match="XML that is neither a feed nor a web page"):
        read(sitemap)
