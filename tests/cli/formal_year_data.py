"""The rows of a small formal cooperative's year (2025), and their figures worked out by hand.

Everything here is plain Python and Decimal: the year the command-line test feeds to
coopdesk, and the figures it must then print, computed from these rows only (never by
coopdesk's own functions). "Warmi Kallpa" is fictional: eleven members, ten founders
admitted by the founding assembly and one who joins in April; S05 leaves in July when
her sentence ends and her contributions are returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
CENT = D("0.01")
YEAR = 2025
FOUNDERS = {
    "S01": ("Aurora Quispe Mamani", "41234561"), "S02": ("Benita Ccori Huaman", "42345672"),
    "S03": ("Celia Puma Condori", "43456783"), "S04": ("Dora Yupanqui Sullca", "44567894"),
    "S05": ("Elena Choque Apaza", "45678905"), "S06": ("Flor Tito Ccahuana", "46789016"),
    "S07": ("Gloria Huillca Rojas", "47890127"), "S08": ("Hilda Quispe Layme", "48901238"),
    "S09": ("Irma Soncco Vargas", "49012349"), "S10": ("Juana Cusi Ttito", "40123450"),
}
NEWCOMER = ("S11", "Karina Mayta Flores", "41122334")
JOINED = dt.date(YEAR, 1, 2)
NEWCOMER_JOINED = dt.date(YEAR, 4, 1)
LEAVER, LEFT_ON = "S05", dt.date(YEAR, 7, 15)
NEW_RATE_FROM, OLD_RATE, NEW_RATE = dt.date(YEAR, 7, 1), D("10.00"), D("12.00")
SUBSCRIPTION = D("200.00")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def ruc(first_ten: str) -> str:
    """SUNAT's check digit, written out from the rule (weights 5,4,3,2,7,6,5,4,3,2)."""
    total = sum(int(d) * w for d, w in zip(first_ten, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)))
    digit = 11 - total % 11
    return first_ten + str({10: 0, 11: 1}.get(digit, digit))


BODEGA = ("Bodega Santa Rosa SAC", ruc("2060123456"))
CACAO = ("Cacao Alto Urubamba EIRL", ruc("2049876543"))
PERSON = ("Rosa Villca Paucar", "46655443")


@dataclass
class Year:
    """The rows fed to coopdesk, as lists of dicts keyed by the CSV headers."""

    workdays: list[dict] = field(default_factory=list)
    shares: list[dict] = field(default_factory=list)
    payments: list[dict] = field(default_factory=list)
    sales: list[dict] = field(default_factory=list)
    purchases: list[dict] = field(default_factory=list)
    expenses: list[dict] = field(default_factory=list)

    def codes(self) -> list[str]:
        return sorted([*FOUNDERS, NEWCOMER[0]])


def rate_on(day: dt.date) -> Decimal:
    return NEW_RATE if day >= NEW_RATE_FROM else OLD_RATE


def active_in(code: str, month: int) -> bool:
    if code == NEWCOMER[0]:
        return month >= NEWCOMER_JOINED.month
    if code == LEAVER:
        return month <= LEFT_ON.month
    return True


def _day(month: int, d: int) -> dt.date:
    return dt.date(YEAR, month, d)


