"""The demo's cooperative and the rows of a year: members, workdays, sales, purchases, expenses.

Shared by the demo's two years (:mod:`coopdesk.services.demo` loads 2022 and
:mod:`coopdesk.services.demo_2023` the next): each generator takes the year, and the
rows go through the same checks as an import, so the demo obeys every rule of the book.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from decimal import Decimal

from coopdesk.domain.money import money_str
from coopdesk.services.book import Book
from coopdesk.services.csv_files import CsvRow
from coopdesk.services.importing import import_rows

YEAR = 2022
MAIN_BUYER = "Thika Thani"
PRICE = Decimal("8.50")
NEW_RATE = Decimal("12.00")
NEW_RATE_FROM = dt.date(YEAR, 11, 1)
#: Bars sold each month; they add up to the 4,000 bars of 2022.
BARS_PER_MONTH = (250, 260, 280, 300, 320, 330, 340, 350, 360, 380, 420, 410)
PRODUCTS = (
    "Chocolate chuncho 70%",
    "Chocolate híbrido",
    "Chocolate blend",
    "Chocolate con café",
    "Chocolate con miel",
)
LOCAL_BUYERS = ("Bodega Rosa", "Minimarket El Dorado", "Tienda Santa Ana", "Café La Convención")
RELATIVE_BUYERS = ("Familia Huamán", "Familia Quispe", "Familia Mamani", "Familia Ccori")

# code, name, joined, status, exit, role, line (chocolate unless said)
MEMBERS = (
    ("S01", "Rosa Elvira Huamán Quispe", "2021-04-05", "activa", "", "presidenta"),
    ("S02", "Graciela Mamani Condori", "2021-04-05", "activa", "", "tesorera"),
    ("S03", "Juana Ccori Huallpa", "2021-04-05", "activa", "", "secretaria"),
    ("S04", "María Elena Puma Sutta", "2021-04-05", "activa", "", ""),
    ("S05", "Luz Marina Quispe Ttito", "2021-04-05", "activa", "", ""),
    ("S06", "Yolanda Huarancca Ayme", "2021-05-10", "activa", "", ""),
    ("S07", "Nélida Cusi Quispe", "2021-05-10", "activa", "", ""),
    ("S08", "Flor de María Chávez Loayza", "2021-05-10", "liberada", "2022-06-30", ""),
    ("S09", "Rocío Apaza Mayta", "2021-06-14", "activa", "", ""),
    ("S10", "Carmen Rosa Vargas Huillca", "2021-06-14", "activa", "", ""),
    ("S11", "Elizabeth Ccahua Pari", "2021-07-01", "activa", "", ""),
    ("S12", "Marisol Ttupa Ccana", "2021-07-01", "activa", "", ""),
    ("S13", "Haydeé Soncco Layme", "2021-08-02", "activa", "", ""),
    ("S14", "Sonia Auccapuma Roque", "2021-08-02", "activa", "", ""),
    ("S15", "Julia Challco Taipe", "2021-09-06", "liberada", "2022-08-12", ""),
    ("S16", "Edith Sullca Quispe", "2021-09-06", "activa", "", ""),
    ("S17", "Maribel Huanca Choque", "2021-10-04", "activa", "", ""),
    ("S18", "Lourdes Pillco Ancasi", "2021-11-08", "activa", "", ""),
    ("S19", "Teodora Condori Ccopa", "2022-01-10", "activa", "", ""),
    ("S20", "Verónica Yupanqui Cjuiro", "2022-02-07", "activa", "", ""),
    ("S21", "Rut Noemí Alarcón Ñahui", "2022-03-14", "activa", "", ""),
    ("S22", "Beatriz Ayma Sencia", "2022-06-01", "activa", "", ""),
)
TEXTILE_MEMBERS = {"S05", "S06", "S10"}
CARPENTRY_MEMBERS = {"S13", "S14"}
#: The monthly inputs for 300 bars (scaled with the month's bars):
#: supplier, input, quantity, unit, unit price.
INPUTS = (
    ("Asociación de Productores de Cacao Chuncho", "Cacao en grano", "30", "kg", "12.00"),
    ("Comercial Quillabamba", "Azúcar rubia", "12", "kg", "4.20"),
    ("Comercial Quillabamba", "Manteca de cacao", "2.5", "kg", "38.00"),
    ("Imprenta Gráfica La Convención", "Envolturas impresas", "300", "unidad", "0.35"),
    ("Imprenta Gráfica La Convención", "Etiquetas", "300", "unidad", "0.15"),
)
MONTHS_ES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
FACILITATORS = ("Escuela de Negocios Cooperativos", "Equipo técnico del programa")


def _rows(book: Book, kind: str, dicts: list[dict]) -> None:
    rows = [CsvRow(i + 2, {k: str(v) for k, v in d.items()}) for i, d in enumerate(dicts)]
    import_rows(book, kind, rows, source="demo")


def _member_days(code: str, joined: str, left: str, year: int = YEAR):
    start = max(dt.date.fromisoformat(joined), dt.date(year, 1, 1))
    end = min(dt.date.fromisoformat(left), dt.date(year, 12, 31)) if left else dt.date(year, 12, 31)
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def _workdays(rng: random.Random, members=MEMBERS, year: int = YEAR,
              chance: float = 0.47) -> list[dict]:
    rows = []
    for code, _name, joined, _status, left, _role in members:
        for day in _member_days(code, joined, left, year):
            if rng.random() >= chance:
                continue
            line = "chocolate"
            if code in TEXTILE_MEMBERS and rng.random() < 0.5:
                line = "textil"
            elif code in CARPENTRY_MEMBERS and rng.random() < 0.5:
                line = "carpinteria"
            fraction = "0.5" if rng.random() < 0.08 else "1"
            rows.append(
                {
                    "codigo_socia": code,
                    "fecha": day.isoformat(),
                    "linea": line,
                    "fraccion": fraction,
                    "nota": "",
                }
            )
    rows.sort(key=lambda r: (r["fecha"], r["codigo_socia"]))
    return rows


def _sales(rng: random.Random, year: int = YEAR, plan=BARS_PER_MONTH,
           price: Decimal = PRICE) -> list[dict]:
    rows = []
    for month, bars in enumerate(plan, start=1):
        last = calendar.monthrange(year, month)[1]
        main = round(bars * Decimal("0.65"))
        first_order = main // 2
        for day, qty, product in (
            (10, first_order, PRODUCTS[0]),
            (24, main - first_order, PRODUCTS[month % 5]),
        ):
            rows.append(
                _sale(
                    dt.date(year, month, min(day, last)),
                    MAIN_BUYER,
                    product,
                    qty,
                    paid=not (month == 12 and day == 24),
                    price=price,
                )
            )
        rest = bars - main
        while rest > 0:
            qty = min(rest, rng.randint(3, 15))
            rest -= qty
            buyer = rng.choice(LOCAL_BUYERS if rng.random() < 0.55 else RELATIVE_BUYERS)
            day = dt.date(year, month, rng.randint(1, last))
            pending = buyer in LOCAL_BUYERS and rng.random() < 0.12
            rows.append(_sale(day, buyer, rng.choice(PRODUCTS), qty, paid=not pending,
                              price=price))
    rows.sort(key=lambda r: r["fecha"])
    return rows


def _sale(day: dt.date, buyer: str, product: str, qty: int, *, paid: bool,
          price: Decimal = PRICE) -> dict:
    return {
        "fecha": day.isoformat(),
        "comprador": buyer,
        "producto": product,
        "cantidad": str(qty),
        "precio_unitario": money_str(price),
        "pagado": "si" if paid else "no",
        "comprobante": "",
    }


def _purchases(year: int = YEAR, plan=BARS_PER_MONTH) -> list[dict]:
    rows = []
    series = "B" if year == YEAR else f"B{year % 100}"  # receipt numbers differ by year
    for month, bars in enumerate(plan, start=1):
        for n, (supplier, item, qty, unit, price) in enumerate(INPUTS):
            quantity = (Decimal(qty) * bars / 300).quantize(Decimal("0.5"))
            rows.append(
                {
                    "fecha": dt.date(year, month, 3 + n).isoformat(),
                    "proveedor": supplier,
                    "insumo": item,
                    "cantidad": str(quantity),
                    "unidad": unit,
                    "precio_unitario": price,
                    "comprobante": f"{series}{month:02d}-{n + 1:03d}",
                }
            )
    return rows


def _expenses(rng: random.Random, year: int = YEAR) -> list[dict]:
    rows = []
    for month in range(1, 13):
        rows.append(
            {
                "fecha": dt.date(year, month, 28).isoformat(),
                "categoria": "Aporte a la institución",
                "monto": "41.00",
                "nota": "Uso de espacio, equipos y servicios",
            }
        )
        for day in (11, 25):
            rows.append(
                {
                    "fecha": dt.date(year, month, day).isoformat(),
                    "categoria": "Transporte",
                    "monto": money_str(Decimal(rng.randint(25, 45))),
                    "nota": "Envío de pedido a Lima",
                }
            )
    return rows
