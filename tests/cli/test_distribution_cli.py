"""`coopdesk approve-distribution`: approved once, citing its agreement; every refusal by attack.

The book is the demo's with its 2023 distribution not yet approved (the demo's last step
left out), so the command does what the demo does. Each refusal is the crafted call
itself, asserting the Spanish sentence and a book unchanged to the byte.
"""

from __future__ import annotations

import hashlib
import sqlite3
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests import demo_undistributed
from tests.conftest import run_cli

ES = {"COOPDESK_LANG": "es"}
undistributed_file = demo_undistributed.undistributed_file  # the fixtures this module uses
book_dir = demo_undistributed.book_dir


def digest(folder) -> str:
    """The book's file and its write-ahead log (the -shm index opening leaves is not data)."""
    return "".join(hashlib.sha1(p.read_bytes()).hexdigest()
                   for p in sorted(folder.iterdir())
                   if p.is_file() and not p.name.endswith("-shm"))


def rows(folder, sql, *args):
    """Read the book as the sqlite3 shell would, leaving no lock nor file behind."""
    conn = sqlite3.connect(f"file:{folder / 'coopdesk.sqlite3'}?immutable=1", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def soles(cents: int | Decimal) -> str:
    """S/ 1,234.56 written here by hand (not with the program's formatter)."""
    return f"S/\N{NO-BREAK SPACE}{Decimal(cents) / 100:,.2f}"


def expected_2023(folder) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """The 2023 result from the rows: sales − purchases − expenses − the workdays × S/ 12."""
    (sales,), = rows(folder, "SELECT sum(total) FROM sale WHERE voided_at IS NULL"
                             " AND day BETWEEN '2023-01-01' AND '2023-12-31'")
    (bought,), = rows(folder, "SELECT sum(total) FROM purchase WHERE voided_at IS NULL"
                              " AND day BETWEEN '2023-01-01' AND '2023-12-31'")
    (spent,), = rows(folder, "SELECT sum(amount) FROM expense WHERE voided_at IS NULL"
                             " AND day BETWEEN '2023-01-01' AND '2023-12-31'")
    (thousandths,), = rows(folder, "SELECT sum(fraction) FROM workday WHERE voided_at IS NULL"
                                   " AND day BETWEEN '2023-01-01' AND '2023-12-31'")
    (rate,), = rows(folder, "SELECT rate FROM labor_rate WHERE valid_from <= '2023-01-01'"
                            " ORDER BY valid_from DESC LIMIT 1")
    assert rate == 1200
    surplus = Decimal(sales - bought - spent) - Decimal(thousandths) * rate / 1000
    reserve = (surplus * Decimal("0.10")).quantize(Decimal(1), ROUND_HALF_UP)
    education = (surplus * Decimal("0.05")).quantize(Decimal(1), ROUND_HALF_UP)
    return surplus, reserve, education, surplus - reserve - education


def test_it_approves_once_citing_the_agreement(book_dir):
    surplus, reserve, education, members = expected_2023(book_dir)
    assert surplus > 0
    done = run_cli("approve-distribution", "--year", "2023", "--date", "2024-02-17",
                   "--agreement", "Asamblea 5, acuerdo 2", data_dir=book_dir, env=ES)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == (
        f"Excedente de 2023 distribuido: reserva {soles(reserve)}, educación "
        f"{soles(education)}, socias {soles(members)}.")
    (kept,), = rows(book_dir, "SELECT s.number || '/' || a.number FROM surplus_distribution d"
                              " JOIN assembly_agreement a ON a.uuid = d.agreement_uuid"
                              " JOIN assembly_session s ON s.id = a.session_id"
                              " WHERE d.year = 2023")
    assert kept == "5/2"
    (credited,), = rows(book_dir, "SELECT sum(amount) FROM member_credit WHERE kind='surplus'")
    assert credited == members
    before = digest(book_dir)
    again = run_cli("approve-distribution", "--year", "2023", "--date", "2024-02-18",
                    data_dir=book_dir, env=ES)
    assert again.returncode == 1
    assert again.stderr.strip() == "El excedente de 2023 ya se repartió."
    assert digest(book_dir) == before
    # The session it cites can no longer be voided.
    void = run_cli("void-assembly", "5", "--reason", "error", data_dir=book_dir, env=ES)
    assert void.returncode == 1
    assert void.stderr.startswith("La sesión 5 no se puede anular:"), void.stderr
    assert digest(book_dir) == before


def test_an_empty_citation_is_allowed(book_dir):
    done = run_cli("approve-distribution", "--year", "2023", "--date", "2024-02-17",
                   "--note", "Sin acta a mano", data_dir=book_dir, env=ES)
    assert done.returncode == 0, done.stderr
    assert rows(book_dir, "SELECT agreement_uuid, note FROM surplus_distribution") == [
        (None, "Sin acta a mano")]


NOT_RECORDED = ("El acuerdo «{text}» no está registrado en el libro: escríbalo como «Asamblea N,"
                " acuerdo M» de una sesión registrada en el libro, o déjelo vacío.")


@pytest.mark.parametrize(("args", "sentence"), [
    (("--year", "23", "--date", "2024-02-17"),
     "Escriba el año con 4 cifras, por ejemplo --year 2023."),
    (("--year", "20233", "--date", "2024-02-17"),
     "Escriba el año con 4 cifras, por ejemplo --year 2023."),
    (("--year", "２０２３", "--date", "2024-02-17"),
     "Escriba el año con 4 cifras, por ejemplo --year 2023."),
    (("--year", "2022", "--date", "2023-02-18"),
     "No hay excedente para repartir: el año cerró con S/ -772.20."),
    (("--year", "2021", "--date", "2022-01-08"),
     "No hay excedente para repartir: el año cerró con S/ 0.00."),
    (("--year", "2023", "--date", "2024-02-17", "--surplus", "0"),
     "El monto debe ser mayor que cero."),
    (("--year", "2021", "--date", "2022-01-08", "--surplus", "1000"),
     "Ninguna socia tiene jornales en 2021: no se puede repartir la parte de las socias."),
    (("--year", "2023", "--date", "2023-12-31"),
     "El excedente de 2023 se aprueba después de que termine el año."),
    (("--year", "2023", "--date", "2202-02-17"),
     "La fecha de --date 17/02/2202 está fuera de los años que maneja coopdesk (2000 a 2099)."),
    (("--year", "2023", "--date", "2098-02-17"),
     "El reparto no puede tener fecha posterior a hoy; el 17/02/2098 aún no llega."),
    (("--year", "2023", "--date", "2024-02-17", "--agreement", "Asamblea 5, acuerdo 9"),
     NOT_RECORDED.format(text="Asamblea 5, acuerdo 9")),
    (("--year", "2023", "--date", "2024-02-17", "--agreement", "Asamblea 77, acuerdo 1"),
     NOT_RECORDED.format(text="Asamblea 77, acuerdo 1")),
    (("--year", "2023", "--date", "2024-02-17", "--agreement", "el acuerdo de febrero"),
     NOT_RECORDED.format(text="el acuerdo de febrero")),
], ids=["2-digits", "5-digits", "wide-digits", "loss", "nothing", "zero", "nobody-worked",
        "in-the-year", "implausible", "future", "no-such-agreement", "no-such-session",
        "not-a-citation"])
def test_each_refusal_says_what_to_fix_and_writes_nothing(book_dir, args, sentence):
    before = digest(book_dir)
    done = run_cli("approve-distribution", *args, data_dir=book_dir, env=ES)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == sentence
    assert done.stdout == ""
    assert digest(book_dir) == before
    assert rows(book_dir, "SELECT count(*) FROM surplus_distribution") == [(0,)]


def test_a_closed_month_is_refused(book_dir):
    from coopdesk.services.book import Book
    from coopdesk.services.months import close_month

    book = Book.open_folder(book_dir)
    close_month(book, year=2024, month=2)
    book.close()
    before = digest(book_dir)
    done = run_cli("approve-distribution", "--year", "2023", "--date", "2024-02-17",
                   "--agreement", "Asamblea 5, acuerdo 2", data_dir=book_dir, env=ES)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "El mes de 02/2024 está cerrado: no se puede agregar, cambiar ni anular nada con fecha"
        " de ese mes. Registre la corrección en un mes abierto y escriba el registro que"
        " corrige en su campo «Corrige».")
    assert digest(book_dir) == before
    assert rows(book_dir, "SELECT count(*) FROM surplus_distribution") == [(0,)]
