"""The preview's "Save as PDF" goes through the one output guard, typed by a person.

Each attack types a name into Qt's own save dialog and presses Enter; the refusal is the
sentence in the warning that follows, and the book and its copies are left as they were.
"""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from coopdesk.i18n import _


def _one_page_pdf() -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(72, 720, "Estado de cuenta")
    canvas.save()
    return out.getvalue()


PDF = _one_page_pdf()


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Person:
    """Answers the modal windows as they open: types a name in the file dialog, reads warnings.

    She types only once the cursor is in the file name field. Qt's file dialog selects,
    keystroke by keystroke, the entry each partial path names (``/tmp``, ``/tmp/pytest…``)
    and unselects the previous one only while the field has the focus; typed into a
    dialog not yet active (a loaded machine: the window manager had not activated it),
    the folders stayed selected, Enter opened the first of them, the dialog stayed up and
    the test waited for a save that never came. A person's keys reach only the focused
    field, so this is the test's race, not hers.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.warnings: list[str] = []
        self.typed = False
        self.ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        modal = QApplication.activeModalWidget()
        self.ticks += 1
        if self.ticks > 600 and modal is not None:  # 18 s: fail the test, never hang the suite
            modal.reject()
            return
        if isinstance(modal, QFileDialog) and not self.typed:
            field = modal.findChild(QLineEdit, "fileNameEdit")  # Qt's own file name field
            if field is None or not field.isVisible():  # a loaded machine: not shown yet
                return
            field.setFocus()
            if not field.hasFocus():  # the dialog is not the active window yet
                modal.activateWindow()
                return
            self.typed = True
            field.selectAll()
            QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClicks(field, self.name)
            QTest.keyClick(field, Qt.Key.Key_Return)
        elif isinstance(modal, QMessageBox):
            self.warnings.append(modal.text())
            QTest.keyClick(modal, Qt.Key.Key_Return)


@pytest.fixture
def preview(qtbot, book):
    from coopdesk.gui.dialogs.document_preview import DocumentPreview

    dialog = DocumentPreview(None, "Estado de cuenta", PDF)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _save_by_keyboard(qtbot, preview, name: str) -> _Person:
    person = _Person(name)
    preview.save_button.setFocus()
    QTest.keyClick(preview.save_button, Qt.Key.Key_Space)  # the button, as a person presses it
    person.timer.stop()
    assert person.typed, "the save dialog never opened"
    return person


def test_a_name_inside_the_backups_folder_is_refused(qtbot, preview, book):
    kept = book.path.parent / "respaldos"
    kept.mkdir()
    before = _sha(book.path)
    person = _save_by_keyboard(qtbot, preview, str(kept / "estado.pdf"))
    assert person.warnings == [_(
        "{path} is the book or one of its backups; coopdesk never writes a document "
        "over it. Choose a file outside the data folder, for example in Documents."
    ).format(path=kept / "estado.pdf")]
    assert list(kept.iterdir()) == []
    assert _sha(book.path) == before


def test_a_symlink_to_the_book_is_refused_even_after_the_replace_question(
        qtbot, preview, book, tmp_path):
    link = tmp_path / "informe.pdf"
    link.symlink_to(book.path)
    before = _sha(book.path)
    person = _Person(str(link))
    preview.save_button.setFocus()
    questions = []

    def answer_yes_to_replace():  # Qt's own question "replace it?" is answered Yes
        # (a timer of its own: the person's is still inside the Enter that opened it)
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox) and isinstance(modal.parent(), QFileDialog):
            questions.append(modal.text())
            yes = modal.button(QMessageBox.StandardButton.Yes)
            yes.setFocus()
            QTest.keyClick(yes, Qt.Key.Key_Space)

    replace = QTimer()
    replace.setInterval(10)
    replace.timeout.connect(answer_yes_to_replace)
    replace.start()
    QTest.keyClick(preview.save_button, Qt.Key.Key_Space)
    replace.stop()
    person.timer.stop()
    assert person.typed, "the save dialog never opened"
    assert len(questions) == 1 and "informe.pdf" in questions[0]
    assert person.warnings == [_(
        "{path} is the book or one of its backups; coopdesk never writes a document "
        "over it. Choose a file outside the data folder, for example in Documents."
    ).format(path=link)]
    assert _sha(book.path) == before and link.is_symlink()


def test_a_name_without_ending_never_replaces_the_pdf_it_would_become(qtbot, preview, tmp_path):
    existing = tmp_path / "estado.pdf"
    existing.write_bytes(b"the statement signed last month")
    person = _save_by_keyboard(qtbot, preview, str(tmp_path / "estado"))
    assert person.warnings == [_("The file {path} already exists and was not replaced. "
                                 "{rest}").format(path=existing, rest=_("Choose another name."))]
    assert existing.read_bytes() == b"the statement signed last month"


def test_a_new_name_is_saved_whole(qtbot, preview, tmp_path):
    person = _save_by_keyboard(qtbot, preview, str(tmp_path / "nuevo"))
    assert person.warnings == []
    assert (tmp_path / "nuevo.pdf").read_bytes() == PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "nuevo.pdf"]
