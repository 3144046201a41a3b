"""Fixtures for the desk's tests (the demo book and the small book come from tests/conftest.py)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def empty_book(tmp_path):
    """A new, empty book."""
    from coopdesk.services.book import Book

    book = Book.open_folder(tmp_path / "new")
    yield book
    book.close()


def _ctx(book):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner

    return AppContext(book=book, runner=OperationRunner())


@pytest.fixture
def ctx(qapp, demo_book):
    """The desk's context on a copy of the demo book."""
    return _ctx(demo_book)


@pytest.fixture
def empty_ctx(qapp, empty_book):
    """The desk's context on an empty book."""
    return _ctx(empty_book)


@pytest.fixture
def no_modal(monkeypatch):
    """Answer every QMessageBox at once instead of waiting for a person."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def record(kind, answer):
        def fake(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return answer

        return fake

    ok = QMessageBox.StandardButton.Ok
    monkeypatch.setattr(QMessageBox, "information", record("information", ok))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    return shown



@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """Hide the dialogs a test left open before pytest-qt closes its widgets.

    Esc or closing a form with something typed asks "Discard what you typed?"; closing
    a visible form at teardown would ask it, and nobody would answer.
    """
    from PySide6.QtWidgets import QApplication, QDialog

    if QApplication.instance() is not None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)
    return (yield)
