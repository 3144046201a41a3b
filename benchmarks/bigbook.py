"""Generate the CSV files of a large book: 10 years, 40 members, ~100,000 workdays."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

YEARS = 10
MEMBERS = 40
FIRST_DAY = dt.date(2015, 1, 1)


def write_csvs(folder: Path, *, years: int = YEARS, seed: int = 7) -> dict[str, Path]:
    """Write members, workdays, sales, purchases, payments, attendance; return kind → path."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}

    def out(kind, header, rows):
        path = folder / f"{kind}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
        paths[kind] = path

    out("members", ["codigo", "nombre", "dni", "fecha_ingreso", "estado", "fecha_salida", "cargo"],
        [[f"S{i:02d}", f"Socia número {i}", "", FIRST_DAY.isoformat(), "activa", "", ""]
         for i in range(1, MEMBERS + 1)])
    last = dt.date(FIRST_DAY.year + years, 1, 1)
    days = [FIRST_DAY + dt.timedelta(n) for n in range((last - FIRST_DAY).days)]
    weekdays = [d for d in days if d.weekday() < 5]
    workdays = []
    for day in weekdays:
        for i in range(1, MEMBERS + 1):
            if rng.random() < 0.958:
                workdays.append([f"S{i:02d}", day.isoformat(), "chocolate",
                                 "0.5" if rng.random() < 0.08 else "1", ""])
    out("workdays", ["codigo_socia", "fecha", "linea", "fraccion", "nota"], workdays)
    buyers = ["Thika Thani", "Bodega Rosa", "Tienda Santa Ana", "Familia Quispe"]
    sales = [[rng.choice(weekdays).isoformat(), rng.choice(buyers), "Chocolate chuncho",
              str(rng.randint(1, 30)), "8.50", rng.choice(["si", "si", "no"]), ""]
             for _ in range(2000 * years)]
    sales.sort()
    out("sales", ["fecha", "comprador", "producto", "cantidad", "precio_unitario", "pagado",
                  "comprobante"], sales)
    purchases = [[rng.choice(weekdays).isoformat(), "Comercial Quillabamba", "Cacao",
                  f"{rng.randint(1, 400) / 10}", "kg", "12.00", ""] for _ in range(500 * years)]
    purchases.sort()
    out("purchases", ["fecha", "proveedor", "insumo", "cantidad", "unidad", "precio_unitario",
                      "comprobante"], purchases)
    payments = []
    month = FIRST_DAY
    while month < last:
        for i in range(1, MEMBERS + 1):
            payments.append([f"S{i:02d}", month.replace(day=5).isoformat(),
                             f"{rng.randint(50, 150)}.00", ""])
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    out("payments", ["codigo_socia", "fecha", "monto", "nota"], payments)
    attendance = []
    for year in range(FIRST_DAY.year, FIRST_DAY.year + years):
        for n in range(1, 10):
            day = dt.date(year, n + 1, 10)
            for i in range(1, MEMBERS + 1):
                attendance.append([str(n), day.isoformat(), f"S{i:02d}",
                                   "si" if rng.random() < 0.85 else "no"])
    out("attendance", ["taller", "fecha", "codigo_socia", "asistio"], attendance)
    return paths


def write_long_workdays(folder: Path, rows: int, *, members: int = MEMBERS) -> dict[str, Path]:
    """Write a members file and *rows* workdays, one per member and date from 2000 on.

    Rows are written one at a time, so making the file does not itself need the memory
    the import is measured against.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"members": folder / "members.csv", "workdays": folder / "workdays.csv"}
    with open(paths["members"], "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["codigo", "nombre", "dni", "fecha_ingreso", "estado", "fecha_salida",
                    "cargo"])
        for i in range(1, members + 1):
            w.writerow([f"S{i:02d}", f"Socia número {i}", "", "2000-01-01", "activa", "", ""])
    first = dt.date(2000, 1, 3)
    with open(paths["workdays"], "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["codigo_socia", "fecha", "linea", "fraccion", "nota"])
        for k in range(rows):
            w.writerow([f"S{k % members + 1:02d}",
                        (first + dt.timedelta(days=k // members)).isoformat(), "chocolate",
                        "0.5" if k % 12 == 0 else "1", ""])
    return paths
