"""Sales (with the book's receipt numbers) and purchases of inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Session

from coopdesk.db.queries import trade as q
from coopdesk.db.queries.records import record_id
from coopdesk.db.tables import Product, ProductPrice, Purchase, Sale, SaleLineRow, now
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.domain.money import (
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    check_positive,
    check_total,
    checked_line_total,
)
from coopdesk.domain.text import check_plausible_date, clean_text, name_key
from coopdesk.domain.trade import SaleLine, sale_total
from coopdesk.i18n import _
from coopdesk.services.book import Book, audit
from coopdesk.services.corrections import corrects_detail, find_corrected
from coopdesk.services.counterparts import PaperDetails, give_document
from coopdesk.services.lookups import find_or_create_named
from coopdesk.services.months import ensure_month_open

#: A sale or purchase without a paper receipt or a counterpart's document.
NO_PAPER = PaperDetails()


def next_receipt_number(session: Session) -> int:
    """Return the next receipt number: one more than the last, never reused, no gaps."""
    return q.next_receipt_number(session)


def clean_reference(reference: str) -> str:
    """Return a paper document's reference, cleaned (it may be empty)."""
    return clean_text(reference, what=_("the reference"), required=False, limit=60)


def check_line(line: SaleLine) -> SaleLine:
    """Refuse a sale line with no product, a bad quantity or a bad price."""
    clean_text(line.product, what=_("the product"), required=True)
    check_positive(Decimal(line.quantity), what=_("the quantity"), maximum=MAX_QUANTITY)
    check_positive(
        Decimal(line.unit_price), what=_("the unit price"), allow_zero=True, maximum=MAX_UNIT_PRICE
    )
    if Decimal(line.quantity) != Decimal(line.quantity).quantize(Decimal("0.001")):
        raise InvalidInput(_("The quantity has more than 3 decimals."), field="quantity")
    if Decimal(line.unit_price) != Decimal(line.unit_price).quantize(Decimal("0.0001")):
        raise InvalidInput(_("The unit price has more than 4 decimals."), field="unit_price")
    checked_line_total(Decimal(line.quantity), Decimal(line.unit_price))
    return line


@changes(Kind.SALES, Kind.PRODUCTS)
def record_sale(
    book: Book,
    *,
    day: dt.date,
    buyer: str,
    lines: list[SaleLine],
    paid: bool,
    reference: str = "",
    corrects: str = "",
    paper: PaperDetails = NO_PAPER,
) -> Sale:
    """Record a sale with its lines and the book's next receipt number, all at once.

    *corrects*: the receipt number (or uuid) of the sale this one corrects, if any.
    *paper*: the paper receipt given and the buyer's document (:func:`paper_details`).
    """
    check_plausible_date(day, what=_("the date"))
    if not lines:
        raise InvalidInput(_("Add at least one product to the sale."), field="lines")
    for line in lines:
        check_line(line)
    check_total(sale_total(lines), what=_("the sale's total"))
    reference = clean_reference(reference)
    with book.transaction() as session:
        ensure_month_open(session, day)
        corrected = find_corrected(session, "sale", corrects, day=day)
        buyer_row, _new = find_or_create_named(session, "buyer", buyer, what=_("the buyer"))
        give_document(session, buyer_row, paper.document, field="doc_number")
        if reference and q.live_sale_has_reference(session, reference):
            raise Conflict(
                _("The receipt reference {ref} was already used for another sale.").format(
                    ref=reference
                ),
                field="reference",
            )
        sale = Sale(
            receipt_number=next_receipt_number(session),
            day=day,
            buyer_id=buyer_row.id,
            paid=paid,
            paid_on=day if paid else None,
            reference=reference,
            total=sale_total(lines),
            corrects_uuid=corrected.uuid if corrected else None,
            receipt_type=paper.receipt_type,
            receipt_series=paper.receipt_series,
        )
        session.add(sale)
        session.flush()
        for position, line in enumerate(lines, start=1):
            product = _product_for_sale(session, line, day)
            session.add(
                SaleLineRow(
                    sale_id=sale.id,
                    position=position,
                    product_id=product.id,
                    quantity=Decimal(line.quantity),
                    unit_price=Decimal(line.unit_price),
                    total=line.total,
                )
            )
        audit(
            session,
            "create",
            "sale",
            sale.uuid,
            receipt=sale.receipt_number,
            buyer=buyer_row.name,
            total=sale.total,
            paid=paid,
            **corrects_detail(corrected),
        )
        return sale


def _product_for_sale(session: Session, line: SaleLine, day: dt.date) -> Product:
    product, new = find_or_create_named(session, "product", line.product, what=_("the product"))
    if new:
        session.add(ProductPrice(product_id=product.id, valid_from=day, unit_price=line.unit_price))
    return product


def sale_by_number(session: Session, number: int) -> Sale:
    """Return the sale with receipt *number*, or say it does not exist."""
    found = q.sale_id_numbered(session, int(number))
    sale = None if found is None else session.get(Sale, found)
    if sale is None:
        raise NotFound(_("There is no sale with receipt number {n}.").format(n=number))
    return sale


