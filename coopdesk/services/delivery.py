"""The site's side of the programme's central book: enrolment, deliveries, acknowledgements.

A site's history is its hash chain (:mod:`coopdesk.db.ledger`): a delivery carries every
seal after the last one the programme acknowledged, each with the row it seals when that
seal is the row's latest (an older seal of a row voided later carries no values: its
later seal, in the same delivery, does). What was delivered and acknowledged is kept in
``entregas.json`` beside the book, not in it: writing it must not add seals, and a
restored book that lost it only sends more, which the programme takes as a no-op.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from coopdesk.db.ledger import TOMBSTONE, anchor_problem
from coopdesk.db.queries import delivery as q
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import BookError, InvalidInput
from coopdesk.exchange import keys
from coopdesk.exchange.ack_file import DamagedAck, read_ack
from coopdesk.exchange.delivery_file import DeliveryWriter, Seal, file_name
from coopdesk.exchange.records import seal_content
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.settings import get_settings

STATE_FILE = "entregas.json"
ENROLMENT_FORMAT = "coopdesk-sitio"


@dataclass(frozen=True)
class DeliveryState:
    """What the site delivered and what the programme acknowledged (UTC ISO texts or "")."""

    last_delivery_utc: str = ""
    last_delivery_file: str = ""
    acked_seq: int = 0
    acked_head: str = ""
    last_ack_utc: str = ""
    programme_key: str = ""
    programme_recipient: str = ""


def _utc(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def book_folder(book: Book) -> Path:
    """Return the folder that holds the book, its signing key and its delivery state."""
    return Path(book.path).parent


def delivery_state(book: Book) -> DeliveryState:
    """Return the delivery state kept beside the book (empty before the first delivery)."""
    path = book_folder(book) / STATE_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return DeliveryState()
    except ValueError as exc:
        raise BookError(_("The file {path} is damaged; delete it and deliver again (the"
                          " programme ignores what it already has).").format(path=path)) from exc
    fields = DeliveryState.__dataclass_fields__
    return DeliveryState(**{k: v for k, v in data.items() if k in fields})


def _save_state(book: Book, state: DeliveryState) -> None:
    path = book_folder(book) / STATE_FILE
    temp = path.with_suffix(".partial")
    temp.write_text(json.dumps(state.__dict__, indent=2), "utf-8")
    os.replace(temp, path)


def site_enrolment(book: Book, out: Path) -> Path:
    """Write the site's enrolment file (its id, names and public key) to *out*."""
    settings = get_settings(book)
    key = keys.site_key(book_folder(book))
    out = Path(out)
    if out.is_dir():
        out = out / f"{settings.site_id}.sitio"
    body = {"format": ENROLMENT_FORMAT, "version": 1, "site": settings.site_id,
            "cooperative": settings.cooperative_name, "site_name": settings.site,
            "public_key": keys.public_text(key), "created_utc": _utc()}
    partial = out.with_name(out.name + ".partial")
    partial.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", "utf-8")
    os.replace(partial, out)
    return out


@dataclass(frozen=True)
class Sent:
    """A delivery written: where, and which seals it holds."""

    path: Path
    first: int
    last: int


@changes(Kind.DELIVERIES)
def send(book: Book, to: Path, *, now: dt.datetime | None = None) -> Sent | None:
    """Write one delivery of every seal not yet acknowledged into the folder *to*.

    Returns None when the programme already acknowledged the whole chain.

    Raises:
        BookError: the folder is missing, or a record no longer matches its seal.
    """
    to = Path(to)
    if not to.is_dir():
        raise InvalidInput(_("The folder {folder} does not exist (is the memory stick plugged"
                             " in?). Nothing was written.").format(folder=to))
    settings = get_settings(book)
    state = delivery_state(book)
    key = keys.site_key(book_folder(book))
    with book.read() as conn:
        last = q.seal_count(conn)
        first = state.acked_seq + 1
        if first > last:
            return None
        header = {"site": settings.site_id, "cooperative": settings.cooperative_name,
                  "site_name": settings.site, "first": first, "last": last,
                  "head_before": q.chain_hash_at(conn, first - 1),
                  "head_after": q.chain_hash_at(conn, last), "created_utc": _utc(now)}
        path = to / file_name(settings.site_id, first, last)
        writer = DeliveryWriter(path, header, key, state.programme_recipient or None)
        try:
            _write_seals(conn, writer, first - 1, last)
            written = writer.finish()
        except BaseException:
            writer.abort()
            raise
    _save_state(book, DeliveryState(**{**state.__dict__, "last_delivery_utc": _utc(now),
                                       "last_delivery_file": written.name}))
    return Sent(written, first, last)


