"""The first steps on Inicio: what a new book still lacks, each with a link to its screen.

Shown until every step is done; each step ticks itself when the book has it (see
services.first_steps), so nothing here is remembered apart from the book.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.gui.context import AppContext
from coopdesk.i18n import N_, _
from coopdesk.services.first_steps import first_steps

#: Each step: (its field in FirstSteps, what to do, the link's text, the screen it opens).
STEPS = (
    ("members", N_("Add the members (code, name, joining date)."), N_("Go to Members"),
     "members"),
    ("products", N_("Add the products and their prices: a new book has none yet."),
     N_("Go to Settings"), "settings"),
    ("rate", N_("Check the labor rate per workday (and add a new one from a date)."),
     N_("Go to Settings"), "settings"),
    ("goals", N_("Set the break-even and the target in bars a year (or take the case "
                 "study's, marked as such)."), N_("Go to Settings"), "settings"),
)
DONE, TO_DO = "✔", "○"


class FirstStepsBox(QFrame):
    """A short list of steps with a tick or a circle and a keyboard-reachable link each."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("first_steps")
        self.setStyleSheet(
            "QFrame#first_steps { background: #eef5ee; border: 1px solid #9cc29c;"
            " border-radius: 6px; }"
        )
        title = QLabel(_("First steps"))
        title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        self.marks: dict[str, QLabel] = {}
        self.links: dict[str, QPushButton] = {}
        for row, (key, text, link, screen) in enumerate(STEPS):
            mark = QLabel()
            mark.setFixedWidth(22)
            label = QLabel(_(text))
            label.setWordWrap(True)
            button = QPushButton(_(link))
            button.setObjectName(f"first_step_{key}")
            button.clicked.connect(lambda _c=False, k=screen: self.go(k))
            grid.addWidget(mark, row, 0)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2)
            self.marks[key] = mark
            self.links[key] = button
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(title)
        layout.addLayout(grid)

    def refresh(self) -> None:
        """Tick what the book has; hide the box once every step is done."""
        steps = first_steps(self.ctx.book)
        for key, mark in self.marks.items():
            done = getattr(steps, key)
            mark.setText(DONE if done else TO_DO)
            mark.setStyleSheet("color: #1b7f3b; font-weight: bold;" if done else "color: #666;")
            mark.setToolTip(_("done") if done else _("to do"))
        self.setVisible(not steps.done)

    def go(self, screen: str) -> None:
        """Open *screen* in the main window (Inicio alone, in a preview, has none)."""
        show = getattr(self.window(), "show_screen", None)
        if callable(show):
            show(screen)
