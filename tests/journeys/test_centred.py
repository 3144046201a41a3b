"""Message boxes and dialogs open centred on the window they belong to, in a real X + WM.

A box placed by the window manager alone lands at the screen's left edge, away from
where the coordinator is looking; each is checked with xwininfo's absolute figures.
"""

from __future__ import annotations

from tests.journeys.test_desk import _named_book, _quit

SLACK = 40  # pixels: title bar and border of the window manager


def _centre(geometry) -> tuple[float, float]:
    return geometry.x + geometry.width / 2, geometry.y + geometry.height / 2


def _assert_centred(desk, box: str, main: str, name: str) -> None:
    desk.shot(name)
    inner, outer = desk.geometry(box), desk.geometry(main)
    (bx, by), (mx, my) = _centre(inner), _centre(outer)
    assert abs(bx - mx) <= SLACK and abs(by - my) <= SLACK, (name, inner, outer)


def test_the_about_box_and_a_question_open_centred(desk, tmp_path):
    data = _named_book(tmp_path / "libro", demo=True)
    desk.start(data)
    main = desk.window("Dulce Esperanza")
    desk.settle()
    desk.key("F1")
    about = desk.window("Acerca de coopdesk")
    desk.settle()
    _assert_centred(desk, about, main, "acerca-de")
    desk.key("Escape")
    desk.settle()
    _quit(desk)


def test_the_first_run_question_opens_centred_on_its_form(desk, tmp_path):
    """A confirm: Esc on the welcome form asks "Leave without starting" over the form."""
    desk.start(tmp_path / "libro")
    form = desk.window("bienvenida")
    desk.settle()
    desk.type("Manos Unidas")
    desk.key("Escape")
    question = desk.window("Salir sin empezar")
    desk.settle()
    _assert_centred(desk, question, form, "salir-sin-empezar")
    desk.key("Escape")  # No (she typed a name): back on the form
    desk.settle()
    desk.key("Escape")
    desk.window("Salir sin empezar")
    desk.settle()
    desk.key("Return")  # Yes: nothing written
    desk.settle()
