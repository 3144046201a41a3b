"""What the coordinator does on the laptop, typed in a real window: the first start, a new
member, a printed planilla that fits the screen, the window on a smaller screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journeys.conftest import read_book

SCREEN = (1366, 768)


def _named_book(folder: Path, name: str = "Manos Unidas", *, demo: bool = False) -> Path:
    """Make a book that needs no first start (or the demo cooperative's year)."""
    from coopdesk.services.book import Book
    from coopdesk.services.demo import load_demo
    from coopdesk.services.settings import update_settings

    book = Book.open_folder(folder)
    try:
        if demo:
            load_demo(book)
        else:
            update_settings(book, cooperative_name=name)
    finally:
        book.close()
    return folder


def _quit(desk) -> None:
    """Ctrl+Q, as she ends the day: the closing copy is made, then the program ends."""
    desk.key("ctrl+q")
    assert desk.wait_exit() == 0, (desk.log.read_text(errors="replace"))[-2000:]


def test_first_run_typed_name_and_enter_creates_the_book(desk, tmp_path):
    data = tmp_path / "libro"
    desk.start(data)
    wid = desk.window("bienvenida")
    desk.shot("bienvenida")
    desk.type("Manos Unidas")
    desk.shot("nombre-escrito")
    desk.key("Return")
    main = desk.window("Manos Unidas")
    desk.shot("ventana-principal")
    assert wid != main
    _quit(desk)
    assert read_book(data, "SELECT value FROM setting WHERE key = 'cooperative_name'") == [
        ("Manos Unidas",)]
    assert read_book(data, "SELECT count(*) FROM member") == [(0,)]  # not the demo


def test_a_member_added_by_keyboard_only(desk, tmp_path):
    data = _named_book(tmp_path / "libro")
    desk.start(data)
    desk.window("Manos Unidas")
    desk.shot("inicio")
    desk.key("ctrl+shift+m")
    desk.window("Nueva socia")
    desk.type("S41")
    desk.key("Tab")
    desk.type("Rosa Huaman Quispe")
    desk.shot("ficha-escrita")
    desk.key("Return")
    desk.settle()
    desk.shot("guardada")
    _quit(desk)
    assert read_book(data, "SELECT code, full_name FROM member") == [
        ("S41", "Rosa Huaman Quispe")]


def test_the_main_window_fills_the_screen_and_the_preview_fits_it(desk, tmp_path):
    data = _named_book(tmp_path / "libro", demo=True)
    desk.start(data)
    main = desk.window("Dulce Esperanza")
    desk.settle()
    desk.shot("maximizada")
    window = desk.geometry(main)
    assert window.bottom <= SCREEN[1] and window.right <= SCREEN[0]
    assert window.width >= SCREEN[0] - 10 and window.height >= SCREEN[1] - 60  # maximized
    desk.key("ctrl+3")  # Jornales
    desk.settle(1.2)
    desk.key("alt+p")  # Im&primir…
    preview = desk.window("Planilla de jornales")
    desk.settle(1.0)
    desk.shot("vista-previa")
    sheet = desk.geometry(preview)
    assert sheet.x >= 0 and sheet.y >= 0
    assert sheet.right <= SCREEN[0] and sheet.bottom <= SCREEN[1]  # its buttons on screen
    desk.key("Escape")
    desk.settle()
    desk.shot("cerrada")
    _quit(desk)


@pytest.mark.screen(1280, 720)
def test_on_a_1280x720_screen_the_window_fits(desk, tmp_path):
    data = _named_book(tmp_path / "libro")
    desk.start(data)
    main = desk.window("Manos Unidas")
    desk.settle()
    desk.shot("1280x720")
    window = desk.geometry(main)
    assert window.bottom <= 720 and window.right <= 1280
    assert window.width >= 1270
    _quit(desk)
