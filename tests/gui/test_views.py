import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from coopdesk.formats import money
from coopdesk.gui.dialogs.mark_paid_dialog import MarkPaidDialog
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.roles import VOIDED_ROLE
from coopdesk.gui.models.sales_model import COL_STATUS
from coopdesk.gui.views.expenses_view import ExpensesView
from coopdesk.gui.views.home_view import HomeView
from coopdesk.gui.views.members_view import MembersView
from coopdesk.gui.views.payments_view import PaymentsView
from coopdesk.gui.views.purchases_view import PurchasesView
from coopdesk.gui.views.reports_view import ReportsView
from coopdesk.gui.views.sales_view import SalesView
from coopdesk.i18n import _
from coopdesk.services.queries import buyer_debts
from coopdesk.services.trade import sale_by_number


def _sql(book, sql, *params):
    with book.transaction() as session:
        return session.connection().exec_driver_sql(sql, params).one()


def _fake_exec(fill):
    def run(self):
        self.show()
        fill(self)
        self.accept()
        return self.result()

    return run


def _select(view, predicate):
    model = view.model
    while model.canFetchMore():
        model.fetchMore()
    for row in range(model.rowCount()):
        if predicate(model.row_at(row)):
            view.table.selectRow(row)
            return row
    raise AssertionError("row not found")


def test_void_a_sale_keeps_it_visible_struck_through(qtbot, ctx, monkeypatch):
    view = SalesView(ctx)
    qtbot.addWidget(view)
    view.show()
    row = _select(view, lambda s: s.receipt_number == 100)
    assert view.void_button.isEnabled()
    monkeypatch.setattr(
        VoidDialog, "exec", _fake_exec(lambda d: qtbot.keyClicks(d.reason, "typed twice"))
    )
    qtbot.mouseClick(view.void_button, Qt.MouseButton.LeftButton)
    with ctx.book.transaction() as session:
        assert sale_by_number(session, 100).void_reason == "typed twice"
    row = _select(view, lambda s: s.receipt_number == 100)
    index = view.model.index(row, COL_STATUS)
    assert index.data(VOIDED_ROLE) == 1
    assert index.data() == _("Voided")
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "typed twice"
    assert not view.void_button.isEnabled()


def test_mark_a_pending_sale_paid_and_the_debts_panel(qtbot, ctx, monkeypatch):
    number, total, buyer = _sql(
        ctx.book,
        "SELECT s.receipt_number, s.total, b.name FROM sale s JOIN buyer b ON b.id = s.buyer_id"
        " WHERE NOT s.paid AND s.voided_at IS NULL ORDER BY s.receipt_number LIMIT 1",
    )
    owed_before = _sql(
        ctx.book,
        "SELECT sum(s.total) FROM sale s JOIN buyer b ON b.id = s.buyer_id"
        " WHERE NOT s.paid AND s.voided_at IS NULL AND b.name = ?", buyer,
    )[0]
    view = SalesView(ctx)
    qtbot.addWidget(view)
    view.show()
    debts = {d.buyer: d.total for d in buyer_debts(ctx.book)}
    assert debts[buyer] == Decimal(owed_before) / 100
    _select(view, lambda s: s.receipt_number == number)
    assert view.paid_button.isEnabled()
    monkeypatch.setattr(MarkPaidDialog, "exec", _fake_exec(lambda d: None))
    qtbot.mouseClick(view.paid_button, Qt.MouseButton.LeftButton)
    with ctx.book.transaction() as session:
        assert sale_by_number(session, number).paid
    remaining = (Decimal(owed_before) - Decimal(total)) / 100
    shown = {
        view.debts_model.row_at(r).buyer: view.debts_model.row_at(r).total
        for r in range(view.debts_model.rowCount())
    }
    assert shown.get(buyer, Decimal("0.00")) == remaining


def test_sales_search_and_month_filter(qtbot, ctx):
    view = SalesView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.month_filter.set_month((2022, 6))
    with qtbot.waitSignal(view.search.searchChanged, timeout=2000):
        qtbot.keyClicks(view.search, "Thika")
    count = _sql(
        ctx.book,
        "SELECT count(*) FROM sale s JOIN buyer b ON b.id = s.buyer_id"
        " WHERE b.name = 'Thika Thani' AND s.day LIKE '2022-06-%'",
    )[0]
    assert view.model.rowCount() == count > 0


def test_after_a_sale_the_receipt_number_is_shown(qtbot, ctx, no_modal, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: texts.append(self.text()) or 0)
    view = SalesView(ctx)
    qtbot.addWidget(view)
    view.after_sale(189)
    assert texts == [
        _("The sale was saved with receipt number {receipt}.").format(receipt="001-000189")
    ]


