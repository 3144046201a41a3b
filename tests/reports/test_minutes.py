"""The minutes book: folios numbered on across sessions, every session's figures on paper.

The text is read back with poppler's pdftotext, page by page; the expected figures
(present, active, quorum, votes) come from the sessions this test records, counted here.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from coopdesk.domain.assembly import Agreement
from coopdesk.services.assemblies import SessionData, record_session, set_assembly_rules
from coopdesk.services.members import MemberData, add_member

CODES = [f"S{n:02d}" for n in range(1, 31)]


@pytest.fixture(autouse=True)
def spanish():
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("es")
    yield
    set_language(previous)


def _pages(pdf: bytes, tmp_path) -> list[str]:
    source = tmp_path / "actas.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, text=True,
                          check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(source),
                            "-"], capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


def _sessions(book) -> list[SessionData]:
    for code in CODES:
        add_member(book, MemberData(code=code, full_name=f"Socia número {code[1:]}",
                                    joined_on=dt.date(2022, 1, 3)))
    first = SessionData("ordinaria", "primera", dt.date(2022, 1, 8), "Taller", "S01", "S02",
                        CODES[:25], ["Estatuto", "Admisión"],
                        [Agreement("Aprobar el estatuto", 20, 3, 2),
                         Agreement("Admitir a las socias", 25, 0, 0, admits=tuple(CODES))])
    second = SessionData("extraordinaria", "segunda", dt.date(2022, 6, 4), "Patio", "S03",
                         "S04", CODES[2:9], ["Compra de un horno"],
                         [Agreement("Comprar un horno", 4, 2, 1)])
    third = SessionData("ordinaria", "primera", dt.date(2022, 12, 3), "Taller", "S01", "S02",
                        CODES[:16], ["Balance"], [Agreement("Aprobar el balance", 16, 0, 0)])
    return [first, second, third]


def test_folios_run_on_across_sessions_from_the_first_folio(book, tmp_path):
    from coopdesk.reports.minutes import minutes_pdf

    sessions = _sessions(book)
    set_assembly_rules(book, first_folio=41, article="Art. 30")
    for data in sessions:
        record_session(book, data)
    # A later article does not rewrite the minutes: each session keeps the rule it had.
    set_assembly_rules(book, article="Art. 31")
    pages = _pages(minutes_pdf(book), tmp_path)
    assert len(pages) >= 4  # 25 signature rows do not fit one page with the first session
    for n, text in enumerate(pages):
        folios = [line.split()[-2:] for line in text.splitlines() if "Folio" in line]
        assert folios == [["Folio", str(41 + n)]], (n, folios)
    starts = [next(i for i, text in enumerate(pages) if f"ACTA N.º {k} —" in text)
              for k in (1, 2, 3)]
    assert starts[0] == 0 and starts[0] < starts[1] < starts[2]
    assert starts[1] >= 2  # the first session took two pages: the second starts after them
    joined = [" ".join(t.split()) for t in pages]
    first = " ".join(joined[starts[0]:starts[1]])
    # 30 active members on 08/01/2022: the first call needs 30 // 2 + 1 = 16; 25 came.
    assert ("Quórum: están presentes 25 de las 30 socias activas al 08/01/2022; en primera"
            " convocatoria se necesitaban 16 (la mitad de las socias activas más una, según el"
            " estatuto, Art. 30). Hay quórum.") in first
    assert "Votos: a favor 20, en contra 3, abstenciones 2 — aprobado." in first
    assert "Socias presentes (25)" in first
    assert "Presidenta: Socia número 01" in first and "Secretaria: Socia número 02" in first
    second = " ".join(joined[starts[1]:starts[2]])
    assert "SESIÓN EXTRAORDINARIA" in second and "segunda convocatoria" in second
    # On second call the default rule is the members present: 7 came, 1 needed.
    assert "están presentes 7 de las 30 socias activas" in second
    assert "Votos: a favor 4, en contra 2, abstenciones 1 — aprobado." in second


def test_no_session_yet_is_said_in_a_sentence(book):
    from coopdesk.domain.errors import NotFound
    from coopdesk.reports.minutes import minutes_pdf

    with pytest.raises(NotFound) as caught:
        minutes_pdf(book)
    assert str(caught.value) == ("Aún no hay ninguna sesión de asamblea registrada: no hay actas"
                                 " que imprimir.")


def test_the_attendance_follows_the_agreements_on_the_same_folio(book, tmp_path):
    """The list of those present no longer jumps to a new page and leaves the first white.

    Each row stays whole (no name cut between two folios) and the signatures go over
    with the last names.
    """
    from coopdesk.reports.minutes import minutes_pdf

    for data in _sessions(book):
        record_session(book, data)
    pages = _pages(minutes_pdf(book), tmp_path)
    # The first session: two agreements, then its 25 members; the list starts on folio 1.
    assert "ACTA N.º 1 —" in pages[0] and "Socias presentes (25)" in pages[0]
    listed = [code for text in pages for code in CODES[:25]
              for line in text.splitlines() if line.split()[1:2] == [code]
              and f"Socia número {code[1:]}" in line]
    assert listed[:25] == CODES[:25]  # each row whole, on one folio, in order
    end = next(i for i, text in enumerate(pages) if "ACTA N.º 2 —" in text) - 1
    assert "S25" in pages[end] and "Secretaria: Socia número 02" in " ".join(pages[end].split())
