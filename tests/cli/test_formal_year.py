"""A formal cooperative's whole year run from the command line only, every paper read back.

Issue #17's "Done when": a fresh book; a founding assembly admits ten members and agrees
the subscription; a member joins in April citing it; a second assembly accepts S05's
exit in July and her contributions are returned; workdays, sales with their paper
receipts and the buyers' RUC/DNI, purchases, expenses, payments and share capital
(cash and deductions from pay) every month; then `summary --json` and `registers` of
each of the twelve months, statements and the monthly report of each month, the padrón,
the certificate of contributions, a contribution receipt and the minutes. Every figure
is worked out in tests/cli/formal_year_data.py from the rows fed in, never by coopdesk.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
from decimal import Decimal as D

import pytest

from tests.cli import formal_year_data as fy
from tests.conftest import run_cli

ES = {"COOPDESK_LANG": "es"}
HEADERS = {
    "workdays": ["codigo_socia", "fecha", "linea", "fraccion", "nota"],
    "shares": ["codigo_socia", "fecha", "tipo", "monto", "nota", "acuerdo"],
    "payments": ["codigo_socia", "fecha", "monto", "nota"],
    "sales": ["fecha", "comprador", "producto", "cantidad", "precio_unitario", "pagado",
              "comprobante", "tipo_comprobante", "serie_numero", "tipo_doc", "numero_doc"],
    "purchases": ["fecha", "proveedor", "insumo", "cantidad", "unidad", "precio_unitario",
                  "comprobante", "tipo_comprobante", "serie_numero", "tipo_doc", "numero_doc"],
    "expenses": ["fecha", "categoria", "monto", "nota"],
}
MEMBER_HEADERS = ["codigo", "nombre", "dni", "fecha_ingreso", "estado", "fecha_salida", "cargo",
                  "acuerdo_ingreso"]


def ok(*args, data_dir, env=None):
    done = run_cli(*args, data_dir=data_dir, env=env)
    assert done.returncode == 0, (args, done.stderr)
    return done


def pdf_words(path) -> tuple[str, int]:
    """The PDF's words as pdftotext reads them (spaces flattened) and its page count."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    return " ".join(text.replace("\xa0", " ").replace("\u2212", "−").split()), pages


def soles(amount: D) -> str:
    return f"S/ {amount:,.2f}"


