"""Certificates: the training programme (or the record so far) and the days worked."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from coopdesk.domain.documents import ProgrammeRecord, WorkdaysRecord
from coopdesk.i18n import _
from coopdesk.reports.base import (
    bold,
    date_str,
    days_str,
    fraction_str,
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
    place = head.site or head.cooperative_name
    return [Spacer(1, 6 * mm), para(_("{place}, {date}.").format(place=place,
                                                                 date=date_str(day)), "right")]


def render_programme_record(record: ProgrammeRecord) -> bytes:
    """Return the programme certificate (all nine workshops) or the record of attendance so far."""
    head = record.letterhead
    attended = {w.number: w for w in record.attended}
    if record.complete:
        title = _("CERTIFICATE")
        intro = _("The cooperative {coop} certifies that {who} attended all {size} workshops of "
                  "its training programme:").format(
            coop=bold(head.cooperative_name), who=_who(record.name, record.code, record.dni),
            size=len(record.programme))
    else:
        title = _("RECORD OF WORKSHOPS ATTENDED")
        intro = _("The cooperative {coop} records that {who} has attended {done} of the {size} "
                  "workshops of its training programme:").format(
            coop=bold(head.cooperative_name), who=_who(record.name, record.code, record.dni),
            done=record.done, size=len(record.programme))
    rows = [["#", _("Workshop"), _("Attended on")]]
    for number, workshop_title in record.programme:
        seen = attended.get(number)
        rows.append([str(number), para(workshop_title, "cell"),
                     date_str(seen.day) if seen else _("pending")])
    story = [
        Spacer(1, 10 * mm),
        para(title, "title_center"),
        Spacer(1, 4 * mm),
        markup(intro, "big"),
        Spacer(1, 4 * mm),
        table(rows, [10 * mm, 135 * mm, 35 * mm], right=(2,)),
        Spacer(1, 3 * mm),
        markup(_("Workshops completed: {done} of {size}.").format(
            done=bold(str(record.done)), size=len(record.programme)), "big"),
    ]
    story += _place_and_date(head, record.issued_on)
    story.append(KeepTogether([signature_row([_("President of the cooperative"),
                                              _("Programme coordinator")], space=28 * mm)]))
    return build_pdf(story, head=head, title=f"{title} — {record.name}", label=record.name)


def render_workdays_record(record: WorkdaysRecord) -> bytes:
    """Return the "constancia de días trabajados": her workdays over a period and the total."""
    head = record.letterhead
    intro = _("The cooperative {coop} certifies that {who} worked in its workshop the days "
              "listed below, from {start} to {end}:").format(
        coop=bold(head.cooperative_name), who=_who(record.name, record.code, record.dni),
        start=date_str(record.start), end=date_str(record.end))
    full = sum(1 for w in record.workdays if w.fraction >= 1)
    half = len(record.workdays) - full
    story = [
        para(WORKDAYS_TITLE, "title_center"),
        markup(intro, "big"),
        Spacer(1, 3 * mm),
    ]
    if record.workdays:
        rows = [["#", _("Date"), _("Production line"), _("Day")]]
        rows += [[str(i), date_str(w.day), w.line, fraction_str(w.fraction)]
                 for i, w in enumerate(record.workdays, start=1)]
        rows.append(["", _("Total"), "", _("{days} days").format(days=days_str(record.total_days))])
        story.append(table(rows, [14 * mm, 40 * mm, 66 * mm, 60 * mm], right=(0, 3), totals=1))
    else:
        story.append(para(_("No workday is recorded in this period.")))
    story += [
        Spacer(1, 3 * mm),
        markup(_("Total: {total} days worked ({full} full days and {half} half days).").format(
            total=bold(days_str(record.total_days)), full=full, half=half), "big"),
    ]
    story += _place_and_date(head, record.issued_on)
    story.append(KeepTogether([signature_row([_("President of the cooperative"),
                                              _("Workshop coordinator")], space=28 * mm)]))
    title = f"{WORKDAYS_TITLE} — {record.name}"
    return build_pdf(story, head=head, title=title,
                     label=f"{record.name} ({record.code}) · {date_str(record.start)} – "
                           f"{date_str(record.end)}")


