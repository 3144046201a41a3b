"""Names, codes and dates as people type them, cleaned or refused with a sentence."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.month import Month
from coopdesk.i18n import _

MAX_NAME = 120
MAX_NOTE = 500
_SPACES = re.compile(r"\s+")
#: Unicode's control characters (category Cc) except tab, line feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Characters that do not show but change what a name is or how the text around them is
#: shown: Unicode's format characters (category Cf: zero-width spaces and joiners, the
#: bidirectional controls — U+202E turns "S/ 120" into "021 /S" on the screen — a
#: byte-order mark in the middle of a text…) and the line and paragraph separators.
#: tests/faults/test_import_files.py checks this list against the Unicode database. The
#: one list: typed text (``clean_text``), imported cells (``csv_files``) and paper.
HIDDEN_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_HIDDEN = re.compile(f"[{HIDDEN_CHARACTERS}]")
#: What paper and screens show in place of one of them, in a book from before the rule.
HIDDEN_MARK = "\ufffd"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PERU = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def clean_text(text: str | None, *, what: str, required: bool, limit: int = MAX_NAME) -> str:
    """Return *text* in NFC with single spaces, or refuse control characters and long text.

    NFC matters: "María" typed on one keyboard and pasted from another must be the
    same name, so it is stored composed and compared by :func:`name_key`.
    """
    if not text:
        if required:
            raise InvalidInput(_("Write {what}; it is empty.").format(what=what))
        return ""
    value = text if text.isascii() else unicodedata.normalize("NFC", text)
    if _CONTROL.search(value):
        raise InvalidInput(
            _("{what} contains an invisible control character; type it again.").format(
                what=what.capitalize()
            )
        )
    hidden = _HIDDEN.search(value)
    if hidden:
        raise InvalidInput(
            _("{what} contains an invisible character that changes how the text is shown "
              "(U+{code:04X}); type it again without it.").format(
                what=what.capitalize(), code=ord(hidden.group())
            )
        )
    value = _SPACES.sub(" ", value).strip()
    if required and not value:
        raise InvalidInput(_("Write {what}; it is empty.").format(what=what))
    if len(value) > limit:
        raise InvalidInput(
            _("{what} is too long ({length} characters); use at most {limit}.").format(
                what=what.capitalize(), length=len(value), limit=limit
            )
        )
    return value


def shown(text: str) -> str:
    """Return *text* with every hidden direction or invisible character made visible.

    For what a book written before the rule may hold: paper shows each as ``HIDDEN_MARK``
    instead of letting it reorder the line it is on.
    """
    return _HIDDEN.sub(HIDDEN_MARK, text) if text and not text.isascii() else text


def name_key(name: str) -> str:
    """Return the form two names are compared in (case and Unicode form do not matter)."""
    return unicodedata.normalize("NFC", _SPACES.sub(" ", name).strip()).casefold()


def parse_date(text: str, *, what: str) -> dt.date:
    """Read ``YYYY-MM-DD`` or ``DD/MM/YYYY``; refuse impossible dates like 31/02/2022."""
    return _parse_date((text or "").strip(), what)


@functools.lru_cache(maxsize=8192)
def _parse_date(raw: str, what: str) -> dt.date:
    """Parse one date text (cached: an import repeats the same few thousand dates)."""
    if not raw:
        raise InvalidInput(_("Write {what}; it is empty.").format(what=what))
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _PERU.match(raw)
        if not match:
            raise InvalidInput(
                _("{what} “{text}” is not a date; write it as dd/mm/yyyy or yyyy-mm-dd.").format(
                    what=what.capitalize(), text=raw[:30]
                )
            )
        day, month, year = (int(g) for g in match.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError as exc:
        raise InvalidInput(
            _("{what} “{text}” does not exist in the calendar.").format(
                what=what.capitalize(), text=raw[:30]
            )
        ) from exc
    check_plausible_date(value, what=what)
    return value


def check_plausible_date(value: dt.date, *, what: str) -> dt.date:
    """Refuse dates far outside the cooperative's life (a typed 2202 instead of 2022)."""
    if not (dt.date(2000, 1, 1) <= value <= dt.date(2099, 12, 31)):
        raise InvalidInput(
            _("{what} {date} is outside the years coopdesk keeps (2000 to 2099).").format(
                what=what.capitalize(), date=value.strftime("%d/%m/%Y")
            )
        )
    return value


def parse_yes_no(text: str, *, what: str) -> bool:
    """Read si / sí / no in any case."""
    raw = unicodedata.normalize("NFC", (text or "").strip()).casefold()
    if raw in ("si", "sí"):
        return True
    if raw == "no":
        return False
    raise InvalidInput(
        _("{what} must be “si” or “no”, not “{text}”.").format(
            what=what.capitalize(), text=(text or "").strip()[:30]
        )
    )


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """Return the first day of the month and the first day of the next month.

    The rule is :meth:`Month.span`; this spelling stays for the services' reads that
    take (year, month), so their bodies did not change while their SQL moved to ``db``.
    """
    return Month(year, month).span()
