"""The texts of the About dialog: name, version, purpose, credits and licences (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass

from coopdesk import __version__
from coopdesk.i18n import _

NAME = "coopdesk"


@dataclass(frozen=True)
class AboutText:
    """What the About dialog shows, already in the current language."""

    name: str
    version: str
    purpose: str
    credits: str
    licence: str
    fonts_licence: str
    icon: str

    def title(self) -> str:
        """Return the heading line, e.g. 'coopdesk 0.1.0'."""
        return f"{self.name} {self.version}"

    def paragraphs(self) -> list[str]:
        """Return the body as plain paragraphs, in the order they are shown."""
        return [self.purpose, self.credits, self.licence, self.fonts_licence, self.icon]

    def plain(self) -> str:
        """Return the whole text as plain text (for a label or the command line)."""
        return "\n\n".join([self.title(), *self.paragraphs()])


def about_text() -> AboutText:
    """Return the About texts in the current language (call it after set_language)."""
    return AboutText(
        name=NAME,
        version=__version__,
        purpose=_(
            "coopdesk keeps the books of the Dulce Esperanza chocolate cooperative: "
            "workshop attendance, workdays and pay, purchases, sales and receipts, "
            "monthly statements and backups, on one computer and without internet."
        ),
        credits=_(
            "Written for the members and the coordinator of Dulce Esperanza, "
            "Quillabamba, within the Cárceles Productivas programme. "
            "Built with Python, Qt (PySide6), SQLite, SQLAlchemy, Alembic, ReportLab and Babel."
        ),
        licence=_(
            "coopdesk is free software under the MIT licence: you may use, copy, change "
            "and share it, as long as the copyright notice stays with it. It comes with no "
            "warranty. Qt and PySide6 are used under the LGPL version 3."
        ),
        fonts_licence=_(
            "Printed documents use the DejaVu fonts (Bitstream Vera licence, free to use, "
            "embed and share); the full text is in resources/fonts/LICENSE-DejaVu.txt."
        ),
        icon=_("The icon, a chocolate bar and a cacao pod, was drawn for coopdesk."),
    )
