"""The tax documents of buyers and suppliers (RUC or DNI) and the paper receipts' codes.

A RUC is checked by :func:`coopdesk.domain.documents.clean_ruc` (11 digits, SUNAT's
modulus-11 check digit): a typo in a RUC is the commonest reason an accountant's
register bounces, so it is caught when typed, not at the tax office.
"""

from __future__ import annotations

import re

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_, _

#: SUNAT's table 2 codes of the documents written in the registers.
DOC_CODES = {"DNI": "1", "RUC": "6"}
#: SUNAT's table 10 codes of the paper receipts the workshop meets, and their names.
RECEIPT_TYPES = {
    "01": N_("Invoice (factura)"),
    "03": N_("Sales slip (boleta de venta)"),
    "12": N_("Till ticket (ticket)"),
    "00": N_("Other document"),
}
_RECEIPT_WORDS = {"factura": "01", "boleta": "03", "ticket": "12", "otro": "00"}


def clean_tax_document(doc_type: str | None, number: str | None) -> tuple[str, str] | None:
    """Return ("RUC"|"DNI", number) checked, or None when both are empty."""
    kind = (doc_type or "").strip().upper()
    value = (number or "").strip()
    if not kind and not value:
        return None
    if not kind and len(value) in (8, 11):
        kind = "DNI" if len(value) == 8 else "RUC"  # the length says which, when not said
    if kind not in DOC_CODES:
        raise InvalidInput(_("The document type “{text}” is not known; use RUC or DNI.").format(
            text=kind[:20]), field="doc_type")
    if kind == "DNI" and not re.fullmatch(r"\d{8}", value):
        raise InvalidInput(_("The DNI “{dni}” must have exactly 8 digits (or leave it empty).")
                           .format(dni=value[:20]), field="doc_number")
    if kind == "RUC":
        # The one RUC check (the cooperative's own RUC in the settings uses it too).
        from coopdesk.domain.documents import clean_ruc

        if not value:
            raise InvalidInput(_("The RUC has 11 digits, e.g. 20123456789; “{text}” does not.")
                               .format(text=value), field="doc_number")
        clean_ruc(value)
    return kind, value


def clean_receipt(receipt_type: str | None, series: str | None) -> tuple[str, str] | None:
    """Return (SUNAT code, "SERIE-NUMBER") of a paper receipt, or None when both are empty."""
    raw = (receipt_type or "").strip().lower()
    text = (series or "").strip().upper()
    if not raw and not text:
        return None
    code = _RECEIPT_WORDS.get(raw, raw.zfill(2) if raw.isdigit() else raw)
    if code not in RECEIPT_TYPES:
        raise InvalidInput(_("The receipt type “{text}” is not known; use factura, boleta,"
                             " ticket, otro or its code 01, 03, 12, 00.").format(text=raw[:20]),
                           field="receipt_type")
    if not re.fullmatch(r"[A-Z0-9]{1,4}-\d{1,8}", text):
        raise InvalidInput(_("The series and number “{text}” must be written like B001-123"
                             " (up to 4 letters or digits, a dash, up to 8 digits).").format(
            text=text[:30]), field="receipt_series")
    return code, text


def receipt_label(code: str) -> str:
    return _(RECEIPT_TYPES.get(code, code))
