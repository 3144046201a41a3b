"""Attacks on the general assembly: crafted session files and the sqlite3 shell.

Every refusal asserts the exact sentence (in Spanish, the coordinator's language, for
what coopdesk says; the trigger's own words for the shell) and an unchanged book (every
table dumped). The book: ten members admitted on 03/01/2022 and one session recorded.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess

import pytest

from tests.faults.import_attack import book_copy, dump, run

CODES = [f"S{n:02d}" for n in range(1, 11)]


@pytest.fixture(autouse=True)
def spanish(english, monkeypatch):
    """The coordinator's language (the faults' conftest sets English first)."""
    from coopdesk.i18n import set_language

    monkeypatch.setenv("COOPDESK_LANG", "es")
    set_language("es")


@pytest.fixture(scope="module")
def _assembly_book_file(tmp_path_factory):
    from coopdesk.domain.assembly import Agreement
    from coopdesk.services.assemblies import SessionData, record_session
    from coopdesk.services.book import Book
    from coopdesk.services.members import MemberData, add_member

    folder = tmp_path_factory.mktemp("assembly-master")
    with Book.open_folder(folder) as book:
        for code in CODES:
            add_member(book, MemberData(code=code, full_name=f"Socia {code}",
                                        joined_on=dt.date(2022, 1, 3)))
        record_session(book, SessionData(
            "ordinaria", "primera", dt.date(2022, 1, 3), "Taller", "S01", "S02", CODES[:7],
            ["Admisión"], [Agreement("Admitir a las diez socias", 7, 0, 0,
                                     admits=tuple(CODES))]))
    return folder / "coopdesk.sqlite3"


@pytest.fixture
def folder(_assembly_book_file, tmp_path):
    return book_copy(_assembly_book_file, tmp_path)


def _session_file(tmp_path, **changes) -> str:
    data = {"tipo": "ordinaria", "convocatoria": "primera", "fecha": "2022-02-05",
            "lugar": "Taller", "preside": "S01", "secretaria": "S02",
            "presentes": CODES[:6], "agenda": ["Informe"],
            "acuerdos": [{"texto": "Aprobar el informe", "a_favor": 6, "en_contra": 0,
                          "abstenciones": 0}]}
    data.update(changes)
    path = tmp_path / "sesion.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _refused(capsys, folder, *args) -> list[str]:
    before = dump(folder)
    code, err = run(capsys, folder, *args)
    assert code == 1, err
    assert dump(folder) == before
    return err


def test_a_session_without_quorum_is_refused_naming_the_count_needed(folder, tmp_path, capsys):
    # Ten active members on 05/02/2022: the first call needs 10 // 2 + 1 = 6; five came.
    path = _session_file(tmp_path, presentes=CODES[:5])
    assert _refused(capsys, folder, "assembly", path) == [
        "No hay quórum: están presentes 5 socias, y en primera convocatoria se necesitan 6 de"
        " las 10 socias activas (según el estatuto). Sin quórum la asamblea no toma acuerdos;"
        " no se escribió nada."]


def test_the_article_of_the_bylaws_is_named_in_the_refusal(folder, tmp_path, capsys):
    code, _err = run(capsys, folder, "assembly-rules", "--article", "Art. 25 del estatuto")
    assert code == 0
    path = _session_file(tmp_path, presentes=CODES[:5])
    assert _refused(capsys, folder, "assembly", path)[0].endswith(
        "(según el estatuto, Art. 25 del estatuto). Sin quórum la asamblea no toma acuerdos;"
        " no se escribió nada.")


def test_votes_exceeding_the_members_present_are_refused(folder, tmp_path, capsys):
    path = _session_file(tmp_path, acuerdos=[
        {"texto": "Uno", "a_favor": 4, "en_contra": 0, "abstenciones": 0},
        {"texto": "Dos", "a_favor": 4, "en_contra": 2, "abstenciones": 1}])
    assert _refused(capsys, folder, "assembly", path) == [
        "Acuerdo 2: 7 votos (a favor, en contra y abstenciones) pero solo están presentes 6"
        " socias; una socia, un voto."]


@pytest.mark.parametrize(("changes", "sentence"), [
    ({"presentes": [*CODES[:6], "S77"]}, "No hay ninguna socia con el código “S77”."),
    ({"preside": "S09"}, "La presidenta (S09) debe estar entre las socias presentes."),
    ({"tipo": "urgente"}, "El tipo de sesión «urgente» no se conoce; use ordinaria o"
                          " extraordinaria."),
    ({"votos": 3}, "El archivo de la sesión no está bien: la sesión tiene «votos», que"
                   " coopdesk no conoce. No se escribió nada."),
    ({"acuerdos": [{"texto": "x", "a_favor": "6", "en_contra": 0, "abstenciones": 0}]},
     "El archivo de la sesión no está bien: «a_favor» de el acuerdo 1 debe ser un número"
     " entero desde 0. No se escribió nada."),
    ({"numero": 1}, "Ya hay una sesión número 1; la siguiente es la 2."),
])
def test_a_crafted_session_file_is_refused_with_its_sentence(folder, tmp_path, capsys, changes,
                                                             sentence):
    assert _refused(capsys, folder, "assembly", _session_file(tmp_path, **changes)) == [
        sentence]


def test_a_file_that_is_not_json_is_refused(folder, tmp_path, capsys):
    path = tmp_path / "sesion.json"
    path.write_text("{\"tipo\": ", encoding="utf-8")
    assert _refused(capsys, folder, "assembly", path) == [
        "El archivo de la sesión no está bien: no es JSON (línea 1, columna 10: Expecting"
        " value). No se escribió nada."]


def test_a_good_file_is_recorded_and_check_holds(folder, tmp_path, capsys):
    code, err = run(capsys, folder, "assembly", _session_file(tmp_path))
    assert (code, err) == (0, ["Sesión de asamblea 2 registrada."])
    code, _err = run(capsys, folder, "check")
    assert code == 0


# --- the sqlite3 shell ------------------------------------------------------------------


def _shell(folder, *statements: str) -> str:
    """Run *statements* in one transaction with sqlite3; return the error it raised."""
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        with pytest.raises(sqlite3.DatabaseError) as caught:
            with conn:
                for sql in statements:
                    conn.execute(sql)
        return str(caught.value)
    finally:
        conn.close()


OPEN_SESSION = (
    "INSERT INTO assembly_session (uuid, created_at, void_reason, number, kind, call, day,"
    " place, president_id, secretary_id, active_members, quorum_needed, quorum_rule,"
    " quorum_article, note, complete) VALUES ('forged', '2022-03-01 10:00:00', '', 9,"
    " 'ordinary', 'first', '2022-03-01', 'x', 1, 2, 10, 6, 'half_plus_one', '', '', 0)")


def _present(n: int) -> list[str]:
    return [f"INSERT INTO assembly_attendance (uuid, created_at, session_id, member_id) VALUES"
            f" ('a{m}', '2022-03-01 10:00:00', (SELECT id FROM assembly_session WHERE number ="
            f" 9), {m})" for m in range(1, n + 1)]


def _agreement(yes: int, no: int, abstain: int, session: str = "9") -> str:
    return ("INSERT INTO assembly_agreement (uuid, created_at, session_id, number, text,"
            " votes_for, votes_against, abstaining) VALUES ('g', '2022-03-01 10:00:00',"
            f" (SELECT id FROM assembly_session WHERE number = {session}), 5, 'forged',"
            f" {yes}, {no}, {abstain})")


@pytest.mark.parametrize(("statements", "message"), [
    # An agreement in a session without quorum (5 present, 6 needed).
    ((OPEN_SESSION, *_present(5), _agreement(5, 0, 0)),
     "coopdesk: no agreement is taken in a session without quorum"),
    # More votes than members present (one member, one vote).
    ((OPEN_SESSION, *_present(6), _agreement(5, 1, 1)),
     "coopdesk: the votes of an agreement cannot exceed the members present"),
    # Anything added to a recorded session.
    ((_agreement(1, 0, 0, session="1"),),
     "coopdesk: that assembly session is already recorded; nothing is added to it"),
    (("INSERT INTO assembly_attendance (uuid, created_at, session_id, member_id) VALUES"
      " ('late', '2022-01-03 10:00:00', 1, 9)",),
     "coopdesk: that assembly session is already recorded; nothing is added to it"),
    # Changing a recorded session, its attendance or its agreements.
    (("UPDATE assembly_session SET day = '2022-01-04' WHERE number = 1",),
     "coopdesk: a recorded assembly session cannot be changed; void it with a reason"),
    (("UPDATE assembly_session SET quorum_needed = 1 WHERE number = 1",),
     "coopdesk: a recorded assembly session cannot be changed; void it with a reason"),
    (("UPDATE assembly_agreement SET votes_for = 10",),
     "coopdesk: what an assembly session recorded cannot be changed"),
    (("UPDATE assembly_attendance SET member_id = 10 WHERE member_id = 1",),
     "coopdesk: what an assembly session recorded cannot be changed"),
    # Deleting anything.
    (("DELETE FROM assembly_agreement",), "coopdesk: posted records are never deleted; void them"),
    (("DELETE FROM assembly_attendance",),
     "coopdesk: posted records are never deleted; void them"),
    (("DELETE FROM assembly_agenda_item",),
     "coopdesk: posted records are never deleted; void them"),
    (("DELETE FROM assembly_session",), "coopdesk: posted records are never deleted; void them"),
    # A session whose quorum is forged to nothing.
    ((OPEN_SESSION.replace(" 6, 'half_plus_one'", " 0, 'half_plus_one'"),),
     "coopdesk: a session needs a quorum of at least one member"),
], ids=["no-quorum", "too-many-votes", "agreement-added", "attendance-added", "day-changed",
        "quorum-changed", "votes-changed", "attendance-changed", "delete-agreement",
        "delete-attendance", "delete-agenda", "delete-session", "quorum-zero"])
def test_the_sqlite3_shell_is_refused_and_the_book_unchanged(folder, statements, message):
    before = dump(folder)
    assert _shell(folder, *statements) == message
    assert dump(folder) == before


def test_a_citation_cannot_be_rewritten_from_the_shell(folder, capsys):
    from coopdesk.services.book import Book
    from coopdesk.services.shares import record_share_movement

    with Book.open_folder(folder) as book:
        move = record_share_movement(book, code="S03", day=dt.date(2022, 1, 10),
                                     kind="subscription", amount=200,
                                     agreement="Asamblea 1, acuerdo 1")
        assert move.agreement_uuid  # the text cites a recorded agreement: linked
    before = dump(folder)
    assert _shell(folder, "UPDATE share_movement SET agreement_uuid = NULL") == (
        "coopdesk: the agreement a contribution cites cannot be changed")
    assert dump(folder) == before


def test_a_session_inserted_whole_from_the_shell_is_found_by_check(folder, capsys):
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    with conn:
        conn.execute(OPEN_SESSION)
        for sql in _present(6):
            conn.execute(sql)
        conn.execute("UPDATE assembly_session SET complete = 1 WHERE number = 9")
    conn.close()
    from coopdesk import cli

    capsys.readouterr()
    assert cli.main(["--data-dir", str(folder), "check"]) == 1
    out = capsys.readouterr().out
    assert ("alguien agregó la sesión de asamblea N.º 9 del 2022-03-01 [assembly_session 2]"
            " fuera de coopdesk") in out
    assert ("alguien agregó la asistencia de S06 a la sesión de asamblea N.º 9"
            " [assembly_attendance 13] fuera de coopdesk") in out


def test_an_imported_citation_links_the_recorded_agreement_only(folder, tmp_path, capsys):
    path = tmp_path / "aportes.csv"
    path.write_text("codigo_socia,fecha,tipo,monto,nota,acuerdo\n"
                    "S03,2022-01-10,suscripcion,200.00,,\"Asamblea 1, acuerdo 1\"\n"
                    "S04,2022-01-10,suscripcion,200.00,,\"Asamblea 7, acuerdo 1\"\n",
                    encoding="utf-8")
    code, err = run(capsys, folder, "import", "shares", path)
    assert code == 0, err
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        rows = conn.execute(
            "SELECT m.code, s.agreement, s.agreement_uuid = (SELECT a.uuid FROM"
            " assembly_agreement a JOIN assembly_session x ON x.id = a.session_id WHERE"
            " x.number = 1 AND a.number = 1), s.agreement_uuid IS NULL FROM share_movement s"
            " JOIN member m ON m.id = s.member_id ORDER BY m.code").fetchall()
    finally:
        conn.close()
    # A paper book's agreement not recorded here keeps its text and links nothing.
    assert rows == [("S03", "Asamblea 1, acuerdo 1", 1, 0), ("S04", "Asamblea 7, acuerdo 1",
                                                              None, 1)]
    code, _err = run(capsys, folder, "check")
    assert code == 0


# --- the acta de no quórum ("sin_quorum": true) ---------------------------------------
# With it, an agreement, a session that had quorum after all, or a value that is not
# true/false are refused; a session kept so prints as an "Acta de no quórum".


def test_sin_quorum_with_an_agreement_is_refused(folder, tmp_path, capsys):
    path = _session_file(tmp_path, presentes=CODES[:5], sin_quorum=True)  # keeps its agreement
    assert _refused(capsys, folder, "assembly", path) == [
        "Un acta de no quórum no registra acuerdos: sin quórum no se instaló la asamblea."
        " Quite los acuerdos, o registre la sesión con su quórum; no se escribió nada."]


def test_sin_quorum_when_there_was_quorum_is_refused(folder, tmp_path, capsys):
    # Ten active: the first call needs 10 // 2 + 1 = 6, and six came.
    path = _session_file(tmp_path, presentes=CODES[:6], sin_quorum=True, acuerdos=[])
    assert _refused(capsys, folder, "assembly", path) == [
        "Hay quórum: están presentes 6 socias y en primera convocatoria se necesitan 6. Un"
        " acta de no quórum es solo para una sesión a la que vinieron menos; regístrela como"
        " sesión con quórum. No se escribió nada."]


def test_sin_quorum_must_be_true_or_false(folder, tmp_path, capsys):
    path = _session_file(tmp_path, presentes=CODES[:5], sin_quorum="sí", acuerdos=[])
    assert _refused(capsys, folder, "assembly", path) == [
        "El archivo de la sesión no está bien: «sin_quorum» debe ser true o false. No se"
        " escribió nada."]


def test_a_mistyped_attendance_without_the_key_is_still_refused(folder, tmp_path, capsys):
    path = _session_file(tmp_path, presentes=CODES[:5], acuerdos=[])
    assert _refused(capsys, folder, "assembly", path)[0].startswith(
        "No hay quórum: están presentes 5 socias")


def _pages(pdf, tmp_path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_an_acta_de_no_quorum_is_recorded_and_printed_with_folios_running_on(
        folder, tmp_path, capsys):
    path = _session_file(tmp_path, presentes=CODES[:4], sin_quorum=True, acuerdos=[],
                         agenda=["Informe de la presidenta"],
                         nota="Se convoca de nuevo en segunda convocatoria")
    assert run(capsys, folder, "assembly", path) == (0, ["Sesión de asamblea 2 registrada."])
    assert run(capsys, folder, "check")[0] == 0
    # An agreement forged into it from the shell: refused, the book unchanged.
    before = dump(folder)
    assert _shell(folder, "INSERT INTO assembly_agreement (uuid, created_at, session_id,"
                  " number, text, votes_for, votes_against, abstaining) VALUES ('g',"
                  " '2022-02-05 10:00:00', (SELECT id FROM assembly_session WHERE number = 2),"
                  " 1, 'forjado', 4, 0, 0)") == (
        "coopdesk: no agreement is taken in a session without quorum")
    assert dump(folder) == before
    third = _session_file(tmp_path, fecha="2022-02-12", convocatoria="segunda")
    assert run(capsys, folder, "assembly", third)[0] == 0
    pdf = tmp_path / "actas.pdf"
    assert run(capsys, folder, "actas", "--out", pdf)[0] == 0
    pages = [" ".join(p.split()) for p in _pages(pdf, tmp_path)]
    assert [p.split("Folio ")[1].split()[0] for p in pages] == [
        str(n) for n in range(1, len(pages) + 1)]
    second = next(i for i, p in enumerate(pages) if "ACTA N.º 2 —" in p)
    text = " ".join(pages[second:next(i for i, p in enumerate(pages) if "ACTA N.º 3 —" in p)])
    assert "Acta de no quórum" in text
    # Ten active on 05/02/2022, four came; the first call needs 10 // 2 + 1 = 6.
    assert ("Quórum: están presentes 4 de las 10 socias activas al 05/02/2022; en primera"
            " convocatoria se necesitaban 6 (la mitad de las socias activas más una, según el"
            " estatuto). No hay quórum: no se instaló la asamblea y no tomó ningún acuerdo."
            ) in text
    assert "Agenda de la convocatoria 1. Informe de la presidenta" in text
    assert "Socias presentes (4)" in text
    for code in CODES[:4]:
        assert f"Socia {code}" in text
    assert "Socia S05" not in text
    assert "Acuerdos" not in text
    assert "firman la presidenta y la secretaria" in text
    assert "Acta de no quórum" not in " ".join(pages[:second])
