"""Write the two binary samples in this folder: the Panel of Experts PDF (reportlab) and the
observatory briefing DOCX (python-docx). Run from the repository root after `sh scripts/setup.sh test`:

    .venv/bin/python scripts/make_samples.py

Both files are committed; the script is here so they can be reviewed and rebuilt. The output is
byte-for-byte reproducible (fixed dates, reportlab's invariant mode).
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "examples"

PANEL_TITLE = "Panel of Experts on the Kora Valley: Interim Report"
PANEL = [
    ("h", "1. Armed groups in the valley"),
    ("p", "Ansar al-Wadi has been active in the Kora Valley since 2021 and holds the hills north of Tin-Azar. "
          "Abu Hamza al-Kouri is the emir of Ansar al-Wadi. The Tin-Azar Brigade is the military wing of Ansar al-Wadi "
          "and carries out most of its attacks on the main road."),
    ("p", "Katibat al-Furqan broke away from Ansar al-Wadi in October 2023 after a dispute over the division of "
          "smuggling revenue, and later pledged allegiance to Wilayat Sahra."),
    ("h", "2. Finance"),
    ("p", "The Panel found that the Al-Baraka Relief Foundation financed Ansar al-Wadi through cash transfers recorded "
          "as payments for food aid. Bank records show at least 40,000 dollars sent to commanders in Bamsa in 2023. "
          "The foundation denied the findings in a letter to the Panel."),
    ("p", "A clinic run by the Al-Baraka Relief Foundation in Bamsa treats wounded fighters of Ansar al-Wadi, "
          "according to two medical staff interviewed by the Panel."),
    ("h", "3. Arms and logistics"),
    ("p", "The network led by Idrissa Maiga smuggles weapons for Ansar al-Wadi across the Ouarzik crossing. "
          "Ansar al-Wadi receives assault rifles and ammunition from the Maiga network, and the network also provides "
          "transport and satellite telephones to the group's commanders."),
    ("p", "The Panel could not confirm reports that officials in the regional governor's office may have supplied "
          "weapons to the Kora Self-Defence Militia. The militia shares intelligence with the army's regional command."),
]

BRIEFING_TITLE = "Civilians between the lines: Kora Valley briefing"
BRIEFING = [
    ("h", "Summary"),
    ("p", "This briefing is based on interviews with 34 residents of Bamsa, Tin-Azar and Ouarzik conducted by the "
          "Kora Human Rights Observatory between January and March 2024."),
    ("h", "Abuses by armed groups"),
    ("p", "Residents described how fighters of Ansar al-Wadi arrested members of the Kora Liberation Front in Bamsa "
          "and tortured supporters of the front in a house near the old market."),
    ("p", "Ansar al-Wadi has threatened the Kora Self-Defence Militia and any family suspected of helping it. "
          "Sheikh Yacouba Dicko recruits for Ansar al-Wadi among unemployed young men, residents said."),
    ("p", "Elders in Ouarzik told the Observatory that the Maiga network shelters Ansar al-Wadi commanders in safe "
          "houses near the border crossing."),
    ("h", "Contacts between the parties"),
    ("p", "Two sources close to the negotiations said Abu Hamza al-Kouri met envoys of the Kora Liberation Front in "
          "Bamsa in January 2024. The front denies that any such meeting took place."),
    ("p", "According to herders' associations, the Kora Self-Defence Militia is backed by the regional governor's "
          "office, which the governor's office denies."),
]
INCIDENTS = [
    ("Date", "Place", "Reported by"),
    ("2024-01-09", "Bamsa", "market traders"),
    ("2024-02-17", "Ouarzik", "village elders"),
    ("2024-03-12", "Tin-Azar", "health worker"),
]


def write_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(2024, 3, 4, 9, 0, tzinfo=timezone.utc).timestamp()))
    styles = getSampleStyleSheet()
    story = [Paragraph(PANEL_TITLE, styles["Title"]), Paragraph("Distribution: restricted. 4 March 2024.", styles["Italic"])]
    for index, (kind, text) in enumerate(PANEL):
        if kind == "h" and index > len(PANEL) // 2:
            story.append(PageBreak())
        story.append(Paragraph(text, styles["Heading2" if kind == "h" else "BodyText"]))
        story.append(Spacer(1, 6))
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, title=PANEL_TITLE, author="Panel of Experts on the Kora Valley",
        creator="tiewatch examples", invariant=True,
    )
    doc.build(story)


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(BRIEFING_TITLE, level=0)
    for kind, text in BRIEFING:
        if kind == "h":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.add_heading("Incidents recorded", level=1)
    table = document.add_table(rows=0, cols=3)
    for row in INCIDENTS:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    props = document.core_properties
    props.title = BRIEFING_TITLE
    props.author = "Kora Human Rights Observatory"
    props.subject = "Protection of civilians"
    props.created = props.modified = datetime(2024, 3, 19, 10, 0, 0)
    props.last_modified_by = "Kora Human Rights Observatory"
    props.revision = 1
    document.save(str(path))


if __name__ == "__main__":
    write_pdf(HERE / "panel-of-experts-interim-report.pdf")
    write_docx(HERE / "observatory-briefing.docx")
    print("wrote", HERE / "panel-of-experts-interim-report.pdf", "and", HERE / "observatory-briefing.docx")
