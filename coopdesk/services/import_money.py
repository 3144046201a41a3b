"""How purchases, sales, payments and expenses are imported: read, checked, written.

Besides the rules of each record, these kinds refuse a row identical to a record of the
same day already in the book before the import (a file imported twice under another
name, or an export imported back), unless the person says the rows are new (``again``).
"""

from __future__ import annotations

import datetime as dt

from coopdesk.db.queries import imports as q
from coopdesk.db.queries.named import name_ids
from coopdesk.db.queries.registers import counterpart_documents, set_counterpart_documents
from coopdesk.db.tables import new_uuid
from coopdesk.domain.errors import CoopError
from coopdesk.domain.money import (
    checked_line_total,
    from_cents,
    money_str,
    parse_amount,
    parse_quantity,
    parse_unit_price,
    to_cents,
    to_units,
)
from coopdesk.domain.tax_ids import clean_receipt, clean_tax_document
from coopdesk.domain.text import clean_text, name_key, parse_date, parse_yes_no
from coopdesk.i18n import _
from coopdesk.services.import_kinds import ImportContext, days_of


def _likely_duplicate(what: str, day: str) -> str:
    return _("likely a duplicate: the book already has the same {what} on {day},"
             " recorded before this import").format(
        what=what, day=dt.date.fromisoformat(day).strftime("%d/%m/%Y"))


def _resolve_names(ctx: ImportContext, kind: str, named: dict[str, str]) -> dict:
    """Create the buyers/suppliers/products/inputs first seen in this chunk; return key → id."""
    ids = ctx.names(kind)
    new = [(k, n) for k, n in named.items() if k not in ids]
    if new:
        q.insert_names(ctx.conn, kind, [(*ctx.stamp(), name, key) for key, name in new])
        ids.update(name_ids(ctx.conn, q.NAME_TABLES[kind]))
    return ids


def _receipt_and_document(cells: dict) -> tuple:
    """Return the optional paper receipt (code, series-number) and counterpart document."""
    receipt = clean_receipt(cells.get("tipo_comprobante"), cells.get("serie_numero"))
    document = clean_tax_document(cells.get("tipo_doc"), cells.get("numero_doc"))
    return receipt, document


def _documents_agree(ctx: ImportContext, table: str, items, found) -> list:
    """Keep the rows whose buyer's/supplier's document agrees with the book and the file."""
    if not hasattr(ctx, "documents"):
        ctx.documents = {}
    known = ctx.documents.setdefault(table, {})
    wanted = {r[1][0] for _line, r in items if r[9]} - set(known)
    known.update(counterpart_documents(ctx.conn, table, wanted))
    good = []
    for line, r in items:
        (key, name), document = r[1], r[9]
        had = known.get(key)
        if document and had and had != document:
            found.append((line, _("{name} already has {kind} {number} in the book; this row says"
                                  " {new_kind} {new_number}").format(
                name=name, kind=had[0], number=had[1], new_kind=document[0],
                new_number=document[1])))
            continue
        if document:
            known[key] = document
        good.append((line, r))
    return good


def _named(text: str, what: str) -> tuple[str, str]:
    cleaned = clean_text(text, what=what, required=True)
    return name_key(cleaned), cleaned


class _Purchases:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        supplier = _named(c["proveedor"], _("the supplier"))
        item = _named(c["insumo"], _("the input"))
        quantity = parse_quantity(c["cantidad"], what=_("the quantity"))
        unit = clean_text(c["unidad"], what=_("the unit"), required=True, limit=20)
        price = parse_unit_price(c["precio_unitario"], what=_("the unit price"))
        total = checked_line_total(quantity, price)
        reference = clean_text(c["comprobante"], what=_("the reference"), required=False, limit=60)
        return (day.isoformat(), supplier, item, to_units(quantity, 3), unit, to_units(price, 4),
                to_cents(total), reference, *_receipt_and_document(c))

    def check(self, ctx, items, found):
        refs = q.purchase_references(ctx.conn, sorted({r[7] for _line, r in items if r[7]}))
        same = set() if ctx.again else q.purchases_on(
            ctx.conn, days_of(items, 0), ctx.last_id_before("purchase"))
        good = []
        for line, r in _documents_agree(ctx, "supplier", items, found):
            day, (supplier, _s), (item, _i), quantity, unit, price, _total, reference, *_x = r
            if reference:
                if (supplier, reference) in refs:
                    found.append((line, _("the document {ref} of this supplier is already"
                                          " recorded").format(ref=reference)))
                    continue
                refs.add((supplier, reference))
            elif (day, supplier, item, quantity, unit, price) in same:
                ctx.duplicate(found, line, _likely_duplicate(_("purchase"), day))
                continue
            good.append((line, r))
        return good

    def write(self, ctx, records) -> None:
        suppliers = _resolve_names(ctx, "supplier", {r[1][0]: r[1][1] for r in records})
        items = _resolve_names(ctx, "input", {r[2][0]: r[2][1] for r in records})
        q.insert_purchases(ctx.conn, [
            (*ctx.stamp(), day, suppliers[s], items[i], qty, unit, p, total, ref,
             *(receipt or (None, None)))
            for day, (s, _sn), (i, _in), qty, unit, p, total, ref, receipt, _doc in records
        ])
        set_counterpart_documents(ctx.conn, "supplier", {
            suppliers[r[1][0]]: r[9] for r in records if r[9]})


