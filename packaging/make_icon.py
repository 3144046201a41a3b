"""Render resources/icons/coopdesk.svg to the PNG and the Windows .ico (run after editing it).

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py``. Qt's SVG
renderer draws the 256-pixel PNG; Pillow writes the .ico with the sizes Windows asks for.
"""

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def main() -> int:
    """Write coopdesk.png and coopdesk.ico beside coopdesk.svg."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 - Qt needs one
    renderer = QSvgRenderer(str(ICONS / "coopdesk.svg"))
    if not renderer.isValid():
        print("coopdesk.svg could not be read", file=sys.stderr)
        return 1
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    image.save(str(ICONS / "coopdesk.png"))
    Image.open(ICONS / "coopdesk.png").save(ICONS / "coopdesk.ico", sizes=ICO_SIZES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
