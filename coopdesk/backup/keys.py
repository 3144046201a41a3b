"""The backup settings kept in the book: the last folder, and the key, never the passphrase.

The book (and so every unencrypted copy of it) must not reveal the passphrase. It
keeps the age public recipient, which encrypts the automatic copies without asking,
and the private identity wrapped with the passphrase, which each encrypted backup
carries. A book from before this held the passphrase in plain text: the first time
its backup settings are read, a key pair is made from it and the text is erased, with
SQLite's secure delete and a VACUUM so no free page of the file still holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopdesk.backup import crypto
from coopdesk.db import upkeep
from coopdesk.domain.changes import Kind, changes
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.settings import read_setting, write_setting, write_settings

#: The setting that held the passphrase in plain text before age (erased on first read).
LEGACY_PASSPHRASE_KEY = "backup_passphrase"
RECIPIENT_KEY = "backup_recipient"
IDENTITY_KEY = "backup_identity"
FOLDER_KEY = "backup_folder"
_KEYS = (RECIPIENT_KEY, IDENTITY_KEY, FOLDER_KEY)


@dataclass(frozen=True)
class BackupSettings:
    """Where backups go and the key that encrypts them (empty recipient: not encrypted)."""

    recipient: str = ""
    identity: str = ""
    folder: str = ""

    @property
    def encrypted(self) -> bool:
        """True when the copies of this book are encrypted."""
        return bool(self.recipient and self.identity)

    @property
    def key(self) -> tuple[str, str] | None:
        """(public recipient, wrapped identity), or None when copies are not encrypted."""
        return (self.recipient, self.identity) if self.encrypted else None


def get_backup_settings(book: Book) -> BackupSettings:
    """Return the backup settings kept in the book (erasing a plain-text passphrase first)."""
    with book.read() as session:
        values = {key: read_setting(session, key) for key in (*_KEYS, LEGACY_PASSPHRASE_KEY)}
    if values[LEGACY_PASSPHRASE_KEY]:
        erase_plain_passphrase(book)
        return get_backup_settings(book)
    return BackupSettings(values[RECIPIENT_KEY], values[IDENTITY_KEY], values[FOLDER_KEY])


@changes(Kind.SETTINGS)
def set_backup_settings(
    book: Book, *, passphrase: str | None = None, folder: str | None = None
) -> BackupSettings:
    """Set a new passphrase (a new key pair; empty: copies no longer encrypted) and/or folder.

    The passphrase is used once, to wrap the new private key, and then forgotten.
    Older encrypted copies keep opening with the passphrase they were made with.
    """
    changes: dict[str, str] = {}
    if passphrase is not None:
        if passphrase:
            changes[RECIPIENT_KEY], changes[IDENTITY_KEY] = crypto.new_key(passphrase)
        else:
            changes[RECIPIENT_KEY] = changes[IDENTITY_KEY] = ""
    if folder is not None:
        changes[FOLDER_KEY] = str(folder)
    key_pair = {k: v for k, v in changes.items() if k in (RECIPIENT_KEY, IDENTITY_KEY)}
    with book.transaction() as session:
        # One audit line for the key pair, saying only whether there is one: never the key.
        write_settings(session, key_pair, audit_key="backup_key",
                       shown=lambda before, after: (_is_set(before), _is_set(after)))
        if FOLDER_KEY in changes:
            write_setting(session, FOLDER_KEY, changes[FOLDER_KEY])
    return get_backup_settings(book)


def _is_set(values: dict[str, str]) -> str:
    """What the audit trail says of a key pair: "set" or "", never the key itself."""
    return "set" if values.get(RECIPIENT_KEY) else ""


@changes(Kind.SETTINGS)
def erase_plain_passphrase(book: Book) -> None:
    """Replace a passphrase kept in plain text by a key pair made from it, and erase it.

    A passphrase too short to be accepted today is erased without a key (the copies
    are then not encrypted until a new one is set); the audit trail says so.
    """
    with book.transaction() as session:
        upkeep.erase_freed_pages(session.connection())
        passphrase = read_setting(session, LEGACY_PASSPHRASE_KEY)
        if not passphrase:
            return
        keyed = len(passphrase) >= crypto.MIN_PASSPHRASE
        erased = {LEGACY_PASSPHRASE_KEY: ""}
        if keyed:
            erased[RECIPIENT_KEY], erased[IDENTITY_KEY] = crypto.new_key(passphrase)
        # Settings are never deleted (a trigger refuses it): the value is emptied, and
        # the secure delete and the VACUUM below leave no old page holding it.
        write_settings(session, erased, audit_key=LEGACY_PASSPHRASE_KEY,
                       shown=lambda _before, _after: ("set", "backup_key" if keyed else ""),
                       reason=_("the passphrase is no longer kept in the book"))
    _vacuum(book)


def _vacuum(book: Book) -> None:
    """Rewrite the file so no free page keeps an old value, and empty the WAL."""
    with book.connection_lock():
        raw = book.engine.raw_connection()
        try:
            upkeep.vacuum_erasing(raw.driver_connection)
        finally:
            raw.close()
