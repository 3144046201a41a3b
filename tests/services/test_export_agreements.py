"""The agreement columns are exported, and an export imports back with every citation.

A citation that resolved to a recorded agreement is written as its label
(``Asamblea 1, acuerdo 1`` even when typed ``asamblea 1 acuerdo 1``); any other text is
written as typed. Imported into an empty book the rows come back column for column; into
a book that has the same session, the citations link to its agreements again.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

from coopdesk.domain.assembly import Agreement
from coopdesk.services.assemblies import SessionData, record_session
from coopdesk.services.book import Book
from coopdesk.services.exporting import export_file
from coopdesk.services.importing import import_file

HEADER = "codigo,nombre,dni,fecha_ingreso,estado,fecha_salida,cargo,acuerdo_ingreso,acuerdo_salida"
FOUNDERS = HEADER + """
S01,Rosa Quispe,12345678,2022-01-03,activa,,presidenta,,
S02,Ana Mamani,,2022-01-03,activa,,secretaria,,
S03,Luz Condori,,2022-01-03,activa,,,,
"""
LATER = HEADER + """
S04,Elena Huamán,87654321,2022-03-05,retirada,2022-06-30,,asamblea 1 acuerdo 1,\
"Asamblea 1, acuerdo 2"
S05,Nora Ccori,,2022-03-10,activa,,,Acta 7 del libro de papel,
"""
SHARES = """codigo_socia,fecha,tipo,monto,nota,acuerdo
S04,2022-03-05,suscripcion,200,,"Asamblea 1, acuerdo 1"
S04,2022-03-20,pago,50.5,en efectivo,
S05,2022-03-10,suscripcion,150.00,,Acta 7 del libro de papel
"""
#: What the export must write, worked out from the rows above by hand.
MEMBERS_OUT = [
    ["S01", "Rosa Quispe", "12345678", "2022-01-03", "activa", "", "presidenta", "", ""],
    ["S02", "Ana Mamani", "", "2022-01-03", "activa", "", "secretaria", "", ""],
    ["S03", "Luz Condori", "", "2022-01-03", "activa", "", "", "", ""],
    ["S04", "Elena Huamán", "87654321", "2022-03-05", "retirada", "2022-06-30", "",
     "Asamblea 1, acuerdo 1", "Asamblea 1, acuerdo 2"],
    ["S05", "Nora Ccori", "", "2022-03-10", "activa", "", "", "Acta 7 del libro de papel", ""],
]
SHARES_OUT = [  # by day
    ["S04", "2022-03-05", "suscripcion", "200.00", "", "Asamblea 1, acuerdo 1"],
    ["S05", "2022-03-10", "suscripcion", "150.00", "", "Acta 7 del libro de papel"],
    ["S04", "2022-03-20", "pago", "50.50", "en efectivo", ""],
]
SESSION = SessionData("ordinaria", "primera", dt.date(2022, 3, 1), "Taller", "S01", "S02",
                      ["S01", "S02", "S03"], ["Admisiones y retiros"],
                      [Agreement("Admitir a nuevas socias", 3, 0, 0),
                       Agreement("Retiro de una socia", 2, 1, 0)])


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    return header, rows


def _export(book: Book, kind: str, path: Path) -> tuple[list[str], list[list[str]]]:
    export_file(book, kind, path)
    header, rows = _read(path)
    width = header.index("socia_uuid" if kind == "members" else "aportacion_uuid")
    return header[:width], [r[:width] for r in rows]


def _links(folder: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        agreements = dict(conn.execute("SELECT uuid, number FROM assembly_agreement"))
        members = [(c, agreements.get(a), agreements.get(e)) for c, a, e in conn.execute(
            "SELECT code, admission_agreement_uuid, exit_agreement_uuid FROM member"
            " ORDER BY code")]
        shares = [(c, d, agreements.get(a)) for c, d, a in conn.execute(
            "SELECT m.code, s.day, s.agreement_uuid FROM share_movement s JOIN member m"
            " ON m.id = s.member_id ORDER BY s.day")]
    finally:
        conn.close()
    return {"members": members, "shares": shares}


def _source(tmp_path: Path) -> Path:
    folder = tmp_path / "source"
    with Book.open_folder(folder) as book:
        import_file(book, "members", _write(tmp_path / "founders.csv", FOUNDERS))
        record_session(book, SESSION)
        import_file(book, "members", _write(tmp_path / "later.csv", LATER))
        import_file(book, "shares", _write(tmp_path / "shares.csv", SHARES))
    return folder


LINKED = {"members": [("S01", None, None), ("S02", None, None), ("S03", None, None),
                      ("S04", 1, 2), ("S05", None, None)],
          "shares": [("S04", "2022-03-05", 1), ("S05", "2022-03-10", None),
                     ("S04", "2022-03-20", None)]}


def test_the_export_writes_each_citation_as_its_label_or_as_typed(tmp_path):
    folder = _source(tmp_path)
    assert _links(folder) == LINKED
    with Book.open_folder(folder) as book:
        header, members = _export(book, "members", tmp_path / "members.csv")
        assert header == ["codigo", "nombre", "dni", "fecha_ingreso", "estado", "fecha_salida",
                          "cargo", "acuerdo_ingreso", "acuerdo_salida"]
        assert members == MEMBERS_OUT
        header, shares = _export(book, "shares", tmp_path / "shares-out.csv")
        assert header == ["codigo_socia", "fecha", "tipo", "monto", "nota", "acuerdo"]
        assert shares == SHARES_OUT


def test_into_an_empty_book_every_row_and_column_comes_back(tmp_path):
    folder = _source(tmp_path)
    with Book.open_folder(folder) as book:
        export_file(book, "members", tmp_path / "members.csv")
        export_file(book, "shares", tmp_path / "shares-out.csv")
    empty = tmp_path / "empty"
    with Book.open_folder(empty) as book:
        assert import_file(book, "members", tmp_path / "members.csv") == 5
        assert import_file(book, "shares", tmp_path / "shares-out.csv") == 3
        assert _export(book, "members", tmp_path / "again.csv")[1] == MEMBERS_OUT
        assert _export(book, "shares", tmp_path / "again-s.csv")[1] == SHARES_OUT
    # No session in that book: the texts are kept, linked to nothing.
    assert _links(empty) == {
        "members": [(m[0], None, None) for m in LINKED["members"]],
        "shares": [(s[0], s[1], None) for s in LINKED["shares"]]}


def test_with_the_session_there_the_citations_link_again(tmp_path):
    folder = _source(tmp_path)
    with Book.open_folder(folder) as book:
        header, rows = _read(_export_path(book, "members", tmp_path / "members.csv"))
        _export_path(book, "shares", tmp_path / "shares-out.csv")
    # The founders first (the session needs them), then the session, then the rest.
    for name, codes in (("first.csv", {"S01", "S02", "S03"}), ("rest.csv", {"S04", "S05"})):
        with open(tmp_path / name, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, *(r for r in rows if r[0] in codes)])
    other = tmp_path / "other"
    with Book.open_folder(other) as book:
        import_file(book, "members", tmp_path / "first.csv")
        record_session(book, SESSION)
        import_file(book, "members", tmp_path / "rest.csv")
        import_file(book, "shares", tmp_path / "shares-out.csv")
        assert _export(book, "members", tmp_path / "again.csv")[1] == MEMBERS_OUT
        assert _export(book, "shares", tmp_path / "again-s.csv")[1] == SHARES_OUT
    assert _links(other) == LINKED


def _export_path(book: Book, kind: str, path: Path) -> Path:
    export_file(book, kind, path)
    return path
