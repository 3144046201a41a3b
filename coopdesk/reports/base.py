"""What every printed document shares: fonts, styles, formats, page template and page numbers."""

from __future__ import annotations

import functools
import io
import string
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from coopdesk.domain.documents import Letterhead
from coopdesk.i18n import _, current_language
from coopdesk.reports.formats import (  # noqa: F401 (the shared API of every document)
    LOCALE,
    MINUS,
    amount_in_words,
    date_str,
    days_phrase,
    days_str,
    fraction_str,
    less,
    money,
    month_short,
    month_title,
    quantity,
    unit_price,
)
from coopdesk.resources import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
MARGIN = 15 * mm
GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#E8E8E8")
LINE = colors.HexColor("#999999")
#: A row on a sheet that women sign: room for a name, a signature and a thumbprint.
SIGNING_ROW = 15 * mm
#: Where the letterhead's first line starts below the page's top edge.
LETTERHEAD_TOP = 7 * mm
#: The footer's baseline above the page's bottom edge (the label wraps upwards from it).
FOOTER_BOTTOM = 9 * mm
#: Cell padding left + right in a ReportLab table (6 points each side).
_CELL_PAD = 12


@functools.cache
def register_fonts() -> None:
    """Register the DejaVu TTFs once, so every document embeds them (ñ, accents, ¿¡, S/)."""
    # Binary (zlib) page streams: ASCII85 would only make files bigger and slower to write.
    rl_config.useA85 = 0
    pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Return the paragraph styles of coopdesk's paper (built once)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=GREY),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11),
        "cell_small": ParagraphStyle("cell_small", parent=body, fontSize=8, leading=9.5),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=14, leading=18,
                                spaceAfter=2 * mm),
        "title_center": ParagraphStyle("title_center", parent=body, fontName=FONT_BOLD,
                                       fontSize=18, leading=24, alignment=TA_CENTER,
                                       spaceAfter=4 * mm),
        "heading": ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, fontSize=11,
                                  leading=14, spaceBefore=4 * mm, spaceAfter=1.5 * mm,
                                  keepWithNext=1),
        "big": ParagraphStyle("big", parent=body, fontSize=12, leading=17),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "letterhead": ParagraphStyle("letterhead", parent=body, fontName=FONT_BOLD,
                                     fontSize=11, leading=13.5),
        "letterhead_small": ParagraphStyle("letterhead_small", parent=body, fontSize=7.5,
                                           leading=9, textColor=GREY),
        "footer": ParagraphStyle("footer", parent=body, fontSize=8, leading=9.5,
                                 textColor=GREY),
        "reprint": ParagraphStyle("reprint", parent=body, fontName=FONT_BOLD, fontSize=8.5,
                                  leading=11, textColor=colors.HexColor("#B00020"),
                                  alignment=TA_CENTER),
        "stamp": ParagraphStyle("stamp", parent=body, fontName=FONT_BOLD, fontSize=16,
                                leading=20, textColor=colors.HexColor("#B00020"),
                                alignment=TA_CENTER),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """Return a paragraph of plain text (escaped), in one of the styles."""
    return Paragraph(escape(text), styles()[style])


def cell(text: str, width: float, style: str = "cell", font_size: float = 9):
    """Return *text* as a plain table cell when it fits *width*, else as a wrapping paragraph.

    Paragraphs are ten times slower to lay out than strings, and statements are printed
    by the dozen, so only text that really needs wrapping (long names, notes) gets one.
    """
    text = text or ""
    if pdfmetrics.stringWidth(text, FONT, font_size) <= width - 12 and "\n" not in text:
        return text
    return para(text, style)