def query(data_dir, sql, *params):
    conn = sqlite3.connect(f"file:{data_dir / 'coopdesk.sqlite3'}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def session_file(folder, name, **session) -> str:
    path = folder / name
    path.write_text(json.dumps(session, ensure_ascii=False), encoding="utf-8")
    return path


def import_rows(folder, data_dir, kind, rows, headers):
    path = folder / f"{kind}.csv"
    path.write_text(fy.csv_text(rows, headers), encoding="utf-8")
    done = ok("import", kind, path, data_dir=data_dir)
    path.unlink()
    return done


def run_year(root):
    """Make the book of the year from the command line; return (its folder, the rows fed)."""
    year = fy.build_year()
    data, files = root / "libro", root / "archivos"
    files.mkdir()
    founders = [{"codigo": c, "nombre": n, "dni": dni, "fecha_ingreso": fy.JOINED,
                 "estado": "activa", "fecha_salida": "", "cargo": "", "acuerdo_ingreso": ""}
                for c, (n, dni) in fy.FOUNDERS.items()]
    founders[0]["cargo"] = "presidenta"
    import_rows(files, data, "members", founders, MEMBER_HEADERS)
    ok("assembly", session_file(
        files, "sesion1.json", tipo="extraordinaria", convocatoria="primera",
        fecha="2025-01-06", lugar="Taller de chocolatería", preside="S01", secretaria="S02",
        presentes=sorted(fy.FOUNDERS),
        agenda=["Constitución de la cooperativa", "Admisión de las socias fundadoras",
                "Aportaciones"],
        acuerdos=[
            {"texto": "Admitir como socias fundadoras a las diez presentes", "a_favor": 10,
             "en_contra": 0, "abstenciones": 0, "admite": sorted(fy.FOUNDERS)},
            {"texto": "Cada socia suscribe S/ 200.00 de capital social, pagaderos en efectivo"
                      " o descontados de sus jornales", "a_favor": 9, "en_contra": 0,
             "abstenciones": 1},
            {"texto": "Admitir a Karina Mayta Flores desde el 1 de abril", "a_favor": 10,
             "en_contra": 0, "abstenciones": 0}]), data_dir=data)
    code, name, dni = fy.NEWCOMER
    import_rows(files, data, "members", [
        {"codigo": code, "nombre": name, "dni": dni, "fecha_ingreso": fy.NEWCOMER_JOINED,
         "estado": "activa", "fecha_salida": "", "cargo": "",
         "acuerdo_ingreso": "Asamblea 1, acuerdo 3"}], MEMBER_HEADERS)
    ok("assembly", session_file(
        files, "sesion2.json", tipo="extraordinaria", convocatoria="primera",
        fecha="2025-07-10", lugar="Taller de chocolatería", preside="S01", secretaria="S02",
        presentes=["S01", "S02", "S03", "S04", "S06", "S07", "S11"],
        agenda=["Retiro de Elena Choque Apaza al cumplir su condena"],
        acuerdos=[{"texto": "Aceptar el retiro de Elena Choque Apaza y devolverle sus"
                            " aportaciones", "a_favor": 7, "en_contra": 0,
                   "abstenciones": 0}]), data_dir=data)
    done = ok("member-exit", fy.LEAVER, "--date", fy.LEFT_ON.isoformat(), "--status",
              "liberada", "--agreement", "Asamblea 2, acuerdo 1", data_dir=data, env=ES)
    assert done.stderr.strip() == "Elena Choque Apaza (S05) salió el 15/07/2025."
    assert query(data, "SELECT m.status, m.exit_on, m.exit_agreement, a.text FROM member m"
                       " JOIN assembly_agreement a ON a.uuid = m.exit_agreement_uuid"
                       " WHERE m.code = ?", fy.LEAVER) == [
        ("liberada", "2025-07-15", "Asamblea 2, acuerdo 1",
         "Aceptar el retiro de Elena Choque Apaza y devolverle sus aportaciones")]
    assert query(data, "SELECT a.text FROM member m JOIN assembly_agreement a"
                       " ON a.uuid = m.admission_agreement_uuid WHERE m.code = 'S11'") == [
        ("Admitir a Karina Mayta Flores desde el 1 de abril",)]
    import_rows(files, data, "rates", [{"desde": fy.NEW_RATE_FROM, "monto": fy.NEW_RATE}],
                ["desde", "monto"])
    for kind in ("workdays", "shares", "payments", "sales", "purchases", "expenses"):
        rows = sorted(getattr(year, kind), key=lambda r: r["fecha"])
        import_rows(files, data, kind, rows, HEADERS[kind])
    return data, year


@pytest.fixture(scope="module")
def formal_year(tmp_path_factory):
    return run_year(tmp_path_factory.mktemp("anio-formal"))


@pytest.fixture
def year_copy(formal_year, tmp_path):
    """A copy of the year's book for a test that adds to it."""
    data, year = formal_year
    copy = tmp_path / "libro"
    shutil.copytree(data, copy)
    return copy, year


MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "setiembre", "octubre", "noviembre", "diciembre")


def two(amount: D) -> str:
    return f"{amount:.2f}"


