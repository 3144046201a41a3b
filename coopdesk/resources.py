"""Where the files shipped with coopdesk (fonts, catalogs, icons, help) are found.

They live in `resources/` beside the package in a checkout, and inside the bundle
when frozen by PyInstaller, so every lookup goes through this one function.
"""

import sys
from pathlib import Path


def resource_dir() -> Path:
    """Return the folder that holds `fonts/`, `i18n/` and `icons/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Return the path of one shipped file, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return resource_dir().joinpath(*parts)
