"""The statements of a bulk import: what a chunk of rows is checked against, and its writes.

An import works in stored units (céntimos, thousandths, ten-thousandths: the rows are
parsed straight into them) and passes whole chunks at once: a chunk's keys go to SQLite
as one JSON array (``json_each``), and its records are written with one executemany.
The functions take the operation's connection (``session.connection()``).
"""

from __future__ import annotations

import datetime as dt
import json

from coopdesk.db.reader import Reader, Statements
from coopdesk.db.scales import as_moment

#: The tables an import writes names into, by kind.
NAME_TABLES = {"buyer": "buyer", "supplier": "supplier", "product": "product",
               "input": "input_item"}
#: The tables whose largest id an import notes before writing (its own records come after).
ID_TABLES = ("purchase", "sale", "member_payment", "expense", "fund_movement")


def _each(conn: Statements, sql: str, values, *params) -> list[tuple]:
    """Run *sql* whose first parameter is a JSON array of *values* (``json_each(?)``)."""
    return [tuple(r) for r in conn.exec_driver_sql(sql, (json.dumps(values), *params))]


def last_id(conn: Statements, table: str) -> int:
    """The largest id of *table* (0 when empty)."""
    if table not in ID_TABLES:
        raise ValueError(f"no id mark for {table}")
    return conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar()


def imported_before(reader: Reader, sha256: str) -> dt.datetime | None:
    """When a file with this SHA-256 was imported (the first time), or None."""
    at = reader.connection().exec_driver_sql(
        "SELECT at FROM audit_event WHERE action = 'import' AND"
        " CASE WHEN json_valid(detail) THEN json_extract(detail, '$.sha256') END = ?"
        " ORDER BY id LIMIT 1",
        (sha256,),
    ).scalar()
    return at if at is None or isinstance(at, dt.datetime) else as_moment(str(at))


def insert_names(conn: Statements, kind: str, rows: list[tuple]) -> None:
    """Write new names: (uuid, created_at, name, name_key) each."""
    conn.exec_driver_sql(
        f"INSERT INTO {NAME_TABLES[kind]} (uuid, created_at, name, name_key) VALUES (?, ?, ?, ?)",
        rows)


# Members, rates, workdays, attendance.