def test_every_month_summary_balances_and_capital_match_the_rows_fed_in(formal_year):
    data, year = formal_year
    for month in range(1, 13):
        done = ok("summary", "--month", f"{fy.YEAR}-{month:02d}", "--json", data_dir=data)
        got = json.loads(done.stdout)
        assert got["sales"]["total"] == two(fy.sales_total(year, month)), month
        assert got["purchases"]["total"] == two(fy.purchases_total(year, month)), month
        assert got["sales"]["count"] == 3
        unpaid = sum((fy.line_total(r) for r in year.sales
                      if r["fecha"].month == month and r["pagado"] == "no"), D(0))
        assert got["sales"]["unpaid"] == two(unpaid), month
        assert got["capital"] == {k: two(v) for k, v in fy.capital_month(year, month).items()}
        assert [m["code"] for m in got["members"]] == year.codes()
        for member in got["members"]:
            code = member["code"]
            opening = fy.opening(year, code, month)
            earned = fy.earned_in(year, code, month)
            paid, deducted = fy.paid_in(year, code, month), fy.deducted_in(year, code, month)
            subscribed, capital_paid = fy.capital_of(year, code, month)
            assert member == {
                "code": code, "workdays": two(fy.workdays_in(year, code, month)),
                "earned": two(earned), "paid": two(paid), "deducted": two(deducted),
                "opening_balance": two(opening),
                "closing_balance": two(opening + earned - paid - deducted),
                "capital_subscribed": two(subscribed), "capital_paid": two(capital_paid),
            }, (month, code)
        assert got["funds"]["reserve"] == {"opening": "0.00", "in": "0.00", "out": "0.00",
                                           "closing": "0.00"}
    # S05 left with nothing owed and her S/ 150.00 returned: her capital is nil from July.
    assert fy.opening(year, fy.LEAVER, 8) == 0
    assert fy.capital_of(year, fy.LEAVER, 7) == (D("200.00"), D("0.00"))


def test_every_month_registers_add_up_to_the_months_sales_and_purchases(formal_year,
                                                                        tmp_path):
    from openpyxl import load_workbook

    data, year = formal_year
    kinds = {"6": "RUC", "1": "DNI", "": ""}
    codes = {"factura": "01", "boleta": "03", "": ""}
    for month in range(1, 13):
        out = tmp_path / f"registros-{month:02d}"
        ok("registers", "--month", f"{fy.YEAR}-{month:02d}", "--out", out, data_dir=data)
        stem = f"{fy.YEAR}{month:02d}"
        for name, rows, total in (
                ("ventas", [r for r in year.sales if r["fecha"].month == month],
                 fy.sales_total(year, month)),
                ("compras", [r for r in year.purchases if r["fecha"].month == month],
                 fy.purchases_total(year, month))):
            path = out / f"registro-{name}-{stem}.csv"
            with path.open(encoding="utf-8-sig", newline="") as handle:
                written = list(csv.DictReader(handle))
            assert sum((D(r["importe_total"]) for r in written), D(0)) == total
            assert [(r["fecha"], r["tipo_comprobante"], r["serie_numero"],
                     kinds[r["tipo_doc"]], r["numero_doc"], r["nombre"], r["importe_total"],
                     r["base_imponible"], r["igv"], r["estado"]) for r in written] == [
                (f["fecha"].strftime("%d/%m/%Y"), codes[f["tipo_comprobante"]],
                 f["serie_numero"], f["tipo_doc"], f["numero_doc"],
                 f.get("comprador") or f["proveedor"], two(fy.line_total(f)),
                 two(fy.line_total(f)), "0.00", "valido") for f in rows]
            sheet = load_workbook(out / f"registro-{name}-{stem}.xlsx", read_only=True).active
            cells = list(sheet.iter_rows(values_only=True))
            column = cells[0].index("importe_total")
            assert sum((D(row[column]) for row in cells[1:]), D(0)) == total


def _statements(text: str) -> dict[str, str]:
    """Each member's part of an all-members statement, by her code."""
    parts = text.split("Socia: ")[1:]
    return {part.split("código ", 1)[1].split()[0]: part for part in parts}


