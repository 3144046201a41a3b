"""Receipts: a sale receipt and a payment receipt to a member, original and copy on one page."""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import FrameBreak, KeepInFrame, PageBreak, Spacer, Table, TableStyle

from coopdesk.domain.documents import Letterhead, PaymentReceipt, SaleReceipt
from coopdesk.formats import (
    amount_in_words,
    date_str,
    less,
    money,
    quantity,
    unit_price,
)
from coopdesk.i18n import N_, _
from coopdesk.reports.base import (
    FONT,
    FONT_BOLD,
    bold,
    markup,
    para,
    signature_row,
    table,
)
from coopdesk.reports.page import build_pdf

WIDTH = 180 * mm
#: Without a RUC the cooperative may not issue tax receipts: the legal phrase printed
#: until one is set in the settings.
NOT_A_TAX_RECEIPT = N_("Internal document: not valid as a payment voucher (comprobante de pago)")
VOID_STAMP = N_("VOID")
REPRINT_STAMP = N_("REPRINT")
#: More lines than this do not fit half a page: original and copy then get a page each.
HALF_PAGE_LINES = 14


def _head(head: Letterhead, title: str, number: str, which: str,
          reprinted_on: dt.date | None = None) -> Table:
    """Return the top of a receipt: the cooperative on the left, the number box on the right.

    A reprint says so in the box, with its day: only the paper printed when the record
    was saved is the original.
    """
    left = [para(head.cooperative_name, "heading")]
    if head.ruc:
        left.append(para(_("RUC {ruc}").format(ruc=head.ruc), "cell"))
    if head.site:
        left.append(para(head.site, "small"))
    if head.institution:
        left.append(para(head.institution, "small"))
    right = [
        markup(bold(title), "center"),
        markup(f"<b>{number}</b>", "center"),
        para(which, "center"),
    ]
    if reprinted_on:
        right.append(para(_("{reprint} of {date}").format(
            reprint=_(REPRINT_STAMP), date=date_str(reprinted_on)), "reprint"))
    t = Table([[left, right]], colWidths=[120 * mm, 60 * mm])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("BOX", (1, 0), (1, 0), 0.8, colors.black),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
    ]))
    return t


def _tax_notice(head: Letterhead) -> list:
    """Return the legal phrase of an internal document, until the cooperative has a RUC."""
    return [] if head.ruc else [para(_(NOT_A_TAX_RECEIPT), "cell")]


def _void_block(reason: str, corrected_by: str = "", voided_on: dt.date | None = None) -> list:
    stamp = _(VOID_STAMP)
    if voided_on:
        stamp = _("{void} on {date}").format(void=stamp, date=date_str(voided_on))
    block = [Spacer(1, 2 * mm), para(stamp, "stamp")]
    if reason:
        block.append(para(_("Reason: {reason}").format(reason=reason), "center"))
    if corrected_by:
        block.append(para(_("Corrected by receipt {number}").format(number=corrected_by),
                          "center"))
    return block


def _corrects_line(corrects: str) -> list:
    """Return the line that says which receipt this one corrects (nothing when none)."""
    if not corrects:
        return []
    return [markup(bold(_("Corrects receipt {number}").format(number=corrects)), "cell"),
            Spacer(1, 1 * mm)]


# --- sale receipt ------------------------------------------------------------------


def _sale_copy(r: SaleReceipt, which: str) -> list:
    story = [_head(r.letterhead, _("SALE RECEIPT"), r.number_text, which, r.reprinted_on),
             Spacer(1, 3 * mm)]
    facts = [[_("Date:"), date_str(r.day), _("Buyer:"), para(r.buyer, "cell")]]
    if r.reference:
        facts.append([_("Reference:"), r.reference, "", ""])
    story.append(table(facts, [28 * mm, 30 * mm, 28 * mm, 94 * mm], header=False,
                       extra=[("LINEBELOW", (0, 0), (-1, -1), 0, colors.white),
                              ("FONT", (0, 0), (0, -1), FONT_BOLD, 9),
                              ("FONT", (2, 0), (2, -1), FONT_BOLD, 9)]))
    story += _corrects_line(r.corrects)
    story.append(Spacer(1, 2 * mm))
    rows = [[_("Product"), _("Quantity"), _("Unit price"), _("Amount")]]
    for line in r.lines:
        rows.append([para(line.product, "cell"), quantity(line.quantity),
                     unit_price(line.unit_price), money(line.total)])
    rows.append([_("Total"), "", "", money(r.total)])
    story.append(table(rows, [86 * mm, 24 * mm, 36 * mm, 34 * mm], right=(1, 2, 3), totals=1))
    story.append(Spacer(1, 1.5 * mm))
    story.append(markup(bold(amount_in_words(r.total)), "cell"))
    story.append(Spacer(1, 1.5 * mm))
    if r.paid:
        state = _("Paid") + (" " + _("on {date}").format(date=date_str(r.paid_on))
                             if r.paid_on else "")
    else:
        state = _("Pending payment")
    if not r.voided:  # a voided sale is neither paid nor owed
        story.append(markup(bold(state), "body"))
    story += _tax_notice(r.letterhead)
    if r.voided:
        story += _void_block(r.void_reason, r.corrected_by, r.voided_on)
    else:
        story.append(signature_row([_("Delivered by (cooperative)"), _("Received by (buyer)")]))
    return story


def render_sale_receipt(receipt: SaleReceipt) -> bytes:
    """Return the PDF of a sale receipt: the original and the copy on one page."""
    return _two_copies(
        receipt.letterhead,
        _sale_copy(receipt, _("ORIGINAL")),
        _sale_copy(receipt, _("COPY")),
        fits=len(receipt.lines) <= HALF_PAGE_LINES,
        title=_("Sale receipt {number}").format(number=receipt.number_text),
        voided=receipt.voided,
    )


