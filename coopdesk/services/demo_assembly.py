"""The demo's general assembly: the session that admits the members at the start of the year.

Dulce Esperanza becomes a formal cooperative in the demo's year: its first session
(8 January) approves the bylaws, admits the eighteen women of the workshop and the one
joining two days later, and agrees the S/ 200 subscription; a second one (28 May, on
second call) admits the three who joined since. The padrón then cites these agreements.
"""

from __future__ import annotations

import datetime as dt

from coopdesk.domain.assembly import Agreement
from coopdesk.services.assemblies import SessionData, record_session
from coopdesk.services.book import Book

PLACE = "Taller de chocolatería del Establecimiento Penitenciario de Quillabamba"
FOUNDERS = tuple(f"S{n:02d}" for n in range(1, 19))


def add_demo_assemblies(book: Book, year: int) -> None:
    """Record the demo's two sessions of *year* (members S01 to S22 must be in the book)."""
    absent = {"S07", "S16"}
    present = [c for c in FOUNDERS if c not in absent]  # 16 of 18 active: quorum is 10
    record_session(book, SessionData(
        kind="ordinaria", call="primera", day=dt.date(year, 1, 8), place=PLACE,
        president="S01", secretary="S03", present=present,
        agenda=["Aprobación del estatuto de la cooperativa",
                "Admisión de las socias",
                "Aportaciones de las socias al capital social",
                "Elección del consejo de administración"],
        agreements=[
            Agreement("Aprobar el estatuto de la Cooperativa de Trabajo Dulce Esperanza,"
                      " leído artículo por artículo.", 15, 0, 1),
            Agreement("Admitir como socias a las dieciocho integrantes del taller de"
                      " chocolatería (S01 a S18).", 16, 0, 0, admits=FOUNDERS),
            Agreement("Admitir como socia a Teodora Condori Ccopa (S19), que se incorpora al"
                      " taller el 10 de enero.", 14, 1, 1, admits=("S19",)),
            Agreement("Cada socia suscribe S/ 200.00 de aportaciones, pagaderas en cuotas"
                      " descontadas mensualmente de lo que la cooperativa le debe por su"
                      " trabajo, con su consentimiento.", 13, 2, 1),
            Agreement("Elegir presidenta a Rosa Elvira Huamán Quispe, tesorera a Graciela"
                      " Mamani Condori y secretaria a Juana Ccori Huallpa.", 16, 0, 0),
        ]))
    present = ["S01", "S02", "S03", "S04", "S05", "S09", "S10", "S11", "S12", "S19", "S20"]
    record_session(book, SessionData(
        kind="extraordinaria", call="segunda", day=dt.date(year, 5, 28), place=PLACE,
        president="S01", secretary="S03", present=present,
        agenda=["Admisión de nuevas socias"],
        agreements=[
            Agreement("Admitir como socias a Verónica Yupanqui Cjuiro (S20) y Rut Noemí"
                      " Alarcón Ñahui (S21), que trabajan en el taller desde febrero y"
                      " marzo.", 10, 0, 1, admits=("S20", "S21")),
            Agreement("Admitir como socia a Beatriz Ayma Sencia (S22), que se incorpora el"
                      " 1 de junio.", 11, 0, 0, admits=("S22",)),
        ],
        note="Sesión en segunda convocatoria: en la primera, una hora antes, no hubo quórum."))
