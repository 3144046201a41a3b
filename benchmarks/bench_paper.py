"""Paper budget: the statements of 40 members for one month vs plain ReportLab.

Ours is the paper's one call, ``coopdesk.reports.documents.statement_pdf(book, year,
month)``: it reads the month from the book and lays out every member's statement. The
plain side is a ReportLab platypus document with no coopdesk code at all: the same
tables (the same rows and columns, as strings), the same headings, the same DejaVu
TTF, one member per page run; its rows are taken from the book before the clock starts,
so the plain side times only the layout that ours also does.
"""

from __future__ import annotations

import io
import statistics

from benchmarks.run import EXTRA, RUNS, Figure, median_time

YEAR, MONTH = 2024, 11


def plain_rows(book) -> list[dict]:
    """Return each member's tables as lists of strings (read once, not timed)."""
    from coopdesk.formats import date_str, fraction_str, money
    from coopdesk.services.documents import member_statements

    out = []
    for st in member_statements(book, year=YEAR, month=MONTH):
        out.append({
            "title": f"Statement for {MONTH:02d}/{YEAR}",
            "member": f"Member: {st.name} · code {st.code}",
            "summary": [
                ["What the cooperative owed you when the month began", money(st.opening_balance)],
                ["What you earned this month", money(st.earned)],
                ["What you were paid this month", money(st.paid)],
                ["What the cooperative owes you now", money(st.closing_balance)],
            ],
            "workdays": [["Date", "Line", "Day", "Pay per day", "You earned"]]
            + [[date_str(w.day), w.line, fraction_str(w.fraction), money(w.rate),
                money(w.amount)] for w in st.workdays]
            + [["Total", "", "", "", money(st.earned)]],
            "payments": [["Date", "Received by", "Note", "Amount"]]
            + [[date_str(p.day), p.received_by or "you", p.note, money(p.amount)]
               for p in st.payments]
            + [["Total", "", "", money(st.paid)]],
            "workshops": [["Date", "Workshop"]]
            + [[date_str(w.day), f"{w.number}. {w.title}"] for w in st.workshops],
            "programme": f"Training programme: {st.programme_done} of {st.programme_size}.",
            "footer": f"{st.name} ({st.code}) · statement for {MONTH:02d}/{YEAR}",
            "signer": f"{st.name} ({st.code})",
        })
    return out


