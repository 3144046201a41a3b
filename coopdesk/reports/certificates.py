"""Certificates: the training programme (or the record so far) and the days worked.

Both are filed with INPE: they carry the place and the date written out, a line for the
cooperative (never signed by the member herself), the coordinator and the prison's work area.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from coopdesk.domain.documents import ProgrammeRecord, WorkdaysRecord
from coopdesk.formats import (
    date_str,
    date_words,
    days_str,
    fraction_str,
    month_title,
)
from coopdesk.i18n import _
from coopdesk.reports.base import (
    bold,
    markup,
    para,
    signature_row,
    table,
)
from coopdesk.reports.page import build_pdf

#: The title sentence-reduction files expect, in the words the institution uses.
WORKDAYS_TITLE = "CONSTANCIA DE DÍAS TRABAJADOS"


def _who(name: str, code: str, dni: str) -> str:
    if dni:
        return _("{name}, DNI {dni}, member code {code},").format(name=bold(name), dni=dni,
                                                                  code=code)
    return _("{name}, member code {code},").format(name=bold(name), code=code)


def _place_and_date(head, day) -> list:
    """Return the line "Quillabamba, 7 de diciembre de 2026." (the town, else the site)."""
    place = head.place or head.site or head.cooperative_name
    return [Spacer(1, 6 * mm), para(_("{place}, {date}.").format(
        place=place, date=date_words(day)), "right")]


def _signatures(signers: tuple[str, ...]) -> list:
    """Return the signature lines kept together with the place and date above them."""
    return [signature_row(list(signers), space=26 * mm)]


def render_programme_record(record: ProgrammeRecord) -> bytes:
    """Return the programme certificate (all nine workshops) or the record of attendance so far."""
    head = record.letterhead
    attended = {w.number: w for w in record.attended}
    hours = dict(record.hours)
    done_hours = sum(hours.get(n, 0) for n in attended)
    if record.complete:
        title = _("CERTIFICATE")
        intro = _("The cooperative {coop} certifies that {who} attended all {size} workshops of "
                  "its training programme, {hours} hours in all:").format(
            coop=bold(head.cooperative_name), who=_who(record.name, record.code, record.dni),
            size=len(record.programme), hours=done_hours)
    else:
        title = _("RECORD OF WORKSHOPS ATTENDED")
        intro = _("The cooperative {coop} records that {who} has attended {done} of the {size} "
                  "workshops of its training programme ({hours} hours):").format(
            coop=bold(head.cooperative_name), who=_who(record.name, record.code, record.dni),
            done=record.done, size=len(record.programme), hours=done_hours)
    rows = [["#", _("Workshop"), _("Hours"), _("Attended on")]]
    for number, workshop_title in record.programme:
        seen = attended.get(number)
        rows.append([str(number), para(workshop_title, "cell"), str(hours.get(number, "")),
                     date_str(seen.day) if seen else _("pending")])
    rows.append(["", _("Total attended"), str(done_hours), ""])
    story = [Spacer(1, 6 * mm), para(title, "title_center")]
    if record.number:
        story.append(para(_("Certificate No. {n}").format(n=f"{record.number:04d}"), "center"))
    story += [
        Spacer(1, 4 * mm),
        markup(intro, "big"),
        Spacer(1, 4 * mm),
        table(rows, [10 * mm, 120 * mm, 15 * mm, 35 * mm], right=(2, 3), totals=1),
        Spacer(1, 3 * mm),
        markup(_("Workshops completed: {done} of {size}.").format(
            done=bold(str(record.done)), size=len(record.programme)), "big"),
    ]
    story.append(KeepTogether(_place_and_date(head, record.issued_on)
                              + _signatures(record.signers)))
    label = record.name + (f" · {_('Certificate No. {n}').format(n=f'{record.number:04d}')}"
                           if record.number else "")
    return build_pdf(story, head=head, title=f"{title} — {record.name}", label=label)


def _by_month(record: WorkdaysRecord) -> list[list]:
    """Return the rows month | full days | half days | days, in date order."""
    full: dict[tuple[int, int], int] = defaultdict(int)
    half: dict[tuple[int, int], int] = defaultdict(int)
    days: dict[tuple[int, int], Decimal] = defaultdict(lambda: Decimal("0.000"))
    for w in record.workdays:
        key = (w.day.year, w.day.month)
        if w.fraction >= 1:
            full[key] += 1
        else:
            half[key] += 1
        days[key] += w.fraction
    return [[month_title(*key), str(full[key]), str(half[key]), days_str(days[key])]
            for key in sorted(days)]


def render_workdays_record(record: WorkdaysRecord) -> bytes:
    """Return the "constancia de días trabajados": a month-by-month summary, then each day."""
    head = record.letterhead
    who = _who(record.name, record.code, record.dni)
    period = {"start": date_str(record.start), "end": date_str(record.end)}
    full = sum(1 for w in record.workdays if w.fraction >= 1)
    half = len(record.workdays) - full
    story = [para(WORKDAYS_TITLE, "title_center")]
    if not record.workdays:
        # Nothing to certify as worked: say so plainly (before she joined, or idle months).
        story.append(markup(_("The cooperative {coop} certifies that {who} records no workdays "
                              "in the period from {start} to {end}.").format(
            coop=bold(head.cooperative_name), who=who, **period), "big"))
    else:
        story.append(markup(_("The cooperative {coop} certifies that {who} worked in its "
                              "workshop from {start} to {end} the days summarised by month "
                              "and listed below:").format(
            coop=bold(head.cooperative_name), who=who, **period), "big"))
        story.append(Spacer(1, 3 * mm))
        rows = [[_("Month"), _("Full days"), _("Half days"), _("Days worked")]]
        rows += _by_month(record)
        rows.append([_("Total"), str(full), str(half), days_str(record.total_days)])
        story.append(table(rows, [70 * mm, 35 * mm, 35 * mm, 40 * mm], right=(1, 2, 3),
                           totals=1))
    story += [
        Spacer(1, 3 * mm),
        markup(_("Total: {total} days worked ({full} full days and {half} half days).").format(
            total=bold(days_str(record.total_days)), full=full, half=half), "big"),
        para(_("How many days of sentence reduction these days are worth depends on each "
               "person's regime and is computed by INPE, not by the cooperative."), "small"),
    ]
    story.append(KeepTogether(_place_and_date(head, record.issued_on)
                              + _signatures(record.signers)))
    if record.workdays:
        rows = [["#", _("Date"), _("Production line"), _("Day")]]
        rows += [[str(i), date_str(w.day), w.line, fraction_str(w.fraction)]
                 for i, w in enumerate(record.workdays, start=1)]
        rows.append(["", _("Total"), "", _("{days} days").format(days=days_str(record.total_days))])
        story += [para(_("Detail of the days worked"), "heading"),
                  table(rows, [14 * mm, 40 * mm, 66 * mm, 60 * mm], right=(0, 3), totals=1)]
    title = f"{WORKDAYS_TITLE} — {record.name}"
    return build_pdf(story, head=head, title=title,
                     label=f"{record.name} ({record.code}) · {date_str(record.start)} – "
                           f"{date_str(record.end)}")
