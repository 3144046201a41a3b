"""The assembly session form, typed with keys from the moment it opens: a session saved, refusals.

The demo book holds sessions 1 and 2; on 05/12/2022 its active members are the 20 of
the demo less the two released in the year (worked out here from the demo's list), so a
first call needs 20 // 2 + 1 = 11 present.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from coopdesk.gui.dialogs.assembly_dialog import AssemblyDialog
from coopdesk.i18n import _
from coopdesk.services.demo import MEMBERS

DAY = dt.date(2022, 12, 5)
ACTIVE = sorted(c for c, _n, joined, _s, left, _r in MEMBERS
                if dt.date.fromisoformat(joined) <= DAY
                and not (left and dt.date.fromisoformat(left) <= DAY))


def _book_rows(book) -> tuple:
    with book.read() as session:
        conn = session.connection()
        return tuple(tuple(conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY id").all())
                     for t in ("assembly_session", "assembly_attendance",
                               "assembly_agenda_item", "assembly_agreement"))


def _open(qtbot, ctx) -> AssemblyDialog:
    dialog = AssemblyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _answer(key, seen: dict) -> None:
    """Press *key* in the question box as soon as it opens; keep its text in *seen*."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(10, lambda: _answer(key, seen))
        return
    seen["question"] = box.text()
    QTest.keyClick(box, key)


