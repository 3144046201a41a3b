"""What every printed document shares: fonts, styles, formats, lines of text and tables.

The page itself (letterhead, footer, page numbers, the A4 template) is in ``page``.
"""

from __future__ import annotations

import functools
import string
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Table,
    TableStyle,
)

from coopdesk.domain.text import shown
from coopdesk.i18n import _
from coopdesk.resources import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
MARGIN = 15 * mm
GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#E8E8E8")
LINE = colors.HexColor("#999999")
#: A row on a sheet that women sign: room for a name, a signature and a thumbprint.
SIGNING_ROW = 15 * mm
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
    """Return a paragraph of plain text (escaped, hidden characters shown), in a style."""
    return Paragraph(escape(shown(text)), styles()[style])


def cell(text: str, width: float, style: str = "cell", font_size: float = 9):
    """Return *text* as a plain table cell when it fits *width*, else as a wrapping paragraph.

    Paragraphs are ten times slower to lay out than strings, and statements are printed
    by the dozen, so only text that really needs wrapping (long names, notes) gets one.
    """
    text = shown(text or "")
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
        self.parts = [(shown(text), strong) for text, strong in parts]
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
    return f"<b>{escape(shown(text))}</b>"


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
    heights = _grown_heights(rows, room, min_height, totals, header) if min_height else None
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
            if isinstance(value, str):
                value = shown(value)  # a name from an old book cannot reorder its row
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


def _grown_heights(rows: list[list], room: list[float], minimum: float, totals: int,
                   header: bool = True) -> list:
    """Return row heights: the header's and totals' natural ones, the others at least *minimum*."""
    heights: list = [None] if header else []
    for row in rows[len(heights):len(rows) - totals]:
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


def table_then(rows: list[list], widths: list[float], after: list, *, keep: int = 3,
               totals: int = 1, **options) -> list:
    """Return a table whose last *keep* rows and totals stay on one page with *after*.

    Signatures under a table of figures must never stand alone on a page that can be
    detached from the figures: the table's end, and what follows it (a note, the
    signature lines), move to the next page together. The table above it still starts
    where it is and runs over pages with its header repeated.

    Args:
        rows: the header, the body rows and the *totals* rows.
        widths: the column widths (both parts share them, so they read as one table).
        after: the flowables kept with the table's end.
        keep: how many body rows go with the end.
        totals: how many rows at the end are totals.
        options: more arguments of :func:`table` (right, font_size, min_height...).
    """
    body_rows = len(rows) - 1 - totals
    cut = 1 + max(body_rows - keep, 0)
    if cut <= 1:
        return [KeepTogether([table(rows, widths, totals=totals, **options), *after])]
    head = table(rows[:cut], widths, **options)
    tail = _Tail(table(rows[cut:], widths, header=False, totals=totals, **options),
                 table(rows[:1] + rows[cut:], widths, totals=totals, **options))
    return [head, KeepTogether([tail, *after])]


class _Tail(Flowable):
    """A table's end: with the header when it starts a page, without it under the rest.

    The frame it goes into says whether it is at the page's top (``_atTop``). Before
    any frame is known it is measured without the header: kept together with what
    follows, it then either fits under the rest of the table or moves whole to a new
    page, where the header's one more row always has room.
    """

    def __init__(self, plain: Table, headed: Table) -> None:
        super().__init__()
        self.plain, self.headed = plain, headed
        self.shown = headed
        # Placed like the table above it (a Flowable is left-aligned by default; a
        # table narrower than the frame is centred): its columns line up with the rest.
        self.hAlign = plain.hAlign

    def wrap(self, avail_width, avail_height):
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and bool(getattr(frame, "_atTop", 0))
        self.shown = self.headed if at_top else self.plain
        return self.shown.wrapOn(self.canv, avail_width, avail_height)

    def draw(self) -> None:
        self.shown.drawOn(self.canv, 0, 0)
