"""The cooperative's settings kept in the book (name, site, institution, series...)."""

from __future__ import annotations

from dataclasses import dataclass

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.text import clean_text
from coopdesk.i18n import _
from coopdesk.services.book import DEFAULT_SETTINGS, OPTIONAL_SETTINGS, Book, audit

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
    with book.read_sql() as reader:
        values = dict(reader.connection().exec_driver_sql("SELECT key, value FROM setting").all())
    merged = {**DEFAULT_SETTINGS, **OPTIONAL_SETTINGS, **PAPER_DEFAULTS, **values}
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
    from coopdesk.db.tables import Setting

    with book.transaction() as session:
        for key, value in cleaned.items():
            row = session.get(Setting, key) or Setting(key=key)
            before = row.value
            row.value = value
            session.add(row)
            audit(session, "setting", "setting", key, before=before, after=value)
    return get_settings(book)