@changes(Kind.SALES)
def mark_sale_paid(book: Book, *, receipt_number: int, paid_on: dt.date) -> Sale:
    """Mark a pending sale as paid on *paid_on*."""
    check_plausible_date(paid_on, what=_("the date"))
    with book.transaction() as session:
        sale = sale_by_number(session, receipt_number)
        if sale.voided_at is not None:
            raise Conflict(_("A voided sale cannot be marked paid."))
        if sale.paid:
            raise Conflict(_("That sale is already marked paid."))
        if paid_on < sale.day:
            raise InvalidInput(_("The payment date is before the sale."), field="paid_on")
        ensure_month_open(session, paid_on, field="paid_on")
        sale.paid = True
        sale.paid_on = paid_on
        session.add(sale)
        audit(
            session,
            "paid",
            "sale",
            sale.uuid,
            receipt=sale.receipt_number,
            paid_on=paid_on,
            before={"paid": False},
            after={"paid": True, "paid_on": paid_on},
        )
        return sale


@changes(Kind.SALES, Kind.PRODUCTS)
def void_sale(book: Book, *, receipt_number: int, reason: str) -> Sale:
    """Void a sale with a reason; it keeps its receipt number and reprints as ANULADO."""
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        sale = sale_by_number(session, receipt_number)
        if sale.voided_at is not None:
            raise Conflict(_("That sale was already voided."))
        ensure_month_open(session, sale.day)
        sale.voided_at = now()
        sale.void_reason = reason
        session.add(sale)
        audit(session, "void", "sale", sale.uuid, receipt=sale.receipt_number, reason=reason)
        return sale


def current_price(book: Book, *, product: str, day: dt.date) -> Decimal | None:
    """Return the product's price in force on *day*, or None for an unknown product."""
    with book.read() as reader:
        found = q.named_id(reader, "product", name_key(product))
        return None if found is None else q.price_on(reader, found, day)


@changes(Kind.PRODUCTS)
def set_product_price(book: Book, *, product: str, valid_from: dt.date, price: Decimal) -> None:
    """Give a product a new price from a date on (creating the product when new)."""
    check_plausible_date(valid_from, what=_("the date"))
    check_positive(Decimal(price), what=_("the price"), maximum=MAX_UNIT_PRICE)
    with book.transaction() as session:
        row, _new = find_or_create_named(session, "product", product, what=_("the product"))
        if q.has_price_from(session, row.id, valid_from):
            raise Conflict(_("That product already has a price from that date."))
        session.add(ProductPrice(product_id=row.id, valid_from=valid_from, unit_price=price))
        audit(session, "price", "product", row.uuid, valid_from=valid_from, price=price)


@changes(Kind.PURCHASES)
def record_purchase(
    book: Book,
    *,
    day: dt.date,
    supplier: str,
    item: str,
    quantity: Decimal,
    unit: str,
    unit_price: Decimal,
    reference: str = "",
    corrects: str = "",
    paper: PaperDetails = NO_PAPER,
) -> Purchase:
    """Record a purchase of an input; a supplier's document reference is used only once.

    *corrects*: the uuid of the purchase this one corrects, if any.
    *paper*: the supplier's paper receipt and document (:func:`paper_details`).
    """
    check_plausible_date(day, what=_("the date"))
    check_positive(Decimal(quantity), what=_("the quantity"), maximum=MAX_QUANTITY)
    check_positive(
        Decimal(unit_price), what=_("the unit price"), allow_zero=True, maximum=MAX_UNIT_PRICE
    )
    checked_line_total(Decimal(quantity), Decimal(unit_price))
    unit = clean_text(unit, what=_("the unit"), required=True, limit=20)
    reference = clean_reference(reference)
    with book.transaction() as session:
        ensure_month_open(session, day)
        corrected = find_corrected(session, "purchase", corrects, day=day)
        supplier_row, _n = find_or_create_named(
            session, "supplier", supplier, what=_("the supplier")
        )
        give_document(session, supplier_row, paper.document, field="doc_number")
        item_row, _n = find_or_create_named(session, "input", item, what=_("the input"))
        if reference and q.live_purchase_has_reference(session, supplier_row.id, reference):
            raise Conflict(
                _("The document {ref} of {supplier} was already recorded.").format(
                    ref=reference, supplier=supplier_row.name
                ),
                field="reference",
            )
        purchase = Purchase(
            day=day,
            supplier_id=supplier_row.id,
            item_id=item_row.id,
            quantity=Decimal(quantity),
            unit=unit,
            unit_price=Decimal(unit_price),
            total=checked_line_total(Decimal(quantity), Decimal(unit_price)),
            reference=reference,
            corrects_uuid=corrected.uuid if corrected else None,
            receipt_type=paper.receipt_type,
            receipt_series=paper.receipt_series,
        )
        session.add(purchase)
        session.flush()
        audit(
            session, "create", "purchase", purchase.uuid, total=purchase.total,
            item=item_row.name, **corrects_detail(corrected),
        )
        return purchase


@changes(Kind.PURCHASES)
def void_purchase(book: Book, *, uuid: str, reason: str) -> Purchase:
    """Void a purchase with a reason."""
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        found = record_id(session, "purchase", uuid)
        purchase = None if found is None else session.get(Purchase, found)
        if purchase is None:
            raise NotFound(_("That purchase is not in the book."))
        if purchase.voided_at is not None:
            raise Conflict(_("That purchase was already voided."))
        ensure_month_open(session, purchase.day)
        purchase.voided_at = now()
        purchase.void_reason = reason
        session.add(purchase)
        audit(session, "void", "purchase", purchase.uuid, reason=reason)
        return purchase
