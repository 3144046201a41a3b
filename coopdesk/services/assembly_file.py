"""The session file (``coopdesk assembly FILE.json``): one session of the assembly as JSON.

A session is not a table of rows (it has attendance, an agenda and agreements with
votes), so its file is one JSON object with Spanish keys, read strictly: an unknown key,
a missing one or a value of the wrong type is refused with a sentence naming it, and
nothing is written (docs/interchange.md, "Assemblies"). ``"sin_quorum": true`` records a
session where the quorum was not reached (an acta de no quórum), said on purpose so that
a mistyped attendance is still refused.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from coopdesk.domain.assembly import Agreement
from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import _
from coopdesk.services.assemblies import SessionData

#: A session file is a few kilobytes; anything larger is not one.
MAX_BYTES = 1_000_000
REQUIRED = ("tipo", "convocatoria", "fecha", "lugar", "preside", "secretaria", "presentes",
            "agenda", "acuerdos")
OPTIONAL = ("numero", "nota", "sin_quorum")
AGREEMENT_REQUIRED = ("texto", "a_favor", "en_contra", "abstenciones")
AGREEMENT_OPTIONAL = ("admite",)


def _refuse(text: str) -> InvalidInput:
    return InvalidInput(_("The session file is not right: {problem}. Nothing was written.")
                        .format(problem=text))


def _keys(obj, required, optional, where: str) -> None:
    if not isinstance(obj, dict):
        raise _refuse(_("{where} must be an object {{…}}").format(where=where))
    missing = [k for k in required if k not in obj]
    if missing:
        raise _refuse(_("{where} lacks “{key}”").format(where=where, key=missing[0]))
    unknown = sorted(k for k in obj if k not in required and k not in optional)
    if unknown:
        raise _refuse(_("{where} has “{key}”, which coopdesk does not know").format(
            where=where, key=str(unknown[0])[:40]))


def _text(obj, key: str, where: str) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise _refuse(_("“{key}” of {where} must be text").format(key=key, where=where))
    return value


def _count(obj, key: str, where: str) -> int:
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9999:
        raise _refuse(_("“{key}” of {where} must be a whole number from 0").format(
            key=key, where=where))
    return value


def _texts(obj, key: str, where: str) -> list[str]:
    value = obj[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _refuse(_("“{key}” of {where} must be a list of texts [\"…\", \"…\"]").format(
            key=key, where=where))
    return value


def read_session_file(path: Path) -> SessionData:
    """Return the session a file describes, or refuse with a sentence (nothing written)."""
    path = Path(path)
    try:
        if not path.is_file():
            raise _refuse(_("{path} does not exist or is a folder").format(path=path))
        if path.stat().st_size > MAX_BYTES:
            raise _refuse(_("it is larger than a session file can be (1 MB)"))
        raw = path.read_bytes()
    except OSError as exc:
        from coopdesk.oserrors import os_reason

        raise _refuse(os_reason(exc)) from exc
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise _refuse(_("it is not text in UTF-8")) from exc
    except json.JSONDecodeError as exc:
        raise _refuse(_("it is not JSON (line {line}, column {col}: {msg})").format(
            line=exc.lineno, col=exc.colno, msg=exc.msg)) from exc
    where = _("the session")
    _keys(obj, REQUIRED, OPTIONAL, where)
    try:
        day = dt.date.fromisoformat(_text(obj, "fecha", where))
    except ValueError as exc:
        raise _refuse(_("“fecha” must be a date YYYY-MM-DD")) from exc
    number = obj.get("numero")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)
                               or not 1 <= number <= 999999):
        raise _refuse(_("“numero” must be a whole number from 1"))
    no_quorum = obj.get("sin_quorum", False)
    if not isinstance(no_quorum, bool):
        raise _refuse(_("“sin_quorum” must be true or false"))
    if not isinstance(obj["acuerdos"], list):
        raise _refuse(_("“acuerdos” must be a list of objects"))
    agreements = []
    for n, item in enumerate(obj["acuerdos"], start=1):
        at = _("agreement {n}").format(n=n)
        _keys(item, AGREEMENT_REQUIRED, AGREEMENT_OPTIONAL, at)
        admits = _texts(item, "admite", at) if "admite" in item else []
        agreements.append(Agreement(_text(item, "texto", at), _count(item, "a_favor", at),
                                    _count(item, "en_contra", at),
                                    _count(item, "abstenciones", at), tuple(admits)))
    return SessionData(
        kind=_text(obj, "tipo", where), call=_text(obj, "convocatoria", where), day=day,
        place=_text(obj, "lugar", where), president=_text(obj, "preside", where),
        secretary=_text(obj, "secretaria", where), present=_texts(obj, "presentes", where),
        agenda=_texts(obj, "agenda", where), agreements=agreements,
        note=_text(obj, "nota", where), number=number, no_quorum=no_quorum)
