"""Small lookups every service needs: members by code, names found or created, rates."""

from __future__ import annotations

from sqlmodel import Session

from coopdesk.db.queries.members import MemberRow, member_coded
from coopdesk.db.queries.named import name_ids as _name_ids
from coopdesk.db.queries.named import named_row
from coopdesk.db.queries.roster import roster
from coopdesk.db.reader import Reader
from coopdesk.db.tables import Buyer, InputItem, Product, Supplier
from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.members import MemberFacts
from coopdesk.domain.text import clean_text, name_key
from coopdesk.i18n import _

NAMED = {"buyer": Buyer, "supplier": Supplier, "product": Product, "input": InputItem}


def member_by_code(reader: Reader, code: str) -> MemberRow:
    """Return the member with *code* (any case, spaces around), or say no member has it.

    The one way a service finds a member by her code, in a read or inside an
    operation's transaction; the row is a value, to change her go through her id.
    """
    member = member_coded(reader, (code or "").strip().upper())
    if member is None:
        raise NotFound(
            _("There is no member with the code “{code}”.").format(code=(code or "").strip()),
            field="code",
        )
    return member


def facts(member: MemberRow) -> MemberFacts:
    """Return what the dating rules need to know about *member*."""
    return MemberFacts(member.code, member.full_name, member.joined_on, member.exit_on)


def all_member_facts(session: Session) -> dict[str, tuple[int, MemberFacts]]:
    """Return code → (id, facts) for every member (for bulk checks)."""
    return {m.code: (m.id, MemberFacts(m.code, m.full_name, m.joined_on, m.exit_on))
            for m in roster(session)}


def find_named(session: Session, kind: str, name: str):
    """Return the buyer/supplier/product/input named *name* (any case), or None."""
    return named_row(session, NAMED[kind], name_key(name))


def find_or_create_named(session: Session, kind: str, name: str, *, what: str):
    """Return the record named *name*, creating it when new; the second value says if new."""
    cleaned = clean_text(name, what=what, required=True)
    found = find_named(session, kind, cleaned)
    if found is not None:
        return found, False
    record = NAMED[kind](name=cleaned, name_key=name_key(cleaned))
    session.add(record)
    session.flush()
    return record, True


def name_ids(session: Session, kind: str) -> dict[str, int]:
    """Return name_key → id for every record of one kind (for bulk imports)."""
    return _name_ids(session.connection(), NAMED[kind].__tablename__)


def require_text(value: str, what: str) -> str:
    """Refuse an empty required text."""
    if not (value or "").strip():
        raise InvalidInput(_("Write {what}; it is empty.").format(what=what))
    return value

