"""The acta de no quórum attacked: a crafted session file, the sqlite3 shell, the paper.

``"sin_quorum": true`` keeps a session where fewer came than the call needs; with it an
agreement, a session that had quorum after all, or a value that is not true/false are
refused with their sentence and the book unchanged (every table dumped). The book: ten
members admitted on 03/01/2022 and one session recorded (tests.faults.test_assembly_attacks).
"""

from __future__ import annotations

import subprocess

from tests.faults.import_attack import dump, run
from tests.faults.test_assembly_attacks import (  # noqa: F401  (fixtures)
    CODES,
    _assembly_book_file,
    _refused,
    _session_file,
    _shell,
    folder,
    spanish,
)


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