def test_void_a_payment_an_expense_and_a_purchase(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(
        VoidDialog, "exec", _fake_exec(lambda d: qtbot.keyClicks(d.reason, "wrong amount"))
    )
    for view_class, table in (
        (PaymentsView, "member_payment"), (ExpensesView, "expense"), (PurchasesView, "purchase"),
    ):
        live_before = _sql(ctx.book, f"SELECT count(*) FROM {table} WHERE voided_at IS NULL")[0]
        view = view_class(ctx)
        qtbot.addWidget(view)
        view.show()
        view.table.selectRow(0)
        qtbot.mouseClick(view.void_button, Qt.MouseButton.LeftButton)
        live_after = _sql(ctx.book, f"SELECT count(*) FROM {table} WHERE voided_at IS NULL")[0]
        assert live_after == live_before - 1
        assert view.model.row_at(0).voided
        assert view.model.index(0, 0).data(VOIDED_ROLE) == 1


def test_members_view_lists_every_member(qtbot, ctx):
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == _sql(ctx.book, "SELECT count(*) FROM member")[0]


def test_home_shows_the_month_from_the_book(qtbot, ctx):
    view = HomeView(ctx)
    qtbot.addWidget(view)
    view.show()
    index = view.month.findData("2022-10")
    view.month.setCurrentIndex(index)
    sales = _sql(
        ctx.book,
        "SELECT sum(total), sum(CASE WHEN paid THEN 0 ELSE total END) FROM sale"
        " WHERE voided_at IS NULL AND day LIKE '2022-10-%'",
    )
    expenses = _sql(
        ctx.book, "SELECT sum(amount) FROM expense WHERE voided_at IS NULL AND day LIKE '2022-10-%'"
    )[0]
    assert view.cards["sales"].value.text() == money(Decimal(sales[0]) / 100)
    assert view.cards["pending"].value.text() == money(Decimal(sales[1]) / 100)
    assert view.cards["expenses"].value.text() == money(Decimal(expenses) / 100)
    bars = _sql(
        ctx.book,
        "SELECT sum(l.quantity) FROM sale_line l JOIN sale s ON s.id = l.sale_id"
        " WHERE s.voided_at IS NULL AND s.day LIKE '2022-%'",
    )[0]
    assert view.bars.value() == bars // 1000
    assert "Thika Thani" in view.buyer_share.text()


def test_reports_view_shows_the_month_per_member(qtbot, ctx):
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.month.setCurrentIndex(view.month.findData("2022-10"))
    worked = _sql(
        ctx.book,
        "SELECT count(DISTINCT member_id) FROM workday WHERE voided_at IS NULL"
        " AND day LIKE '2022-10-%'",
    )[0]
    assert view.model.rowCount() >= worked > 0


def test_receipts_and_documents_reach_the_preview(qtbot, ctx, monkeypatch):
    from coopdesk.gui.views import receipts

    shown = []
    preview = lambda parent, title, pdf: shown.append((title, pdf))  # noqa: E731
    monkeypatch.setattr(receipts, "show_document", preview)
    view = SalesView(ctx)
    qtbot.addWidget(view)
    view.print_receipt(7)
    assert shown and shown[-1][1].startswith(b"%PDF")
    assert "001-000007" in shown[-1][0]

    payments = PaymentsView(ctx)
    qtbot.addWidget(payments)
    payments.show()
    payments.table.selectRow(0)
    qtbot.mouseClick(payments.print_button, Qt.MouseButton.LeftButton)
    assert shown[-1][1].startswith(b"%PDF")

    reports = ReportsView(ctx)
    qtbot.addWidget(reports)
    reports.show()
    reports.month.setCurrentIndex(reports.month.findData("2022-10"))
    buttons = [
        reports.document_buttons.itemAt(i).widget()
        for i in range(reports.document_buttons.count())
        if reports.document_buttons.itemAt(i).widget()
    ]
    from coopdesk.gui.views import documents

    monkeypatch.setattr(documents, "_pick_member", lambda view: "S01")
    period = (dt.date(2022, 3, 1), dt.date(2022, 8, 31))
    monkeypatch.setattr(documents, "_pick_period", lambda view, year: period)
    assert len(buttons) == 6
    for button in buttons:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert shown[-1][0] == button.text().rstrip("…")
        assert shown[-1][1].startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    wanted = _("Workdays record of a member…").rstrip("…")
    record = next(pdf for title, pdf in shown if title == wanted)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(record)).pages)
    assert "01/03/2022" in text and "31/08/2022" in text  # the period chosen


