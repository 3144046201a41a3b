"""The Respaldo screen's "Entregar al programa", pressed from the keyboard, end to end."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from coopdesk.backup.backup import STICK_FOLDER  # noqa: E402
from coopdesk.backup.volumes import Volume  # noqa: E402
from coopdesk.i18n import _  # noqa: E402 - the desk speaks the book's language (Spanish)


@pytest.fixture
def view(qtbot, demo_dir, tmp_path):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.gui.views.backup_view import BackupView
    from coopdesk.services.book import Book

    book = Book.open_folder(demo_dir)
    (tmp_path / "KINGSTON").mkdir()
    stick = Volume(tmp_path / "KINGSTON", "KINGSTON", True, 10**9, 10**10)
    widget = BackupView(AppContext(book=book, runner=OperationRunner()),
                        volume_provider=lambda: [stick])
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    book.close()


def press(button) -> None:
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)


def test_deliver_then_take_the_acknowledgement_from_the_stick(view, central, tmp_path):
    from coopdesk.central.ingest import ingest, write_acks
    from coopdesk.central.programme import enrol
    from coopdesk.services.delivery import site_enrolment

    url, conn = central
    folder = tmp_path / "KINGSTON" / STICK_FOLDER
    box = view.delivery
    assert box.dates.text() == _("Last delivery: {sent}. Last acknowledgement: {ack}.").format(
        sent="—", ack="—")
    press(box.button)
    [first] = folder.glob("*.entrega")
    assert box.status.text() == _("Delivery written to {file}. Take the stick to the"
                                  " programme office.").format(file=first)
    assert box.dates.text().endswith(_("Last acknowledgement: {ack}.").format(ack="—")[-3:])
    assert "—" not in box.dates.text().split(".")[0]
    with conn.transaction():
        enrol(conn, site_enrolment(view.ctx.book, tmp_path / "site.sitio"))
    done = ingest(conn, first)
    write_acks(conn, {done.site}, folder, "2026-12-07T10:00:00Z")
    press(box.button)  # takes the acknowledgement, then has nothing new to deliver
    assert box.status.text() == _("The programme acknowledged up to seal {n}. ").format(
        n=done.last) + _("Nothing to deliver: the programme already acknowledged the whole book.")
    assert "07/12/2026" in box.dates.text() and "—" not in box.dates.text()
    assert len(list(folder.glob("*.entrega"))) == 1


def test_a_forged_acknowledgement_on_the_stick_is_refused_and_said(view, tmp_path):
    folder = tmp_path / "KINGSTON" / STICK_FOLDER
    folder.mkdir()
    from coopdesk.services.settings import get_settings

    site = get_settings(view.ctx.book).site_id
    (folder / f"{site}-10.acuse").write_text("not an acknowledgement\n", "utf-8")
    press(view.delivery.button)
    assert view.delivery.status.text() == _(
        "{file} is not a whole acknowledgement signed by the programme (damaged or not an"
        " .acuse file). Nothing was changed.").format(file=f"{site}-10.acuse")
    assert not list(folder.glob("*.entrega"))


def test_with_no_stick_the_delivery_says_it_is_on_this_computer(qtbot, demo_dir):
    """No stick chosen: the delivery goes to the book's respaldos/ folder, and is said so."""
    from coopdesk.backup.backup import local_folder
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.gui.views.backup_view import BackupView
    from coopdesk.services.book import Book

    book = Book.open_folder(demo_dir)
    try:
        view = BackupView(AppContext(book=book, runner=OperationRunner()),
                          volume_provider=lambda: [])
        qtbot.addWidget(view)
        view.show()
        assert view.current_folder() == local_folder(book)
        press(view.delivery.button)
        [written] = local_folder(book).glob("*.entrega")
        text = view.delivery.status.text()
        assert text == _(
            "Delivery written on this computer, in {file}: it is not on a memory stick. Put "
            "the stick in, choose it in “Copy to” and press “Deliver to the programme” again, "
            "or copy that file to a stick, and take the stick to the programme office."
        ).format(file=written)
        assert "Lleve la memoria USB a la oficina del programa" not in text
    finally:
        book.close()
