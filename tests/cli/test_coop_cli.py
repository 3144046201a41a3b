"""The legal cooperative's commands end to end: shares imported, then every paper read back.

The figures looked for in the PDFs are worked out here from the file the test imports.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli

SHARES = (
    "codigo_socia,fecha,tipo,monto,nota,acuerdo\n"
    "S01,2022-10-05,suscripcion,200.00,,Asamblea 1 acuerdo 2\n"
    "S01,2022-10-31,descuento,20.00,,\n"
    "S03,2022-10-05,suscripcion,50.00,,Asamblea 1 acuerdo 2\n"
    "S03,2022-10-06,pago,50.00,,\n"
    "S03,2022-10-07,devolucion,10.00,a su madre,\n"
)
ES = {"COOPDESK_LANG": "es"}


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture
def shares_dir(demo_without_capital_file, tmp_path):
    import shutil

    demo_dir = tmp_path / "demo"
    demo_dir.mkdir()
    shutil.copy2(demo_without_capital_file, demo_dir / "coopdesk.sqlite3")
    path = tmp_path / "aportes.csv"
    path.write_text(SHARES, encoding="utf-8")
    done = run_cli("import", "shares", path, data_dir=demo_dir)
    assert done.returncode == 0, done.stderr
    return demo_dir


def test_the_padron_lists_every_member_with_numbered_pages(shares_dir, tmp_path):
    out = tmp_path / "padron.pdf"
    done = run_cli("padron", "--out", out, data_dir=shares_dir, env=ES)
    assert done.returncode == 0, done.stderr
    pages = len(PdfReader(out).pages)
    text = _flat(_text(out))
    assert "PADRÓN DE SOCIAS" in text
    for n in range(1, pages + 1):
        assert f"Página {n} de {pages}" in text
    # S01 has 20.00 in (deducted); S03 has 50 − 10 = 40.00; the total is 60.00.
    assert "S/ 20.00" in text and "S/ 40.00" in text and "S/ 60.00" in text


def test_the_statement_and_the_certificate_show_her_contributions(shares_dir, tmp_path):
    out = tmp_path / "estado.pdf"
    done = run_cli("statement", "--month", "2022-10", "--member", "S01", "--out", out,
                   data_dir=shares_dir, env=ES)
    assert done.returncode == 0, done.stderr
    text = _flat(_text(out))
    assert "Sus aportaciones: pagó S/ 20.00 de S/ 200.00." in text
    assert "Descontado para sus aportaciones (capital social) − S/ 20.00" in text
    out = tmp_path / "constancia.pdf"
    done = run_cli("contributions", "--member", "S03", "--out", out, data_dir=shares_dir,
                   env=ES)
    assert done.returncode == 0, done.stderr
    text = _flat(_text(out))
    assert "CONSTANCIA DE APORTACIONES" in text
    # S03 paid 50.00 and 10.00 came back: the sentence names both.
    assert ("suscribió S/ 50.00 de capital social, pagó S/ 50.00 y se le devolvió S/ 10.00"
            in text)


def test_a_contribution_is_voided_once_and_only_when_her_history_allows(shares_dir, tmp_path):
    # Movement 3 is S03's subscription: voiding it would leave her payment above it.
    done = run_cli("void-contribution", "3", "--reason", "x", data_dir=shares_dir)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "It cannot be voided: by 06/10/2022 she would have paid S/ 50.00 of a subscription of"
        " S/ 0.00; she cannot pay more than she subscribed.")
    done = run_cli("void-contribution", "2", "--reason", "mal escrito", data_dir=shares_dir)
    assert done.returncode == 0, done.stderr
    again = run_cli("void-contribution", "2", "--reason", "otra vez", data_dir=shares_dir)
    assert again.returncode == 1
    assert again.stderr.strip() == "That contribution was already voided."
    out = tmp_path / "recibo.pdf"
    done = run_cli("contribution-receipt", "2", "--out", out, data_dir=shares_dir, env=ES)
    assert done.returncode == 0, done.stderr
    text = _flat(_text(out))
    assert "RECIBO DE APORTACIÓN" in text and "N.º 000002" in text and "ANULADO" in text
    missing = run_cli("contribution-receipt", "99", "--out", tmp_path / "x.pdf",
                      data_dir=shares_dir)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "There is no contribution with receipt number 99."
