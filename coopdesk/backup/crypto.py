"""Encryption of backups with age: the book keeps only the public key, never the passphrase.

A stick can be lost, and these books hold personal data of incarcerated women. When
the coordinator sets a passphrase, a new age key pair is made: the book keeps the
public *recipient* (so the copy made when the desk closes is encrypted without asking
anything) and the private *identity* wrapped with the passphrase (age's scrypt
recipient). Every encrypted backup carries that wrapped identity in its description,
so it restores on a new laptop with the passphrase alone; the passphrase itself is
stored nowhere.

Backups made before age (AES-256-GCM with a scrypt key whose parameters travel in the
description, which is also the authenticated data) still restore: ``decrypt_legacy``.
Every cost read from a file is capped before any work is done, so a crafted file
cannot make the laptop hang or run out of memory.
"""

from __future__ import annotations

import base64
import binascii
import re

import pyrage
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from pyrage import x25519

from coopdesk.domain.errors import BookError, InvalidInput
from coopdesk.i18n import _

#: The scheme named in the description of an age-encrypted backup.
AGE = "age"
#: The older scheme (kept to restore copies made before age).
LEGACY_CIPHER = "AES-256-GCM"
MIN_PASSPHRASE = 8
#: age's scrypt work factor (log2 N) above this is refused before any work: 2^21 × 1 KiB
#: is 2 GiB of memory. age picks about one second of this computer (18–20 on laptops).
MAX_AGE_WORK_FACTOR = 21
#: Old-format scrypt bounds: N at most 2^20 (1 GiB with r=8), r and p small.
MAX_LEGACY_N = 2**20
MAX_LEGACY_R = 16
MAX_LEGACY_P = 4
NONCE_BYTES = 12
_STANZA = re.compile(rb"^-> scrypt [A-Za-z0-9+/]+ (\d{1,3})$", re.MULTILINE)


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase shorter than the minimum (from the screen or the environment)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(
            _("Use a passphrase of at least 8 characters, or none."), field="passphrase")


def new_key(passphrase: str) -> tuple[str, str]:
    """Make a key pair; return (public recipient, private identity wrapped with *passphrase*).

    The wrapped identity is base64 text (age's binary format inside).
    """
    check_passphrase(passphrase)
    identity = x25519.Identity.generate()
    wrapped = pyrage.passphrase.encrypt(str(identity).encode("ascii"), passphrase)
    _check_work_factor(wrapped)  # never make a key this program would refuse to open
    return str(identity.to_public()), base64.b64encode(wrapped).decode("ascii")


def encrypt(data: bytes, recipient: str) -> bytes:
    """Return *data* encrypted to the public *recipient* (no passphrase needed)."""
    try:
        return pyrage.encrypt(data, [x25519.Recipient.from_str(recipient)])
    except (pyrage.RecipientError, pyrage.EncryptError, ValueError) as exc:
        raise BookError(
            _("The backup key kept in the book is damaged ({reason}); set the passphrase "
              "again in Backup.").format(reason=exc)) from None


def unwrap_identity(wrapped: str, passphrase: str) -> str:
    """Return the private identity from its passphrase-wrapped form, or refuse with a sentence."""
    if not passphrase:
        raise BookError(_("This backup is encrypted: write its passphrase to open it."))
    try:
        blob = base64.b64decode(wrapped, validate=True)
    except (binascii.Error, ValueError):
        raise _wrong_passphrase() from None
    _check_work_factor(blob)
    try:
        identity = pyrage.passphrase.decrypt(blob, passphrase).decode("ascii")
        x25519.Identity.from_str(identity)
    except (pyrage.DecryptError, pyrage.IdentityError, UnicodeDecodeError, ValueError):
        raise _wrong_passphrase() from None
    return identity


def decrypt(blob: bytes, wrapped: str, passphrase: str | None) -> bytes:
    """Return the plain bytes of an age-encrypted payload, opened with the passphrase."""
    identity = unwrap_identity(wrapped, passphrase or "")
    try:
        return pyrage.decrypt(blob, [x25519.Identity.from_str(identity)])
    except (pyrage.DecryptError, pyrage.IdentityError, ValueError):
        raise _wrong_passphrase() from None


def _check_work_factor(blob: bytes) -> None:
    """Refuse a wrapped identity whose scrypt cost is out of bounds, before age runs it."""
    header = blob[:512].split(b"\n---", 1)[0]
    costs = [int(m) for m in _STANZA.findall(header)]
    if len(costs) != 1 or not 10 <= costs[0] <= MAX_AGE_WORK_FACTOR:
        raise BookError(
            _("The backup's key asks for an unreasonable amount of work or memory to open "
              "(it was made by another program or altered); it was not used."))


def _wrong_passphrase() -> BookError:
    return BookError(
        _("The passphrase does not open this backup (or the file was damaged). "
          "Nothing was changed."))


def legacy_key(passphrase: str, params: dict) -> bytes:
    """Return the AES key of an old-format backup (its parameters already checked)."""
    if not passphrase:
        raise BookError(_("This backup is encrypted: write its passphrase to open it."))
    kdf = Scrypt(salt=base64.b64decode(params["salt"]), length=32, n=params["n"],
                 r=params["r"], p=params["p"])
    return kdf.derive(passphrase.encode("utf-8"))


def decrypt_legacy(blob: bytes, passphrase: str | None, params: dict,
                   associated: bytes) -> bytes:
    """Return the plain bytes of an old-format (AES-256-GCM) backup, or refuse."""
    key = legacy_key(passphrase or "", params)
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], associated)
    except InvalidTag:
        raise _wrong_passphrase() from None
