"""Whether a backup is authentic: signed by this computer's site key, and unchanged since.

A backup checks itself (a checksum of the file, of the book inside, the book's hash
chain and ``check`` identities), but whoever edits a copy can recompute every one of
them. What they cannot recompute without this computer is a signature: each copy's
description is signed with the site's Ed25519 key, which lives in the book's folder
(``firma-del-sitio.key``) and never in a copy or a delivery. The description holds the
SHA-256 of the book inside, so the signature covers the whole book.

What this detects, and what it cannot:

- a copy changed after it was made and re-packed, its signature kept: refused;
- a copy whose signature was removed, or re-signed with another key: the restore says
  its authenticity cannot be confirmed, and goes ahead only when asked to;
- a copy restored on a computer without this site's key (a new laptop), or made
  before copies were signed: the same — nothing here can vouch for it;
- someone who holds this computer's key file (the laptop itself) can sign anything:
  no check on the same laptop can tell. ``coopdesk check --against`` with an older
  copy kept elsewhere, and the programme's acknowledged chain, remain the outside
  anchors.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from coopdesk.backup import fileformat
from coopdesk.domain.errors import BookError
from coopdesk.exchange import keys
from coopdesk.i18n import _

#: What the signature is over (``keys.signed_message`` puts it in front of the digest).
KIND = "backup"
FIELD = "signature"


def signed(manifest: dict, book_folder: Path) -> dict:
    """Return *manifest* with its signature by the site key in *book_folder* (made if missing).

    A folder where the key cannot be written (a read-only disk) gives an unsigned
    copy rather than no copy: the restore then says it cannot confirm it.
    """
    try:
        key = keys.site_key(Path(book_folder))
    except OSError:
        return dict(manifest)
    body = {k: v for k, v in manifest.items() if k != FIELD}
    return {**body, FIELD: {"key": keys.public_text(key),
                            "value": keys.sign(key, KIND, _digest(body))}}


def _digest(body: dict) -> bytes:
    digest = keys.new_digest()
    digest.update(fileformat.manifest_bytes(body))
    return digest.digest()


class Trust(enum.Enum):
    """What this computer can say about a copy."""

    CONFIRMED = "confirmed"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class Authenticity:
    """The verdict on a copy, with the sentence to show beside it."""

    trust: Trust
    sentence: str

    @property
    def confirmed(self) -> bool:
        """True when this computer's key signed the copy as it is."""
        return self.trust is Trust.CONFIRMED


def authenticity(manifest: dict, path: Path, book_folder: Path) -> Authenticity:
    """Say whether the copy at *path* (its checked *manifest*) was signed by this computer.

    Raises:
        BookError: the copy carries this computer's key but its signature does not
            match its description: it was changed after it was made.
    """
    name = Path(path).name
    mark = manifest.get(FIELD)
    key_file = Path(book_folder) / keys.SITE_KEY_FILE
    if mark is None:
        return Authenticity(Trust.UNCONFIRMED, _(
            "The copy {name} carries no signature (an older coopdesk made it, or its "
            "signature was removed): nothing proves it left this book unchanged.").format(
                name=name))
    if not key_file.exists():
        return Authenticity(Trust.UNCONFIRMED, _(
            "This computer does not have the site's signing key ({file} next to the book), "
            "so it cannot confirm that the copy {name} was not changed.").format(
                file=keys.SITE_KEY_FILE, name=name))
    try:
        local = keys.public_text(keys.load_private(key_file.read_bytes()))
    except (OSError, ValueError) as exc:
        raise BookError(_(
            "The site's signing key {file} next to the book cannot be read, so the copy "
            "{name} cannot be checked; it was not restored. Nothing was changed.").format(
                file=keys.SITE_KEY_FILE, name=name)) from exc
    if mark["key"] != local:
        return Authenticity(Trust.UNCONFIRMED, _(
            "The copy {name} was signed on another computer (another signing key): this "
            "computer cannot confirm that it was not changed.").format(name=name))
    body = {k: v for k, v in manifest.items() if k != FIELD}
    if not keys.verify(local, KIND, _digest(body), mark["value"]):
        raise BookError(_(
            "The copy {name} was changed after this computer made it: its signature does "
            "not match what it holds. It was not restored; the current book was not "
            "touched.").format(name=name))
    return Authenticity(Trust.CONFIRMED, _(
        "Signed by this computer when it was made, and unchanged since ✓"))


def backup_authenticity(path: Path, book_folder: Path) -> Authenticity:
    """``authenticity`` of the backup file at *path*, from its description alone."""
    return authenticity(fileformat.read_manifest(Path(path)), path, book_folder)