class Line(Flowable):
    """One line of text in a paragraph style, drawn without parsing markup.

    Titles and headings are a handful per statement and statements come by the dozen;
    a Line costs a fraction of a Paragraph. Text too wide for the frame falls back to a
    wrapping Paragraph, so nothing ever runs off the page.

    Args:
        parts: (text, bold) pieces of the line.
        style: the name of a paragraph style (size, leading, spacing, colour, alignment).
    """

    def __init__(self, parts: list[tuple[str, bool]], style: str = "body") -> None:
        super().__init__()
        self.parts = parts
        self.style = styles()[style]
        self.spaceBefore = self.style.spaceBefore
        self.spaceAfter = self.style.spaceAfter
        self.keepWithNext = getattr(self.style, "keepWithNext", 0)  # headings stay with the next
        self._fallback: Paragraph | None = None

    def _fonts(self) -> list[tuple[str, str]]:
        regular = self.style.fontName
        return [(text, FONT_BOLD if strong else regular) for text, strong in self.parts]

    def wrap(self, avail_width, avail_height):
        size = self.style.fontSize
        width = sum(pdfmetrics.stringWidth(t, f, size) for t, f in self._fonts())
        if width > avail_width:
            text = "".join(f"<b>{escape(t)}</b>" if b else escape(t) for t, b in self.parts)
            self._fallback = Paragraph(text, self.style)
            return self._fallback.wrap(avail_width, avail_height)
        self._fallback = None
        self._avail = avail_width
        self._text_width = width
        return avail_width, self.style.leading

    def split(self, avail_width, avail_height):
        if self._fallback is not None:
            return self._fallback.split(avail_width, avail_height)
        return []

    def draw(self) -> None:
        if self._fallback is not None:
            self._fallback.drawOn(self.canv, 0, 0)
            return
        canv, size = self.canv, self.style.fontSize
        x = {TA_CENTER: (self._avail - self._text_width) / 2,
             TA_RIGHT: self._avail - self._text_width}.get(self.style.alignment, 0)
        canv.setFillColor(self.style.textColor)
        # One text object, so the line stays one line for readers and text extraction;
        # the baseline is where a Paragraph puts it.
        text_object = canv.beginText(x, self.style.leading - size)
        for text, font in self._fonts():
            text_object.setFont(font, size)
            text_object.textOut(text)
        canv.drawText(text_object)


def line(text: str, style: str = "body", *, bold_values: tuple[str, ...] = (), **values) -> Line:
    """Return one line of text in a paragraph style; *text* is formatted with *values*.

    Args:
        text: the (translated) text, with ``{name}`` fields.
        style: the paragraph style's name.
        bold_values: the names of the fields printed in bold.
        values: the fields' values.
    """
    parts: list[tuple[str, bool]] = []
    for literal, field, spec, conv in string.Formatter().parse(text):
        if literal:
            parts.append((literal, False))
        if field is not None:
            value = format(values[field], spec or "")
            parts.append((value, field in bold_values))
    return Line(parts, style)


def markup(text: str, style: str = "body") -> Paragraph:
    """Return a paragraph whose text already holds ReportLab markup (<b>...)."""
    return Paragraph(text, styles()[style])


def bold(text: str) -> str:
    """Return escaped *text* wrapped in bold markup."""
    return f"<b>{escape(text)}</b>"


# --- tables ------------------------------------------------------------------------


def table(
    rows: list[list],
    widths: list[float],
    *,
    right: tuple[int, ...] = (),
    header: bool = True,
    totals: int = 0,
    font_size: float = 9,
    extra: list | None = None,
    min_height: float = 0,
    unpadded: tuple[int, ...] = (),
) -> Table:
    """Return a ruled table: header row in bold, *right* columns right-aligned, rows unsplit.

    Args:
        rows: the cells (strings or flowables), the header first when *header*.
        widths: the column widths.
        right: indexes of the columns to right-align (amounts, counts).
        header: whether the first row is a header repeated on each page.
        totals: how many rows at the end are totals (bold, ruled above).
        font_size: the size of the cells' text.
        extra: more TableStyle commands.
        min_height: rows below the header are at least this tall and grow with their
            wrapped content (sheets that are signed by hand).
        unpadded: indexes of the columns drawn without side padding (a sheet's day boxes).

    Text wider than its column is wrapped, never drawn past the column: any plain
    string that does not fit becomes a paragraph in the table's font, so a 120-letter
    name or a 20-letter code makes its row taller instead of printing over its neighbours.
    """
    register_fonts()
    room = [w - (0 if i in unpadded else _CELL_PAD) for i, w in enumerate(widths)]
    rows = _wrapping_rows(rows, room, right=right, header=header, totals=totals,
                          font_size=font_size)
    heights = _grown_heights(rows, room, min_height, totals) if min_height else None
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, font_size),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for col in right:
        style.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
    if header:
        style += [
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, font_size),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ]
    if totals:
        style += [
            ("FONT", (0, -totals), (-1, -1), FONT_BOLD, font_size),
            ("LINEABOVE", (0, -totals), (-1, -totals), 0.8, colors.black),
        ]
    return Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1 if header else 0,
                 style=TableStyle(style + (extra or [])))


@functools.cache
def _cell_style(font_size: float, strong: bool, align: int) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle(f"cell-{font_size}-{strong}-{align}", fontName=FONT_BOLD if strong
                          else FONT, fontSize=font_size, leading=font_size * 1.22,
                          alignment=align)


