"""The coordinator's desk (PySide6 Qt Widgets); the only package that imports Qt."""
