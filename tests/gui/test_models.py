import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from coopdesk.gui.models.buyer_debts_model import BuyerDebtsModel
from coopdesk.gui.models.expenses_model import ExpensesModel
from coopdesk.gui.models.members_model import COL_CODE, COL_STATUS, MembersModel
from coopdesk.gui.models.month_summary_model import MonthSummaryModel
from coopdesk.gui.models.payments_model import PaymentsModel
from coopdesk.gui.models.purchases_model import PurchasesModel
from coopdesk.gui.models.roles import VOIDED_ROLE
from coopdesk.gui.models.sales_model import COL_RECEIPT, COL_TOTAL, SalesModel
from coopdesk.gui.models.sales_model import COL_STATUS as SALE_STATUS
from coopdesk.i18n import _
from coopdesk.services import queries
from coopdesk.services.queries import ListFilter
from coopdesk.services.summary import month_summary
from coopdesk.services.trade import void_sale

ALL = ListFilter()


def _loader(book, page_fn, filt=ALL):
    return lambda after, limit: page_fn(book, filt, after, limit)


@pytest.mark.parametrize(
    "model_cls, page_fn",
    [
        (MembersModel, queries.members_page),
        (SalesModel, queries.sales_page),
        (PurchasesModel, queries.purchases_page),
        (PaymentsModel, queries.payments_page),
        (ExpensesModel, queries.expenses_page),
    ],
)
def test_list_models_pass_the_model_tester(qtmodeltester, demo_book, model_cls, page_fn):
    model = model_cls(page=25)
    model.load(_loader(demo_book, page_fn))
    assert model.rowCount() == 25 or not model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    qtmodeltester.check(model)


def test_side_models_pass_the_model_tester(qtmodeltester, demo_book):
    debts = BuyerDebtsModel()
    debts.set_rows(queries.buyer_debts(demo_book))
    qtmodeltester.check(debts)
    summary = MonthSummaryModel()
    summary.set_rows(month_summary(demo_book, 2022, 10).members)
    qtmodeltester.check(summary)
    assert summary.rowCount() == len(month_summary(demo_book, 2022, 10).members)


def test_sales_are_fetched_in_pages(demo_book):
    with demo_book.read() as session:
        count = session.connection().exec_driver_sql("SELECT count(*) FROM sale").scalar()
    model = SalesModel(page=50)
    model.load(_loader(demo_book, queries.sales_page))
    assert model.rowCount() == 50
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == count
    numbers = [model.row_at(r).receipt_number for r in range(model.rowCount())]
    assert numbers == sorted(set(numbers), reverse=True)  # pages by key: no gap, no repeat
    # Newest receipt first.
    assert model.index(0, COL_RECEIPT).data() == f"001-{count:06d}"


def test_voided_sale_stays_visible_and_is_marked(demo_book):
    void_sale(demo_book, receipt_number=5, reason="typed twice")
    model = SalesModel()
    model.load(_loader(demo_book, queries.sales_page, ListFilter(text="001-000005")))
    model.load(_loader(demo_book, queries.sales_page, ListFilter(month=(2022, 1))))
    rows = [r for r in range(model.rowCount()) if model.row_at(r).receipt_number == 5]
    assert len(rows) == 1
    index = model.index(rows[0], SALE_STATUS)
    assert index.data(VOIDED_ROLE) == 1
    assert index.data() == _("Voided")
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "typed twice"
    other = model.index((rows[0] + 1) % model.rowCount(), SALE_STATUS)
    assert other.data(VOIDED_ROLE) == 0


def test_month_filter_and_search_in_sales(demo_book):
    model = SalesModel()
    model.load(_loader(demo_book, queries.sales_page, ListFilter(month=(2022, 3), text="Thika")))
    with demo_book.read() as session:
        expected = session.connection().exec_driver_sql(
            "SELECT count(*), sum(s.total) FROM sale s JOIN buyer b ON b.id = s.buyer_id"
            " WHERE b.name = 'Thika Thani' AND s.day BETWEEN '2022-03-01' AND '2022-03-31'"
        ).one()
    assert model.rowCount() == expected[0] > 0
    shown = sum(model.row_at(r).total for r in range(model.rowCount()))
    assert shown == Decimal(expected[1]) / 100
    assert model.index(0, COL_TOTAL).data().startswith("S/")


def test_members_model_shows_status_words(demo_book):
    model = MembersModel()
    model.load(_loader(demo_book, queries.members_page))
    codes = [model.index(r, COL_CODE).data() for r in range(model.rowCount())]
    assert codes == sorted(codes)
    s08 = codes.index("S08")
    assert model.index(s08, COL_STATUS).data() == _("released")


def test_members_month_filter_shows_who_was_a_member(demo_book):
    model = MembersModel()
    model.load(_loader(demo_book, queries.members_page, ListFilter(month=(2022, 1))))
    codes = {model.row_at(r).code for r in range(model.rowCount())}
    assert "S19" in codes  # joined 10/01/2022
    assert "S20" not in codes  # joined 07/02/2022
    assert dt.date(2022, 1, 1)  # the filter uses the month's bounds


def _amount(text: str) -> Decimal:
    """Read back an amount as the screen shows it (``S/ 1,234.50``, ``-S/ 5.00``)."""
    clean = text.replace("S/", "").replace(",", "").replace("\u2212", "-").replace(" ", "")
    return Decimal(clean.replace("\xa0", ""))


def test_each_row_of_the_month_adds_up_as_shown(demo_book):
    """What the Reportes screen shows adds up on every row, deductions included: a column
    left out (the share capital taken from her pay) would make a row seem wrong."""
    model = MonthSummaryModel()
    model.set_rows(month_summary(demo_book, 2022, 12).members)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    names = ("Owed at start", "Earned", "Credited", "Paid", "Deducted", "Owed at end")
    col = {name: headers.index(_(name)) for name in names}
    deducted_somewhere = False
    for r in range(model.rowCount()):
        cell = lambda name: _amount(model.index(r, col[name]).data())  # noqa: E731
        shown = (cell("Owed at start") + cell("Earned") + cell("Credited") - cell("Paid")
                 - cell("Deducted"))
        assert shown == cell("Owed at end"), model.index(r, 0).data()
        deducted_somewhere |= cell("Deducted") > 0
    assert deducted_somewhere  # the demo's December has contributions taken from pay


def test_the_funds_and_sessions_models_pass_the_model_tester(qtmodeltester, demo_book):
    """Fondos pages by (day, id): four at a time, every movement comes once, newest first."""
    from coopdesk.gui.models.assembly_sessions_model import AssemblySessionsModel
    from coopdesk.gui.models.funds_model import FundsModel
    from coopdesk.services.assemblies import list_sessions

    funds = FundsModel(page=4)
    funds.load(_loader(demo_book, queries.funds_page))
    assert funds.rowCount() == 4 and funds.canFetchMore()
    qtmodeltester.check(funds)
    while funds.canFetchMore():
        funds.fetchMore()
    qtmodeltester.check(funds)
    with demo_book.read() as reader:
        expected = [u for (u,) in reader.connection().exec_driver_sql(
            "SELECT uuid FROM fund_movement ORDER BY day DESC, id DESC")]
    assert [funds.row_at(r).uuid for r in range(funds.rowCount())] == expected
    sessions = AssemblySessionsModel()
    sessions.set_rows(list_sessions(demo_book))
    qtmodeltester.check(sessions)
    assert sessions.rowCount() == len(list_sessions(demo_book)) > 0
