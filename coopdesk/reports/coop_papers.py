"""The legal cooperative's papers: padrón, certificate and receipt of contributions.

The contribution receipt has an original and a copy, each with her thumbprint box.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from coopdesk.domain.coop_papers import ContributionCertificate, ContributionReceipt, Padron
from coopdesk.domain.shares import kind_label
from coopdesk.formats import amount_in_words, date_str, date_words, money
from coopdesk.i18n import _
from coopdesk.reports.base import (
    bold,
    cell,
    markup,
    para,
    register_fonts,
    signature_row,
    table,
    table_then,
)
from coopdesk.reports.page import build_pdf
from coopdesk.reports.receipts import _head, _two_copies, _void_block

#: The padrón's text size: 25 members and the signatures fit on one landscape page.
PADRON_FONT = 8.5


def _agreement_cell(day, agreement: str, width: float):
    text = date_str(day) if day else ""
    if agreement:
        text += f" · {agreement}"
    return cell(text, width)


def render_padron(padron: Padron) -> bytes:
    """Return the register of members, landscape, every page numbered "Page N of M".

    Rows are a little tighter than a statement's and the closing (note, place and date,
    the two signatures) is short, so a cooperative of 25 members fits on one page
    with its signatures; a longer register runs over pages with its header repeated,
    and its last two rows go with the totals and the signatures.
    """
    register_fonts()  # the table measures its text before build_pdf registers them
    head = padron.letterhead
    rows = [["N.º", _("Code"), _("Name"), _("DNI"), _("Admission (agreement)"), _("Status"),
             _("Exit (agreement)"), _("Shares paid")]]
    for r in padron.rows:
        rows.append([
            str(r.number), r.code, cell(r.name, 54 * mm, font_size=PADRON_FONT), r.dni or "—",
            _agreement_cell(r.joined_on, r.admission_agreement, 48 * mm), r.status,
            _agreement_cell(r.exit_on, r.exit_agreement, 44 * mm), money(r.capital_paid),
        ])
    rows.append(["", "", _("Total"), "", "", "", "", money(padron.capital_paid)])
    place = _("{place}, {date}.").format(place=head.place or head.site or head.cooperative_name,
                                         date=date_words(padron.issued_on))
    closing = [
        Spacer(1, 2 * mm),
        _side_by_side(
            para(_("Shares paid: paid in cash and deducted from pay, less what was returned."),
                 "small"),
            para(place, "right")),
        signature_row([_("President of the cooperative"), _("Secretary of the cooperative")],
                      space=15 * mm),
    ]
    tight = [("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    story = [
        para(_("REGISTER OF MEMBERS"), "title_center"),
        para(_("As of {date}: {n} members").format(date=date_str(padron.issued_on),
                                                   n=len(padron.rows)), "center"),
        Spacer(1, 2 * mm),
        # The last rows stay on the page of the signatures: never a page of lines alone.
        *table_then(rows, [11 * mm, 18 * mm, 54 * mm, 22 * mm, 48 * mm, 22 * mm, 44 * mm,
                           38 * mm], closing, keep=2, right=(0, 7), font_size=PADRON_FONT,
                    extra=tight),
    ]
    title = _("REGISTER OF MEMBERS")
    return build_pdf(story, head=head, title=title, label=f"{title} · {head.cooperative_name}",
                     wide=True)


def _side_by_side(left, right) -> Table:
    """Return two paragraphs on one line across the landscape page (note, place and date)."""
    t = Table([[left, right]], colWidths=[150 * mm, 107 * mm], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def _certifies(cert: ContributionCertificate, who: str) -> str:
    """The certificate's sentence; a member paid back says so, never "has paid S/ 0.00"."""
    coop, subscribed = bold(cert.letterhead.cooperative_name), bold(money(cert.subscribed))
    if cert.returned:
        return _("The cooperative {coop} certifies that {who} subscribed {subscribed} of share"
                 " capital, paid {paid} of it and was paid back {returned}, as recorded"
                 " below:").format(coop=coop, who=who, subscribed=subscribed,
                                   paid=bold(money(cert.paid)),
                                   returned=bold(money(cert.returned)))
    return _("The cooperative {coop} certifies that {who} subscribed {subscribed} of share"
             " capital and has paid {paid} of it, as recorded below:").format(
        coop=coop, who=who, subscribed=subscribed, paid=bold(money(cert.paid_net)))


