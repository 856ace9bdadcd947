"""Real documents written by the tests: PDFs with reportlab, DOCX files with python-docx."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest


@pytest.fixture
def make_pdf(tmp_path):
    def make(paragraphs: list[str], name: str = "report.pdf", title: str | None = None, author: str | None = None) -> Path:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import getSampleStyleSheet
        from reportlab.platypus import Paragraph, SimpleDocTemplate

        path = tmp_path / name
        styles = getSampleStyleSheet()
        doc = SimpleDocTemplate(str(path), pagesize=A4, title=title or "", author=author or "")
        doc.build([Paragraph(text, styles["BodyText"]) for text in paragraphs])
        return path

    return make


@pytest.fixture
def make_docx(tmp_path):
    def make(paragraphs: list[str], name: str = "briefing.docx", title: str | None = None,
             author: str | None = None, created: datetime | None = None, table: list[tuple[str, ...]] = ()) -> Path:
        import docx

        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        if table:
            grid = document.add_table(rows=0, cols=len(table[0]))
            for row in table:
                for cell, value in zip(grid.add_row().cells, row):
                    cell.text = value
        props = document.core_properties
        props.title, props.author = title or "", author or ""
        if created:
            props.created = created
        path = tmp_path / name
        document.save(str(path))
        return path

    return make
