"""PySide6 must not lose references to None when an empty QVariant comes back to Python.

PySide6 6.12.0 on Python 3.11 drops one reference to None per empty QVariant converted
(``index.data(role)`` for a role the model does not answer, ``headerData`` past the last
column, ``property()`` of an unknown name); after a few thousand repaints the interpreter
aborts with "deallocating None" (docs/pyside6-none-refcount.md). The desk used to hide it by
writing into None's reference count; now the pin in pyproject.toml keeps a good PySide6, and
this test is what notices a bad one. It runs in a child interpreter so that the abort is a
failed test here, not a crashed pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

ROUNDS = 100_000

SCRIPT = textwrap.dedent(
    """
    import sys

    import coopdesk.gui  # the desk's own package, imported as the program does
    from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt

    class Unanswering(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 1

        def columnCount(self, parent=QModelIndex()):
            return 1

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return None

    app = QCoreApplication([])
    model, thing = Unanswering(), QObject()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    answers = set()
    for _ in range({rounds}):
        answers.add(index.data(Qt.ItemDataRole.ToolTipRole))
        answers.add(model.headerData(7, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
        answers.add(thing.property("no_such_property"))
    print(before, sys.getrefcount(None), sorted(map(repr, answers)))
    """
).format(rounds=ROUNDS)


def test_empty_qvariants_keep_none_alive():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, f"the child interpreter died ({done.returncode}):\n{done.stderr}"
    before, after, answers = done.stdout.split(maxsplit=2)
    assert answers.strip() == "['None']"  # every call really came back empty
    # 300,000 empty answers: a lost reference each would show as a fall of 300,000.
    assert int(before) - int(after) < 1_000
    # and nothing props None up: a count in the thousands, not 2**40 written by hand.
    assert int(before) < 2**32
