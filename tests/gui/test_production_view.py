"""Producción: a batch typed in the form is saved, stock follows, a count is logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate

from coopdesk.services import production
from tests.services.costing_helpers import CHOCO, fill_costing_book


@pytest.fixture
def ctx(qapp, book):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner

    fill_costing_book(book)
    return AppContext(book, OperationRunner())


def test_a_batch_typed_in_the_form_is_saved_and_listed(qtbot, ctx):
    from coopdesk.gui.views.production_view import BatchDialog, ProductionView

    view = ProductionView(ctx)
    qtbot.addWidget(view)
    view.show()
    dialog = BatchDialog(ctx, view)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 3, 3))
    dialog.product.setCurrentText(CHOCO)
    qtbot.keyClicks(dialog.units, "100")
    combo, amount = dialog.input_rows[0]
    combo.setCurrentText("Cacao")
    qtbot.keyClicks(amount, "20")
    assert dialog.is_valid()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    [row] = production.list_batches(ctx.book)
    assert (row.product, row.units, row.inputs_cost) == (CHOCO, D(100), 20 * D("12.50"))
    assert view.batches.rowCount() == 1
    assert view.batches.item(0, 1).text() == CHOCO


def test_a_batch_using_more_than_the_stock_is_refused_next_to_the_inputs(qtbot, ctx):
    from coopdesk.gui.views.production_view import BatchDialog

    dialog = BatchDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 3, 3))
    qtbot.keyClicks(dialog.units, "10")
    combo, amount = dialog.input_rows[0]
    combo.setCurrentText("Cacao")
    qtbot.keyClicks(amount, "41")
    dialog.accept()
    assert dialog.isVisible()
    assert "40" in dialog.error_label("inputs").text()
    assert production.list_batches(ctx.book) == []


def test_a_stock_count_is_logged(qtbot, ctx):
    from coopdesk.gui.views.production_view import StockCountDialog

    dialog = StockCountDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 3, 31))
    dialog.name.setCurrentText("Cacao")
    assert dialog.expected.text() == "40 kg"
    qtbot.keyClicks(dialog.counted, "39.5")
    qtbot.keyClicks(dialog.reason, "Merma")
    dialog.accept()
    cacao = {s.name: s for s in production.input_stock(ctx.book, dt.date(2022, 3, 31))}["Cacao"]
    assert cacao.stock == D("39.5")
