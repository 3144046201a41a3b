"""Printing through the app's own path onto a real CUPS queue, and the preview dialog."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from coopdesk.services import documents as docs

QUEUE = "CUPS-PDF"


def cups_pdf_queue_ready() -> str:
    """Return why printing cannot be tested here, or '' when the CUPS-PDF queue is there."""
    if not shutil.which("lpstat"):
        return "CUPS is not installed (no lpstat); run packaging/start-cups-pdf.sh after installing"
    out = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True)
    if out.returncode != 0:
        return f"no CUPS queue {QUEUE} (lpstat -p {QUEUE}: {(out.stderr or out.stdout).strip()})"
    return ""


def cups_pdf_out_dir() -> Path:
    """Return the folder cups-pdf writes into (its "Out" setting; Debian: ~/PDF)."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            m = re.match(r"^\s*Out\s+(\S+)", line)
            if m:
                out = m.group(1)
    import getpass

    out = out.replace("${HOME}", str(Path.home())).replace("${USER}", getpass.getuser())
    return Path(out).expanduser()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def wait_for_new_pdf(folder: Path, before: set[str], timeout: float = 120) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder.is_dir():
            new = [p for p in folder.glob("*.pdf") if p.name not in before]
            if new:
                newest = max(new, key=lambda p: p.stat().st_mtime)
                size = newest.stat().st_size
                time.sleep(1.0)
                queue = subprocess.run(["lpstat", "-o", QUEUE], capture_output=True, text=True)
                if size and newest.stat().st_size == size and not queue.stdout.strip():
                    return newest
        time.sleep(0.5)
    raise AssertionError(f"no printed PDF appeared in {folder} within {timeout} s")


@pytest.mark.print
def test_statement_prints_on_cups_pdf(qapp, small_book):
    reason = cups_pdf_queue_ready()
    if reason:
        pytest.skip(reason)
    from coopdesk.gui.printing import print_pdf
    from coopdesk.reports.statement import render_statement

    pdf = render_statement(docs.member_statement(small_book, code="S02", year=2022, month=10))
    expected = page_count(pdf)
    assert expected >= 2
    folder = cups_pdf_out_dir()
    before = {p.name for p in folder.glob("*.pdf")} if folder.is_dir() else set()
    sent = print_pdf(pdf, QUEUE, title=f"coopdesk-test-{os.getpid()}")
    assert sent == expected
    printed = wait_for_new_pdf(folder, before)
    assert page_count(printed.read_bytes()) == expected
    printed.unlink()


def test_print_to_a_missing_printer_says_so(qapp):
    from coopdesk.domain.documents import Letterhead
    from coopdesk.gui.printing import PrintError, print_pdf
    from coopdesk.reports.base import para
    from coopdesk.reports.page import build_pdf

    pdf = build_pdf([para("Hola")], head=Letterhead("Dulce Esperanza"), title="x")
    with pytest.raises(PrintError) as err:
        print_pdf(pdf, "No-Such-Printer-Here")
    assert "No-Such-Printer-Here" in err.value.message


def test_preview_shows_pages_and_saves(qtbot, small_book, tmp_path):
    from coopdesk.gui.dialogs.document_preview import show_document
    from coopdesk.reports.statement import render_statement

    pdf = render_statement(docs.member_statement(small_book, code="S02", year=2022, month=10))
    dialog = show_document(None, "Estado de cuenta: octubre de 2022", pdf)
    qtbot.addWidget(dialog)
    assert dialog.view.page_count() == page_count(pdf)
    assert str(page_count(pdf)) in dialog.pages_label.text()
    saved = dialog.save_as(str(tmp_path / "estado"))
    assert saved == tmp_path / "estado.pdf" and saved.read_bytes() == pdf
    assert dialog.print_button.isEnabled() and dialog.open_button.isEnabled()


def test_preview_draws_pages_to_the_width_zooms_and_scrolls_by_keys(qtbot, small_book):
    from pypdf import PdfReader
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from coopdesk.gui.dialogs.document_preview import show_document
    from coopdesk.reports.statement import render_statement

    pdf = render_statement(docs.member_statement(small_book, code="S02", year=2022, month=10))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    dialog = show_document(None, "Estado de cuenta: octubre de 2022", pdf)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as the window manager does with a new window
    qtbot.waitUntil(dialog.isActiveWindow)
    view = dialog.view
    assert dialog.focusWidget() is view

    def shown_width() -> float:
        pixmap = view.pages[0].pixmap()
        assert not pixmap.isNull()
        return pixmap.width() / pixmap.devicePixelRatio()

    qtbot.waitUntil(lambda: not view.pages[0].pixmap().isNull())
    fitted = shown_width()
    viewport = view.viewport().width()
    assert viewport - 60 <= fitted <= viewport  # as wide as the window, no sideways scrolling
    image = view.pages[0].pixmap().toImage()
    assert image.height() / image.width() == pytest.approx(
        float(box.height) / float(box.width), rel=0.01)  # the page's own shape (A4)
    colours = {image.pixelColor(x, y).lightness() for x in range(0, image.width(), 7)
               for y in range(0, image.height() // 4, 7)}
    assert max(colours) == 255 and min(colours) < 100  # white paper with dark print on it

    QTest.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert shown_width() == pytest.approx(fitted * 1.25, rel=0.02)  # fitted with or without a bar
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    # Fitted again to the viewport (a scroll bar that came and went may move it a little).
    assert view.viewport().width() - 60 <= shown_width() <= view.viewport().width()
    top = view.verticalScrollBar().value()
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    assert view.verticalScrollBar().value() > top
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and view.document is None  # PDFium's copy is freed


def test_preview_refuses_bytes_that_are_not_a_pdf(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from coopdesk.gui.dialogs import document_preview

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a))
    assert document_preview.show_document(None, "Roto", b"not a pdf") is None
    assert shown
