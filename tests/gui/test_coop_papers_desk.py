"""Informes › Cooperativa: the padrón, a certificate of contributions and the month's registers.

Pressed with the keyboard (Space on a focused button, keys typed into each question as
it opens). The PDFs are read back and compared with the book read by the test's own
SQL; the registers' totals with the month's live sales and purchases summed here. A
refused folder says its sentence under the field and writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QPushButton

from coopdesk.domain.month import Month
from coopdesk.gui.dialogs.registers_dialog import RegistersDialog
from coopdesk.gui.views.reports_view import ReportsView
from coopdesk.i18n import _
from coopdesk.services.shares import record_share_movement
from tests.reports.conftest import pdf_text

OCT = Month(2022, 10)


@pytest.fixture
def reports(qtbot, ctx, monkeypatch):
    shown: list[tuple[str, bytes]] = []
    monkeypatch.setattr("coopdesk.gui.views.receipts.show_document",
                        lambda _parent, title, pdf: shown.append((title, pdf)))
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    view.month.setCurrentIndex(view.month.findData(OCT.key))
    view.shown = shown
    return view


def _coop_button(view, name: str) -> QPushButton:
    return view.findChild(QPushButton, name)


def _sql(book, query: str) -> list[tuple]:
    with book.read() as r:
        return [tuple(x) for x in r.connection().exec_driver_sql(query)]


def test_the_padron_from_the_desk_lists_every_member(qtbot, reports):
    button = _coop_button(reports, "coop_document_0")
    assert button.text() == _("Register of members (padrón)")
    qtbot.keyClick(button, Qt.Key.Key_Space)
    title, pdf = reports.shown[-1]
    assert title == _("Register of members (padrón)")
    text = " ".join(pdf_text(pdf).split())
    members = _sql(reports.ctx.book, "SELECT code, full_name FROM member ORDER BY code")
    assert f"{len(members)} " in text and members
    for code, name in members:
        assert code in text and " ".join(name.split()) in text


def test_a_certificate_of_contributions_asks_the_member_by_keyboard(qtbot, reports):
    book = reports.ctx.book
    record_share_movement(book, code="S02", day=dt.date(2022, 12, 1), kind="subscription",
                          amount=D("200"))
    record_share_movement(book, code="S02", day=dt.date(2022, 12, 1), kind="payment",
                          amount=D("35.50"))
    active = _sql(book, "SELECT code, full_name FROM member WHERE status = 'activa'"
                        " ORDER BY code")
    downs = [c for c, _n in active].index("S02")
    seen: list[str] = []

    def choose() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(10, choose)
            return
        seen.append(box.windowTitle())
        combo = box.focusWidget()
        for _i in range(downs):
            QTest.keyClick(combo, Qt.Key.Key_Down)
        QTest.keyClick(combo, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    qtbot.keyClick(_coop_button(reports, "coop_document_1"), Qt.Key.Key_Space)
    assert seen == [_("Choose a member")]
    title, pdf = reports.shown[-1]
    assert title == _("Certificate of contributions")
    text = " ".join(pdf_text(pdf).split())
    name = dict(active)["S02"]
    assert " ".join(name.split()) in text
    assert "200.00" in text and "35.50" in text


def _month_totals(book, table: str) -> D:
    cents = _sql(book, f"SELECT coalesce(sum(total), 0) FROM {table} WHERE voided_at IS NULL"
                       " AND day >= '2022-10-01' AND day < '2022-11-01'")[0][0]
    return D(cents) / 100


def _dialog(qtbot, ctx, tmp_path) -> RegistersDialog:
    dialog = RegistersDialog(ctx, OCT, volume_provider=lambda: [])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_folder(qtbot, dialog, folder: Path) -> None:
    assert dialog.focusWidget() is dialog.folder  # typing lands in the folder from the start
    qtbot.keyClick(dialog.folder, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.folder, str(folder))


def test_the_registers_go_into_the_folder_typed(qtbot, ctx, tmp_path):
    dialog = _dialog(qtbot, ctx, tmp_path)
    assert dialog.folder.text() == str(Path.home())  # no stick plugged in
    folder = tmp_path / "USB" / "contador"
    (tmp_path / "USB").mkdir()
    _type_folder(qtbot, dialog, folder)
    qtbot.keyClick(dialog.folder, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.written == folder.resolve()
    assert sorted(p.name for p in folder.iterdir()) == [
        "registro-compras-202210.csv", "registro-compras-202210.xlsx",
        "registro-ventas-202210.csv", "registro-ventas-202210.xlsx"]
    for which, table in (("ventas", "sale"), ("compras", "purchase")):
        with open(folder / f"registro-{which}-202210.csv", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        assert sum(D(r["importe_total"]) for r in rows) == _month_totals(ctx.book, table)
        assert rows


def test_files_already_there_are_refused_then_replaced_when_ticked(qtbot, ctx, tmp_path):
    folder = tmp_path / "contador"
    folder.mkdir()
    old = folder / "registro-ventas-202210.csv"
    old.write_text("de otro día\n", encoding="utf-8")
    dialog = _dialog(qtbot, ctx, tmp_path)
    _type_folder(qtbot, dialog, folder)
    qtbot.keyClick(dialog.folder, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label("folder").text() == _(
        "The file {path} already exists and was not replaced. {rest}").format(
        path=old.resolve(), rest=_("Tick “Replace” to write over them, or choose another"
                                   " folder."))
    assert [p.name for p in folder.iterdir()] == [old.name]  # nothing else written
    assert old.read_text(encoding="utf-8") == "de otro día\n"
    qtbot.keyClick(dialog.folder, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # past Choose… to Replace
    assert dialog.focusWidget() is dialog.replace
    qtbot.keyClick(dialog.replace, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.replace, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(list(folder.iterdir())) == 4
    assert old.read_text(encoding="utf-8-sig").startswith("fecha,")


def test_a_missing_stick_is_said_and_nothing_is_written(qtbot, ctx, tmp_path):
    dialog = _dialog(qtbot, ctx, tmp_path)
    gone = tmp_path / "media" / "USB"
    _type_folder(qtbot, dialog, gone / "contador")
    qtbot.keyClick(dialog.folder, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label("folder").text() == _(
        "The folder {folder} does not exist; is the memory stick plugged in?").format(
        folder=gone)
    assert not (tmp_path / "media").exists()


def test_the_registers_button_opens_the_dialog_on_the_chosen_month(qtbot, reports,
                                                                    monkeypatch):
    opened: list[RegistersDialog] = []
    monkeypatch.setattr(RegistersDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.keyClick(_coop_button(reports, "coop_registers"), Qt.Key.Key_Space)
    assert len(opened) == 1 and opened[0].month == OCT