def build_year() -> Year:
    """The whole year's rows, in the order a coordinator would type them month by month."""
    year = Year()
    codes = year.codes()
    for month in range(1, 13):
        for i, code in enumerate(codes, start=1):
            if not active_in(code, month):
                continue
            n = 3 + (i * 7 + month * 3) % 5
            for k in range(n):
                half = k == 0 and (i + month) % 3 == 0
                year.workdays.append({"codigo_socia": code, "fecha": _day(month, 3 + k),
                                      "linea": "chocolate", "fraccion": D("0.5") if half
                                      else D("1"), "nota": ""})
        m = month
        year.sales += [
            {"fecha": _day(m, 12), "comprador": BODEGA[0], "producto": "Chocolate 70% 100 g",
             "cantidad": D(40 + m), "precio_unitario": D("12.00"), "pagado": "si",
             "comprobante": "", "tipo_comprobante": "factura",
             "serie_numero": f"F001-{m}", "tipo_doc": "RUC", "numero_doc": BODEGA[1]},
            {"fecha": _day(m, 14), "comprador": PERSON[0], "producto": "Bombones de aguaymanto",
             "cantidad": D(20 + m), "precio_unitario": D("9.50"), "pagado": "no" if m % 4 == 0
             else "si", "comprobante": "", "tipo_comprobante": "boleta",
             "serie_numero": f"B001-{100 + m}", "tipo_doc": "DNI", "numero_doc": PERSON[1]},
            {"fecha": _day(m, 20), "comprador": "Feria de Quillabamba",
             "producto": "Chocolate 70% 100 g", "cantidad": D(15), "precio_unitario": D("10.00"),
             "pagado": "si", "comprobante": "", "tipo_comprobante": "", "serie_numero": "",
             "tipo_doc": "", "numero_doc": ""},
        ]
        year.purchases.append(
            {"fecha": _day(m, 2), "proveedor": CACAO[0], "insumo": "Cacao en grano",
             "cantidad": D(10 + m), "unidad": "kg", "precio_unitario": D("14.00"),
             "comprobante": f"F002-{m}", "tipo_comprobante": "factura",
             "serie_numero": f"F002-{m}", "tipo_doc": "RUC", "numero_doc": CACAO[1]})
        # December's S/ 19.90 leaves a surplus whose 5 % ends in half a céntimo (half up).
        year.expenses.append({"fecha": _day(m, 27), "categoria": "Aporte INPE",
                              "monto": D("19.90") if m == 12 else D("20.00"),
                              "nota": f"Mes {m}"})
    _capital(year)
    _payments(year)
    return year


def _capital(year: Year) -> None:
    cite = "Asamblea 1, acuerdo 2"

    def add(code, day, kind, amount, note="", agreement=""):
        year.shares.append({"codigo_socia": code, "fecha": day, "tipo": kind,
                            "monto": D(amount), "nota": note, "acuerdo": agreement})

    for code in FOUNDERS:
        add(code, dt.date(YEAR, 1, 6), "suscripcion", SUBSCRIPTION, agreement=cite)
    for code in ("S01", "S02", "S03", "S04"):
        add(code, dt.date(YEAR, 1, 20), "pago", "50.00", "en efectivo")
        for m in range(2, 12):
            add(code, _day(m, 25), "descuento", "15.00")
    for code in ("S06", "S07", "S08", "S09", "S10"):
        for m in range(1, 11):
            add(code, _day(m, 25), "descuento", "20.00")
    for m in range(1, 7):
        add(LEAVER, _day(m, 25), "descuento", "20.00")
    add(LEAVER, dt.date(YEAR, 3, 10), "pago", "30.00", "en efectivo")
    add(LEAVER, LEFT_ON, "devolucion", "150.00", "a su madre, al salir en libertad",
        agreement="Asamblea 2, acuerdo 1")
    code = NEWCOMER[0]
    add(code, NEWCOMER_JOINED, "suscripcion", SUBSCRIPTION, agreement=cite)
    add(code, dt.date(YEAR, 4, 10), "pago", "100.00", "en efectivo")
    for m in range(5, 10):
        add(code, _day(m, 25), "descuento", "20.00")


def _payments(year: Year) -> None:
    """Half of what she earned less what was deducted, on the 28th.

    S05 takes all she is owed the day before she leaves.
    """
    for month in range(1, 13):
        for code in year.codes():
            owed = earned_in(year, code, month) - deducted_in(year, code, month)
            if owed <= 0 or (code == LEAVER and month == LEFT_ON.month):
                continue
            year.payments.append({"codigo_socia": code, "fecha": _day(month, 28),
                                  "monto": money(owed / 2), "nota": ""})
    july = LEFT_ON.month
    owed = opening(year, LEAVER, july) + earned_in(year, LEAVER, july)
    year.payments.append({"codigo_socia": LEAVER, "fecha": LEFT_ON - dt.timedelta(days=1),
                          "monto": owed, "nota": "liquidación al salir"})


