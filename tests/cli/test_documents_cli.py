"""The paper commands as scripts use them: statement, report and receipt."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D

from tests.conftest import run_cli


def pages(path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [(p.extract_text() or "").replace("\xa0", " ") for p in reader.pages]


def summary(demo_dir, month="2022-10") -> dict:
    import json

    out = run_cli("summary", "--month", month, "--json", data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_statement_of_one_member(demo_dir, tmp_path):
    out_file = tmp_path / "s01.pdf"
    out = run_cli("statement", "--month", "2022-10", "--member", "S01", "--out", out_file,
                  data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = "\n".join(pages(out_file))
    s01 = next(m for m in summary(demo_dir)["members"] if m["code"] == "S01")
    opening, earned = D(s01["opening_balance"]), D(s01["earned"])
    paid, deducted = D(s01["paid"]), D(s01["deducted"])
    assert deducted == D("20.00")  # her share capital's instalment, taken from her pay
    closing = opening + earned - paid - deducted
    assert D(s01["closing_balance"]) == closing
    for amount in (opening, earned, paid, deducted, closing):
        assert f"{amount:,.2f}" in text
    assert "October 2022" in text and "octubre" not in text  # the paper's language only


def test_statement_of_every_member_each_on_a_new_page(demo_dir, tmp_path):
    out_file = tmp_path / "all.pdf"
    out = run_cli("statement", "--month", "2022-10", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    texts = pages(out_file)
    # Every page's footer says which member it belongs to; each member starts a page.
    codes = [m["code"] for m in summary(demo_dir)["members"]]
    firsts = [i for i, t in enumerate(texts) if "Page 1 of" in t]
    assert len(firsts) >= 20 and firsts[0] == 0
    starting = [next(c for c in codes if f"({c})" in texts[i] or f" {c}\n" in texts[i])
                for i in firsts]
    assert starting == sorted(starting)


def test_statement_unknown_member_exits_1(demo_dir, tmp_path):
    out_file = tmp_path / "x.pdf"
    out = run_cli("statement", "--month", "2022-10", "--member", "S99", "--out", out_file,
                  data_dir=demo_dir)
    assert out.returncode == 1
    assert "S99" in out.stderr and "Traceback" not in out.stderr
    assert not out_file.exists()


def test_statement_bad_month_exits_1(demo_dir, tmp_path):
    out = run_cli("statement", "--month", "2022-13", "--out", tmp_path / "x.pdf",
                  data_dir=demo_dir)
    assert out.returncode == 1 and "Traceback" not in out.stderr


def test_report(demo_dir, tmp_path):
    out_file = tmp_path / "report.pdf"
    out = run_cli("report", "--month", "2022-10", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = "\n".join(pages(out_file))
    figures = summary(demo_dir)
    result = (D(figures["sales"]["total"]) - D(figures["purchases"]["total"])
              - D(figures["expenses"]["total"]) - D(figures["labor"]["earned"]))
    for amount in (figures["sales"]["total"], figures["purchases"]["total"],
                   figures["labor"]["earned"], result):
        assert f"{D(amount):,.2f}" in text
    for buyer in figures["sales"]["by_buyer"]:
        assert buyer in text


def test_receipt(demo_dir, tmp_path):
    out_file = tmp_path / "r.pdf"
    out = run_cli("receipt", "12", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    texts = pages(out_file)
    assert len(texts) == 1
    assert texts[0].count("001-000012") == 2 and texts[0].count("SAY: ") == 2
    # `coopdesk receipt` prints a reprint, marked with the day on both halves.
    today = dt.date.today().strftime("%d/%m/%Y")
    assert " ".join(texts[0].split()).count(f"REPRINT of {today}") == 2
    # Another file: since the output guard, an existing file is only replaced with --force.
    out_es = tmp_path / "r-es.pdf"
    out = run_cli("receipt", "12", "--out", out_es, data_dir=demo_dir,
                  env={"COOPDESK_LANG": "es"})
    assert out.returncode == 0, out.stderr
    text = " ".join(pages(out_es)[0].split())
    assert text.count("SON: ") == 2 and text.count(f"REIMPRESIÓN del {today}") == 2


def test_receipt_unknown_or_bad_number_exits_1(demo_dir, tmp_path):
    for number in ("999999", "abc", "00000000000000000000001x", "99999999999999999999999"):
        out = run_cli("receipt", number, "--out", tmp_path / "x.pdf", data_dir=demo_dir)
        assert out.returncode == 1, (number, out.stderr)
        assert out.stderr.strip() and "Traceback" not in out.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_month_without_any_statement_is_refused_with_a_sentence(demo_dir, tmp_path):
    out_file = tmp_path / "none.pdf"
    out = run_cli("statement", "--month", "2019-01", "--out", out_file, data_dir=demo_dir)
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "No member has a statement for January 2019: no one was a member then, or those who "
        "had left were owed nothing, owed nothing and had no movement.")
    assert not out_file.exists()


def test_the_desk_gets_the_same_sentence_not_a_crash(demo_book):
    import pytest

    from coopdesk.domain.errors import NotFound
    from coopdesk.i18n import current_language, set_language
    from coopdesk.reports.documents import statement_pdf

    before = current_language()
    set_language("es")
    try:
        with pytest.raises(NotFound) as refused:
            statement_pdf(demo_book, 2019, 1)
    finally:
        set_language(before)
    assert refused.value.message == (
        "Ninguna socia tiene estado de cuenta de enero de 2019: nadie era socia entonces, o las "
        "que habían salido no tenían saldo a favor ni en contra ni movimientos.")
