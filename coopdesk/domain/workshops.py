"""The programme of nine training workshops, in the order the women follow it."""

from __future__ import annotations

from enum import StrEnum

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_, _

#: Seeded into every new book; these are the programme's own (Spanish) titles.
PROGRAMME = (
    "Costos de inicio y planificación financiera",
    "Herramientas creativas de marketing",
    "Modelos de negocio asociativo",
    "Liderazgo de mujeres",
    "Modelo de negocio cooperativo",
    "Planificación estratégica (marketing y fidelización de socias)",
    "Constitución de la cooperativa (consolidación y sostenibilidad del equipo)",
    "Calidad y procesos del chocolate (tostado, cata)",
    "Historias de cooperativas (factores de éxito y fracaso)",
)
WORKSHOP_COUNT = len(PROGRAMME)


class Attendance(StrEnum):
    """How a member is marked at a session."""

    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"

    @property
    def label(self) -> str:
        return _(ATTENDANCE_LABELS[self])


ATTENDANCE_LABELS = {
    Attendance.PRESENT: N_("present"),
    Attendance.ABSENT: N_("absent"),
    Attendance.EXCUSED: N_("excused"),
}


def parse_workshop_number(text: str) -> int:
    """Read a workshop number 1 to 9."""
    raw = (text or "").strip()
    if raw.isdigit() and 1 <= int(raw) <= WORKSHOP_COUNT:
        return int(raw)
    raise InvalidInput(
        _("The workshop “{text}” must be a number from 1 to 9.").format(text=raw[:20]),
        field="workshop",
    )
