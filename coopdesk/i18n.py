"""gettext for coopdesk's own strings: Spanish by default, English selectable.

Source strings are English and wrapped in ``_()``; the Spanish catalog in
``resources/i18n/es`` is complete (a test checks it). No Qt here, so the CLI and
the services speak the same language as the GUI.
"""

from __future__ import annotations

import gettext as _gettext
import os

from coopdesk.resources import resource

DOMAIN = "coopdesk"
LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def _load_catalog(language: str) -> _gettext.NullTranslations:
    """Load the compiled catalog, or read the .po directly when it was not compiled."""
    if language == "en":
        return _gettext.NullTranslations()
    localedir = resource("i18n")
    try:
        return _gettext.translation(DOMAIN, localedir=str(localedir), languages=[language])
    except OSError:
        po = localedir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.exists():
            return _gettext.NullTranslations()
        return _PoTranslations(po)


class _PoTranslations(_gettext.NullTranslations):
    """A catalog read straight from a .po file (a checkout where `make i18n` never ran)."""

    def __init__(self, po_path) -> None:
        super().__init__()
        from babel.messages.pofile import read_po

        with open(po_path, "rb") as fh:
            catalog = read_po(fh)
        self._messages = {}
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
                self._messages[key] = message.string

    def gettext(self, message):
        found = self._messages.get(message)
        return found if isinstance(found, str) and found else message

    def ngettext(self, singular, plural, n):
        found = self._messages.get(singular)
        if isinstance(found, (tuple, list)) and all(found):
            return found[0] if n == 1 else found[1]
        return singular if n == 1 else plural


def set_language(language: str | None) -> str:
    """Switch every later ``_()`` call to *language* ('es' or 'en'); return the one chosen."""
    global _translation, _language
    language = (language or DEFAULT_LANGUAGE).lower()[:2]
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _translation = _load_catalog(language)
    _language = language
    return language


def current_language() -> str:
    """Return 'es' or 'en'."""
    return _language


def babel_locale() -> str:
    """Return the Babel locale for formats: Peruvian Spanish, or English with Peru's currency."""
    return "es_PE" if _language == "es" else "en_US"


def _(message: str) -> str:
    """Translate *message* into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark *message* for extraction without translating it yet (declarations)."""
    return message


set_language(os.environ.get("COOPDESK_LANG"))
