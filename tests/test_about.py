import subprocess
import sys

import coopdesk
from coopdesk.about import about_text
from coopdesk.i18n import _, current_language, set_language


def test_about_names_the_program_version_and_licences():
    text = about_text()
    assert text.title() == f"coopdesk {coopdesk.__version__}"
    assert "MIT" in text.licence
    assert "DejaVu" in text.fonts_licence
    assert text.plain().startswith(text.title())


def test_about_follows_the_language():
    before = current_language()
    try:
        for language in ("en", "es"):
            set_language(language)
            assert about_text().purpose == _(
                "coopdesk keeps the books of the Dulce Esperanza chocolate cooperative: "
                "workshop attendance, workdays and pay, purchases, sales and receipts, "
                "monthly statements and backups, on one computer and without internet."
            )
    finally:
        set_language(before)


def test_about_needs_no_qt():
    code = "import sys, coopdesk.about; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
