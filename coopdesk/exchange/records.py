"""A delivered row's fingerprint, the same on the site and at the programme.

A seal written before revision 0009 names its record by id and fingerprints the sealed
columns; one written since names it by uuid and adds the row's uuid and site id
(:data:`coopdesk.db.ledger.SITE`). Both sides recompute a seal's content from the row's
values with :func:`seal_content`, so a delivery is checked by the site's own rules.
"""

from __future__ import annotations

from coopdesk.db.ledger import LATER, SEALED, SITE, fingerprint


def seal_content(table: str, row: tuple, columns: tuple[str, ...], record_uuid: str | None) -> str:
    """Return the content hash of *row* (values of *columns*) in the form of its seal."""
    values = dict(zip(columns, row))
    return row_content(table, values, record_uuid)


def row_content(table: str, values: dict, record_uuid: str | None) -> str:
    """Return the content hash of a row given as {column: value}, in the seal's form.

    Raises:
        KeyError: a column the seal's form needs is missing.
    """
    cols = SEALED[table] + tuple(c for c in LATER.get(table, ()) if c in values)
    row = tuple(values[c] for c in cols)
    if record_uuid is None:
        return fingerprint(table, row)
    return fingerprint(table, row + tuple(values[c] for c in SITE), True)
