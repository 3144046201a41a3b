"""Ed25519 signing keys: the site's (in the book's folder) and the programme's.

A delivery and an acknowledgement are signed over the SHA-256 digest of their exact
bytes (prefixed by what they are), so a file of any size is signed and checked while
it streams, in constant memory; Ed25519 itself wants the whole message at once.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

#: The site's private key, beside the book: never in a backup (a backup copies the book
#: file alone), never in a delivery.
SITE_KEY_FILE = "firma-del-sitio.key"


def new_private_key() -> Ed25519PrivateKey:
    """Return a fresh key pair."""
    return Ed25519PrivateKey.generate()


def private_bytes(key: Ed25519PrivateKey) -> bytes:
    """Return the PEM text of a private key (unencrypted: it stays on the machine)."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_private(pem: bytes) -> Ed25519PrivateKey:
    """Return the private key from its PEM text."""
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 key")
    return key


def public_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """Return the public key as base64 of its 32 raw bytes (how files carry it)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def site_key(folder: Path) -> Ed25519PrivateKey:
    """Return the site's key kept in *folder*, making it (mode 0600) on first use."""
    path = Path(folder) / SITE_KEY_FILE
    if path.exists():
        return load_private(path.read_bytes())
    key = new_private_key()
    temp = path.with_suffix(".partial")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_bytes(key))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, path)
    return key


def signed_message(kind: str, digest: bytes) -> bytes:
    """Return what is signed: the kind of file and the SHA-256 of its bytes."""
    return f"coopdesk {kind} v1\n".encode() + digest


def sign(key: Ed25519PrivateKey, kind: str, digest: bytes) -> str:
    """Return the base64 signature of a file's digest."""
    return base64.b64encode(key.sign(signed_message(kind, digest))).decode("ascii")


def verify(public: str, kind: str, digest: bytes, signature: str) -> bool:
    """Return whether *signature* is *public*'s signature of the digest."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
        key.verify(base64.b64decode(signature, validate=True), signed_message(kind, digest))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def new_digest():
    """Return the running hash a file is signed by."""
    return hashlib.sha256()


def verify_key_text(public: str) -> bool:
    """Return whether *public* is a well-formed public key (base64 of 32 bytes)."""
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
    except (ValueError, TypeError):
        return False
    return True
