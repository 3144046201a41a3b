"""Members of the cooperative: who they are and when they may have records."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.text import clean_text
from coopdesk.i18n import N_, _


class MemberStatus(StrEnum):
    """A member is active, released (liberada) or has withdrawn (retirada)."""

    ACTIVE = "activa"
    RELEASED = "liberada"
    WITHDRAWN = "retirada"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    MemberStatus.ACTIVE: N_("active"),
    MemberStatus.RELEASED: N_("released"),
    MemberStatus.WITHDRAWN: N_("withdrawn"),
}

#: Roles the assembly usually elects; any other text is accepted too.
ROLES = (N_("president"), N_("treasurer"), N_("secretary"), N_("member"))

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")


def clean_code(code: str) -> str:
    """Return a member code (letters, digits, - and _, up to 20), upper-cased."""
    value = (code or "").strip()
    if not value:
        raise InvalidInput(_("Write the member's code; it is empty."), field="code")
    if not _CODE.match(value):
        raise InvalidInput(
            _("The code “{code}” may only have letters, digits, - and _ (at most 20).").format(
                code=value[:30]
            ),
            field="code",
        )
    return value.upper()


def clean_dni(dni: str | None) -> str:
    """Return a Peruvian DNI (8 digits) or empty; other documents are refused politely."""
    value = (dni or "").strip()
    if value and not re.fullmatch(r"\d{8}", value):
        raise InvalidInput(
            _("The DNI “{dni}” must have exactly 8 digits (or leave it empty).").format(
                dni=value[:20]
            ),
            field="dni",
        )
    return value


def parse_status(text: str) -> MemberStatus:
    """Read activa / liberada / retirada."""
    raw = (text or "").strip().lower()
    try:
        return MemberStatus(raw)
    except ValueError:
        raise InvalidInput(
            _("The status “{text}” is not known; use activa, liberada or retirada.").format(
                text=raw[:30]
            ),
            field="status",
        ) from None


@dataclass(frozen=True)
class MemberFacts:
    """What the rules need to know about a member to accept a dated record."""

    code: str
    full_name: str
    joined_on: dt.date
    exit_on: dt.date | None


def check_member_dates(status: MemberStatus, joined_on: dt.date, exit_on: dt.date | None) -> None:
    """An active member has no exit date; an exit is never before joining."""
    if status == MemberStatus.ACTIVE and exit_on is not None:
        raise InvalidInput(
            _("An active member has no exit date; leave it empty or change the status."),
            field="exit_on",
        )
    if exit_on is not None and exit_on < joined_on:
        raise InvalidInput(
            _("The exit date is before the date she joined; check both dates."),
            field="exit_on",
        )


def check_within_membership(member: MemberFacts, day: dt.date, *, what: str) -> None:
    """Refuse a workday or attendance outside the time she was a member."""
    if day < member.joined_on:
        raise InvalidInput(
            _("{name} ({code}) joined on {joined}; {what} on {day} is before that.").format(
                name=member.full_name,
                code=member.code,
                joined=member.joined_on.strftime("%d/%m/%Y"),
                what=what,
                day=day.strftime("%d/%m/%Y"),
            ),
            field="day",
        )
    if member.exit_on is not None and day > member.exit_on:
        raise InvalidInput(
            _("{name} ({code}) left on {left}; {what} on {day} is after that.").format(
                name=member.full_name,
                code=member.code,
                left=member.exit_on.strftime("%d/%m/%Y"),
                what=what,
                day=day.strftime("%d/%m/%Y"),
            ),
            field="day",
        )


def clean_full_name(name: str) -> str:
    """Return a member's full name, cleaned."""
    return clean_text(name, what=_("the name"), required=True)
