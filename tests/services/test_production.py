"""Production batches valued at weighted-average cost, stock, and logged stock counts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal as D

import pytest

from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.services import production
from coopdesk.services.check import check_book
from tests.services.costing_helpers import CHOCO, HONEY, fill_costing_book

d = dt.date


@pytest.fixture
def costing_book(book):
    fill_costing_book(book)
    return book


def _batches(book):
    first = production.record_batch(
        book, day=d(2022, 3, 3), product=CHOCO, units=D(100),
        inputs=[("Cacao", D(20)), ("envolturas", D(100))], workdays=D(2))
    second = production.record_batch(
        book, day=d(2022, 3, 4), product=HONEY, units=D(40),
        inputs=[("Cacao", D(8)), ("Envolturas", D(40))])
    return first, second


def test_inputs_are_valued_at_the_weighted_average(costing_book):
    first, second = _batches(costing_book)
    # Cacao: 30 kg × 12 + 10 kg × 14 = 500.00 for 40 kg → 12.50 a kg. Wrappers 0.35 each.
    assert first.inputs_cost == 20 * D("12.50") + 100 * D("0.35") == D("285.00")
    assert second.inputs_cost == 8 * D("12.50") + 40 * D("0.35") == D("114.00")
    rows = production.list_batches(costing_book)
    assert [r.product for r in rows] == [HONEY, CHOCO]
    assert rows[1].workdays == D(2)
    assert rows[1].cost_per_unit == D("2.8500")


def test_stock_of_inputs_and_products(costing_book):
    _batches(costing_book)
    inputs = {s.name: s for s in production.input_stock(costing_book)}
    assert inputs["Cacao"].stock == D(40) - D(28)
    assert inputs["Cacao"].average_cost == D("12.5000")
    assert inputs["Cacao"].value == D("150.00")
    assert inputs["Envolturas"].stock == D(200) - D(140)
    products = {s.name: s for s in production.product_stock(costing_book)}
    assert products[CHOCO].stock == D(100) - D(50)
    assert products[HONEY].stock == D(40) - D(20)


def test_a_batch_cannot_use_more_than_the_stock_of_its_day(costing_book):
    with pytest.raises(Conflict) as refused:
        # On 01/03 only the first 30 kg of cacao had been bought.
        production.record_batch(costing_book, day=d(2022, 3, 1), product=CHOCO, units=D(10),
                                inputs=[("Cacao", D(31))])
    assert refused.value.field == "inputs"
    assert production.list_batches(costing_book) == []


@pytest.mark.parametrize("kwargs, error", [
    ({"product": "Turrón"}, NotFound),
    ({"units": D(0)}, InvalidInput),
    ({"units": D("1.0001")}, InvalidInput),
    ({"inputs": [("Azúcar", D(1))]}, NotFound),
    ({"inputs": [("Cacao", D(-1))]}, InvalidInput),
    ({"workdays": D(-1)}, InvalidInput),
])
def test_bad_batches_are_refused(costing_book, kwargs, error):
    base = {"day": d(2022, 3, 5), "product": CHOCO, "units": D(10), "inputs": [("Cacao", D(1))]}
    with pytest.raises(error):
        production.record_batch(costing_book, **{**base, **kwargs})


def test_a_stock_count_is_logged_with_its_reason(costing_book):
    _batches(costing_book)
    production.adjust_stock(costing_book, day=d(2022, 3, 31), kind="input", name="cacao",
                            counted=D("11.5"), reason="Merma al tostar")
    cacao = {s.name: s for s in production.input_stock(costing_book)}["Cacao"]
    assert cacao.adjusted == D("-0.5")
    assert cacao.stock == D("11.5")
    production.adjust_stock(costing_book, day=d(2022, 3, 31), kind="product", name=CHOCO,
                            counted=D(48), reason="Dos barras rotas")
    assert {s.name: s for s in production.product_stock(costing_book)}[CHOCO].stock == D(48)
    with pytest.raises(Conflict):
        production.adjust_stock(costing_book, day=d(2022, 3, 31), kind="product", name=CHOCO,
                                counted=D(48), reason="otra vez")
    with pytest.raises(InvalidInput):
        production.adjust_stock(costing_book, day=d(2022, 3, 31), kind="product", name=CHOCO,
                                counted=D(47), reason="  ")
    with costing_book.read() as session:
        actions = session.connection().exec_driver_sql(
            "SELECT reason FROM audit_event WHERE entity='stock_adjustment' ORDER BY id").all()
    assert [a[0] for a in actions] == ["Merma al tostar", "Dos barras rotas"]


def test_a_voided_batch_gives_its_inputs_back(costing_book):
    first, _second = _batches(costing_book)
    production.void_batch(costing_book, uuid=first.uuid, reason="Registrado dos veces")
    cacao = {s.name: s for s in production.input_stock(costing_book)}["Cacao"]
    assert cacao.stock == D(40) - D(8)
    assert {s.name: s for s in production.product_stock(costing_book)}[CHOCO].stock == D(-50)
    with pytest.raises(Conflict):
        production.void_batch(costing_book, uuid=first.uuid, reason="otra vez")


def test_batches_are_guarded_and_sealed(costing_book, tmp_path):
    _batches(costing_book)
    assert check_book(costing_book).ok, check_book(costing_book).lines()
    path = costing_book.path
    costing_book.close()
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("DELETE FROM production_batch")
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("UPDATE batch_input SET cost = 1")
    finally:
        conn.close()


def test_the_demo_makes_at_least_the_bars_it_sells(demo_book):
    rows = production.list_batches(demo_book)
    assert len({r.day.month for r in rows}) >= 3
    for line in production.product_stock(demo_book):
        assert line.came_in >= line.went_out, line
    assert all(s.stock >= 0 for s in production.input_stock(demo_book))
