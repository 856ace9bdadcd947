"""Word files: paragraphs and tables in order, title/author/date from the document properties."""

from datetime import datetime

import pytest

from tiewatch.ingest import Item, read_item
from tiewatch.model import IngestError


def read(path):
    return read_item(Item(str(path), direct=True))


def test_paragraphs_tables_and_core_properties(make_docx):
    path = make_docx(
        ["Fighters of the Eastern Front arrested members of the Gourma Defence Militia.",
         "The front denies holding any prisoners."],
        title="Protection briefing", author="Gourma Rights Watch", created=datetime(2024, 2, 1, 9, 30),
        table=[("Date", "Place"), ("2024-01-09", "Gao")],
    )
    (doc,) = read(path)
    assert doc.kind == "docx" and doc.title == "Protection briefing" and doc.author == "Gourma Rights Watch"
    assert doc.published == "2024-02-01"
    assert doc.text.index("arrested members") < doc.text.index("denies holding") < doc.text.index("2024-01-09 | Gao")


def test_zip_that_is_not_a_word_document_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a word file")
    with pytest.raises(IngestError, match="damaged DOCX"):
        read(path)


def test_corrupt_word_part_is_refused_in_one_line(make_docx, tmp_path):
    import zipfile

    good = make_docx(["Some text about the front."])
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:document><unclosed" if item.filename == "word/document.xml" else data)
    with pytest.raises(IngestError) as caught:
        read(broken)
    assert "\n" not in str(caught.value) and "broken.docx" in str(caught.value)


def test_word_file_that_unpacks_enormously_is_refused(make_docx, tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(make_docx(["Cover page."])) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        with dst.open("word/media/padding.bin", "w", force_zip64=True) as padding:
            for _ in range(510):
                padding.write(bytes(1_000_000))
    assert bomb.stat().st_size < 5_000_000
    with pytest.raises(IngestError, match=r"expands past 200.0 MB \(see --max-expanded\)"):
        read(bomb)
