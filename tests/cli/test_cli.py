"""The command line as scripts use it: subprocesses, exit codes, stdout and stderr."""

import json

import pytest

from tests.conftest import run_cli


@pytest.fixture
def demo_copy(demo_dir):
    return demo_dir


def test_demo_summary_check(demo_copy):
    from decimal import Decimal as D

    out = run_cli("summary", "--month", "2022-10", "--json", data_dir=demo_copy)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == ["month", "currency", "labor", "sales", "purchases", "expenses",
                          "result", "attendance", "capital", "funds", "members"]
    assert list(data["capital"]) == ["subscribed", "paid", "returned"]
    assert list(data["funds"]) == ["reserve", "education"]
    for flow in data["funds"].values():
        assert list(flow) == ["opening", "in", "out", "closing"]
        assert D(flow["closing"]) == D(flow["opening"]) + D(flow["in"]) - D(flow["out"])
    # The demo's education fund: S/ 500.00 given on 01/02/2022, then S/ 35.00 a session
    # (sessions from February to September: 8 before October, 1 in October).
    assert data["funds"]["education"] == {"opening": "220.00", "in": "0.00", "out": "35.00",
                                          "closing": "185.00"}
    assert data["month"] == "2022-10" and data["currency"] == "PEN"
    assert list(data["attendance"]) == [str(n) for n in range(1, 10)]
    codes = [m["code"] for m in data["members"]]
    assert codes == sorted(codes) and len(codes) >= 20

    for m in data["members"]:
        assert set(m) == {"code", "workdays", "earned", "paid", "deducted", "opening_balance",
                          "closing_balance", "capital_subscribed", "capital_paid"}
        assert all(len(v.split(".")[1]) == 2 for k, v in m.items() if k != "code")
        assert D(m["closing_balance"]) == (D(m["opening_balance"]) + D(m["earned"])
                                           - D(m["paid"]) - D(m["deducted"]))
    # result = sales - purchases - expenses - labor earned, from the printed strings
    from decimal import Decimal as D
    r = (D(data["sales"]["total"]) - D(data["purchases"]["total"])
         - D(data["expenses"]["total"]) - D(data["labor"]["earned"]))
    assert D(data["result"]) == r
    check = run_cli("check", data_dir=demo_copy)
    assert check.returncode == 0, check.stdout + check.stderr


def test_demo_refuses_a_book_that_is_not_empty(demo_copy):
    out = run_cli("demo", data_dir=demo_copy)
    assert out.returncode == 1
    assert out.stderr.strip() and "Traceback" not in out.stderr


def test_bad_csv_exits_1_names_lines_and_changes_nothing(demo_copy, tmp_path):
    before = run_cli("summary", "--month", "2022-10", "--json", data_dir=demo_copy).stdout
    bad = tmp_path / "jornales.csv"
    bad.write_text("codigo_socia,fecha,linea,fraccion,nota\n"
                   "S01,2022-10-31,textil,1,\n"
                   "S99,2022-10-31,chocolate,1,\n"
                   "S01,2022-10-31,chocolate,2,\n", encoding="utf-8")
    out = run_cli("import", "workdays", bad, data_dir=demo_copy)
    assert out.returncode == 1
    lines = [line for line in out.stderr.splitlines() if line.startswith(str(bad))]
    assert [line.split(":")[1] for line in lines] == ["3", "4"]
    assert "Traceback" not in out.stderr
    after = run_cli("summary", "--month", "2022-10", "--json", data_dir=demo_copy).stdout
    assert after == before


def test_env_variable_picks_the_book(demo_copy):
    out = run_cli("summary", "--month", "2022-10", "--json",
                  env={"COOPDESK_DATA_DIR": str(demo_copy)})
    assert json.loads(out.stdout)["sales"]["count"] > 0


def test_user_mistakes_have_no_traceback(tmp_path):
    for args in (["summary", "--month", "2022-13", "--json"], ["import", "nada", "x.csv"],
                 ["import", "members", tmp_path / "missing.csv"],
                 ["export", "members", tmp_path / "x.txt"]):
        out = run_cli(*args, data_dir=tmp_path / "b")
        assert out.returncode == 1, args
        assert "Traceback" not in out.stderr and out.stderr.strip(), args


def test_export_import_round_trip_gives_identical_summaries(demo_copy, tmp_path):
    target = tmp_path / "copy"
    order = ["members", "rates", "workdays", "attendance", "purchases", "sales", "payments",
             "shares", "expenses"]
    for kind in order:
        assert run_cli("export", kind, tmp_path / f"{kind}.csv", data_dir=demo_copy).returncode == 0
    for kind in order:
        out = run_cli("import", kind, tmp_path / f"{kind}.csv", data_dir=target)
        assert out.returncode == 0, out.stderr
    for month in ("2022-01", "2022-06", "2022-10", "2022-12"):
        a = run_cli("summary", "--month", month, "--json", data_dir=demo_copy).stdout
        b = run_cli("summary", "--month", month, "--json", data_dir=target).stdout
        # The funds are no CSV kind (a backup carries them): everything else is the same.
        a, b = json.loads(a), json.loads(b)
        a.pop("funds")
        assert {f["closing"] for f in b.pop("funds").values()} == {"0.00"}
        assert a == b, month


def test_xlsx_export_has_the_same_columns(demo_copy, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "ventas.xlsx"
    assert run_cli("export", "sales", path, data_dir=demo_copy).returncode == 0
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    # The paper receipt and the buyer's document (optional on import) come before the uuids.
    assert rows[0] == ("fecha", "comprador", "producto", "cantidad", "precio_unitario",
                       "pagado", "comprobante", "tipo_comprobante", "serie_numero", "tipo_doc",
                       "numero_doc", "venta_uuid", "linea_uuid", "comprador_uuid",
                       "producto_uuid", "sitio_uuid")
    csv_path = tmp_path / "ventas.csv"
    run_cli("export", "sales", csv_path, data_dir=demo_copy)
    import csv
    with open(csv_path, encoding="utf-8") as fh:
        csv_rows = [tuple(r) for r in csv.reader(fh)]
    assert [tuple("" if c is None else c for c in r) for r in rows] == csv_rows


def test_version():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("coopdesk ")


def test_exported_uuids_name_the_records_and_the_site(demo_copy, tmp_path):
    """Each sale line's uuid columns resolve to its sale, line, buyer and product."""
    import csv
    import sqlite3

    path = tmp_path / "ventas.csv"
    assert run_cli("export", "sales", path, data_dir=demo_copy).returncode == 0
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    conn = sqlite3.connect(f"file:{demo_copy / 'coopdesk.sqlite3'}?mode=ro", uri=True)
    try:
        (site,), = conn.execute("SELECT value FROM setting WHERE key='site_id'").fetchall()
        for row in rows[:40]:
            found = conn.execute(
                "SELECT s.day, b.name, p.name FROM sale s JOIN sale_line l ON l.sale_id = s.id"
                " JOIN buyer b ON b.id = s.buyer_id JOIN product p ON p.id = l.product_id"
                " WHERE s.uuid = ? AND l.uuid = ? AND b.uuid = ? AND p.uuid = ?",
                (row["venta_uuid"], row["linea_uuid"], row["comprador_uuid"],
                 row["producto_uuid"])).fetchall()
            assert found == [(row["fecha"], row["comprador"], row["producto"])]
            assert row["sitio_uuid"] == site
    finally:
        conn.close()
    assert len({r["linea_uuid"] for r in rows}) == len(rows)