def render_contribution_certificate(cert: ContributionCertificate) -> bytes:
    """Return the certificate of one member's contributions to the share capital."""
    head = cert.letterhead
    who = (_("{name}, DNI {dni}, member code {code},").format(name=bold(cert.name),
                                                             dni=cert.dni, code=cert.code)
           if cert.dni else
           _("{name}, member code {code},").format(name=bold(cert.name), code=cert.code))
    story = [
        Spacer(1, 4 * mm),
        para(_("CERTIFICATE OF CONTRIBUTIONS"), "title_center"),
        Spacer(1, 4 * mm),
        markup(_certifies(cert, who), "big"),
        Spacer(1, 3 * mm),
    ]
    if cert.entries:
        rows = [[_("Date"), _("Movement"), _("Agreement / note"), _("Amount")]]
        rows += [[date_str(e.day), kind_label(e.kind),
                  cell(" · ".join(x for x in (e.agreement, e.note) if x), 78 * mm),
                  money(e.amount)] for e in cert.entries]
        story.append(table(rows, [26 * mm, 44 * mm, 78 * mm, 32 * mm], right=(3,)))
    else:
        story.append(para(_("She has no contribution recorded."), "body"))
    rows = [[_("Subscribed"), money(cert.subscribed)],
            [_("Paid (in cash and deducted from her pay)"), money(cert.paid)],
            [_("Returned"), money(cert.returned)],
            [_("Her contributions now"), money(cert.paid_net)]]
    story += [Spacer(1, 3 * mm),
              table(rows, [140 * mm, 40 * mm], right=(1,), header=False, totals=1)]
    story.append(KeepTogether([
        Spacer(1, 6 * mm),
        para(_("{place}, {date}.").format(place=head.place or head.site or head.cooperative_name,
                                          date=date_words(cert.issued_on)), "right"),
        signature_row(list(cert.signers), space=26 * mm),
    ]))
    title = _("CERTIFICATE OF CONTRIBUTIONS")
    return build_pdf(story, head=head, title=f"{title} — {cert.name}",
                     label=f"{cert.name} ({cert.code})")


def _receipt_copy(r: ContributionReceipt, which: str) -> list:
    e = r.entry
    number = _("No. {n}").format(n=f"{r.number:06d}")
    story = [_head(r.letterhead, _("CONTRIBUTION RECEIPT"), number, which), Spacer(1, 3 * mm)]
    values = dict(name=bold(r.name), code=r.code, amount=bold(money(e.amount)),
                  date=date_str(e.day), coop=bold(r.letterhead.cooperative_name))
    sentence = {
        "subscription": _("On {date} member {name} (code {code}) subscribed {amount} of share"
                          " capital of {coop}."),
        "payment": _("On {date} {coop} received from member {name} (code {code}) {amount} in"
                     " cash for her share capital."),
        "deduction": _("On {date} {coop} deducted {amount} from the pay owed to member {name}"
                       " (code {code}) for her share capital, with her consent."),
        "return": _("On {date} {coop} returned {amount} of her share capital to member {name}"
                    " (code {code})."),
    }[e.kind]
    story.append(markup(sentence.format(**values), "body"))
    story.append(Spacer(1, 1.5 * mm))
    story.append(markup(bold(amount_in_words(e.amount)), "cell"))
    for label, text in ((_("Agreement: {text}"), e.agreement), (_("Note: {text}"), e.note)):
        if text:
            story.append(para(label.format(text=text), "cell"))
    story.append(Spacer(1, 2 * mm))
    story.append(table([[_("Her contributions: paid {paid} of {subscribed}").format(
        paid=money(r.paid_net), subscribed=money(r.subscribed)), ""]],
        [130 * mm, 50 * mm], header=False))
    if r.voided:
        return story + _void_block(r.void_reason)
    story.append(Spacer(1, 3 * mm))
    story.append(signature_row([_("The member"), _("Treasurer")], thumb=True))
    return story


def render_contribution_receipt(receipt: ContributionReceipt) -> bytes:
    """Return a contribution receipt: one copy for the book and one for her."""
    return _two_copies(
        receipt.letterhead, _receipt_copy(receipt, _("ORIGINAL")),
        _receipt_copy(receipt, _("COPY")), fits=True,
        title=_("Contribution receipt {number}").format(number=f"{receipt.number:06d}"),
        voided=receipt.voided)
