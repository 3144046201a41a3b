"""The coordinator's desk (PySide6 Qt Widgets); the only package that imports Qt."""

from coopdesk.gui.refcounts import make_singletons_immortal

make_singletons_immortal()