def test_every_month_statements_and_report_print_the_same_figures(formal_year, tmp_path):
    data, year = formal_year
    for month in range(1, 13):
        label = f"{MONTHS[month - 1]} de {fy.YEAR}"
        out = tmp_path / f"estados-{month:02d}.pdf"
        ok("statement", "--month", f"{fy.YEAR}-{month:02d}", "--out", out, data_dir=data,
           env=ES)
        text, pages = pdf_words(out)
        active = [c for c in year.codes() if fy.active_in(c, month)]
        assert pages == len(active), month  # one page each, each from a new page
        parts = _statements(text)
        assert sorted(parts) == active, month
        for code in active:
            part = parts[code]
            opening = fy.opening(year, code, month)
            closing = (opening + fy.earned_in(year, code, month) - fy.paid_in(year, code, month)
                       - fy.deducted_in(year, code, month))
            assert f"Estado de cuenta de {label}" in text
            assert f"Lo que la cooperativa le debe ahora {soles(closing)}" in part, (month, code)
            subscribed, paid = fy.capital_of(year, code, month)
            assert (f"Sus aportaciones: pagó {soles(paid)} de {soles(subscribed)}."
                    in part), (month, code)
            deducted = fy.deducted_in(year, code, month)
            if deducted:
                assert f"− {soles(deducted)}" in part
        out = tmp_path / f"reporte-{month:02d}.pdf"
        ok("report", "--month", f"{fy.YEAR}-{month:02d}", "--out", out, data_dir=data, env=ES)
        text, pages = pdf_words(out)
        assert pages == 2, month
        earned = sum((fy.earned_in(year, c, month) for c in year.codes()), D(0))
        capital = fy.capital_month(year, month)
        assert f"Reporte mensual: {label}" in text
        assert f"Ventas (3 recibos) {soles(fy.sales_total(year, month))}" in text
        assert f"Compras de insumos − {soles(fy.purchases_total(year, month))}" in text
        assert f"Ganado por las socias en jornales − {soles(earned)}" in text
        assert (f"Pagado (en efectivo y descontado de jornales) {soles(capital['paid'])}"
                in text), month
        assert f"Devuelto a socias que salieron {soles(capital['returned'])}" in text
        assert "Fondo de reserva S/ 0.00 S/ 0.00 S/ 0.00 S/ 0.00" in text


def _x_of_words(path, words) -> dict[str, float]:
    """Where each word starts across the page (pdftotext -bbox), for lining up columns."""
    import re

    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    found = {}
    for x_min, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', html):
        if word in words and word not in found:
            found[word] = float(x_min)
    return found


