"""The rows `coopdesk export` writes: live records of one kind, in the import's columns.

Figures come back as Decimals (through the column scales); days, names and codes as
the book holds them (the export writes them as they are).
"""

from __future__ import annotations

from coopdesk.db.reader import Reader
from coopdesk.db.scales import MONEY, PRICE, QTY

_QUERIES = {
    "members": "SELECT code, full_name, dni, joined_on, status, coalesce(exit_on, ''), role,"
    " admission_agreement, admission_agreement_uuid, exit_agreement, exit_agreement_uuid,"
    " uuid, site_id FROM member ORDER BY code",
    "rates": "SELECT valid_from, rate, uuid, site_id FROM labor_rate ORDER BY valid_from",
    "workdays": "SELECT m.code, w.day, w.line, w.fraction, w.note, w.uuid, m.uuid, w.site_id"
    " FROM workday w JOIN member m ON m.id=w.member_id WHERE w.voided_at IS NULL"
    " ORDER BY w.day, m.code, w.line",
    "attendance": "SELECT k.number, s.held_on, m.code, a.status, a.uuid, s.uuid, k.uuid, m.uuid,"
    " a.site_id FROM attendance a"
    " JOIN workshop_session s ON s.id=a.session_id JOIN workshop k ON k.id=s.workshop_id"
    " JOIN member m ON m.id=a.member_id ORDER BY s.held_on, k.number, m.code",
    "purchases": "SELECT p.day, s.name, i.name, p.quantity, p.unit, p.unit_price, p.reference,"
    " p.receipt_type, p.receipt_series, s.doc_type, s.doc_number,"
    " p.uuid, s.uuid, i.uuid, p.site_id"
    " FROM purchase p JOIN supplier s ON s.id=p.supplier_id JOIN input_item i ON i.id=p.item_id"
    " WHERE p.voided_at IS NULL ORDER BY p.day, p.id",
    "sales": "SELECT s.day, b.name, p.name, l.quantity, l.unit_price, s.paid,"
    " CASE WHEN l.position = 1 THEN s.reference ELSE '' END,"
    " CASE WHEN l.position = 1 THEN s.receipt_type END,"
    " CASE WHEN l.position = 1 THEN s.receipt_series END, b.doc_type, b.doc_number,"
    " s.uuid, l.uuid, b.uuid, p.uuid, s.site_id"
    " FROM sale s JOIN sale_line l ON l.sale_id=s.id JOIN buyer b ON b.id=s.buyer_id"
    " JOIN product p ON p.id=l.product_id WHERE s.voided_at IS NULL"
    " ORDER BY s.receipt_number, l.position",
    "payments": "SELECT m.code, p.day, p.amount, p.note, p.uuid, m.uuid, p.site_id"
    " FROM member_payment p JOIN member m ON m.id=p.member_id WHERE p.voided_at IS NULL"
    " ORDER BY p.day, p.id",
    "expenses": "SELECT day, category, amount, note, uuid, site_id FROM expense"
    " WHERE voided_at IS NULL ORDER BY day, id",
    "shares": "SELECT m.code, s.day, CASE s.kind WHEN 'subscription' THEN 'suscripcion'"
    " WHEN 'payment' THEN 'pago' WHEN 'deduction' THEN 'descuento' ELSE 'devolucion' END,"
    " s.amount, s.note, s.agreement, s.agreement_uuid, s.uuid, m.uuid, s.site_id"
    " FROM share_movement s"
    " JOIN member m ON m.id=s.member_id WHERE s.voided_at IS NULL ORDER BY s.day, s.id",
    # Every movement, voided ones too (anulado si, with the reason): the funds' whole
    # ledger. The import refuses those rows and the distribution's parts (reparto).
    "funds": "SELECT CASE f.fund WHEN 'reserve' THEN 'reserva' ELSE 'educacion' END, f.day,"
    " CASE f.direction WHEN 'in' THEN 'ingreso' ELSE 'egreso' END, f.amount, f.note,"
    " w.number, CASE f.source WHEN 'distribution' THEN 'reparto' WHEN 'workshop' THEN 'taller'"
    " ELSE 'manual' END, CASE WHEN f.voided_at IS NULL THEN 'no' ELSE 'si' END, f.void_reason,"
    " f.uuid, f.source_uuid, f.site_id FROM fund_movement f"
    " LEFT JOIN workshop_session s ON f.source = 'workshop' AND s.uuid = f.source_uuid"
    " LEFT JOIN workshop w ON w.id = s.workshop_id ORDER BY f.day, f.id",
}

#: Where each kind's agreement citations are: the position of the text as typed, followed
#: by the uuid of the recorded agreement it resolved to (NULL when none); the export
#: writes one column per citation (the export service joins the two).
CITATIONS = {"members": (7, 9), "shares": (5,)}

#: Which columns of each kind are figures, and their scale.
_SCALES = {
    "rates": {1: MONEY},
    "workdays": {3: QTY},
    "purchases": {3: QTY, 5: PRICE},
    "sales": {3: QTY, 4: PRICE},
    "payments": {2: MONEY},
    "expenses": {2: MONEY},
    "shares": {3: MONEY},
    "funds": {3: MONEY},
}

#: The kinds that can be exported, in the import's order.
EXPORT_KINDS = tuple(_QUERIES)


def export_rows(reader: Reader, kind: str) -> list[tuple]:
    """The live records of *kind* (one of EXPORT_KINDS), figures as Decimals."""
    scales = _SCALES.get(kind, {})
    return [
        tuple(scales[i].decode(v) if i in scales else v for i, v in enumerate(row))
        for row in reader.connection().exec_driver_sql(_QUERIES[kind]).all()
    ]
