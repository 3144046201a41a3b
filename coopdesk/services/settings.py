"""The cooperative's settings kept in the book (name, site, institution, series...).

Also the one store every service reads and writes settings through: known keys only,
defaults from ``services.book``, an audit event with the value before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coopdesk.db.settings_store import store_setting, stored_setting, stored_settings
from coopdesk.domain.assembly import ASSEMBLY_DEFAULTS
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.text import clean_text
from coopdesk.i18n import _
from coopdesk.services.book import DEFAULT_SETTINGS, OPTIONAL_SETTINGS, Book, audit

if TYPE_CHECKING:
    from sqlmodel import Session

#: The case study's break-even and goal (bars a year): offered in Settings, marked as
#: the case study's wherever shown, never put in a new book as if she had typed them.
CASE_STUDY_BREAK_EVEN = 12000
CASE_STUDY_TARGET = 20000

#: Settings for paper that a book holds only once they are changed (a new book and an
#: upgraded one read these values): they are not written at open, so no new row appears.
PAPER_DEFAULTS = {
    # The town written before the date on certificates ("Quillabamba, 7 de diciembre de 2026").
    "place": "",
    # Who signs for the prison's work area on a record of days worked ("" = the usual title).
    "work_area_title": "",
    # Hours of each workshop on the programme certificate, unless workshop_hours_<n> says.
    "workshop_hours": "4",
    # Whether sale and purchase prices include IGV (the accountant's registers): the
    # workshop is not an IGV payer by default.
    "prices_include_igv": "no",
}

#: The bylaws' shares of the year's surplus for the reserve and the education fund, and
#: the articles that set them. Sensible defaults, no legal claim: the paper names the
#: article she typed, or says the percentage is coopdesk's default.
FUND_DEFAULTS = {
    "reserve_percent": "10",
    "reserve_article": "",
    "education_percent": "5",
    "education_article": "",
}


@dataclass(frozen=True)
class CooperativeSettings:
    """The settings as typed values."""

    cooperative_name: str
    site: str
    institution: str
    currency: str
    receipt_series: str
    formalised: bool
    language: str
    break_even_units: int | None
    target_units: int | None
    site_id: str
    #: Its RUC (SUNAT), "" while it has none.
    ruc: str = ""
    #: She confirmed the labor rate (first run, Settings) or added one.
    rate_confirmed: bool = False
    #: Break-even and target are the case study's figures, taken on purpose, not hers.
    goals_from_case_study: bool = False
    #: The town before the date on certificates ("" = the site).
    place: str = ""
    #: Who signs for the prison's work area on a record of days worked ("" = the usual title).
    work_area_title: str = ""
    #: Hours of a workshop on the certificate when it has no hours of its own.
    workshop_hours: int = 4
    #: Prices include IGV (18 %): the registers split each total into base and IGV.
    prices_include_igv: bool = False

    @property
    def display_name(self) -> str:
        """The name for titles and paper, never empty."""
        return self.cooperative_name or _("Cooperative")


def get_settings(book: Book) -> CooperativeSettings:
    """Return the settings of the book."""
    with book.read() as reader:
        merged = read_settings(reader)
    return CooperativeSettings(
        cooperative_name=merged["cooperative_name"],
        site=merged["site"],
        institution=merged["institution"],
        currency=merged["currency"],
        receipt_series=merged["receipt_series"],
        formalised=merged["formalised"] == "si",
        language=merged["language"],
        break_even_units=_units(merged["break_even_units"]),
        target_units=_units(merged["target_units"]),
        site_id=merged.get("site_id", ""),
        ruc=merged.get("ruc", ""),
        rate_confirmed=merged["rate_confirmed"] == "si",
        goals_from_case_study=merged["goals_from_case_study"] == "si",
        place=merged["place"],
        work_area_title=merged["work_area_title"],
        workshop_hours=int(merged["workshop_hours"]),
        prices_include_igv=merged["prices_include_igv"] == "si",
    )


def _units(text: str) -> int | None:
    """A stored number of bars, or None while she has not set it."""
    return int(text) if str(text).strip().isdigit() else None


@changes(Kind.SETTINGS)
def update_settings(book: Book, **changes) -> CooperativeSettings:
    """Change some settings at once; unknown keys and bad values are refused."""
    cleaned: dict[str, str] = {}
    for key, value in changes.items():
        if key in ("cooperative_name", "site", "institution", "place", "work_area_title"):
            cleaned[key] = clean_text(value, what=_("the name"), required=False, limit=200)
        elif key == "workshop_hours" or (key.startswith("workshop_hours_")
                                         and key[15:].isdigit() and len(key) <= 18):
            text = str(value).strip()
            if not (text.isdigit() and 1 <= int(text) <= 999):
                raise InvalidInput(_("Write the workshop's hours as a whole number from 1 to "
                                     "999."), field=key)
            cleaned[key] = str(int(text))
        elif key in ("reserve_percent", "education_percent"):
            from coopdesk.domain.distribution import parse_percent

            cleaned[key] = f"{parse_percent(value, field=key):f}"
        elif key in ("reserve_article", "education_article"):
            cleaned[key] = clean_text(value, what=_("the article"), required=False, limit=60)
        elif key == "receipt_series":
            text = str(value).strip()
            if not (text.isdigit() and 1 <= len(text) <= 4):
                raise InvalidInput(_("The receipt series must be 1 to 4 digits, e.g. 001."),
                                   field=key)
            cleaned[key] = text
        elif key == "ruc":
            # Imported here: the documents' module is not needed to read the settings at start.
            from coopdesk.domain.documents import clean_ruc

            cleaned[key] = clean_ruc(value)
        elif key in ("formalised", "rate_confirmed", "goals_from_case_study",
                     "prices_include_igv"):
            cleaned[key] = "si" if value else "no"
        elif key == "language":
            if value not in ("es", "en"):
                raise InvalidInput(_("The language must be es or en."), field=key)
            cleaned[key] = value
        elif key in ("break_even_units", "target_units"):
            if value is None or str(value).strip() == "":
                cleaned[key] = ""  # not set (yet): Inicio and paper say nothing about it
                continue
            if not str(value).isdigit() or int(value) <= 0:
                raise InvalidInput(_("Write a whole number of bars greater than zero."), field=key)
            cleaned[key] = str(int(value))
        else:
            raise InvalidInput(_("Unknown setting “{key}”.").format(key=key))
    with book.transaction() as session:
        if {"reserve_percent", "education_percent"} & cleaned.keys():
            _check_fund_shares(session, cleaned)
        write_settings(session, cleaned)
    return get_settings(book)


def _check_fund_shares(session, cleaned: dict[str, str]) -> None:
    """Refuse a reserve and an education percentage that together pass 100."""
    from decimal import Decimal

    from coopdesk.domain.distribution import DistributionRule

    shares = {key: cleaned.get(key) or read_setting(session, key)
              for key in ("reserve_percent", "education_percent")}
    DistributionRule(Decimal(shares["reserve_percent"]),
                     Decimal(shares["education_percent"])).check()


# -- the store: every service reads and writes the book's settings through these ----------

#: Settings other services keep (their checks are theirs). The store knows every key, so
#: a misspelt key is refused instead of quietly becoming a new setting.
OTHER_KEYS = frozenset({
    "site_id", "ruc", "income_split", "certificate_last",
    "support_space", "support_equipment", "support_electricity", "support_water",
    "support_included",
    "backup_passphrase", "backup_recipient", "backup_identity", "backup_folder",
})
#: Families of keys, one per workshop or per member: ``workshop_hours_3``,
#: ``certificate_<member uuid>``.
KEY_FAMILIES = ("workshop_hours_", "certificate_")
#: What a setting reads as while the book has no row for it.
DEFAULTS = {**DEFAULT_SETTINGS, **OPTIONAL_SETTINGS, **PAPER_DEFAULTS, **ASSEMBLY_DEFAULTS,
            **FUND_DEFAULTS}


def is_known_setting(key: str) -> bool:
    """Return True when *key* is a setting coopdesk keeps."""
    return (key in DEFAULTS or key in OTHER_KEYS
            or any(key.startswith(family) and len(key) > len(family) for family in KEY_FAMILIES))


def _check_known(key: str) -> None:
    if not is_known_setting(key):
        raise InvalidInput(_("Unknown setting “{key}”.").format(key=key))


def read_settings(reader, prefix: str = "") -> dict[str, str]:
    """Return every setting whose key starts with *prefix*: the stored value, else its default.

    *reader* is a Session or ``Book.read``'s reader (the settings are read at start).
    """
    defaults = {k: v for k, v in DEFAULTS.items() if k.startswith(prefix)}
    return {**defaults, **stored_settings(reader, prefix)}


def read_setting(reader, key: str) -> str:
    """Return one known setting: the stored value, else its default ("" when it has none)."""
    _check_known(key)
    value = stored_setting(reader, key)
    return DEFAULTS.get(key, "") if value is None else value


def write_setting(session: Session, key: str, value: str, **options) -> dict[str, str]:
    """Write one known setting and audit it; see :func:`write_settings` for *options*."""
    return write_settings(session, {key: value}, **options)


def write_settings(
    session: Session,
    changes: dict[str, str],
    *,
    reason: str = "",
    audit_key: str | None = None,
    shown: Callable[[dict[str, str], dict[str, str]], tuple[object, object]] | None = None,
) -> dict[str, str]:
    """Write known settings in the caller's transaction, with an audit event per change.

    Each changed key gets one ``setting`` event with its value before and after; a value
    already stored is neither written nor audited. With *audit_key*, the keys change
    together and one event under that name records them (the backup's key pair);
    *shown* then turns the values before and after into what the event keeps (a secret
    is recorded as "set", never as itself).

    Returns:
        The value before of each key that changed ("" for a key the book did not hold).

    Raises:
        InvalidInput: a key coopdesk does not keep; nothing is written.
    """
    for key in changes:
        _check_known(key)
    before: dict[str, str] = {}
    for key, value in changes.items():
        old = store_setting(session, key, value) or ""  # the same value writes nothing
        if old != value:
            before[key] = old
    if not before:
        return before
    if audit_key is None:
        for key, old in before.items():
            audit(session, "setting", "setting", key, before=old, after=changes[key],
                  reason=reason)
        return before
    after = {key: changes[key] for key in before}
    old, new = shown(before, after) if shown else (before, after)
    audit(session, "setting", "setting", audit_key, before=old, after=new, reason=reason)
    return before
