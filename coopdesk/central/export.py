"""Every site's records of one kind in one .csv or .xlsx, the site first.

The columns after ``sitio``/``cooperativa`` are the same as the site's own export of
that kind (:mod:`coopdesk.services.exporting`), filled from the central records.
"""

from __future__ import annotations

from pathlib import Path

from coopdesk.central.db import CentralRefused
from coopdesk.i18n import _

#: kind → (table, [(column, JSON key, how to show it)]); money in céntimos, days as text.
KINDS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "workdays": ("workday", [("fecha", "day", "text"), ("linea", "line", "text"),
                             ("fraccion", "fraction", "units3"),
                             ("codigo_socia", "member", "member"),
                             ("anulado", "voided_at", "text")]),
    "sales": ("sale", [("fecha", "day", "text"), ("comprobante", "receipt_number", "text"),
                       ("total", "total", "cents"), ("pagado", "paid", "yesno"),
                       ("anulado", "voided_at", "text")]),
    "purchases": ("purchase", [("fecha", "day", "text"), ("total", "total", "cents"),
                               ("anulado", "voided_at", "text")]),
    "payments": ("member_payment", [("fecha", "day", "text"), ("codigo_socia", "member", "member"),
                                    ("monto", "amount", "cents"),
                                    ("anulado", "voided_at", "text")]),
    "expenses": ("expense", [("fecha", "day", "text"), ("categoria", "category", "text"),
                             ("monto", "amount", "cents"), ("anulado", "voided_at", "text")]),
    "members": ("member", [("codigo", "code", "text"), ("nombre", "full_name", "text"),
                           ("estado", "status", "text"), ("fecha_ingreso", "joined_on", "text")]),
}


def _show(how: str, value) -> str:
    from coopdesk.domain.money import from_cents, from_units

    if value is None:
        return ""
    if how == "cents":
        return f"{from_cents(int(value)):.2f}"
    if how == "units3":
        return f"{from_units(int(value), 3).normalize():f}"
    if how == "yesno":
        return "si" if value else "no"
    return str(value)


def rows(conn, kind: str):
    """Yield the header, then one row per record of *kind* across sites (streamed)."""
    if kind not in KINDS:
        raise CentralRefused(_("Unknown kind {kind}: use one of {kinds}.").format(
            kind=kind, kinds=", ".join(KINDS)))
    table, cols = KINDS[kind]
    yield ["sitio", "cooperativa", *(c[0] for c in cols)]
    members = {(s, int(i)): code for s, i, code in conn.execute(
        "SELECT site_id, record_id, data->>'code' FROM record WHERE entity = 'member'")}
    with conn.transaction(), conn.cursor(name="central_export") as cur:  # a server-side cursor
        cur.execute("SELECT r.site_id, s.cooperative, r.data FROM record r JOIN site s USING"
                    " (site_id) WHERE r.entity = %s ORDER BY s.cooperative, r.site_id,"
                    " r.data->>'day', r.record_id", (table,))
        for site, cooperative, data in cur:
            out = [site, cooperative]
            for _name, key, how in cols:
                if how == "member":
                    out.append(members.get((site, int(data.get("member_id") or 0)), ""))
                else:
                    out.append(_show(how, data.get(key)))
            yield out


def write_rows(path: Path, data) -> int:
    """Write rows to .csv (UTF-8, as the site's export) or .xlsx; return the data rows.

    Text that a spreadsheet would run as a formula gets an apostrophe (the site's
    :func:`neutralise`); the figures are never negative, so they stay numbers.
    """
    from coopdesk.services.csv_files import neutralise

    count = -1
    safe = ([neutralise(c) for c in row] for row in data)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        for row in safe:
            sheet.append(row)
            count += 1
        book.save(path)
        return count
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for row in safe:
            writer.writerow(row)
            count += 1
    return count