def _type_session(qtbot, dialog, *, ticks: int, votes=("12", "1", "0"), admits="") -> None:
    """From the opening focus: Tab through the left column typing, tick *ticks* members."""
    focus = dialog.focusWidget()
    assert focus is dialog.kind  # typing lands in the first field
    qtbot.keyClick(focus, Qt.Key.Key_Tab)  # to the call (first call stays)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.day
    qtbot.keyClick(dialog.day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.day, DAY.strftime("%d/%m/%Y"))
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.place
    qtbot.keyClicks(dialog.place, "Taller de chocolate")
    qtbot.keyClick(dialog.place, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.president
    qtbot.keyClicks(dialog.president, ACTIVE[0])
    qtbot.keyClick(dialog.president, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.secretary, ACTIVE[2])
    qtbot.keyClick(dialog.secretary, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.present
    for n in range(ticks):
        qtbot.keyClick(dialog.present, Qt.Key.Key_Space)
        if n < ticks - 1:
            qtbot.keyClick(dialog.present, Qt.Key.Key_Down)
    # The right column: Tab goes on past the "All present" and "Rules" buttons to the agenda.
    qtbot.keyClick(dialog.present, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.all_button
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.rules_button
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.agenda[0]
    qtbot.keyClicks(dialog.agenda[0], "Informe de la presidenta")
    if votes is None:  # no agreement typed
        return
    text, yes, no, abstain, admits_edit = dialog.agreements[0]
    qtbot.keyClicks(text, "Aprobar el informe de la presidenta")
    for edit, value in zip((yes, no, abstain), votes):
        qtbot.keyClicks(edit, value)
    if admits:
        qtbot.keyClicks(admits_edit, admits)


def test_a_session_typed_and_saved_with_enter(qtbot, ctx):
    assert len(ACTIVE) == 20
    before = _book_rows(ctx.book)
    dialog = _open(qtbot, ctx)
    # the demo recorded sessions 1 to 5 (2022 and its 2023 year): this one is the sixth
    assert dialog.windowTitle() == _("Assembly session No. {n}").format(n=6)
    _type_session(qtbot, dialog, ticks=13, votes=("12", "1", "0"))
    assert dialog.quorum.text().startswith(
        _("{present} of {active} active members present; {needed} needed ({rule}). {verdict}")
        .format(present=13, active=20, needed=11, rule=_("half of the active members plus one"),
                verdict=_("There is quorum.")))
    qtbot.keyClick(dialog.agenda[0], Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, (
        dialog.errors(), dialog.general_error.text())
    sessions, attendance, agenda, agreements = _book_rows(ctx.book)
    assert len(sessions) == len(before[0]) + 1
    with ctx.book.read() as session:
        row = session.connection().exec_driver_sql(
            "SELECT number, kind, call, day, place, active_members, quorum_needed, complete"
            " FROM assembly_session WHERE number = 6").one()
        present = [c for (c,) in session.connection().exec_driver_sql(
            "SELECT m.code FROM assembly_attendance a JOIN assembly_session s"
            " ON s.id = a.session_id JOIN member m ON m.id = a.member_id WHERE s.number = 6"
            " ORDER BY m.code")]
        votes = session.connection().exec_driver_sql(
            "SELECT a.number, a.text, votes_for, votes_against, abstaining FROM"
            " assembly_agreement a JOIN assembly_session s ON s.id = a.session_id"
            " WHERE s.number = 6").all()
    assert tuple(row) == (6, "ordinary", "first", "2022-12-05", "Taller de chocolate", 20,
                          11, 1)
    assert present == ACTIVE[:13]
    assert [tuple(v) for v in votes] == [(1, "Aprobar el informe de la presidenta", 12, 1, 0)]


def test_no_quorum_is_refused_with_the_count_needed_and_nothing_written(qtbot, ctx):
    before = _book_rows(ctx.book)
    dialog = _open(qtbot, ctx)
    _type_session(qtbot, dialog, ticks=10, votes=("10", "0", "0"))
    seen: dict = {}
    QTimer.singleShot(0, lambda: _answer(Qt.Key.Key_Escape, seen))  # not an acta de no quórum
    qtbot.keyClick(dialog.agenda[0], Qt.Key.Key_Return)
    assert seen["question"] == _(
        "{present} members are present and this call needs {needed}: there is no quorum, and"
        " the assembly cannot take agreements. Record this session as an acta de no quórum"
        " (who came, no agreement)?").format(present=10, needed=11)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label("present").text() == (
        "No hay quórum: están presentes 10 socias, y en primera convocatoria se necesitan 11"
        " de las 20 socias activas (según el estatuto). Sin quórum la asamblea no toma acuerdos;"
        " no se escribió nada.")
    assert _book_rows(ctx.book) == before


@pytest.mark.parametrize(("votes", "sentence"), [
    (("12", "1", "1"), "Acuerdo 1: 14 votos (a favor, en contra y abstenciones) pero solo están"
                       " presentes 13 socias; una socia, un voto."),
    (("12", "x", "0"), "Acuerdo 1: escriba sus votos como números enteros."),
])
def test_votes_that_cannot_be_are_refused_and_nothing_written(qtbot, ctx, votes, sentence):
    before = _book_rows(ctx.book)
    dialog = _open(qtbot, ctx)
    _type_session(qtbot, dialog, ticks=13, votes=votes)
    qtbot.keyClick(dialog.agenda[0], Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label("agreements").text() == sentence
    assert _book_rows(ctx.book) == before


def test_esc_on_an_untouched_form_closes_it_writing_nothing(qtbot, ctx):
    before = _book_rows(ctx.book)
    dialog = _open(qtbot, ctx)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert _book_rows(ctx.book) == before


def test_the_contribution_form_offers_the_recorded_agreements(qtbot, ctx):
    """↓ in the agreement field lists the demo's fourteen agreements; Enter takes one."""
    from coopdesk.gui.dialogs.contribution_dialog import ContributionDialog
    from coopdesk.services.assemblies import agreement_labels

    labels = agreement_labels(ctx.book)
    assert [c for c, _l in labels] == [f"Asamblea 1, acuerdo {n}" for n in range(1, 6)] + [
        "Asamblea 2, acuerdo 1", "Asamblea 2, acuerdo 2"] + [  # and the 2023 year's
        f"Asamblea {s}, acuerdo {n}" for s, n in ((3, 1), (3, 2), (3, 3), (4, 1), (4, 2),
                                                   (5, 1), (5, 2))]
    dialog = ContributionDialog(ctx, code="S05")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.amount, "200")
    qtbot.keyClick(dialog.agreement, Qt.Key.Key_Down)
    popup = dialog.agreement.completer().popup()
    assert popup.isVisible() and popup.model().rowCount() == 14
    qtbot.keyClicks(popup, "acuerdo 4")  # narrows the list as she types
    assert popup.model().rowCount() == 1
    assert popup.model().index(0, 0).data().startswith("Asamblea 1, acuerdo 4 (08/01/2022): ")
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.agreement.text() == "Asamblea 1, acuerdo 4"
    assert dialog.isVisible()  # choosing from the list does not save
    qtbot.keyClick(dialog.agreement, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ctx.book.read() as session:
        linked = session.connection().exec_driver_sql(
            "SELECT s.agreement, a.number, x.number FROM share_movement s JOIN"
            " assembly_agreement a ON a.uuid = s.agreement_uuid JOIN assembly_session x"
            " ON x.id = a.session_id").all()
    assert [tuple(r) for r in linked] == [("Asamblea 1, acuerdo 4", 4, 1)]


def test_ticking_one_more_after_a_refusal_clears_it_and_enter_saves(qtbot, ctx):
    dialog = _open(qtbot, ctx)
    _type_session(qtbot, dialog, ticks=10, votes=("10", "0", "0"))
    QTimer.singleShot(0, lambda: _answer(Qt.Key.Key_Escape, {}))  # not an acta de no quórum
    qtbot.keyClick(dialog.agenda[0], Qt.Key.Key_Return)
    assert dialog.error_label("present").text().startswith("No hay quórum")
    assert dialog.focusWidget() is dialog.present  # back where the problem is
    qtbot.keyClick(dialog.present, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.present, Qt.Key.Key_Space)  # the eleventh
    assert dialog.error_label("present").text() == ""
    qtbot.keyClick(dialog.present, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    from coopdesk.services.assemblies import list_sessions

    assert [s.number for s in list_sessions(ctx.book)] == [1, 2, 3, 4, 5, 6]


def test_the_quorum_rules_are_typed_in_their_own_form(qtbot, ctx):
    from coopdesk.gui.dialogs.assembly_rules_dialog import AssemblyRulesDialog
    from coopdesk.services.assemblies import assembly_rules

    def typed(folio: str) -> AssemblyRulesDialog:
        dialog = AssemblyRulesDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.focusWidget() is dialog.first_call
        qtbot.keyClick(dialog.first_call, Qt.Key.Key_Tab)
        qtbot.keyClick(dialog.second_call, Qt.Key.Key_Up)  # from the members present
        qtbot.keyClick(dialog.second_call, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.article, "Art. 25")
        qtbot.keyClick(dialog.article, Qt.Key.Key_Tab)
        qtbot.keyClick(dialog.first_folio, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.first_folio, folio)
        qtbot.keyClick(dialog.first_folio, Qt.Key.Key_Return)
        return dialog

    before = assembly_rules(ctx.book)
    dialog = typed("0")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label("first_folio").text() == (
        "Escriba el primer folio como un número entero de 1 a 99999.")
    assert assembly_rules(ctx.book) == before
    dialog = typed("41")
    assert dialog.result() == QDialog.DialogCode.Accepted
    rules = assembly_rules(ctx.book)
    assert (rules.first_call, rules.second_call, rules.article, rules.first_folio) == (
        "half_plus_one", "third", "Art. 25", 41)


def test_an_acta_de_no_quorum_is_offered_and_refused_with_an_agreement(qtbot, ctx):
    before = _book_rows(ctx.book)
    dialog = _open(qtbot, ctx)
    _type_session(qtbot, dialog, ticks=10, votes=("10", "0", "0"))
    seen: dict = {}
    QTimer.singleShot(0, lambda: _answer(Qt.Key.Key_Return, seen))  # yes: record the acta
    qtbot.keyClick(dialog.agenda[0], Qt.Key.Key_Return)
    assert seen["question"] and dialog.isVisible()
    assert dialog.error_label("agreements").text() == (
        "Un acta de no quórum no registra acuerdos: sin quórum no se instaló la asamblea."
        " Quite los acuerdos, o registre la sesión con su quórum; no se escribió nada.")
    assert _book_rows(ctx.book) == before


def test_an_acta_de_no_quorum_typed_and_saved(qtbot, ctx):
    before = _book_rows(ctx.book)
    dialog = _open(qtbot, ctx)
    _type_session(qtbot, dialog, ticks=10, votes=None)
    assert dialog.quorum.text().endswith(_("No quorum yet."))
    seen: dict = {}
    QTimer.singleShot(0, lambda: _answer(Qt.Key.Key_Return, seen))
    qtbot.keyClick(dialog.agenda[0], Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, (
        dialog.errors(), dialog.general_error.text())
    sessions, attendance, agenda, agreements = _book_rows(ctx.book)
    assert len(sessions) == len(before[0]) + 1 and agreements == before[3]
    assert len(attendance) == len(before[1]) + 10
    with ctx.book.read() as session:
        row = session.connection().exec_driver_sql(
            "SELECT number, active_members, quorum_needed, complete, voided_at FROM"
            " assembly_session WHERE number = 3").one()
    # 20 active on 05/12/2022, ten came; the first call needed 20 // 2 + 1 = 11.
    assert tuple(row) == (3, 20, 11, 1, None)
    from coopdesk.services.assemblies import list_sessions

    assert list_sessions(ctx.book)[-1].no_quorum
