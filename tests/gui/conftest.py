"""Fixtures for the desk's tests: a demo book made once per session, copied per test."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def demo_book_file(tmp_path_factory):
    """The demo cooperative's book file, built once (it takes about two seconds).

    A demo that fails to load fails the tests that use it: the desk's tests never
    run on some other book instead.
    """
    from coopdesk.paths import BOOK_FILE
    from coopdesk.services.book import Book
    from coopdesk.services.demo import load_demo

    folder = tmp_path_factory.mktemp("demo-master")
    book = Book.open_folder(folder)
    try:
        load_demo(book)
    finally:
        book.close()
    return folder / BOOK_FILE


@pytest.fixture
def demo_book(demo_book_file, tmp_path):
    """A fresh copy of the demo book for one test."""
    from coopdesk.services.book import Book

    target = tmp_path / "book"
    target.mkdir()
    shutil.copy(demo_book_file, target / demo_book_file.name)
    book = Book.open_folder(target)
    yield book
    book.close()


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