def plain_reportlab(members: list[dict], font_path: str, bold_path: str) -> bytes:
    """Lay out the same statements with plain ReportLab (platypus, the same TTF); return the PDF."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
    )

    if "PlainDejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PlainDejaVu", font_path))
        pdfmetrics.registerFont(TTFont("PlainDejaVu-Bold", bold_path))
    body = ParagraphStyle("b", fontName="PlainDejaVu", fontSize=9.5, leading=12.5)
    small = ParagraphStyle("s", fontName="PlainDejaVu", fontSize=8, leading=10)
    title = ParagraphStyle("t", fontName="PlainDejaVu-Bold", fontSize=14, leading=18)
    heading = ParagraphStyle("h", fontName="PlainDejaVu-Bold", fontSize=11, leading=14)
    ruled = [
        ("FONT", (0, 0), (-1, -1), "PlainDejaVu", 9),
        ("FONT", (0, 0), (-1, 0), "PlainDejaVu-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
    ]

    class NumberedCanvas(canvas.Canvas):
        """ReportLab's recipe for "Page x of y": keep each page's state, number them at save."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.pages = []

        def showPage(self):  # noqa: N802 (ReportLab's name)
            self.pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            counts: dict = {}
            for state in self.pages:
                counts[state["member"]] = counts.get(state["member"], 0) + 1
            seen: dict = {}
            for state in self.pages:
                self.__dict__.update(state)
                seen[self.member] = seen.get(self.member, 0) + 1
                self.setFont("PlainDejaVu", 8)
                self.drawRightString(195 * mm, 9 * mm,
                                     f"Page {seen[self.member]} of {counts[self.member]}")
                self.drawString(15 * mm, 9 * mm, members[self.member]["footer"])
                super().showPage()
            super().save()

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable):  # noqa: N802 (ReportLab's name)
            if hasattr(flowable, "member"):
                self.canv.member = flowable.member

    def letterhead(canv, _doc):
        canv.setFont("PlainDejaVu-Bold", 12)
        canv.drawString(15 * mm, 285 * mm, "Cooperativa Dulce Esperanza")
        canv.setFont("PlainDejaVu", 8)
        canv.drawString(15 * mm, 280 * mm, "Establecimiento penitenciario · INPE")
        canv.line(15 * mm, 278 * mm, 195 * mm, 278 * mm)

    story = []
    for i, m in enumerate(members):
        if i:
            story.append(PageBreak())
        first = Paragraph(m["title"], title)
        first.member = i
        signature = Table([["", "", ""], [Paragraph(m["signer"], small), "",
                                          Paragraph("Thumbprint", small)]],
                          colWidths=[68 * mm, 6 * mm, 24 * mm], rowHeights=[18 * mm, None],
                          hAlign="LEFT", style=[("LINEBELOW", (0, 0), (0, 0), 0.6, colors.black),
                                                ("BOX", (2, 0), (2, 0), 0.8, colors.black)])
        story += [
            first,
            Paragraph(m["member"], body),
            Spacer(1, 3 * mm),
            Table(m["summary"], colWidths=[135 * mm, 45 * mm], style=ruled[:1] + ruled[3:]),
            Paragraph("Your workdays", heading),
            Table(m["workdays"], colWidths=[28 * mm, 38 * mm, 38 * mm, 36 * mm, 40 * mm],
                  repeatRows=1, style=ruled),
            Paragraph("Payments you received", heading),
            Table(m["payments"], colWidths=[28 * mm, 52 * mm, 60 * mm, 40 * mm],
                  repeatRows=1, style=ruled),
            Paragraph("Workshops you attended", heading),
            Table(m["workshops"], colWidths=[28 * mm, 152 * mm], repeatRows=1, style=ruled),
            Paragraph(m["programme"], body),
            Paragraph("If something on this paper is not right, tell the coordinator.", small),
            Paragraph("Issued today.", body),
            Paragraph("I have received a copy of this statement and read it.", body),
            signature,
        ]
    buf = io.BytesIO()
    doc = Doc(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
              topMargin=25 * mm, bottomMargin=15 * mm)
    doc.addPageTemplates([PageTemplate(
        id="page", frames=[Frame(15 * mm, 15 * mm, 180 * mm, 257 * mm, id="body")],
        onPage=letterhead)])
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


def bench_statements(big) -> Figure:
    """`statement_pdf` for every member of one month vs plain ReportLab with the same tables."""
    from coopdesk.reports.documents import statement_pdf
    from coopdesk.resources import resource
    from coopdesk.services.book import Book

    book = Book.open_folder(big.folder)
    try:
        members = plain_rows(book)
        font = str(resource("fonts", "DejaVuSans.ttf"))
        bold = str(resource("fonts", "DejaVuSans-Bold.ttf"))
        # Warm both (font registration, imports) so neither pays a one-time cost in the runs.
        statement_pdf(book, YEAR, MONTH)
        plain_reportlab(members, font, bold)
        # Alternated, so a burst of load on the shared machine hits both sides alike.
        ours, plain = [], []
        for _ in range(RUNS):
            ours.append(median_time(lambda: statement_pdf(book, YEAR, MONTH), runs=1))
            plain.append(median_time(lambda: plain_reportlab(members, font, bold), runs=1))
        t_ours, t_plain = statistics.median(ours), statistics.median(plain)
    finally:
        book.close()
    return Figure(f"statements of {len(members)} members for one month (PDF)", t_ours, t_plain,
                  "≤ 1 s and ≤ 2× plain ReportLab",
                  t_ours <= 1.0 and t_ours <= 2 * t_plain)


EXTRA.append(bench_statements)