def test_the_years_papers_padron_certificate_receipt_and_minutes(formal_year, tmp_path):
    data, year = formal_year
    out = tmp_path / "padron.pdf"
    ok("padron", "--out", out, data_dir=data, env=ES)
    text, pages = pdf_words(out)
    assert pages == 1 and "Página 1 de 1" in text and "PADRÓN DE SOCIAS" in text
    everyone = {**{c: v for c, v in fy.FOUNDERS.items()},
                fy.NEWCOMER[0]: fy.NEWCOMER[1:]}
    for n, code in enumerate(year.codes(), start=1):
        name, dni = everyone[code]
        paid = fy.capital_of(year, code, 12)[1]
        assert f"{n} {code} {name} {dni}" in text
        row = text.split(f"{n} {code} {name} {dni} ")[1][:120]  # pdftotext wraps cells
        assert soles(paid) in row and ("liberada" if code == fy.LEAVER else "activa") in row
    assert "15/07/2025 · Asamblea" in text and "liberada S/ 0.00 acuerdo 1 2, acuerdo 1" in text
    assert "01/04/2025 · Asamblea 1," in text and "41122334 activa S/ 200.00 acuerdo 3" in text
    total = sum((fy.capital_of(year, c, 12)[1] for c in year.codes()), D(0))
    assert total == D("2000.00") and f"Total {soles(total)}" in text
    # The last rows, kept with the signatures, line up with the rows above them.
    xs = _x_of_words(out, set(year.codes()))
    assert len({round(x, 1) for x in xs.values()}) == 1, xs

    out = tmp_path / "constancia.pdf"
    ok("contributions", "--member", fy.LEAVER, "--out", out, data_dir=data, env=ES)
    text, pages = pdf_words(out)
    leaver_rows = [r for r in year.shares if r["codigo_socia"] == fy.LEAVER]
    paid = sum((r["monto"] for r in leaver_rows if r["tipo"] in ("pago", "descuento")), D(0))
    assert pages == 1 and "CONSTANCIA DE APORTACIONES" in text
    assert f"Pagado (en efectivo y descontado de su pago) {soles(paid)}" in text
    assert "Devuelto S/ 150.00" in text and "Sus aportaciones ahora S/ 0.00" in text
    # The signed sentence says what she paid and what came back, never "ha pagado S/ 0.00".
    returned = sum((r["monto"] for r in leaver_rows if r["tipo"] == "devolucion"), D(0))
    assert (f"pagó {soles(paid)} y se le devolvió {soles(returned)}, según el detalle"
            in text), text[:400]
    assert "ha pagado S/ 0.00" not in text
    assert text.count("Descontado de su pago S/ 20.00") == 6

    # Receipt numbers follow the order the movements were recorded (the file's order).
    number = next(i for i, r in enumerate(sorted(year.shares, key=lambda r: r["fecha"]),
                                         start=1) if r["tipo"] == "devolucion")
    out = tmp_path / "recibo.pdf"
    ok("contribution-receipt", number, "--out", out, data_dir=data, env=ES)
    text, pages = pdf_words(out)
    assert pages == 1 and text.count("RECIBO DE APORTACIÓN") == 2
    assert f"N.º {number:06d}" in text and "S/ 150.00" in text and "Huella digital" in text

    out = tmp_path / "actas.pdf"
    ok("actas", "--out", out, data_dir=data, env=ES)
    text, pages = pdf_words(out)
    assert pages >= 2
    for folio in range(1, pages + 1):
        assert f"Folio {folio}" in text
    assert "Admitir como socias fundadoras a las diez presentes" in text
    assert "Aceptar el retiro de Elena Choque Apaza y devolverle sus aportaciones" in text
    for code, (name, _dni) in fy.FOUNDERS.items():
        assert name in text


def test_an_exit_is_recorded_once_and_never_before_her_records(year_copy):
    data, year = year_copy
    before = query(data, "SELECT code, status, exit_on, exit_agreement FROM member")
    again = run_cli("member-exit", fy.LEAVER, "--date", "2025-08-01", "--status", "retirada",
                    data_dir=data, env=ES)
    assert again.returncode == 1
    assert again.stderr.strip() == (
        "Elena Choque Apaza (S05) ya no está activa; su salida ya está registrada.")
    early = run_cli("member-exit", "S01", "--date", "2025-03-01", "--status", "liberada",
                    data_dir=data, env=ES)
    assert early.returncode == 1
    last = max(r["fecha"] for r in year.workdays if r["codigo_socia"] == "S01")
    assert early.stderr.strip() == (
        f"Tiene registros hasta el {last:%d/%m/%Y}; la fecha de salida no puede ser"
        " anterior.")
    wrong = run_cli("member-exit", "S01", "--date", "2026-01-01", "--status", "activa",
                    data_dir=data, env=ES)
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == ("Al salir, el estado es liberada (cumplió su condena) o"
                                    " retirada (se retiró).")
    unknown = run_cli("member-exit", "S99", "--date", "2025-08-01", "--status", "retirada",
                      data_dir=data, env=ES)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "No hay ninguna socia con el código “S99”."
    assert query(data, "SELECT code, status, exit_on, exit_agreement FROM member") == before


def test_the_years_draft_distribution_splits_the_surplus_with_the_reserve(formal_year,
                                                                         tmp_path):
    data, year = formal_year
    reserve, education, shares = fy.split_surplus(year)
    surplus = fy.surplus(year)
    assert reserve + education + sum(shares.values(), D(0)) == surplus
    assert (surplus * 5 / 100) % D("0.01") == D("0.005")  # half a céntimo: rounded up
    out = tmp_path / "reparto.pdf"
    ok("distribution", "--year", fy.YEAR, "--out", out, data_dir=data, env=ES)
    text, pages = pdf_words(out)
    assert pages == 2 and "Página 2 de 2" in text and "BORRADOR" in text
    assert f"Excedente del año a repartir {soles(surplus)}" in text
    assert f"10 % {soles(reserve)}" in text and f"5% {soles(education)}" in text
    for code, amount in shares.items():
        days = sum((fy.workdays_in(year, code, m) for m in range(1, 13)), D(0))
        assert f"{code} " in text and f"{days.normalize():f} {soles(amount)}" in text, code


