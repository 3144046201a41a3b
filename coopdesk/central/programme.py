"""The programme's own keys (made by ``central init``, kept in the central book) and sites."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from coopdesk.central.db import CentralRefused
from coopdesk.exchange import keys
from coopdesk.i18n import _


@dataclass(frozen=True)
class ProgrammeKeys:
    """The key that signs acknowledgements and the age identity deliveries are encrypted to."""

    signing_key: object
    public_key: str
    age_identity: str
    age_recipient: str


def init(conn) -> bool:
    """Make the programme's keys once; return False when they already existed."""
    if conn.execute("SELECT 1 FROM programme").fetchone():
        return False
    from pyrage import x25519

    key = keys.new_private_key()
    identity = x25519.Identity.generate()
    conn.execute(
        "INSERT INTO programme (id, signing_key, public_key, age_identity, age_recipient)"
        " VALUES (1, %s, %s, %s, %s)",
        (keys.private_bytes(key).decode("ascii"), keys.public_text(key), str(identity),
         str(identity.to_public())))
    return True


def programme_keys(conn) -> ProgrammeKeys:
    """Return the programme's keys."""
    pem, public, identity, recipient = conn.execute(
        "SELECT signing_key, public_key, age_identity, age_recipient FROM programme").fetchone()
    return ProgrammeKeys(keys.load_private(pem.encode("ascii")), public, identity, recipient)


def enrol(conn, path: Path) -> tuple[str, bool]:
    """Enrol the site of the enrolment file *path*; return (site, whether it was new).

    Raises:
        CentralRefused: a damaged file, or the same site with a different key.
    """
    try:
        body = json.loads(Path(path).read_text("utf-8"))
        site, public = str(body["site"]), str(body["public_key"])
        cooperative, name = str(body.get("cooperative") or ""), str(body.get("site_name") or "")
        ok = body.get("format") == "coopdesk-sitio" and keys.verify_key_text(public) and site
    except (ValueError, KeyError, TypeError, OSError):
        ok = False
    if not ok:
        raise CentralRefused(_("{file} is not a site's enrolment file (made by coopdesk site-key)."
                               " Nothing was written.").format(file=Path(path).name))
    known = conn.execute("SELECT public_key FROM site WHERE site_id = %s", (site,)).fetchone()
    if known and known[0] != public:
        raise CentralRefused(_("The site {site} ({name}) is already enrolled with another key;"
                               " a different key for the same site is refused. Nothing was"
                               " written.").format(site=site, name=cooperative or name))
    if known:
        return site, False
    conn.execute("INSERT INTO site (site_id, cooperative, site_name, public_key)"
                 " VALUES (%s, %s, %s, %s)", (site, cooperative, name, public))
    return site, True
