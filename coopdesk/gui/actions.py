"""Every command of the desk in one registry keyed by an enum, with its shortcut.

Menus, buttons, shortcuts and tests name ``Action.NEW_SALE``; the main window
connects each action to what it does (as Picard's ui/mainwindow/actions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from coopdesk.i18n import N_, _


class Action(Enum):
    """The desk's commands."""

    GO_HOME = auto()
    GO_MEMBERS = auto()
    GO_WORKDAYS = auto()
    GO_WORKSHOPS = auto()
    GO_PURCHASES = auto()
    GO_SALES = auto()
    GO_PAYMENTS = auto()
    GO_SHARES = auto()
    GO_FUNDS = auto()
    GO_EXPENSES = auto()
    GO_PRODUCTION = auto()
    GO_BUSINESS = auto()
    GO_REPORTS = auto()
    GO_BACKUP = auto()
    GO_SETTINGS = auto()
    NEW_RECORD = auto()
    NEW_MEMBER = auto()
    NEW_SALE = auto()
    NEW_PURCHASE = auto()
    NEW_PAYMENT = auto()
    NEW_EXPENSE = auto()
    EDIT_SELECTED = auto()
    MARK_PAID = auto()
    VOID_SELECTED = auto()
    PRINT_SELECTED = auto()
    FIND = auto()
    SAVE = auto()
    REFRESH = auto()
    QUIT = auto()
    ABOUT = auto()
    LEAVE_DEMO = auto()


@dataclass(frozen=True)
class ActionSpec:
    """What an action is called and which keys start it."""

    text: str
    shortcut: str = ""
    tip: str = ""


#: The screens in sidebar order: (action, key of the screen).
SCREENS = (
    (Action.GO_HOME, "home"),
    (Action.GO_MEMBERS, "members"),
    (Action.GO_WORKDAYS, "workdays"),
    (Action.GO_WORKSHOPS, "workshops"),
    (Action.GO_PURCHASES, "purchases"),
    (Action.GO_SALES, "sales"),
    (Action.GO_PAYMENTS, "payments"),
    (Action.GO_SHARES, "shares"),
    (Action.GO_FUNDS, "funds"),
    (Action.GO_EXPENSES, "expenses"),
    (Action.GO_PRODUCTION, "production"),
    (Action.GO_BUSINESS, "business"),
    (Action.GO_REPORTS, "reports"),
    (Action.GO_BACKUP, "backup"),
    (Action.GO_SETTINGS, "settings"),
)

SPECS: dict[Action, ActionSpec] = {
    Action.GO_HOME: ActionSpec(N_("Home"), "Ctrl+1"),
    Action.GO_MEMBERS: ActionSpec(N_("Members"), "Ctrl+2"),
    Action.GO_WORKDAYS: ActionSpec(N_("Workdays"), "Ctrl+3"),
    Action.GO_WORKSHOPS: ActionSpec(N_("Workshops"), "Ctrl+4"),
    Action.GO_PURCHASES: ActionSpec(N_("Purchases"), "Ctrl+5"),
    Action.GO_SALES: ActionSpec(N_("Sales"), "Ctrl+6"),
    Action.GO_PAYMENTS: ActionSpec(N_("Payments"), "Ctrl+7"),
    Action.GO_SHARES: ActionSpec(N_("Contributions"), "Ctrl+'"),
    Action.GO_FUNDS: ActionSpec(N_("Funds"), "Ctrl+-"),
    Action.GO_EXPENSES: ActionSpec(N_("Expenses"), "Ctrl+8"),
    Action.GO_PRODUCTION: ActionSpec(N_("Production"), "Ctrl+."),
    Action.GO_BUSINESS: ActionSpec(N_("Business"), "Ctrl+;"),
    Action.GO_REPORTS: ActionSpec(N_("Reports"), "Ctrl+9"),
    Action.GO_BACKUP: ActionSpec(N_("Backup"), "Ctrl+0"),
    Action.GO_SETTINGS: ActionSpec(N_("Settings"), "Ctrl+,"),
    Action.NEW_RECORD: ActionSpec(N_("New record on this screen…"), "Ctrl+N"),
    Action.NEW_MEMBER: ActionSpec(N_("New member…"), "Ctrl+Shift+M"),
    Action.NEW_SALE: ActionSpec(N_("New sale…"), "Ctrl+Shift+V"),
    Action.NEW_PURCHASE: ActionSpec(N_("New purchase…"), "Ctrl+Shift+C"),
    Action.NEW_PAYMENT: ActionSpec(N_("Pay a member…"), "Ctrl+Shift+P"),
    Action.NEW_EXPENSE: ActionSpec(N_("New expense…"), "Ctrl+Shift+G"),
    Action.EDIT_SELECTED: ActionSpec(N_("Open the selected row…"), "F2"),
    Action.MARK_PAID: ActionSpec(N_("Mark the selected sale paid…"), "Ctrl+M"),
    Action.VOID_SELECTED: ActionSpec(N_("Void the selected record…"), "Ctrl+Del"),
    Action.PRINT_SELECTED: ActionSpec(N_("Print the selected receipt…"), "Ctrl+P"),
    Action.FIND: ActionSpec(N_("Search in this list"), "Ctrl+F"),
    Action.SAVE: ActionSpec(N_("Save the changes on this screen"), "Ctrl+S"),
    Action.REFRESH: ActionSpec(N_("Refresh"), "F5"),
    Action.QUIT: ActionSpec(N_("Quit"), "Ctrl+Q"),
    Action.ABOUT: ActionSpec(N_("About coopdesk…"), "F1"),
    Action.LEAVE_DEMO: ActionSpec(N_("Start my cooperative's book…")),
}

#: Actions done on the screen shown, enabled only on the screens that do them (a
#: screen says so through ``can``/``do``, coopdesk.gui.views.watching): Ctrl+M is
#: greyed out on Payments.
SCREEN_ACTIONS = (
    Action.NEW_RECORD,
    Action.EDIT_SELECTED,
    Action.MARK_PAID,
    Action.VOID_SELECTED,
    Action.PRINT_SELECTED,
    Action.FIND,
)


def enable_for_screen(actions: dict[Action, QAction], screen) -> None:
    """Enable the screen actions that *screen* does, grey out the others."""
    for action in SCREEN_ACTIONS:
        actions[action].setEnabled(screen.can(action))


def build_actions(parent: QWidget) -> dict[Action, QAction]:
    """Create one QAction per Action, translated, with its shortcut, owned by *parent*."""
    actions: dict[Action, QAction] = {}
    for action, spec in SPECS.items():
        qaction = QAction(_(spec.text), parent)
        if spec.shortcut:
            qaction.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            qaction.setToolTip(_(spec.tip))
        qaction.setObjectName(action.name)
        parent.addAction(qaction)
        actions[action] = qaction
    return actions
