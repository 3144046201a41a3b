"""The Spanish catalog is complete, keeps every placeholder, and is the one `_()` uses."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from coopdesk import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "coopdesk"
I18N = ROOT / "resources" / "i18n"
BABEL_CFG = I18N / "babel.cfg"
PO = I18N / "es" / "LC_MESSAGES" / "coopdesk.po"
#: The keywords `make i18n` extracts with: Babel's defaults, N_ and ngettext:1,2.
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "ngettext": (1, 2)}


def _read_catalog():
    with open(PO, "rb") as fh:
        return read_po(fh, abort_invalid=True)


def _extracted() -> dict[tuple[str, str | None], list[str]]:
    """Return every msgid in the source (plural ones as a tuple) with where it is."""
    with open(BABEL_CFG, encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(BABEL_CFG))
    found: dict = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        PACKAGE, method_map, options_map, keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else tuple(message)
        found.setdefault((key, context), []).append(f"coopdesk/{filename}:{lineno}")
    return found


def _fields(text: str) -> set[str]:
    """Return the replacement fields of a str.format template, e.g. {'{name}', '{gb:.1f}'}."""
    out = set()
    for _literal, field, spec, conversion in string.Formatter().parse(text):
        if field is not None:
            out.add("{" + field + (f"!{conversion}" if conversion else "") +
                    (f":{spec}" if spec else "") + "}")
    return out


def _percent_fields(text: str) -> list[str]:
    """Return the %-style placeholders (%s, %(name)d …); "{share}%" is a literal sign."""
    return re.findall(r"(?<!\})%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]", text)


@pytest.fixture
def language():
    """Let a test switch language, and put the previous one back afterwards."""
    before = i18n.current_language()
    yield i18n.set_language
    i18n.set_language(before)


def test_po_file_is_valid():
    catalog = _read_catalog()
    assert str(catalog.locale) == "es"
    assert catalog.num_plurals == 2
    assert "n != 1" in catalog.plural_expr
    problems = [(m.id, errors) for m, errors in catalog.check() if errors]
    assert not problems, problems


def test_every_source_string_has_a_spanish_translation():
    catalog = _read_catalog()
    extracted = _extracted()
    assert len(extracted) > 100, "the extraction found almost nothing: check babel.cfg"
    missing = []
    for (msgid, context), where in sorted(extracted.items(), key=lambda kv: kv[1][0]):
        lookup = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(lookup, context)
        strings = message.string if message is not None else ""
        if isinstance(strings, str):
            strings = (strings,)
        if message is None or message.fuzzy or not all(s.strip() for s in strings):
            missing.append(f"{where[0]}: {msgid!r}")
    assert not missing, (
        f"{len(missing)} strings have no Spanish translation in {PO.relative_to(ROOT)} "
        "(run `make i18n` and translate them):\n" + "\n".join(missing)
    )


def test_translations_keep_the_placeholders():
    wrong = []
    for message in _read_catalog():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for n, translated in enumerate(strings):
            source = ids[min(n, len(ids) - 1)]
            if _fields(translated) != _fields(source):
                wrong.append(f"{source!r} → {translated!r}")
            elif sorted(_percent_fields(translated)) != sorted(_percent_fields(source)):
                wrong.append(f"{source!r} → {translated!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_spanish_is_used_when_chosen_and_english_gives_the_source(language):
    from coopdesk.domain.members import MemberStatus

    language("es")
    assert i18n.current_language() == "es"
    assert i18n._("Members") == "Socias"
    assert i18n._("Write {what}; it is empty.") == "Escriba {what}; está en blanco."
    assert i18n._("the amount") == "el monto"
    assert MemberStatus.RELEASED.label == "liberada"
    assert i18n.ngettext("{n} page", "{n} pages", 1) == "{n} página"
    assert i18n.ngettext("{n} page", "{n} pages", 3) == "{n} páginas"

    language("en")
    assert i18n.current_language() == "en"
    assert i18n._("Members") == "Members"
    assert i18n._("Write {what}; it is empty.") == "Write {what}; it is empty."
    assert MemberStatus.RELEASED.label == "released"
    assert i18n.ngettext("{n} page", "{n} pages", 3) == "{n} pages"


def test_the_po_file_is_read_directly_when_nothing_was_compiled():
    catalog = i18n._PoTranslations(PO)
    assert catalog.gettext("Members") == "Socias"
    assert catalog.gettext("Not a string in the catalog") == "Not a string in the catalog"
    assert catalog.ngettext("{n} page", "{n} pages", 2) == "{n} páginas"