def test_the_next_years_assembly_approves_the_distribution_with_the_reserve(year_copy,
                                                                           tmp_path):
    data, year = year_copy
    reserve, education, shares = fy.split_surplus(year)
    present = [c for c in year.codes() if c != fy.LEAVER]
    ok("assembly", session_file(
        tmp_path, "sesion3.json", tipo="ordinaria", convocatoria="primera",
        fecha="2026-01-15", lugar="Taller de chocolatería", preside="S01", secretaria="S02",
        presentes=present, agenda=["Balance de 2025", "Reparto del excedente"],
        acuerdos=[{"texto": "Aprobar el balance de 2025", "a_favor": 10, "en_contra": 0,
                   "abstenciones": 0},
                  {"texto": "Repartir el excedente de 2025: 10 % a la reserva, 5 % a"
                            " educación, el resto según los jornales", "a_favor": 9,
                   "en_contra": 1, "abstenciones": 0}]), data_dir=data)
    done = ok("approve-distribution", "--year", fy.YEAR, "--date", "2026-01-15",
              "--agreement", "Asamblea 3, acuerdo 2", data_dir=data, env=ES)
    to_members = sum(shares.values(), D(0))
    # The one formatter keeps "S/" and the amount together with a no-break space.
    assert done.stderr.strip().replace("\xa0", " ") == (
        f"Excedente de {fy.YEAR} distribuido: reserva {soles(reserve)}, educación"
        f" {soles(education)}, socias {soles(to_members)}.")
    assert query(data, "SELECT d.agreement_uuid = a.uuid FROM surplus_distribution d,"
                       " assembly_agreement a JOIN assembly_session s ON s.id = a.session_id"
                       " WHERE s.number = 3 AND a.number = 2") == [(1,)]
    out = tmp_path / "reparto.pdf"
    ok("distribution", "--year", fy.YEAR, "--out", out, data_dir=data, env=ES)
    text, _pages = pdf_words(out)
    assert "BORRADOR" not in text and "Asamblea 3, acuerdo 2" in text
    assert f"{soles(reserve)}" in text and f"{soles(education)}" in text
    # January's statement credits her share; the report shows the funds' money in.
    out = tmp_path / "enero.pdf"
    ok("statement", "--month", "2026-01", "--member", "S01", "--out", out, data_dir=data,
       env=ES)
    text, pages = pdf_words(out)
    opening = fy.opening(year, "S01", 13)
    assert pages == 1
    assert f"Lo que la cooperativa le debía al empezar el mes {soles(opening)}" in text
    assert f"Lo que la cooperativa le debe ahora {soles(opening + shares['S01'])}" in text
    got = json.loads(ok("summary", "--month", "2026-01", "--json", data_dir=data).stdout)
    assert got["funds"]["reserve"] == {"opening": "0.00", "in": two(reserve), "out": "0.00",
                                       "closing": two(reserve)}
    assert got["funds"]["education"]["in"] == two(education)
    out = tmp_path / "reporte.pdf"
    ok("report", "--month", "2026-01", "--out", out, data_dir=data, env=ES)
    text, _pages = pdf_words(out)
    assert f"Fondo de reserva S/ 0.00 {soles(reserve)} S/ 0.00 {soles(reserve)}" in text
    refused = run_cli("fund-entry", "reserve", "out", "10.00", "--date", "2026-01-20",
                      "--note", "préstamo", data_dir=data)
    assert refused.returncode == 1
    assert got["funds"]["reserve"]["closing"] == two(reserve)
