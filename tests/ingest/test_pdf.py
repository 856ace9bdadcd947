"""PDF reports: every page's text, declared title and author; broken files refused with a reason."""

import pytest

from tiewatch.ingest import Item, read_item
from tiewatch.model import IngestError

LONG = (
    "The Panel found that the Northern Relief Trust financed the Brigade of the Two Rivers through "
    "transfers recorded as payments for school meals, and that the brigade receives rifles from the "
    "smuggling network run by Kalid Osman near the eastern crossing of the river."
)


def read(path):
    return read_item(Item(str(path), direct=True))


def test_report_text_and_declared_metadata(make_pdf):
    path = make_pdf([LONG, "The trust denied the findings."], title="Interim report", author="Panel of Experts")
    (doc,) = read(path)
    assert doc.kind == "pdf" and doc.title == "Interim report" and doc.author == "Panel of Experts"
    assert doc.published and len(doc.published) == 10
    assert "The trust denied the findings." in doc.text
    assert doc.metadata["pages"] == 1


def test_lines_wrapped_by_the_layout_are_joined(make_pdf):
    (doc,) = read(make_pdf([LONG]))
    assert LONG in doc.text  # names and sentences whole, not cut at the page margin


def test_truncated_pdf_is_refused(make_pdf, tmp_path):
    whole = make_pdf([LONG] * 20).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(IngestError, match="truncated PDF"):
        read(cut)


def test_pdf_with_no_text_layer_is_refused(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path))
    canvas.rect(100, 100, 200, 200, fill=1)
    canvas.save()
    with pytest.raises(IngestError, match="without a text layer"):
        read(path)


def test_pdf_recognised_by_magic_bytes_whatever_its_name(make_pdf, tmp_path):
    renamed = tmp_path / "download.bin"
    renamed.write_bytes(make_pdf([LONG]).read_bytes())
    (doc,) = read(renamed)
    assert doc.kind == "pdf"