def test_documents_are_made_off_the_gui_thread(qtbot, ctx, no_modal, monkeypatch):
    import threading

    from coopdesk.domain.errors import InvalidInput
    from coopdesk.gui.views import receipts

    view = ReportsView(ctx)
    qtbot.addWidget(view)
    view.show()
    threads = []

    def make():
        threads.append(threading.current_thread())
        return b"%PDF-1.4 test"

    shown = []
    monkeypatch.setattr(receipts, "show_document", lambda p, t, pdf: shown.append(pdf))
    receipts.produce(view, "Test", make)
    assert threads and threads[0] is not threading.main_thread()
    assert shown == [b"%PDF-1.4 test"]
    assert view.isEnabled()

    def refuse():
        raise InvalidInput("There is no member with the code “S99”.")

    receipts.produce(view, "Test", refuse)
    assert no_modal == [("warning", "There is no member with the code “S99”.")]
    assert view.isEnabled()


def test_a_document_that_fails_is_said_and_logged(qtbot, ctx, no_modal, caplog):
    from coopdesk.gui.views import receipts

    view = ReportsView(ctx)
    qtbot.addWidget(view)
    view.show()

    def broken():
        raise KeyError("font")

    with caplog.at_level("ERROR", logger="coopdesk.gui.jobs"):
        receipts.produce(view, "Test", broken)
    assert no_modal == [("warning", _(
        "The work could not be finished ({kind}). Nothing was changed; the details are in "
        "the program's log.").format(kind="KeyError"))]
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    assert view.isEnabled()


def test_home_draws_the_sales_chart_in_the_background(qtbot, ctx):
    view = HomeView(ctx)
    qtbot.addWidget(view)
    view.show()
    if view.chart is None:
        return
    qtbot.waitUntil(lambda: view.chart.isVisible(), timeout=10000)
    assert view.chart.renderer().isValid()


def test_quitting_right_after_start_waits_for_the_chart(qtbot, ctx):
    from coopdesk.gui import jobs
    from coopdesk.gui.views import home_view

    view = home_view.HomeView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.show_chart(2022, 10)  # a drawing job starts now
    assert jobs.running_jobs()
    assert jobs.wait_for_jobs()
    assert not jobs.running_jobs()


def test_a_chart_that_cannot_be_drawn_says_so_and_is_logged(qtbot, ctx, monkeypatch, caplog):
    from coopdesk.gui.views import home_view

    def broken(months, labels):
        raise ValueError("no months")

    monkeypatch.setattr(home_view, "draw_sales_chart", broken)
    view = home_view.HomeView(ctx)
    qtbot.addWidget(view)
    with caplog.at_level("ERROR", logger="coopdesk.gui.jobs"):
        view.show()
        qtbot.waitUntil(view.chart_error.isVisible, timeout=10_000)
    assert view.chart_error.text() == _("The sales chart could not be drawn: {problem}").format(
        problem=_("The work could not be finished ({kind}). Nothing was changed; the details "
                  "are in the program's log.").format(kind="ValueError"))
    assert not view.chart.isVisible()
    assert [r.exc_info[0] for r in caplog.records if r.exc_info] == [ValueError]
    # The month's figures are there all the same.
    assert view.cards["sales"].value.text()


def test_the_receipt_printed_at_save_is_the_original_later_ones_are_reprints(
        qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from coopdesk.gui.views import receipts
    from coopdesk.reports.receipts import REPRINT_STAMP
    from tests.reports.conftest import pdf_text

    shown = []
    monkeypatch.setattr(receipts, "show_document",
                        lambda parent, title, pdf: shown.append(pdf_text(pdf)))
    chosen = {}

    def press_print(box):  # the person presses «Print or preview the receipt»
        chosen["button"] = next(b for b in box.buttons()
                                if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_print)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: chosen["button"])
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    mark = _(REPRINT_STAMP)
    sales = SalesView(ctx)
    qtbot.addWidget(sales)
    sales.after_sale(7)  # right after saving
    assert "001-000007" in shown[-1] and mark not in shown[-1]
    sales.print_receipt(7)  # later, from the list
    assert shown[-1].count(mark) == 2

    payments = PaymentsView(ctx)
    qtbot.addWidget(payments)
    uuid = _sql(ctx.book, "SELECT uuid FROM member_payment ORDER BY id DESC LIMIT 1")[0]
    payments.print_receipt(uuid, ask=True)  # right after saving
    assert mark not in shown[-1]
    payments.print_receipt(uuid)  # later
    assert shown[-1].count(mark) == 2