def _void_watermark(canv, doc) -> None:
    """Write ANULADO across each half of the page, so a voided paper cannot pass for valid."""
    width, height = doc.pagesize
    canv.saveState()
    canv.setFillColor(colors.Color(0.69, 0, 0.13, alpha=0.13))
    canv.setFont(FONT_BOLD, 64)
    for centre in (height * 0.72, height * 0.27):
        canv.saveState()
        canv.translate(width / 2, centre)
        canv.rotate(25)
        canv.drawCentredString(0, -22, _(VOID_STAMP))
        canv.restoreState()
    canv.restoreState()


def _two_copies(head: Letterhead, original: list, copy: list, *, fits: bool, title: str,
                voided: bool = False) -> bytes:
    mark = _void_watermark if voided else None
    if fits:
        height = 122 * mm
        story = [KeepInFrame(WIDTH, height, original, mode="shrink"), FrameBreak(),
                 KeepInFrame(WIDTH, height, copy, mode="shrink")]
        return build_pdf(story, head=head, title=title, letterhead_on_page=False, halves=True,
                         numbered=False, on_page=mark)
    return build_pdf(original + [PageBreak()] + copy, head=head, title=title,
                     letterhead_on_page=False, label=title, on_page=mark)


# --- payment receipt ---------------------------------------------------------------


def _payment_copy(r: PaymentReceipt, which: str) -> list:
    number = _("No. {n}").format(n=f"{r.number:06d}")
    story = [_head(r.letterhead, _("PAYMENT RECEIPT"), number, which, r.reprinted_on),
             Spacer(1, 3 * mm)]
    story += _corrects_line(r.corrects)
    story.append(markup(_payment_sentence(r), "body"))
    story.append(Spacer(1, 1.5 * mm))
    story.append(markup(bold(amount_in_words(r.net)), "cell"))
    if r.note:
        story.append(para(_("Note: {note}").format(note=r.note), "cell"))
    story.append(Spacer(1, 2 * mm))
    if r.split:  # the productive-prisons rule: what is paid on her account, withheld, received
        rows = [[_("Income split"), ""], [_("Paid on her account (gross)"), money(r.amount)]]
        rows += [[_("Withheld: {part}").format(part=label), less(amount)]
                 for label, amount in r.withheld]
        rows.append([_("Received by her and her family (net)"), money(r.net)])
        story.append(table(rows, [130 * mm, 50 * mm], right=(1,), totals=1))
        story.append(Spacer(1, 1.5 * mm))
    rows = [
        _balance_row(r.owed_before, _("Owed to her before this payment"),
                     _("She owed the cooperative before this payment (advance)")),
        [_("This payment"), less(r.amount)],
        _balance_row(r.owed_after, _("Still owed to her after this payment"),
                     _("She owes the cooperative after this payment (advance)")),
    ]
    story.append(table(rows, [130 * mm, 50 * mm], right=(1,), header=False, totals=1))
    if r.owed_after < 0 and not r.voided:
        story.append(Spacer(1, 1.5 * mm))
        story.append(para(_("She received {advance} in advance: she owes {owed} to the "
                            "cooperative, discounted from her next workdays.").format(
                                advance=money(r.advance), owed=money(-r.owed_after)), "body"))
    story += _tax_notice(r.letterhead)
    if r.voided:
        story += _void_block(r.void_reason, r.corrected_by, r.voided_on)
        return story
    if r.received_by and r.received_by != r.name:
        who = _("Received by {name} on behalf of the member").format(name=r.received_by)
    else:
        who = _("Received by the member")
    story.append(Spacer(1, 3 * mm))
    story.append(signature_row([who, _("Treasurer")], thumb=True))
    return story


def _balance_row(amount, owed_to_her: str, owed_by_her: str) -> list[str]:
    """Return a balance in plain words: owed to her, or (an advance) owed by her."""
    if amount < 0:
        return [owed_by_her, money(-amount)]
    return [owed_to_her, money(amount)]


def _payment_sentence(r: PaymentReceipt) -> str:
    """Return who received how much, and what for: her work, an advance, or both."""
    values = dict(receiver=bold(r.received_by or r.name),
                  cooperative=bold(r.letterhead.cooperative_name), amount=bold(money(r.net)),
                  date=date_str(r.day), name=bold(r.name), code=r.code,
                  work=money(r.amount - r.advance), advance=money(r.advance))
    if not r.advance or r.voided:
        text = _("{receiver} received from {cooperative} the amount of {amount} on {date}, "
                 "as payment for the work of member {name} (code {code}).")
    elif r.advance == r.amount:
        text = _("{receiver} received from {cooperative} the amount of {amount} on {date}, "
                 "as an advance to member {name} (code {code}): more than she had earned.")
    else:
        text = _("{receiver} received from {cooperative} the amount of {amount} on {date} "
                 "for member {name} (code {code}): {work} as payment for her work and "
                 "{advance} in advance.")
    text = text.format(**values)
    if r.split:
        text += " " + _("Of the {gross} paid on her account, the income split withholds the "
                        "parts shown below.").format(gross=money(r.amount))
    return text


def render_payment_receipt(receipt: PaymentReceipt) -> bytes:
    """Return the PDF of a payment receipt: one copy for the book and one for her."""
    return _two_copies(
        receipt.letterhead,
        _payment_copy(receipt, _("ORIGINAL")),
        _payment_copy(receipt, _("COPY")),
        fits=True,
        title=_("Payment receipt {number}").format(number=f"{receipt.number:06d}"),
        voided=receipt.voided,
    )