def insert_members(conn: Statements, rows: list[tuple]) -> None:
    """Write members, each as (uuid, created_at, code, full_name, dni, joined_on, ...).

    The rest of each row: status, exit_on, role, admission_agreement, exit_agreement,
    and the uuids of the recorded agreements those two cite (revision 0012, or None).
    """
    conn.exec_driver_sql(
        "INSERT INTO member (uuid, created_at, code, full_name, dni, joined_on, status,"
        " exit_on, role, admission_agreement, exit_agreement, admission_agreement_uuid,"
        " exit_agreement_uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def rate_cents_by_day(conn: Statements) -> dict[str, int]:
    """ISO day → the rate (céntimos) that starts on it."""
    return dict(conn.exec_driver_sql("SELECT valid_from, rate FROM labor_rate").all())


def insert_rates(conn: Statements, rows: list[tuple]) -> None:
    """(uuid, created_at, valid_from, rate in céntimos) each."""
    conn.exec_driver_sql(
        "INSERT INTO labor_rate (uuid, created_at, valid_from, rate) VALUES (?, ?, ?, ?)", rows)


def live_workdays_on(conn: Statements, pairs: list[tuple[int, str]]) -> list[tuple]:
    """(member_id, day, line, fraction in thousandths) of the live workdays of those pairs."""
    return _each(
        conn,
        "SELECT w.member_id, w.day, w.line, w.fraction FROM json_each(?) j"
        " JOIN live_workday w ON w.member_id = json_extract(j.value, '$[0]')"
        " AND w.day = json_extract(j.value, '$[1]')",
        pairs)


def insert_workdays(conn: Statements, rows: list[tuple]) -> None:
    """(uuid, created_at, member_id, day, line, fraction in thousandths, note) each."""
    conn.exec_driver_sql(
        "INSERT INTO workday (uuid, created_at, void_reason, member_id, day, line, fraction,"
        " note) VALUES (?, ?, '', ?, ?, ?, ?, ?)", rows)


def attendance_marked_on(conn: Statements, days: list[str]) -> set[tuple]:
    """(workshop number, day, member_id) of every mark on those days."""
    return set(_each(
        conn,
        "SELECT w.number, s.held_on, a.member_id FROM attendance a"
        " JOIN workshop_session s ON s.id = a.session_id"
        " JOIN workshop w ON w.id = s.workshop_id"
        " WHERE s.held_on IN (SELECT value FROM json_each(?))",
        days))


def workshop_ids(conn: Statements) -> dict[int, int]:
    """Workshop number → id."""
    return dict(conn.exec_driver_sql("SELECT number, id FROM workshop").all())


def sessions_on(conn: Statements, days: list[str]) -> dict[tuple[int, str], int]:
    """(workshop id, day) → session id, for the sessions held on those days."""
    return {
        (wid, day): sid for sid, wid, day in _each(
            conn,
            "SELECT id, workshop_id, held_on FROM workshop_session"
            " WHERE held_on IN (SELECT value FROM json_each(?))",
            days)
    }


def insert_sessions(conn: Statements, rows: list[tuple]) -> None:
    """(uuid, created_at, workshop_id, held_on) each."""
    conn.exec_driver_sql(
        "INSERT INTO workshop_session (uuid, created_at, workshop_id, held_on, facilitator,"
        " notes) VALUES (?, ?, ?, ?, '', '')", rows)


def insert_attendance(conn: Statements, rows: list[tuple]) -> None:
    """(uuid, created_at, session_id, member_id, status) each."""
    conn.exec_driver_sql(
        "INSERT INTO attendance (uuid, created_at, session_id, member_id, status)"
        " VALUES (?, ?, ?, ?, ?)", rows)


# Purchases, sales, payments, expenses.

def purchase_references(conn: Statements, references: list[str]) -> set[tuple]:
    """(supplier name_key, reference) of the live purchases carrying those references."""
    return set(_each(
        conn,
        "SELECT s.name_key, p.reference FROM live_purchase p JOIN supplier s"
        " ON s.id = p.supplier_id WHERE p.reference IN (SELECT value FROM json_each(?))",
        references))


def purchases_on(conn: Statements, days: list[str], up_to_id: int) -> set[tuple]:
    """The live purchases without a reference on those days, from before the import.

    As (day, supplier key, input key, quantity, unit, unit price); *up_to_id* is the
    largest purchase id before the import.
    """
    return set(_each(
        conn,
        "SELECT p.day, s.name_key, i.name_key, p.quantity, p.unit, p.unit_price"
        " FROM json_each(?) j JOIN live_purchase p ON p.day = j.value"
        " JOIN supplier s ON s.id = p.supplier_id JOIN input_item i ON i.id = p.item_id"
        " WHERE p.reference = '' AND p.id <= ?",
        days, up_to_id))


def insert_purchases(conn: Statements, rows: list[tuple]) -> None:
    """Write purchases, each as (uuid, created_at, day, supplier_id, item_id, ...).

    The rest of each row: quantity, unit, unit_price, total, reference, receipt_type,
    receipt_series.
    """
    conn.exec_driver_sql(
        "INSERT INTO purchase (uuid, created_at, void_reason, day, supplier_id, item_id,"
        " quantity, unit, unit_price, total, reference, receipt_type, receipt_series)"
        " VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def sale_references(conn: Statements, references: list[str]) -> set[str]:
    """Those of *references* that a live sale carries."""
    return {r for (r,) in _each(
        conn,
        "SELECT reference FROM live_sale WHERE reference IN (SELECT value FROM json_each(?))",
        references)}


def sales_on(conn: Statements, days: list[str], up_to_id: int) -> set[tuple]:
    """The live sale lines without a reference on those days, from before the import.

    As (day, buyer key, product key, quantity, unit price, paid); *up_to_id* is the
    largest sale id before the import.
    """
    return set(_each(
        conn,
        "SELECT s.day, b.name_key, p.name_key, l.quantity, l.unit_price, s.paid"
        " FROM json_each(?) j JOIN live_sale s ON s.day = j.value"
        " JOIN sale_line l ON l.sale_id = s.id JOIN buyer b ON b.id = s.buyer_id"
        " JOIN product p ON p.id = l.product_id"
        " WHERE s.reference = '' AND s.id <= ?",
        days, up_to_id))


def insert_first_prices(conn: Statements, rows: list[tuple]) -> None:
    """(uuid, created_at, product_id, valid_from, unit_price) each."""
    conn.exec_driver_sql(
        "INSERT INTO product_price (uuid, created_at, product_id, valid_from, unit_price)"
        " VALUES (?, ?, ?, ?, ?)", rows)


def insert_sales(conn: Statements, rows: list[tuple]) -> None:
    """Write sales, each as (uuid, created_at, receipt_number, day, buyer_id, paid, ...).

    The rest of each row: paid_on, reference, total, receipt_type, receipt_series.
    """
    conn.exec_driver_sql(
        "INSERT INTO sale (uuid, created_at, void_reason, receipt_number, day, buyer_id, paid,"
        " paid_on, reference, total, receipt_type, receipt_series)"
        " VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def sale_ids_from(conn: Statements, number: int) -> dict[int, int]:
    """Receipt number → sale id, for the receipts from *number* on."""
    return dict(conn.exec_driver_sql(
        "SELECT receipt_number, id FROM sale WHERE receipt_number >= ?", (number,)).all())


def insert_sale_lines(conn: Statements, rows: list[tuple]) -> None:
    """(sale_id, product_id, quantity, unit_price, total, uuid): one line per imported sale."""
    conn.exec_driver_sql(
        "INSERT INTO sale_line (sale_id, position, product_id, quantity, unit_price, total,"
        " uuid) VALUES (?, 1, ?, ?, ?, ?, ?)", rows)


def payments_on(conn: Statements, days: list[str], up_to_id: int) -> list[tuple]:
    """(member_id, day, amount, note) of the live payments on those days, before the import."""
    return _each(
        conn,
        "SELECT p.member_id, p.day, p.amount, p.note FROM json_each(?) j"
        " JOIN live_member_payment p ON p.day = j.value WHERE p.id <= ?",
        days, up_to_id)


def insert_payments(conn: Statements, rows: list[tuple]) -> None:
    """(uuid, created_at, member_id, day, amount, note) each."""
    conn.exec_driver_sql(
        "INSERT INTO member_payment (uuid, created_at, void_reason, member_id, day, amount,"
        " received_by, note) VALUES (?, ?, '', ?, ?, ?, '', ?)", rows)


def expenses_on(conn: Statements, days: list[str], up_to_id: int) -> list[tuple]:
    """(day, category, amount, note) of the live expenses on those days, before the import."""
    return _each(
        conn,
        "SELECT e.day, e.category, e.amount, e.note FROM json_each(?) j"
        " JOIN live_expense e ON e.day = j.value WHERE e.id <= ?",
        days, up_to_id)


def insert_expenses(conn: Statements, rows: list[tuple]) -> None:
    """(uuid, created_at, day, category, amount, note) each."""
    conn.exec_driver_sql(
        "INSERT INTO expense (uuid, created_at, void_reason, day, category, amount, note)"
        " VALUES (?, ?, '', ?, ?, ?, ?)", rows)


# The funds' movements (revision 0011) a person types: manual entries, workshop costs.


def fund_moves(conn: Statements) -> list[tuple]:
    """Every live fund movement: (id, fund, day, direction, céntimos, source, source_uuid, note)."""
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT id, fund, day, direction, amount, source, source_uuid, note FROM fund_movement"
        " WHERE voided_at IS NULL ORDER BY day, id")]


def workshop_session_uuids(conn: Statements) -> dict[tuple[int, str], str]:
    """(workshop number, ISO day) → the uuid of that workshop's session on that day."""
    return {(int(n), str(d)[:10]): u for n, d, u in conn.exec_driver_sql(
        "SELECT w.number, s.held_on, s.uuid FROM workshop_session s"
        " JOIN workshop w ON w.id = s.workshop_id")}


def insert_fund_movements(conn: Statements, rows: list[tuple]) -> None:
    """(uuid, created_at, fund, day, direction, céntimos, source, source_uuid, note) each.

    Written in the file's order: the trigger that keeps a fund from going below zero
    checks each row against the ones before it, as the import did.
    """
    conn.exec_driver_sql(
        "INSERT INTO fund_movement (uuid, created_at, void_reason, fund, day, direction,"
        " amount, source, source_uuid, note) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?)", rows)
