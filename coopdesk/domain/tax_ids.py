"""The tax documents of buyers and suppliers (RUC or DNI) and the paper receipts' codes.

A RUC has 11 digits, the last a check digit: SUNAT's modulus 11 over the first ten
digits with the weights 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 (11 − the remainder; 10 → 0,
11 → 1). A typo in a RUC is the commonest reason an accountant's register bounces, so
it is caught when typed, not at the tax office.
"""

from __future__ import annotations

import re

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_, _

RUC_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
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


def ruc_check_digit(first_ten: str) -> int:
    """Return the check digit of the RUC whose first ten digits are *first_ten*."""
    total = sum(int(d) * w for d, w in zip(first_ten, RUC_WEIGHTS))
    digit = 11 - total % 11
    return {10: 0, 11: 1}.get(digit, digit)


def is_valid_ruc(text: str) -> bool:
    return bool(re.fullmatch(r"\d{11}", text)) and text[:2] in ("10", "15", "17", "20") and (
        ruc_check_digit(text[:10]) == int(text[10]))


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
        if not re.fullmatch(r"\d{11}", value):
            raise InvalidInput(_("The RUC “{ruc}” must have exactly 11 digits.").format(
                ruc=value[:20]), field="doc_number")
        if not is_valid_ruc(value):
            raise InvalidInput(_("The RUC “{ruc}” is not valid: its last digit does not match"
                                 " (check it on the paper; a digit was likely mistyped).")
                               .format(ruc=value), field="doc_number")
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