def _in(rows, month, code=None, key="codigo_socia"):
    return [r for r in rows if r["fecha"].month == month and (code is None or r[key] == code)]


def earned_in(year: Year, code: str, month: int) -> Decimal:
    return money(sum((r["fraccion"] * rate_on(r["fecha"]) for r in _in(year.workdays, month,
                                                                          code)), D(0)))


def workdays_in(year: Year, code: str, month: int) -> Decimal:
    return sum((r["fraccion"] for r in _in(year.workdays, month, code)), D(0))


def paid_in(year: Year, code: str, month: int) -> Decimal:
    return sum((r["monto"] for r in _in(year.payments, month, code)), D(0))


def deducted_in(year: Year, code: str, month: int) -> Decimal:
    return sum((r["monto"] for r in _in(year.shares, month, code) if r["tipo"] == "descuento"),
               D(0))


def opening(year: Year, code: str, month: int) -> Decimal:
    """Her balance before *month*: every earlier month's earned − paid − deducted."""
    return sum((earned_in(year, code, m) - paid_in(year, code, m) - deducted_in(year, code, m)
                for m in range(1, month)), D(0))


def capital_month(year: Year, month: int) -> dict[str, Decimal]:
    rows = _in(year.shares, month)

    def total(*kinds):
        return sum((r["monto"] for r in rows if r["tipo"] in kinds), D(0))

    return {"subscribed": total("suscripcion"), "paid": total("pago", "descuento"),
            "returned": total("devolucion")}


def capital_of(year: Year, code: str, month: int) -> tuple[Decimal, Decimal]:
    """Her subscribed and paid (net of returned) totals at the end of *month*."""
    rows = [r for r in year.shares if r["codigo_socia"] == code and r["fecha"].month <= month]
    sub = sum((r["monto"] for r in rows if r["tipo"] == "suscripcion"), D(0))
    paid = sum((r["monto"] for r in rows if r["tipo"] in ("pago", "descuento")), D(0))
    back = sum((r["monto"] for r in rows if r["tipo"] == "devolucion"), D(0))
    return sub, paid - back


def line_total(row: dict) -> Decimal:
    return money(row["cantidad"] * row["precio_unitario"])


def sales_total(year: Year, month: int) -> Decimal:
    return sum((line_total(r) for r in _in(year.sales, month)), D(0))


def purchases_total(year: Year, month: int) -> Decimal:
    return sum((line_total(r) for r in _in(year.purchases, month)), D(0))


def surplus(year: Year) -> Decimal:
    """Sales − purchases − expenses − labor earned over the year."""
    return sum((sales_total(year, m) - purchases_total(year, m)
                - sum((r["monto"] for r in _in(year.expenses, m)), D(0))
                - sum((earned_in(year, c, m) for c in year.codes()), D(0))
                for m in range(1, 13)), D(0))


def split_surplus(year: Year, reserve_pct=D(10), education_pct=D(5)):
    """Reserve and education half up to the céntimo; the rest by workdays, largest remainder.

    Ties between equal remainders go to the codes in sorted order.
    """
    amount = surplus(year)
    reserve = money(amount * reserve_pct / 100)
    education = money(amount * education_pct / 100)
    rest = amount - reserve - education
    days = {c: sum((workdays_in(year, c, m) for m in range(1, 13)), D(0)) for c in year.codes()}
    all_days = sum(days.values(), D(0))
    cents = int(rest * 100)
    exact = {c: D(cents) * d / all_days for c, d in days.items()}
    floor = {c: int(e) for c, e in exact.items()}
    left = cents - sum(floor.values())
    order = sorted(days, key=lambda c: (-(exact[c] - floor[c]), sorted(days).index(c)))
    for c in order[:left]:
        floor[c] += 1
    return reserve, education, {c: D(v) / 100 for c, v in floor.items()}


def csv_text(rows: list[dict], headers: list[str]) -> str:
    """The rows as a CSV file's text (quoted where a cell holds a comma)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([v.isoformat() if isinstance(v, dt.date) else str(v)
                         for v in (row[h] for h in headers)])
    return out.getvalue()
