"""Optional encryption of backups: AES-256-GCM with a key derived from a passphrase by scrypt.

A stick can be lost, and these books hold personal data of incarcerated women. The
scrypt parameters and salt travel in the backup's manifest, which is also the
authenticated data, so a wrong passphrase or a changed manifest is refused alike.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from coopdesk.domain.errors import BookError
from coopdesk.i18n import _

#: scrypt cost: about 0.1 s and 32 MiB on a laptop of the prison's office.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
NONCE_BYTES = 12


def new_parameters() -> dict:
    """Return fresh key-derivation parameters (a new random salt) for one backup."""
    return {
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        "salt": base64.b64encode(os.urandom(16)).decode("ascii"),
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
    }


def derive_key(passphrase: str, params: dict) -> bytes:
    """Return the 256-bit key for *passphrase* under the manifest's parameters."""
    if not passphrase:
        raise BookError(_("This backup is encrypted: write its passphrase to open it."))
    kdf = Scrypt(
        salt=base64.b64decode(params["salt"]),
        length=32,
        n=int(params["n"]),
        r=int(params["r"]),
        p=int(params["p"]),
    )
    return kdf.derive(passphrase.encode("utf-8"))


def encrypt(data: bytes, passphrase: str, params: dict, associated: bytes) -> bytes:
    """Return nonce + ciphertext (with its tag) of *data*."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(derive_key(passphrase, params)).encrypt(nonce, data, associated)


def decrypt(blob: bytes, passphrase: str | None, params: dict, associated: bytes) -> bytes:
    """Return the plain bytes, or refuse a wrong passphrase (or a damaged file) with a sentence."""
    key = derive_key(passphrase or "", params)
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], associated)
    except InvalidTag:
        raise BookError(
            _("The passphrase does not open this backup (or the file was damaged). "
              "Nothing was changed.")
        ) from None