def _write_seals(conn, writer: DeliveryWriter, after: int, upto: int) -> None:
    """Write the seals after *after*; a row rides with the seal that matches it now."""
    waiting: dict[tuple[str, int], int] = {}  # rows whose values have not been written yet
    for chunk in q.seals_between(conn, after, upto):
        ids: dict[str, list[int]] = {}
        for _seq, table, record_id, *_rest in chunk:
            ids.setdefault(table, []).append(record_id)
        rows = {table: q.rows_by_id(conn, table, sorted(set(v))) for table, v in ids.items()}
        cols = {table: q.sealed_columns(conn, table) for table in ids}
        for seq, table, record_id, record_uuid, content, chain in chunk:
            row = rows[table].get(record_id)
            values = None
            if content == TOMBSTONE:
                waiting.pop((table, record_id), None)
            elif row is not None and seal_content(table, row, cols[table],
                                                  record_uuid) == content:
                values = dict(zip(cols[table], row))
                waiting.pop((table, record_id), None)
            else:
                waiting[(table, record_id)] = seq
            writer.add(Seal(seq, table, record_id, record_uuid, content, chain, values))
    if waiting:
        (table, record_id), seq = next(iter(waiting.items()))
        raise BookError(_("The record sealed at seal {seq} ({table} {id}) no longer matches"
                          " its seal: it was changed outside coopdesk. Nothing was delivered;"
                          " run coopdesk check.").format(seq=seq, table=table, id=record_id))


@dataclass(frozen=True)
class Acknowledged:
    """An acknowledgement taken: up to which seal, and whether it was news."""

    last: int
    new: bool


@changes(Kind.DELIVERIES)
def take_ack(book: Book, path: Path, *, now: dt.datetime | None = None) -> Acknowledged:
    """Read the programme's acknowledgement *path*; later deliveries start after it.

    Raises:
        InvalidInput: damaged, for another site, signed by another programme key, or
            naming a chain this book does not pass through; nothing is changed.
    """
    path = Path(path)
    try:
        body = read_ack(path)
    except (DamagedAck, OSError) as exc:
        raise InvalidInput(_("{file} is not a whole acknowledgement signed by the programme"
                             " (damaged or not an .acuse file). Nothing was changed.")
                           .format(file=path.name)) from exc
    settings = get_settings(book)
    state = delivery_state(book)
    if body["site"] != settings.site_id:
        raise InvalidInput(_("{file} acknowledges another site ({site}), not this book."
                             " Nothing was changed.").format(file=path.name, site=body["site"]))
    if state.programme_key and body["programme_key"] != state.programme_key:
        raise InvalidInput(_("{file} is signed by a programme key other than the one of the"
                             " earlier acknowledgements. Nothing was changed.")
                           .format(file=path.name))
    last = int(body["last"])
    with book.read() as conn:
        problem = anchor_problem(conn, body["head"], last) if last > 0 else None
    if problem:
        raise InvalidInput(_("{file} does not match this book's history ({problem}). Nothing"
                             " was changed.").format(file=path.name, problem=problem))
    new = last > state.acked_seq
    _save_state(book, DeliveryState(**{
        **state.__dict__, "programme_key": body["programme_key"],
        "programme_recipient": body["programme_recipient"],
        **({"acked_seq": last, "acked_head": body["head"], "last_ack_utc": body["created_utc"]}
           if new else {})}))
    return Acknowledged(max(last, state.acked_seq), new)


def acks_in(book: Book, folder: Path) -> list[Acknowledged]:
    """Take every acknowledgement for this site found in *folder* (the stick), oldest first."""
    site = get_settings(book).site_id
    found = sorted(Path(folder).glob("*.acuse"), key=lambda p: p.stat().st_mtime)
    return [take_ack(book, p) for p in found if p.name.startswith(site[:40])]