def _wrapping_rows(rows: list[list], room: list[float], *, right: tuple[int, ...],
                   header: bool, totals: int, font_size: float) -> list[list]:
    """Return *rows* with every string wider than its column's *room* made a paragraph."""
    out = []
    last = len(rows) - totals
    for r, row in enumerate(rows):
        strong = (header and r == 0) or r >= last
        new = []
        for c, value in enumerate(row):
            if isinstance(value, str) and value and c < len(room) and (
                "\n" in value or pdfmetrics.stringWidth(
                    value, FONT_BOLD if strong else FONT, font_size) > room[c]
            ):
                align = TA_RIGHT if c in right else TA_LEFT
                value = Paragraph(escape(value).replace("\n", "<br/>"),
                                  _cell_style(font_size, strong, align))
            new.append(value)
        out.append(new)
    return out


def _grown_heights(rows: list[list], room: list[float], minimum: float, totals: int) -> list:
    """Return row heights: the header's and totals' natural ones, the others at least *minimum*."""
    heights: list = [None]
    for row in rows[1:len(rows) - totals]:
        needed = minimum
        for value, width in zip(row, room, strict=False):
            if isinstance(value, Flowable):
                _w, h = value.wrap(width, 10_000)
                needed = max(needed, h + 5 + 4)  # top and bottom padding, and air
        heights.append(needed)
    return heights + [None] * totals


def signature_row(labels: list[str], *, thumb: bool = False, space: float = 24 * mm) -> Table:
    """Return signature lines side by side, with a thumbprint box after the first one."""
    top, below, widths = [], [], []
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), FONT, 8)]
    # Up to two lines of 68 mm fit across a portrait page; three share it.
    room = 180 * mm - 10 * mm * (len(labels) - 1) - (30 * mm if thumb else 0)
    line_width = min(68 * mm, room / max(len(labels), 1))
    for i, label in enumerate(labels):
        if i:
            top.append("")
            below.append("")
            widths.append(10 * mm)
        col = len(widths)
        top.append("")
        below.append(para(label, "small"))
        widths.append(line_width)
        style.append(("LINEBELOW", (col, 0), (col, 0), 0.6, colors.black))
        if thumb and i == 0:
            top += ["", ""]
            below += ["", para(_("Thumbprint"), "small")]
            widths += [6 * mm, 24 * mm]
            style.append(("BOX", (col + 2, 0), (col + 2, 0), 0.8, colors.black))
    t = Table([top, below], colWidths=widths, rowHeights=[space, None], hAlign="LEFT")
    t.setStyle(TableStyle(style))
    return t


# --- the page: header, footer, "Página x de y" per section ------------------------


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
        if label:
            # The label wraps in its own column, left of the page number, growing upwards.
            foot = footer_paragraph(label)
            _w, h = foot.wrap(footer_width(width), 1000)
            foot.drawOn(self, MARGIN, FOOTER_BOTTOM - 2.5)
        self.restoreState()


class _Doc(BaseDocTemplate):
    def afterFlowable(self, flowable) -> None:  # noqa: N802 (ReportLab's name)
        section = getattr(flowable, "coop_section", None)
        if section is not None:
            self.canv._section = section


def _letterhead_paragraphs(head: Letterhead) -> list[Paragraph]:
    """Return the letterhead's lines as paragraphs: a long legal name wraps, never runs off."""
    lines = [Paragraph(escape(head.cooperative_name), styles()["letterhead"])]
    where = " · ".join(x for x in (head.site, head.institution) if x)
    if where:
        lines.append(Paragraph(escape(where), styles()["letterhead_small"]))
    return lines


def letterhead_height(head: Letterhead, page_width: float) -> float:
    """Return how tall the letterhead is on a page this wide (its rule included)."""
    return sum(p.wrap(page_width - 2 * MARGIN, 1000)[1] for p in _letterhead_paragraphs(head))


def draw_letterhead(canv, head: Letterhead, page_width: float, page_height: float) -> None:
    """Draw the cooperative's name, site and institution at the top of a page, then a rule."""
    y = page_height - LETTERHEAD_TOP
    for p in _letterhead_paragraphs(head):
        _w, h = p.wrap(page_width - 2 * MARGIN, 1000)
        y -= h
        p.drawOn(canv, MARGIN, y)
    canv.saveState()
    canv.setStrokeColor(LINE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN, y - 1.5 * mm, page_width - MARGIN, y - 1.5 * mm)
    canv.restoreState()


def footer_paragraph(label: str) -> Paragraph:
    """Return the footer's left text as a paragraph (it wraps left of the page number)."""
    return Paragraph(escape(label), styles()["footer"])


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
    tallest = max(footer_paragraph(x).wrap(footer_width(page_width), 1000)[1]
                  for x in labels if x) if any(labels) else 0
    return max(15 * mm, FOOTER_BOTTOM - 2.5 + tallest + 4 * mm)


def starts_section(flowable, key: str, label: str):
    """Mark *flowable* as the start of a section numbered on its own; return it."""
    flowable.coop_section = Section(key, label)
    return flowable
