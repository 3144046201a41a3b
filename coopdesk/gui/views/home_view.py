"""Inicio: this month at a glance, the year's bars against break-even and target, main buyer."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.changes import Kind
from coopdesk.domain.month import Month
from coopdesk.formats import money, month_short, month_title, number, quantity
from coopdesk.gui.context import AppContext
from coopdesk.gui.jobs import Job, error_sentence
from coopdesk.gui.views.first_steps_box import FirstStepsBox
from coopdesk.gui.views.list_view import title_label
from coopdesk.gui.views.watching import WatchingView
from coopdesk.i18n import _, ngettext
from coopdesk.services.queries import (
    bars_sold,
    last_months_sales,
    latest_month,
    record_span,
    sales_by_buyer,
)
from coopdesk.services.settings import get_settings
from coopdesk.services.summary import month_summary

#: Tall enough to read, short enough to leave the figures whole at 1366×768.
CHART_HEIGHT = 190
CARD_STYLE = (
    "QFrame#card { background: palette(base); border: 1px solid #c8c8c8; border-radius: 6px; }"
)


class Card(QFrame):
    """One figure with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        layout = QVBoxLayout(self)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #444; font-size: 10pt;")
        self.caption.setWordWrap(True)
        self.value = QLabel()
        self.value.setStyleSheet("font-size: 17pt; font-weight: bold;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel()
        self.detail.setStyleSheet("color: #555;")
        self.detail.setWordWrap(True)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        # The chart below takes what is left; the figures are never squeezed.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_figure(self, value: str, detail: str = "", colour: str = "") -> None:
        """Show *value* (and a detail line)."""
        self.value.setText(value)
        style = "font-size: 17pt; font-weight: bold;"
        self.value.setStyleSheet(style + (f" color: {colour};" if colour else ""))
        self.detail.setText(detail or " ")


def draw_sales_chart(months: list, labels: list[str]) -> bytes:
    """Return the 12-month sales chart as SVG bytes (run as a job: ReportLab is slow to load)."""
    from reportlab.graphics import renderSVG

    from coopdesk.reports.chart import sales_chart

    text = renderSVG.drawToString(sales_chart(months, labels=labels))
    return text.encode("utf-8") if isinstance(text, str) else text


class HomeView(WatchingView):
    """The month's figures from services.summary.month_summary, as the CLI prints them."""

    watch = frozenset({Kind.WORKDAYS, Kind.RATES, Kind.SALES, Kind.PURCHASES, Kind.PAYMENTS,
                       Kind.EXPENSES, Kind.SETTINGS, Kind.MEMBERS, Kind.PRODUCTS, Kind.CREDITS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.month = QComboBox()
        self.month.setMinimumContentsLength(16)
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip(_("Previous month"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(_("Next month"))
        for button in (self.prev_button, self.next_button):
            button.setFixedWidth(36)
        self.prev_button.clicked.connect(lambda: self._step(+1))
        self.next_button.clicked.connect(lambda: self._step(-1))

        top = QHBoxLayout()
        self.title = title_label(_("This month"))
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.prev_button)
        top.addWidget(self.month)
        top.addWidget(self.next_button)

        self.cards: dict[str, Card] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        captions = [
            ("workdays", _("Workdays")),
            ("earned", _("Labor earned")),
            ("paid", _("Labor paid")),
            ("owed", _("Owed to the members")),
            ("sales", _("Sales")),
            ("pending", _("Sales not yet paid")),
            ("purchases", _("Purchases")),
            ("expenses", _("Other expenses")),
            ("result", _("Result of the month")),
        ]
        for position, (key, caption) in enumerate(captions):
            card = Card(caption)
            self.cards[key] = card
            grid.addWidget(card, position // 3, position % 3)

        self.year_title = QLabel()
        self.year_title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.bars = QProgressBar()
        self.bars.setTextVisible(True)
        self.bars.setMinimumHeight(26)
        self.bars_text = QLabel()
        self.bars_text.setWordWrap(True)
        self.buyer_share = QLabel()
        self.buyer_share.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.demo_banner = None
        if ctx.demo:
            self.demo_banner = demo_banner(self)
            layout.addWidget(self.demo_banner)
        self.first_steps = FirstStepsBox(ctx)
        layout.addWidget(self.first_steps)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(self.year_title)
        layout.addWidget(self.bars)
        layout.addWidget(self.bars_text)
        layout.addWidget(self.buyer_share)
        self.chart = QSvgWidget()
        self.chart.hide()
        layout.addWidget(self.chart, 1, Qt.AlignmentFlag.AlignLeft)
        #: Said where the chart would be when drawing it failed (the figures stay right).
        self.chart_error = QLabel()
        self.chart_error.setObjectName("chart_error")
        self.chart_error.setStyleSheet("color: #b00020;")
        self.chart_error.setWordWrap(True)
        self.chart_error.hide()
        layout.addWidget(self.chart_error)
        self._chart_job: Job | None = None
        layout.addStretch(1)
        self.month.currentIndexChanged.connect(lambda _i: self.show_month())

    def _step(self, delta: int) -> None:
        index = self.month.currentIndex() + delta
        if 0 <= index < self.month.count():
            self.month.setCurrentIndex(index)

    def refresh(self) -> None:
        """Offer the book's months (newest first) and show the chosen one."""
        self.first_steps.refresh()
        chosen = self.selected_month()
        span = record_span(self.ctx.book)
        first = Month.of(span[0]) if span else chosen
        last = max(chosen, Month(*latest_month(self.ctx.book)))
        self.month.blockSignals(True)
        self.month.clear()
        for month in reversed(first.until(last)):  # newest first
            self.month.addItem(month_title(*month), month.key)
        self.month.setCurrentIndex(max(self.month.findData(chosen.key), 0))
        self.month.blockSignals(False)
        self.show_month()

    def selected_month(self) -> Month:
        """Return the month shown (the latest month with records until one is chosen)."""
        key = self.month.currentData()
        return Month.parse(key) if key else Month(*latest_month(self.ctx.book))

    def show_month(self) -> None:
        """Fill the cards from the month's summary and the year's bars."""
        year, month = self.selected_month()
        s = month_summary(self.ctx.book, year, month)
        self.title.setText(month_title(year, month).capitalize())
        self.prev_button.setEnabled(self.month.currentIndex() < self.month.count() - 1)
        self.next_button.setEnabled(self.month.currentIndex() > 0)
        c = self.cards
        c["workdays"].show_figure(quantity(s.workdays))
        c["earned"].show_figure(money(s.earned))
        c["paid"].show_figure(money(s.paid))
        c["owed"].show_figure(money(s.owed_to_members), _("at the end of the month"))
        c["sales"].show_figure(
            money(s.sales_total),
            ngettext("{count} sale, {units} bars", "{count} sales, {units} bars",
                     s.sales_count).format(count=s.sales_count, units=number(s.sales_units)),
        )
        c["pending"].show_figure(money(s.sales_unpaid), colour="#b35c00" if s.sales_unpaid else "")
        c["purchases"].show_figure(money(s.purchases_total))
        c["expenses"].show_figure(money(s.expenses_total))
        c["result"].show_figure(
            money(s.result),
            _("sales − purchases − expenses − labor"),
            colour="#1b7f3b" if s.result >= 0 else "#b00020",
        )
        self.show_year(year)
        self.show_chart(year, month)

    def show_chart(self, year: int, month: int) -> None:
        """Draw the sales of the 12 months ending with the one shown (in the background)."""
        if self.first_steps.isVisibleTo(self):
            # A new book's chart is empty, and 1366×768 has room for the steps or for it.
            self.chart.hide()
            self._chart_job = None
            return
        months = last_months_sales(self.ctx.book, year=year, month=month)
        labels = [month_short(y, m) for y, m, _t in months]
        # Not owned by the view: coopdesk.gui.jobs keeps it until it ends.
        job = Job(lambda _step: draw_sales_chart(months, labels), name="sales chart")
        job.done.connect(self._chart_drawn)  # not called once the view is gone
        self._chart_job = job
        job.start()

    def _chart_drawn(self) -> None:
        job = self.sender()
        if job is not self._chart_job:
            return  # an older month's chart arriving late
        if job.error is not None:  # logged by the job; said here, in place of the chart
            self.chart.hide()
            self.chart_error.setText(_("The sales chart could not be drawn: {problem}").format(
                problem=error_sentence(job.error)))
            self.chart_error.show()
            return
        self.chart_error.hide()
        self.chart.load(QByteArray(job.result))
        size = self.chart.renderer().defaultSize()
        height = CHART_HEIGHT
        self.chart.setFixedSize(int(size.width() * height / max(size.height(), 1)), height)
        self.chart.show()

    def show_year(self, year: int) -> None:
        """Show the bars sold in *year* against break-even and target, and the main buyer."""
        settings = get_settings(self.ctx.book)
        sold = bars_sold(self.ctx.book, year)
        self.year_title.setText(_("Bars sold in {year}").format(year=year))
        self.bars_text.setText(goals_text(settings, sold))
        target = settings.target_units
        self.bars.setVisible(target is not None)
        if target is not None:
            self.bars.setRange(0, max(target, 1))
            self.bars.setValue(min(int(sold), target))
            self.bars.setFormat(
                _("{sold} of {target} bars").format(sold=number(sold), target=number(target))
            )
        by_buyer = sales_by_buyer(self.ctx.book, year)
        total = sum((t for _b, t in by_buyer), Decimal("0.00"))
        if not by_buyer or total == 0:
            self.buyer_share.setText(_("No sales this year yet."))
            self.buyer_share.setStyleSheet("")
            return
        name, top = by_buyer[0]
        share = (top * 100 / total).quantize(Decimal("1"))
        text = _("Main buyer in {year}: {name}, {percent} of the sales ({amount}).").format(
            year=year, name=name, percent=f"{share}%", amount=money(top)
        )
        if share > 50:
            text += " " + _("More than half of the sales depend on one buyer.")
            self.buyer_share.setStyleSheet(
                "background: #fff3cd; color: #7a4f00; padding: 6px; font-weight: bold;"
                " border: 1px solid #e0b000; border-radius: 4px;"
            )
        else:
            self.buyer_share.setStyleSheet("padding: 6px;")
        self.buyer_share.setText(text)


def goals_text(settings, sold) -> str:
    """The line under the bars: break-even and target once set, never invented ones."""
    even, target = settings.break_even_units, settings.target_units
    if even is None and target is None:
        return _("{sold} bars sold. No break-even or target set yet: see the first steps."
                 ).format(sold=number(sold))
    parts = []
    if even is not None:
        missing = even - sold
        if missing > 0:
            parts.append(_("Break-even at {even} bars: {missing} bars to go.").format(
                even=number(even), missing=number(missing)))
        else:
            parts.append(_("Break-even of {even} bars reached.").format(even=number(even)))
    if target is not None:
        parts.append(_("Target: {target} bars.").format(target=number(target)))
    if settings.goals_from_case_study:
        parts.append(_("(The case study's figures, not yet the cooperative's own.)"))
    return " ".join(parts)


def demo_banner(view: QWidget) -> QFrame:
    """Say plainly that this is the demo, with the way to her own book."""
    from coopdesk.gui.restarting import leave_demo

    banner = QFrame()
    banner.setObjectName("demo_banner")
    banner.setStyleSheet(
        "QFrame#demo_banner { background: #fff3cd; border: 1px solid #e0b000;"
        " border-radius: 4px; }"
    )
    row = QHBoxLayout(banner)
    text = QLabel(_("DEMO: an invented cooperative in a book of its own. Nothing recorded "
                    "here goes into your cooperative's book."))
    text.setWordWrap(True)
    text.setStyleSheet("color: #7a4f00; font-weight: bold;")
    button = QPushButton(_("Start my cooperative's book…"))
    button.clicked.connect(lambda: leave_demo(view))
    row.addWidget(text, 1)
    row.addWidget(button)
    return banner
