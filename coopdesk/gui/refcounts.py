"""Keep None, True and False alive despite a reference-count bug of PySide6 6.12 on Python 3.11.

Every time PySide converts an empty QVariant to Python (``index.data(role)`` for a
role the model does not answer, ``headerData`` past the last column, ``property()``
of an unknown name...) it returns None without taking a reference, so None's count
falls by one per call: after a few thousand repaints of a table whose delegate asks
``index.data(...)`` the interpreter aborts with "deallocating None". Python 3.12
made these objects immortal; here they are given a count so large that no session
can use it up, which has the same effect. The singletons are never freed anyway.
"""

from __future__ import annotations

import ctypes
import sys

#: Far more references than a session can drop, far fewer than the counter holds.
_HEADROOM = 1 << 40


def make_singletons_immortal() -> None:
    """Raise the reference counts of None, True and False out of reach (once)."""
    if sys.version_info >= (3, 12) or getattr(make_singletons_immortal, "done", False):
        return
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    make_singletons_immortal.done = True
