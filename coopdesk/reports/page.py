"""The page of every document: letterhead, footer with "Página x de y" per section, A4 template.

The letterhead and the footer are paragraphs that wrap: a cooperative's legal name of
200 letters, or a member's 120-letter name in a statement's footer, takes more lines,
and the page's margins grow to hold them instead of cutting them or printing over the
page number.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from coopdesk.domain.documents import Letterhead
from coopdesk.domain.text import shown
from coopdesk.i18n import _, current_language
from coopdesk.reports.base import FONT, GREY, LINE, MARGIN, register_fonts, styles

#: Where the letterhead's first line starts below the page's top edge.
LETTERHEAD_TOP = 7 * mm
#: The footer's baseline above the page's bottom edge (the label wraps upwards from it).
FOOTER_BOTTOM = 9 * mm


class Section:
    """Marks where a new numbered section starts (each member's statement counts its own pages)."""

    def __init__(self, key: str, label: str) -> None:
        self.key = key
        self.label = label


class _NumberedCanvas(rl_canvas.Canvas):
    """A canvas that writes "Page x of y" after the whole document is laid out."""

    def __init__(self, *args, **kwargs) -> None:
        # Without this the canvas starts in Helvetica, a font the PDF would name but not embed.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._section: Section | None = None

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        counts: dict[int, int] = {}
        for state in self._pages:
            key = id(state["_section"])
            counts[key] = counts.get(key, 0) + 1
        seen: dict[int, int] = {}
        for state in self._pages:
            self.__dict__.update(state)
            key = id(self._section)
            seen[key] = seen.get(key, 0) + 1
            self._draw_footer(seen[key], counts[key])
            super().showPage()
        super().save()

    def _draw_footer(self, page: int, pages: int) -> None:
        width, _height = self._pagesize
        label = self._section.label if self._section else getattr(self, "_doc_label", "")
        numbered = getattr(self, "_numbered", True)
        number = _("Page {page} of {pages}").format(page=page, pages=pages) if numbered else ""
        self.saveState()
        if number:
            self.setFont(FONT, 8)
            self.setFillColor(GREY)
            self.drawRightString(width - MARGIN, FOOTER_BOTTOM, number)
        if getattr(self, "_seal", ""):  # the book's chain head, a copy kept outside the file
            self.setFont(FONT, 7)
            self.setFillColor(GREY)
            self.drawRightString(width - MARGIN, FOOTER_BOTTOM - 3.5 * mm, self._seal)
        if label:
            # The label wraps in its own column, left of the page number, growing upwards.
            foot, _h = footer_lines(label, width)
            foot.drawOn(self, MARGIN, FOOTER_BOTTOM - 2.5)
        self.restoreState()


class _Doc(BaseDocTemplate):
    def afterFlowable(self, flowable) -> None:  # noqa: N802 (ReportLab's name)
        section = getattr(flowable, "coop_section", None)
        if section is not None:
            self.canv._section = section


@functools.lru_cache(maxsize=16)
def _letterhead_lines(head: Letterhead, page_width: float) -> tuple[tuple[Paragraph, float], ...]:
    """Return the letterhead's lines, laid out for a page this wide, with their heights.

    A long legal name wraps, never runs off. Laid out once per letterhead and page width
    and drawn on every page (a laid-out paragraph can be drawn any number of times):
    parsing it anew for each of a month's 80 statement pages was a tenth of their
    printing time. Kept by width, so a landscape sheet printed at the same time as a
    statement never draws lines wrapped for the other page.
    """
    lines = [Paragraph(escape(shown(head.cooperative_name)), styles()["letterhead"])]
    where = " · ".join(x for x in (head.site, head.institution) if x)
    if where:
        lines.append(Paragraph(escape(shown(where)), styles()["letterhead_small"]))
    return tuple((p, p.wrap(page_width - 2 * MARGIN, 1000)[1]) for p in lines)


def letterhead_height(head: Letterhead, page_width: float) -> float:
    """Return how tall the letterhead is on a page this wide (its rule included)."""
    return sum(h for _p, h in _letterhead_lines(head, page_width))


def draw_letterhead(canv, head: Letterhead, page_width: float, page_height: float) -> None:
    """Draw the cooperative's name, site and institution at the top of a page, then a rule."""
    y = page_height - LETTERHEAD_TOP
    for p, h in _letterhead_lines(head, page_width):
        y -= h
        p.drawOn(canv, MARGIN, y)
    canv.saveState()
    canv.setStrokeColor(LINE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN, y - 1.5 * mm, page_width - MARGIN, y - 1.5 * mm)
    canv.restoreState()


@functools.lru_cache(maxsize=256)
def footer_lines(label: str, page_width: float) -> tuple[Paragraph, float]:
    """Return the footer's left text laid out left of the page number, and its height.

    Laid out once for the document's pages (a member's label is measured before the
    layout and drawn on each of her pages) rather than parsed again for each.
    """
    foot = Paragraph(escape(shown(label)), styles()["footer"])
    return foot, foot.wrap(footer_width(page_width), 1000)[1]


def footer_width(page_width: float) -> float:
    """Return the width of the footer's text column (the page number has the rest)."""
    return page_width - 2 * MARGIN - 32 * mm


def draw_cut_line(canv, width: float, y: float) -> None:
    """Draw a dashed line across the page where the original and the copy are cut apart."""
    canv.saveState()
    canv.setDash(3, 3)
    canv.setStrokeColor(LINE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN / 2, y, width - MARGIN / 2, y)
    canv.setFont(FONT, 6.5)
    canv.setFillColor(GREY)
    canv.drawRightString(width - MARGIN, y + 1.2 * mm, "✂")
    canv.restoreState()


def build_pdf(
    story: list,
    *,
    head: Letterhead,
    title: str,
    label: str = "",
    wide: bool = False,
    on_page: Callable | None = None,
    letterhead_on_page: bool = True,
    halves: bool = False,
    numbered: bool = True,
) -> bytes:
    """Lay out *story* on A4 pages with the letterhead and numbered footer; return the PDF.

    Args:
        story: the flowables.
        head: who issues the paper.
        title: the PDF's title (metadata).
        label: the footer's left text when the story has no sections.
        wide: landscape A4 (sheets).
        on_page: extra drawing on every page, called as ``on_page(canvas, doc)``.
        letterhead_on_page: draw the letterhead at the top of every page.
        halves: two frames, the top and bottom half of the page (original and copy).
        numbered: write "Page x of y" in the footer.
    """
    register_fonts()
    pagesize = landscape(A4) if wide else A4
    width, height = pagesize
    buf = io.BytesIO()
    top_space = MARGIN
    if letterhead_on_page:
        top_space = max(20 * mm, LETTERHEAD_TOP + letterhead_height(head, width) + 5 * mm)
    bottom_space = _footer_space(story, label, width)
    doc = _Doc(
        buf,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=top_space,
        bottomMargin=bottom_space,
        title=title,
        author=head.cooperative_name,
        creator="coopdesk",
        lang="es-PE" if current_language() == "es" else "en",
    )
    pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    body = height - top_space - bottom_space
    if halves:
        half = body / 2
        frames = [
            Frame(MARGIN, bottom_space + half + 6 * mm, width - 2 * MARGIN, half - 6 * mm,
                  id="top", **pad),
            Frame(MARGIN, bottom_space, width - 2 * MARGIN, half - 6 * mm, id="bottom", **pad),
        ]
    else:
        frames = [Frame(MARGIN, bottom_space, width - 2 * MARGIN, body, id="body", **pad)]

    def page(canv, doc_) -> None:
        canv._doc_label = label
        canv._seal = head.seal
        canv._numbered = numbered
        if halves:
            draw_cut_line(canv, width, bottom_space + body / 2 + 3 * mm)
        if letterhead_on_page:
            draw_letterhead(canv, head, width, height)
        if on_page:
            on_page(canv, doc_)

    doc.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=page)])
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buf.getvalue()


def _footer_space(story: list, label: str, page_width: float) -> float:
    """Return the bottom margin: room for the tallest footer label of the document."""
    labels = [label] + [f.coop_section.label for f in story if hasattr(f, "coop_section")]
    tallest = max(footer_lines(x, page_width)[1] for x in labels if x) if any(labels) else 0
    return max(15 * mm, FOOTER_BOTTOM - 2.5 + tallest + 4 * mm)


def starts_section(flowable, key: str, label: str):
    """Mark *flowable* as the start of a section numbered on its own; return it."""
    flowable.coop_section = Section(key, label)
    return flowable
