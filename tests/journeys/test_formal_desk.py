"""The formal cooperative at the desk, by keys only in a real window: issue #17's "Done when".

On a fresh book the coordinator adds three members, records the founding assembly
(Socias › Alt+A) admitting them and agreeing the subscription, prints the minutes to a
PDF from the question that follows, records a subscription and a cash payment citing
the agreement (Aportaciones, Ctrl+'), a sale with its factura and the buyer's RUC,
writes the month's registers (Reportes › Cooperativa) into a folder and prints the
padrón to a PDF. The book is then read with sqlite3, the files with pdftotext and csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from pathlib import Path

from tests.journeys.conftest import read_book

MEMBERS = (("S01", "Aurora Quispe Mamani"), ("S02", "Benita Ccori Huaman"),
           ("S03", "Celia Puma Condori"))
RUC = "20601234565"  # 2060123456 and SUNAT's check digit 5 (weights 5,4,3,2,7,6,5,4,3,2)


def _fresh_book(folder: Path) -> Path:
    from coopdesk.services.book import Book
    from coopdesk.services.settings import update_settings

    book = Book.open_folder(folder)
    try:
        update_settings(book, cooperative_name="Warmi Kallpa")
    finally:
        book.close()
    return folder


def _words(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.replace("\xa0", " ").split())


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _save_pdf(desk, preview: str, path: Path) -> None:
    """In the preview window *preview*: Alt+G (Guardar como PDF…), the name, Enter, Esc."""
    desk.window(preview)
    desk.settle(1.0)
    desk.key("alt+g")
    desk.window("Guardar como PDF")
    desk.type(str(path))
    desk.key("Return")
    desk.settle(1.0)
    desk.shot("guardado-" + path.stem)
    desk.key("Escape")  # closes the preview
    desk.settle()


def test_a_formal_cooperatives_month_typed_at_the_desk(desk, tmp_path):
    data = _fresh_book(tmp_path / "libro")
    actas, padron = tmp_path / "actas.pdf", tmp_path / "padron.pdf"
    registers = tmp_path / "registros"
    today = dt.date.today()
    desk.start(data)
    desk.window("Warmi Kallpa")
    for code, name in MEMBERS:
        desk.key("ctrl+shift+m")
        desk.window("Nueva socia")
        desk.type(code)
        desk.key("Tab")
        desk.type(name)
        desk.key("Return")
        desk.settle()
    desk.shot("socias")

    # The founding assembly: every field typed, the three ticked with Space.
    desk.key("ctrl+2")
    desk.settle()
    desk.key("alt+a")  # Sesión de &asamblea…
    desk.window("Sesión de asamblea")
    desk.key("Tab", "Tab", "Tab")  # kind and call stay (ordinaria, primera); today's date
    desk.type("Taller de chocolatería")
    desk.key("Tab")
    desk.type("S01")
    desk.key("Tab")
    desk.type("S02")
    desk.key("Tab")
    desk.key("space", "Down", "space", "Down", "space")
    desk.key("Tab", "Tab", "Tab")  # past "Todas presentes" and "Reglas…" to the agenda
    desk.type("Constitución y admisión de las socias")
    desk.key("Tab", "Tab", "Tab", "Tab", "Tab")  # the other agenda lines, to agreement 1
    desk.type("Admitir como socias fundadoras a las tres presentes")
    for value in ("3", "0", "0", "S01, S02, S03"):
        desk.key("Tab")
        desk.type(value)
    desk.key("Tab")
    desk.type("Cada socia suscribe S/ 200.00 de capital social")
    for value in ("3", "0", "0"):
        desk.key("Tab")
        desk.type(value)
    desk.shot("sesion-escrita")
    desk.key("Return")
    desk.window("Sesión guardada")
    desk.shot("sesion-guardada")
    desk.key("Return")  # Sí: the minutes book in the preview
    _save_pdf(desk, "Libro de actas", actas)

    # Contributions: her subscription citing the agreement, then S/ 50.00 in cash.
    desk.key("ctrl+apostrophe")
    desk.settle()
    for kind, amount, note in (("", "200.00", ""), ("P", "50.00", "en efectivo")):
        desk.key("ctrl+n")
        desk.window("Aportaciones")
        desk.type("S01")
        desk.key("Tab")
        if kind:
            desk.type(kind)  # Pago en efectivo
        desk.key("Tab", "Tab")
        desk.type(amount)
        desk.key("Tab")
        desk.type("Asamblea 1, acuerdo 2")
        desk.key("Tab")  # to the note: the list of agreements closes
        desk.type(note)
        desk.shot("aportacion-escrita")
        desk.key("Return")
        desk.window("Aportación guardada")
        desk.key("n")  # no receipt now
        desk.settle()

    # A sale with its factura and the buyer's RUC.
    desk.key("ctrl+shift+v")
    desk.window("Nueva venta")
    desk.key("Tab")
    desk.type("Bodega Santa Rosa SAC")
    desk.key("Tab")
    desk.type("Chocolate 70% 100 g")
    desk.key("Tab")
    desk.type("10")
    desk.key("Tab")
    desk.type("12.00")
    desk.key("Tab", "Tab", "Tab", "Tab", "Tab")  # Quitar, Agregar fila, Pagado, Referencia
    desk.type("F")  # Factura
    desk.key("Tab")
    desk.type("F001-25")
    desk.key("Tab", "Tab")  # "RUC o DNI": 11 digits are a RUC
    desk.type(RUC)
    desk.shot("venta-escrita")
    desk.key("Return")
    desk.window("Venta guardada")
    desk.key("Escape")
    desk.settle()

    # Reportes › Cooperativa: the month, six documents, then padrón, constancia, registros.
    desk.key("ctrl+9")
    desk.settle(1.2)
    desk.key(*["Tab"] * 10, "space")
    desk.window("Registros para el contador")
    desk.type(str(registers))
    desk.shot("registros-carpeta")
    desk.key("Return")
    desk.settle(1.5)
    desk.shot("registros-escritos")
    desk.key("Return")  # the message saying where they went
    desk.settle()
    desk.key("shift+Tab", "shift+Tab", "space")  # Padrón de socias
    _save_pdf(desk, "Padrón de socias", padron)
    desk.shot("al-final")
    desk.key("ctrl+q")
    assert desk.wait_exit() == 0, desk.log.read_text(errors="replace")[-2000:]

    assert read_book(data, "SELECT code, admission_agreement, admission_agreement_uuid IS NOT"
                           " NULL FROM member ORDER BY code") == [
        (code, "Asamblea 1, acuerdo 1", 1) for code, _name in MEMBERS]
    assert read_book(data, "SELECT number, kind, call, place, active_members, quorum_needed"
                           " FROM assembly_session") == [
        (1, "ordinary", "first", "Taller de chocolatería", 3, 2)]
    assert read_book(data, "SELECT kind, amount, agreement, agreement_uuid IS NOT NULL, note"
                           " FROM share_movement ORDER BY id") == [
        ("subscription", 20000, "Asamblea 1, acuerdo 2", 1, ""),
        ("payment", 5000, "Asamblea 1, acuerdo 2", 1, "en efectivo")]
    with (registers / f"registro-ventas-{today:%Y%m}.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(r["fecha"], r["tipo_comprobante"], r["serie_numero"], r["tipo_doc"],
             r["numero_doc"], r["nombre"], r["importe_total"], r["estado"]) for r in rows] == [
        (f"{today:%d/%m/%Y}", "01", "F001-25", "6", RUC, "Bodega Santa Rosa SAC", "120.00",
         "valido")]
    assert sorted(p.name for p in registers.iterdir()) == sorted(
        f"registro-{k}-{today:%Y%m}.{e}" for k in ("ventas", "compras") for e in ("csv", "xlsx"))

    text = _words(actas)
    assert _pages(actas) == 1 and "Folio 1" in text
    assert "ACTA N.º 1 — SESIÓN ORDINARIA DE LA ASAMBLEA GENERAL" in text
    assert "Acuerdo N.º 1. Admitir como socias fundadoras a las tres presentes" in text
    assert "Votos: a favor 3, en contra 0, abstenciones 0 — aprobado." in text
    assert "Socias presentes (3)" in text and "Presidenta: Aurora Quispe Mamani" in text
    text = _words(padron)
    assert _pages(padron) == 1 and "Página 1 de 1" in text and "PADRÓN DE SOCIAS" in text
    for n, (code, name) in enumerate(MEMBERS, start=1):
        assert f"{n} {code} {name}" in text
    assert "Total S/ 50.00" in text and "Asamblea 1," in text