class _Sales:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        buyer = _named(c["comprador"], _("the buyer"))
        product = _named(c["producto"], _("the product"))
        quantity = parse_quantity(c["cantidad"], what=_("the quantity"))
        price = parse_unit_price(c["precio_unitario"], what=_("the unit price"))
        total = checked_line_total(quantity, price)
        paid = parse_yes_no(c["pagado"], what=_("the column pagado"))
        reference = clean_text(c["comprobante"], what=_("the reference"), required=False, limit=60)
        return (day.isoformat(), buyer, product, to_units(quantity, 3), to_units(price, 4),
                int(paid), to_cents(total), reference, *_receipt_and_document(c))

    def check(self, ctx, items, found):
        refs = q.sale_references(ctx.conn, sorted({r[7] for _line, r in items if r[7]}))
        same = set() if ctx.again else q.sales_on(
            ctx.conn, days_of(items, 0), ctx.last_id_before("sale"))
        good = []
        for line, r in _documents_agree(ctx, "buyer", items, found):
            day, (buyer, _b), (product, _p), quantity, price, paid, _total, reference, *_x = r
            if reference:
                if reference in refs:
                    found.append((line, _("the receipt reference {ref} was already used").format(
                        ref=reference)))
                    continue
                refs.add(reference)
            elif (day, buyer, product, quantity, price, paid) in same:
                ctx.duplicate(found, line, _likely_duplicate(_("sale"), day))
                continue
            good.append((line, r))
        return good

    def write(self, ctx, records) -> None:
        from coopdesk.services.trade import next_receipt_number

        buyers = _resolve_names(ctx, "buyer", {r[1][0]: r[1][1] for r in records})
        known_products = set(ctx.names("product"))
        products = _resolve_names(ctx, "product", {r[2][0]: r[2][1] for r in records})
        first_price: dict[str, tuple[str, int]] = {}
        for day, _b, (product, _n), _q, price, *_rest in records:
            if product not in known_products and product not in first_price:
                first_price[product] = (day, price)
        if first_price:
            q.insert_first_prices(ctx.conn, [
                (*ctx.stamp(), products[k], d, p) for k, (d, p) in first_price.items()])
        number = next_receipt_number(ctx.session)
        sales = [
            (*ctx.stamp(), number + offset, day, buyers[b], paid, day if paid else None, ref,
             total, *(receipt or (None, None)))
            for offset, (day, (b, _bn), _p, _q, _pr, paid, total, ref, receipt, _doc)
            in enumerate(records)
        ]
        q.insert_sales(ctx.conn, sales)
        set_counterpart_documents(ctx.conn, "buyer", {
            buyers[r[1][0]]: r[9] for r in records if r[9]})
        ids = q.sale_ids_from(ctx.conn, number)
        q.insert_sale_lines(ctx.conn, [
            (ids[number + offset], products[p], qty, pr, total, new_uuid())
            for offset, (_d, _b, (p, _pn), qty, pr, _paid, total, _ref, *_x)
            in enumerate(records)
        ])


class _Payments:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        member_id, facts = ctx.member(c["codigo_socia"])
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        if day < facts.joined_on:
            raise CoopError(
                _("{code} joined on {joined}; a payment before that is not possible").format(
                    code=facts.code, joined=facts.joined_on.strftime("%d/%m/%Y")
                )
            )
        amount = parse_amount(c["monto"], what=_("the amount"))
        note = clean_text(c["nota"], what=_("the note"), required=False, limit=500)
        return member_id, day.isoformat(), to_cents(amount), note, facts.code

    def check(self, ctx, items, found):
        if ctx.again:
            return items
        # Notes compared as names are: "OK" and "ok" are the same words.
        same = {(m, day, amount, name_key(note or "")) for m, day, amount, note in q.payments_on(
            ctx.conn, days_of(items, 1), ctx.last_id_before("member_payment"))}
        good = []
        for line, r in items:
            if (*r[:3], name_key(r[3] or "")) in same:
                what = _("payment of {amount} to {code}").format(
                    amount=money_str(from_cents(r[2])), code=r[4])
                ctx.duplicate(found, line, _likely_duplicate(what, r[1]))
                continue
            good.append((line, r))
        return good

    def write(self, ctx, records) -> None:
        q.insert_payments(ctx.conn, [(*ctx.stamp(), *r[:4]) for r in records])


class _Expenses:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        category = clean_text(c["categoria"], what=_("the category"), required=True, limit=60)
        amount = parse_amount(c["monto"], what=_("the amount"))
        note = clean_text(c["nota"], what=_("the note"), required=False, limit=500)
        return day.isoformat(), category, to_cents(amount), note

    def check(self, ctx, items, found):
        if ctx.again:
            return items
        # "transporte" and "Transporte" are one category; notes compared the same way.
        same = {(day, name_key(cat), amount, name_key(note or "")) for day, cat, amount, note
                in q.expenses_on(ctx.conn, days_of(items, 0), ctx.last_id_before("expense"))}
        good = []
        for line, r in items:
            if (r[0], name_key(r[1]), r[2], name_key(r[3] or "")) in same:
                what = _("expense of {amount} ({category})").format(
                    amount=money_str(from_cents(r[2])), category=r[1])
                ctx.duplicate(found, line, _likely_duplicate(what, r[0]))
                continue
            good.append((line, r))
        return good

    def write(self, ctx, records) -> None:
        q.insert_expenses(ctx.conn, [(*ctx.stamp(), *r) for r in records])


KINDS_BY_NAME = {
    "purchases": _Purchases(),
    "sales": _Sales(),
    "payments": _Payments(),
    "expenses": _Expenses(),
}
