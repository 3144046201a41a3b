"""Every paper document from the command line, run as scripts run it, on the demo book.

The figures each PDF must show are read here straight from the SQLite file with the
sqlite3 module (or worked out by hand), never through the code that prints them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
from decimal import Decimal as D

import pytest

from tests.conftest import run_cli


def text_of(path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    pages = [(p.extract_text() or "") for p in reader.pages]
    return "\n".join(pages).replace("\xa0", " ")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def query(demo_dir, sql: str, *params):
    conn = sqlite3.connect(f"file:{demo_dir / 'coopdesk.sqlite3'}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()  # the program takes the book for itself: let go before it runs


def days(text: str) -> str:
    """A count of workdays as paper prints it: 8, 8.5."""
    return format(D(text).normalize(), "f")


def book_rows(demo_dir) -> list:
    """What a refusal must leave unchanged: settings and the audit trail."""
    return query(demo_dir, "SELECT key, value FROM setting ORDER BY key") + query(
        demo_dir, "SELECT count(*) FROM audit_event")


def today_words() -> str:
    today = dt.date.today()
    return f"{today.day} {today.strftime('%B')} {today.year}"


# --- the constancia de días trabajados ------------------------------------------------


def test_days_worked_month_by_month_then_each_day(demo_dir, tmp_path):
    out_file = tmp_path / "dias.pdf"
    out = run_cli("days-worked", "--member", "S01", "--from", "2022-01-01", "--to",
                  "2022-12-31", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = flat(text_of(out_file))
    months = query(demo_dir, (
        "SELECT substr(w.day, 1, 7), sum(w.fraction >= 1000), sum(w.fraction < 1000),"
        " sum(w.fraction) FROM workday w JOIN member m ON m.id = w.member_id"
        " WHERE m.code = 'S01' AND w.voided_at IS NULL AND w.day BETWEEN '2022-01-01'"
        " AND '2022-12-31' GROUP BY 1 ORDER BY 1"))
    assert len(months) == 12
    for month, full, half, thousandths in months:
        name = dt.date.fromisoformat(month + "-01").strftime("%B %Y")
        assert f"{name} {full} {half} {days(str(D(thousandths) / 1000))}" in text, name
    full = sum(m[1] for m in months)
    half = sum(m[2] for m in months)
    total = days(str(sum(D(m[3]) for m in months) / 1000))
    assert f"Total {full} {half} {total}" in text
    assert f"Total: {total} days worked ({full} full days and {half} half days)." in text
    # Then the detail: one numbered row per day.
    assert "Detail of the days worked" in text
    assert f" {full + half} " in text.split("Detail of the days worked")[1]
    # Who signs, where and when, and what INPE computes.
    assert "Head of the work area of the prison (INPE)" in text
    assert "Workshop coordinator" in text
    assert f"Quillabamba, {today_words()}." in text
    assert "computed by INPE, not by the cooperative" in text


def test_days_worked_before_she_joined_says_so_truthfully(demo_dir, tmp_path):
    out_file = tmp_path / "vacio.pdf"
    out = run_cli("days-worked", "--member", "S02", "--from", "2019-01-01", "--to",
                  "2019-12-31", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = flat(text_of(out_file))
    assert "records no workdays in the period from 01/01/2019 to 31/12/2019." in text
    assert "worked in its workshop" not in text
    assert "Total: 0 days worked" in text


def test_the_work_area_title_is_a_setting(demo_dir, tmp_path):
    from coopdesk.services.book import Book
    from coopdesk.services.settings import update_settings

    with Book.open_folder(demo_dir) as book:
        update_settings(book, work_area_title="Jefa del Área de Trabajo del E.P. Quillabamba")
    out_file = tmp_path / "dias.pdf"
    out = run_cli("days-worked", "--member", "S03", "--from", "2022-10-01", "--to",
                  "2022-10-31", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = flat(text_of(out_file))
    assert "Jefa del Área de Trabajo del E.P. Quillabamba" in text
    assert "Head of the work area" not in text


@pytest.mark.parametrize(("args", "sentence"), [
    (["--member", "S99", "--from", "2022-01-01", "--to", "2022-12-31"], "S99"),
    (["--member", "S01", "--from", "2022-12-31", "--to", "2022-01-01"],
     "The period ends before it starts."),
    (["--member", "S01", "--from", "2022-02-30", "--to", "2022-12-31"], "--from"),
])
def test_days_worked_refusals(demo_dir, tmp_path, args, sentence):
    out_file = tmp_path / "x.pdf"
    before = book_rows(demo_dir)
    out = run_cli("days-worked", *args, "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 1
    assert sentence in out.stderr and "Traceback" not in out.stderr
    assert not out_file.exists() and book_rows(demo_dir) == before


# --- certificates ---------------------------------------------------------------------


def complete_members(demo_dir) -> list[str]:
    return [code for (code,) in query(demo_dir, (
        "SELECT m.code FROM attendance a JOIN workshop_session s ON s.id = a.session_id"
        " JOIN member m ON m.id = a.member_id WHERE a.status = 'present'"
        " GROUP BY m.code HAVING count(DISTINCT s.workshop_id) = 9 ORDER BY m.code"))]


def test_certificates_are_numbered_once_with_hours_and_the_inpe_line(demo_dir, tmp_path):
    first, second = complete_members(demo_dir)[:2]
    numbers = {}
    for i, code in enumerate([first, second, first]):
        out_file = tmp_path / f"c{i}.pdf"
        out = run_cli("certificate", "--member", code, "--out", out_file, data_dir=demo_dir)
        assert out.returncode == 0, out.stderr
        text = flat(text_of(out_file))
        found = re.search(r"Certificate No\. (\d{4})", text)
        assert found, text[:300]
        numbers.setdefault(code, set()).add(found.group(1))
        assert "all 9 workshops of its training programme, 36 hours in all" in text
        assert "Total attended 36" in text
        assert "Head of the work area of the prison (INPE)" in text
        assert f"Quillabamba, {today_words()}." in text
    # The same member keeps her number; the next member gets the next one.
    assert numbers == {first: {"0001"}, second: {"0002"}}
    assert query(demo_dir, "SELECT value FROM setting WHERE key = 'certificate_last'") == [("2",)]


def test_the_hours_of_a_workshop_are_a_setting(demo_dir, tmp_path):
    from coopdesk.services.book import Book
    from coopdesk.services.settings import update_settings

    with Book.open_folder(demo_dir) as book:
        update_settings(book, workshop_hours="3", workshop_hours_9="6")
    out_file = tmp_path / "c.pdf"
    code = complete_members(demo_dir)[0]
    out = run_cli("certificate", "--member", code, "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    assert "30 hours in all" in flat(text_of(out_file))  # 8 × 3 + 6


def test_the_president_does_not_sign_her_own_record(demo_dir, tmp_path):
    role = query(demo_dir, "SELECT role FROM member WHERE code = 'S01'")[0][0]
    assert role.startswith("presid")
    out_file = tmp_path / "s01.pdf"
    out = run_cli("certificate", "--member", "S01", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = flat(text_of(out_file))
    attended = query(demo_dir, (
        "SELECT count(DISTINCT s.workshop_id) FROM attendance a JOIN workshop_session s"
        " ON s.id = a.session_id JOIN member m ON m.id = a.member_id"
        " WHERE m.code = 'S01' AND a.status = 'present'"))[0][0]
    assert f"has attended {attended} of the 9 workshops" in text
    assert f"({attended * 4} hours)" in text
    assert "Secretary of the cooperative" in text
    assert "President of the cooperative" not in text
    assert "Certificate No." not in text  # only the full certificate takes a number
    # Another member's paper is signed by the president.
    out_file = tmp_path / "s02.pdf"
    assert run_cli("certificate", "--member", "S02", "--out", out_file,
                   data_dir=demo_dir).returncode == 0
    assert "President of the cooperative" in flat(text_of(out_file))


def test_no_certificate_for_a_member_who_attended_nothing(demo_dir, tmp_path):
    from coopdesk.services.book import Book
    from coopdesk.services.members import MemberData, add_member

    with Book.open_folder(demo_dir) as book:
        add_member(book, MemberData(code="S77", full_name="Nueva Socia Sin Talleres",
                                    joined_on=dt.date(2022, 11, 2)))
    before = book_rows(demo_dir)
    out_file = tmp_path / "x.pdf"
    out = run_cli("certificate", "--member", "S77", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 1
    assert ("Nueva Socia Sin Talleres (S77) has not attended any workshop session yet: there "
            "is nothing to certify.") in out.stderr
    assert not out_file.exists() and book_rows(demo_dir) == before


# --- sheets ---------------------------------------------------------------------------


def test_workday_sheet_filled_and_blank(demo_dir, tmp_path):
    halves = query(demo_dir, "SELECT count(*) FROM workday WHERE voided_at IS NULL AND"
                   " fraction = 500 AND day BETWEEN '2022-10-01' AND '2022-10-31'")[0][0]
    assert halves > 0
    texts = {}
    for flag in ([], ["--blank"]):
        out_file = tmp_path / f"sheet{len(flag)}.pdf"
        out = run_cli("workday-sheet", "--month", "2022-10", *flag, "--out", out_file,
                      data_dir=demo_dir)
        assert out.returncode == 0, out.stderr
        texts[bool(flag)] = text_of(out_file)
    assert "October 2022" in texts[False]
    # The hint line has one ½; each recorded half day adds one on the filled sheet.
    assert texts[True].count("½") == 1
    assert texts[False].count("½") == 1 + halves


def test_attendance_sheet_of_a_recorded_session_and_blank(demo_dir, tmp_path):
    held_on, number, present = query(demo_dir, (
        "SELECT s.held_on, w.number, sum(a.status = 'present') FROM workshop_session s"
        " JOIN workshop w ON w.id = s.workshop_id JOIN attendance a ON a.session_id = s.id"
        " GROUP BY s.id ORDER BY s.held_on LIMIT 1"))[0]
    texts = {}
    for flag in ([], ["--blank"]):
        out_file = tmp_path / f"att{len(flag)}.pdf"
        out = run_cli("attendance-sheet", "--workshop", number, "--date", held_on, *flag,
                      "--out", out_file, data_dir=demo_dir)
        assert out.returncode == 0, out.stderr
        texts[bool(flag)] = text_of(out_file)
    day = dt.date.fromisoformat(held_on).strftime("%d/%m/%Y")
    assert day in texts[False] and day in texts[True]
    assert texts[False].count("\npresent\n") == present
    assert "present" not in texts[True]


@pytest.mark.parametrize(("workshop", "sentence"), [
    ("x", "must be its number"), ("99", "There is no workshop number 99.")])
def test_attendance_sheet_refusals(demo_dir, tmp_path, workshop, sentence):
    out_file = tmp_path / "x.pdf"
    out = run_cli("attendance-sheet", "--workshop", workshop, "--date", "2022-10-05",
                  "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 1 and sentence in out.stderr and "Traceback" not in out.stderr
    assert not out_file.exists()


# --- payment receipts, distribution, costing ------------------------------------------


def test_payment_receipt_by_its_number(demo_dir, tmp_path):
    amount, name, day = query(demo_dir, (
        "SELECT p.amount, m.full_name, p.day FROM payment_receipt r"
        " JOIN member_payment p ON p.id = r.payment_id JOIN member m ON m.id = p.member_id"
        " WHERE r.number = 2"))[0]
    out_file = tmp_path / "pago.pdf"
    out = run_cli("payment-receipt", "2", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = flat(text_of(out_file))
    assert "No. 000002" in text and name in text
    assert f"S/ {D(amount) / 100:,.2f}" in text
    assert dt.date.fromisoformat(day[:10]).strftime("%d/%m/%Y") in text


@pytest.mark.parametrize(("number", "sentence"), [
    ("999999", "There is no payment with receipt number 999999."),
    ("12a", "must be a plain number")])
def test_payment_receipt_refusals(demo_dir, tmp_path, number, sentence):
    out_file = tmp_path / "x.pdf"
    out = run_cli("payment-receipt", number, "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 1 and sentence in out.stderr and "Traceback" not in out.stderr
    assert not out_file.exists()


def test_distribution_of_a_year_with_a_surplus(demo_dir, tmp_path):
    from coopdesk.domain.trade import SaleLine
    from coopdesk.services.book import Book
    from coopdesk.services.trade import record_sale

    # The demo year closes at S/ −772.20 (the refusal says so); a sale of 10,772.20 makes
    # the surplus exactly 10,000.00: by the default rule reserve 10 % = 1,000.00, education
    # 5 % = 500.00, the members the rest, 8,500.00.
    out = run_cli("distribution", "--year", "2022", "--out", tmp_path / "x.pdf",
                  data_dir=demo_dir)
    assert out.returncode == 1 and "S/ -772.20" in out.stderr
    with Book.open_folder(demo_dir) as book:
        record_sale(book, day=dt.date(2022, 12, 30), buyer="Thika Thani",
                    lines=[SaleLine("Chocolate chuncho 70%", D("1"), D("10772.20"))],
                    paid=True)
    out_file = tmp_path / "reparto.pdf"
    out = run_cli("distribution", "--year", "2022", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = flat(text_of(out_file))
    for amount in ("10,000.00", "1,000.00", "500.00", "8,500.00"):
        assert f"S/ {amount}" in text
    assert "DRAFT" in text
    shares = re.findall(r"S\d\d .+? ([\d.]+) S/ ([\d,]+\.\d\d)", text)
    worked = query(demo_dir, "SELECT count(DISTINCT member_id) FROM workday WHERE"
                   " voided_at IS NULL AND day BETWEEN '2022-01-01' AND '2022-12-31'")[0][0]
    assert len(shares) == worked
    assert sum(D(a.replace(",", "")) for _d, a in shares) == D("8500.00")
    # The signatures come after the table's total, never before it.
    assert text.index("Total") < text.index("President")


@pytest.mark.parametrize("year", ["2019", "22", "año"])
def test_distribution_refusals(demo_dir, tmp_path, year):
    out_file = tmp_path / "x.pdf"
    out = run_cli("distribution", "--year", year, "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 1 and "Traceback" not in out.stderr and out.stderr.strip()
    assert not out_file.exists()


@pytest.mark.parametrize(("start", "end", "sentence"), [
    ("2022-13", "2022-12", "2022-13"), ("2022-06", "2022-01", "ends before it starts")])
def test_costing_refusals(demo_dir, tmp_path, start, end, sentence):
    out_file = tmp_path / "x.pdf"
    out = run_cli("costing", "--from", start, "--to", end, "--out", out_file,
                  data_dir=demo_dir)
    assert out.returncode == 1 and sentence in out.stderr and "Traceback" not in out.stderr
    assert not out_file.exists()


# --- the output guard, the same for every new command ---------------------------------

COMMANDS = [
    ["workday-sheet", "--month", "2022-10"],
    ["attendance-sheet", "--workshop", "1", "--date", "2022-10-05", "--blank"],
    ["days-worked", "--member", "S01", "--from", "2022-10-01", "--to", "2022-10-31"],
    ["certificate", "--member", "S02"],
    ["payment-receipt", "1"],
    ["distribution", "--year", "2022"],
    ["costing", "--from", "2022-01", "--to", "2022-03"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_paper_command_keeps_to_the_output_guard(demo_dir, tmp_path, args):
    before = (demo_dir / "coopdesk.sqlite3").read_bytes()
    out = run_cli(*args, "--out", demo_dir / "coopdesk.sqlite3", data_dir=demo_dir)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert (demo_dir / "coopdesk.sqlite3").read_bytes() == before
    out = run_cli(*args, "--out", tmp_path / "x.txt", data_dir=demo_dir)
    assert out.returncode == 1 and ".pdf" in out.stderr and not (tmp_path / "x.txt").exists()
    existing = tmp_path / "ya.pdf"
    existing.write_bytes(b"keep me")
    out = run_cli(*args, "--out", existing, data_dir=demo_dir)
    assert out.returncode == 1 and "--force" in out.stderr
    assert existing.read_bytes() == b"keep me"


def test_a_certificate_counter_put_back_with_the_sqlite3_shell_reuses_no_number(demo_dir,
                                                                                tmp_path):
    first, second = complete_members(demo_dir)[:2]
    out = run_cli("certificate", "--member", first, "--out", tmp_path / "a.pdf",
                  data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(demo_dir / "coopdesk.sqlite3")
    conn.execute("UPDATE setting SET value = '0' WHERE key = 'certificate_last'")
    conn.commit()
    conn.close()
    out = run_cli("certificate", "--member", second, "--out", tmp_path / "b.pdf",
                  data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    assert "Certificate No. 0002" in flat(text_of(tmp_path / "b.pdf"))
