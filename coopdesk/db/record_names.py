"""How the coordinator knows a sealed record, for the sentences of ``check``.

A seal names a row by table and id; the coordinator knows a sale by its receipt, a
workday by member and day, a member by her code. Used by :mod:`coopdesk.db.ledger`.
"""

from __future__ import annotations

from coopdesk.i18n import _


def describe(conn, entity: str, record_id: int) -> str:
    """Return how the coordinator knows a record (a sale by its receipt, a workday by day)."""
    queries = {
        "sale": "SELECT receipt_number, day FROM sale WHERE id=?",
        "sale_line": "SELECT s.receipt_number, l.position FROM sale_line l"
        " JOIN sale s ON s.id=l.sale_id WHERE l.id=?",
        "workday": "SELECT m.code, w.day, w.line FROM workday w"
        " JOIN member m ON m.id=w.member_id WHERE w.id=?",
        "member_payment": "SELECT m.code, p.day FROM member_payment p"
        " JOIN member m ON m.id=p.member_id WHERE p.id=?",
        "purchase": "SELECT day, reference FROM purchase WHERE id=?",
        "expense": "SELECT day, category FROM expense WHERE id=?",
        "labor_rate": "SELECT valid_from FROM labor_rate WHERE id=?",
        "member": "SELECT code, full_name FROM member WHERE id=?",
        "workshop": "SELECT number, title FROM workshop WHERE id=?",
        "workshop_session": "SELECT w.number, s.held_on FROM workshop_session s"
        " JOIN workshop w ON w.id=s.workshop_id WHERE s.id=?",
        "attendance": "SELECT m.code, w.number, s.held_on FROM attendance a"
        " JOIN member m ON m.id=a.member_id JOIN workshop_session s ON s.id=a.session_id"
        " JOIN workshop w ON w.id=s.workshop_id WHERE a.id=?",
        "buyer": "SELECT name FROM buyer WHERE id=?",
        "supplier": "SELECT name FROM supplier WHERE id=?",
        "product": "SELECT name FROM product WHERE id=?",
        "input_item": "SELECT name FROM input_item WHERE id=?",
        "product_price": "SELECT p.name, pp.valid_from FROM product_price pp"
        " JOIN product p ON p.id=pp.product_id WHERE pp.id=?",
        "setting": "SELECT key FROM setting WHERE rowid=?",
        "closed_month": "SELECT month FROM closed_month WHERE rowid=?",
        "audit_event": "SELECT id, at, action FROM audit_event WHERE id=?",
        "assembly_session": "SELECT number, day FROM assembly_session WHERE id=?",
        "assembly_attendance": "SELECT m.code, s.number FROM assembly_attendance a"
        " JOIN member m ON m.id=a.member_id JOIN assembly_session s ON s.id=a.session_id"
        " WHERE a.id=?",
        "assembly_agenda_item": "SELECT i.position, s.number FROM assembly_agenda_item i"
        " JOIN assembly_session s ON s.id=i.session_id WHERE i.id=?",
        "assembly_agreement": "SELECT a.number, s.number FROM assembly_agreement a"
        " JOIN assembly_session s ON s.id=a.session_id WHERE a.id=?",
        "payment_receipt": "SELECT r.number, m.code FROM payment_receipt r"
        " JOIN member_payment p ON p.id=r.payment_id JOIN member m ON m.id=p.member_id"
        " WHERE r.payment_id=?",
    }
    row = conn.exec_driver_sql(queries[entity], (record_id,)).first() if entity in queries else None
    if row is None:
        return _("{entity} record {id}").format(entity=entity, id=record_id)
    templates = {
        "sale": _("the sale with receipt {0} of {1}"),
        "sale_line": _("line {1} of the sale with receipt {0}"),
        "workday": _("the workday of {0} on {1} ({2})"),
        "member_payment": _("the payment to {0} on {1}"),
        "purchase": _("the purchase of {0} {1}"),
        "expense": _("the expense of {0} ({1})"),
        "labor_rate": _("the labor rate from {0}"),
        "member": _("the member {0} ({1})"),
        "workshop": _("workshop {0} ({1})"),
        "workshop_session": _("the session of workshop {0} on {1}"),
        "attendance": _("the attendance of {0} at workshop {1} on {2}"),
        "buyer": _("the buyer {0}"),
        "supplier": _("the supplier {0}"),
        "product": _("the product {0}"),
        "input_item": _("the input {0}"),
        "product_price": _("the price of {0} from {1}"),
        "setting": _("the setting {0}"),
        "closed_month": _("the closed month {0}"),
        "audit_event": _("the audit event {0} of {1} ({2})"),
        "payment_receipt": _("the payment receipt {0} (paid to {1})"),
        "assembly_session": _("the assembly session No. {0} of {1}"),
        "assembly_attendance": _("the attendance of {0} at assembly session No. {1}"),
        "assembly_agenda_item": _("agenda item {0} of assembly session No. {1}"),
        "assembly_agreement": _("agreement {0} of assembly session No. {1}"),
    }
    return templates[entity].format(*row) + f" [{entity} {record_id}]"
