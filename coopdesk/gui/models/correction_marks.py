"""A list's last column says what a correction corrects ("Corrects receipt 001-000001 · ...")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _
from coopdesk.services.corrections import correction_marks


def mark_corrections(
    model: PagedTableModel, entity: str, page: Callable[..., list[Any]]
) -> Callable[..., list[Any]]:
    """Make *model* mark the corrections among its rows; return the page function to load with.

    Each page loaded looks up, in one query, which of its records correct another; the
    model's last column (reference or note) then starts with what they correct.
    """
    marks: dict[str, str] = {}
    plain_cell = model.cell
    last = len(model.headers) - 1

    def cell(row: Any, column: int) -> str:
        text = plain_cell(row, column)
        what = marks.get(row.uuid) if column == last else None
        if not what:
            return text
        mark = _("Corrects {what}").format(what=what)
        return f"{mark} · {text}" if text else mark

    def fetch(book, filt, after, limit) -> list[Any]:
        rows = page(book, filt, after, limit)
        marks.update(correction_marks(book, entity=entity, uuids=[r.uuid for r in rows]))
        return rows

    model.cell = cell  # the marks are this model's own; its class stays as it is
    return fetch
