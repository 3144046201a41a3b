"""The main window: a sidebar of screens, each built the first time it is visited."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from coopdesk.domain.changes import Kind, OpChanges
from coopdesk.gui import warmup
from coopdesk.gui.actions import SCREENS, SPECS, Action, build_actions, enable_for_screen
from coopdesk.gui.context import AppContext
from coopdesk.gui.unsaved import may_leave
from coopdesk.gui.views.watching import WatchingView
from coopdesk.i18n import _
from coopdesk.services.settings import get_settings

#: The smallest the window may be: it fits a 1280×720 screen less a 40-pixel taskbar and
#: the window's title bar; below a screen's own minimum, the screen scrolls.
MINIMUM_SIZE = QSize(1000, 600)

#: Where each screen's class lives: key → (module, class), imported on the first visit
#: (and by the warm-up once the window is up); a module that fails to import fails loudly.
SCREEN_CLASSES = {
    "home": ("coopdesk.gui.views.home_view", "HomeView"),
    "members": ("coopdesk.gui.views.members_view", "MembersView"),
    "workdays": ("coopdesk.gui.views.workday_sheet", "WorkdaySheetView"),
    "workshops": ("coopdesk.gui.views.workshops_view", "WorkshopsView"),
    "purchases": ("coopdesk.gui.views.purchases_view", "PurchasesView"),
    "sales": ("coopdesk.gui.views.sales_view", "SalesView"),
    "payments": ("coopdesk.gui.views.payments_view", "PaymentsView"),
    "shares": ("coopdesk.gui.views.shares_view", "SharesView"),
    "funds": ("coopdesk.gui.views.funds_view", "FundsView"),
    "expenses": ("coopdesk.gui.views.expenses_view", "ExpensesView"),
    "production": ("coopdesk.gui.views.production_view", "ProductionView"),
    "business": ("coopdesk.gui.views.business_view", "BusinessView"),
    "reports": ("coopdesk.gui.views.reports_view", "ReportsView"),
    "backup": ("coopdesk.gui.views.backup_view", "BackupView"),
    "settings": ("coopdesk.gui.views.settings_view", "SettingsView"),
}

#: Actions done on the selected row of the screen shown (through the screen's ``do``).
ROW_ACTIONS = (
    Action.EDIT_SELECTED,
    Action.MARK_PAID,
    Action.VOID_SELECTED,
    Action.PRINT_SELECTED,
)

#: Which screen's "new" command each New action opens.
NEW_ACTIONS = {
    Action.NEW_MEMBER: "members",
    Action.NEW_SALE: "sales",
    Action.NEW_PURCHASE: "purchases",
    Action.NEW_PAYMENT: "payments",
    Action.NEW_EXPENSE: "expenses",
}


def screen_class(key: str) -> type[WatchingView]:
    """Return the class of screen *key* (importing its module on the first visit)."""
    module_name, class_name = SCREEN_CLASSES[key]
    return getattr(importlib.import_module(module_name), class_name)


class MainWindow(QMainWindow):
    """The sidebar, the screens, the menus and every shortcut."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, auto_backup: bool = True
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: Closing the window makes the automatic backup copy (tests may turn it off).
        self._backed_up_on_close = not auto_backup
        self._warmup_started = False
        self._unprepared: set[str] = set()
        self.registry = build_actions(self)
        self.screens: dict[str, WatchingView] = {}
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.sidebar.setIconSize(QSize(0, 0))
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { font-size: 12pt; background: #3b2418; color: #f5eee6;"
            " border: none; padding-top: 8px; }"
            "QListWidget#sidebar::item { padding: 9px 14px; }"
            "QListWidget#sidebar::item:selected { background: #c47a2c; color: white; }"
        )
        self.stack = QStackedWidget()
        self._keys: list[str] = []
        for action, key in SCREENS:
            spec = SPECS[action]
            item = QListWidgetItem(_(spec.text))
            item.setToolTip(spec.shortcut)
            self.sidebar.addItem(item)
            self._keys.append(key)
            self.stack.addWidget(self._scroller())  # the screen goes in on its first visit
            self.registry[action].triggered.connect(lambda _c=False, k=key: self.go_to(k))
        self.sidebar.currentRowChanged.connect(lambda row: self.show_screen(self._keys[row]))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        body = QWidget()
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(12, 8, 12, 8)
        body_layout.addWidget(self.stack)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self._build_menus()
        for action, key in NEW_ACTIONS.items():
            self.registry[action].triggered.connect(lambda _c=False, k=key: self.new_in(k))
        self.registry[Action.NEW_RECORD].triggered.connect(self.new_here)
        for action in ROW_ACTIONS:
            self.registry[action].triggered.connect(lambda _c=False, a=action: self.do_here(a))
        self.registry[Action.FIND].triggered.connect(self.find_here)
        self.registry[Action.REFRESH].triggered.connect(self.refresh_here)
        self.registry[Action.SAVE].triggered.connect(self.save_here)
        self.registry[Action.QUIT].triggered.connect(self.close)
        self.registry[Action.ABOUT].triggered.connect(self.show_about)
        self.registry[Action.LEAVE_DEMO].triggered.connect(self.leave_demo)
        self.registry[Action.LEAVE_DEMO].setEnabled(ctx.demo)
        ctx.runner.changed.connect(self._on_changed)
        self.update_title()
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(MINIMUM_SIZE)  # app.run shows it maximized
        self.show_screen("home")

    @staticmethod
    def _scroller() -> QScrollArea:
        """A page of the stack: a screen larger than the window scrolls, never widens it."""
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        return page

    def _build_menus(self) -> None:
        bar = self.menuBar()
        book = bar.addMenu(_("&Book"))
        if self.ctx.demo:
            book.addAction(self.registry[Action.LEAVE_DEMO])
            book.addSeparator()
        book.addAction(self.registry[Action.SAVE])
        book.addAction(self.registry[Action.REFRESH])
        book.addAction(self.registry[Action.ABOUT])
        book.addSeparator()
        book.addAction(self.registry[Action.QUIT])
        go = bar.addMenu(_("&Go"))
        for action, _key in SCREENS:
            go.addAction(self.registry[action])
        record = bar.addMenu(_("&Record"))
        record.addAction(self.registry[Action.NEW_RECORD])
        record.addSeparator()
        for action in NEW_ACTIONS:
            record.addAction(self.registry[action])
        record.addSeparator()
        for action in ROW_ACTIONS:
            record.addAction(self.registry[action])
        record.addSeparator()
        record.addAction(self.registry[Action.FIND])

    # -- screens ------------------------------------------------------------------------

    def screen(self, key: str) -> WatchingView:
        """Return screen *key*, building it on its first visit."""
        if key not in self.screens:
            index = self._keys.index(key)
            widget = screen_class(key)(self.ctx)
            widget.setObjectName(f"screen_{key}")
            self.stack.widget(index).setWidget(widget)
            self.screens[key] = widget
        return self.screens[key]

    def show_screen(self, key: str) -> WatchingView:
        """Show screen *key* and select it in the sidebar.

        Leaving a screen with changes not saved asks first (coopdesk.gui.unsaved); on
        Cancel the screen shown stays, and is returned.
        """
        shown = self.current_key()
        if key != shown and shown in self.screens and not may_leave(self.screens[shown]):
            self._select_in_sidebar(shown)
            return self.screens[shown]
        widget = self.screen(key)
        row = self._keys.index(key)
        self.stack.setCurrentIndex(row)
        enable_for_screen(self.registry, widget)
        self._select_in_sidebar(key)
        return widget

    def go_to(self, key: str) -> WatchingView:
        """Show screen *key* from its shortcut (Ctrl+3…) and put the keyboard in it.

        The sidebar's own arrows keep the focus in the sidebar instead.
        """
        widget = self.show_screen(key)
        if self.current_key() == key:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return widget

    def _select_in_sidebar(self, key: str) -> None:
        row = self._keys.index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)

    def current_key(self) -> str:
        """Return the key of the screen shown."""
        return self._keys[self.stack.currentIndex()]

    def do_here(self, action: Action) -> None:
        """Do *action* on the screen shown, when that screen does it."""
        widget = self.screens.get(self.current_key())
        if widget is not None:
            widget.do(action)

    def new_in(self, key: str) -> None:
        """Go to screen *key* and open its new-record form."""
        widget = self.show_screen(key)
        if self.current_key() != key:  # she stayed to keep changes not saved
            return
        widget.do(Action.NEW_RECORD)

    def new_here(self) -> None:
        """Open the new-record form of the screen shown (when it has one)."""
        self.do_here(Action.NEW_RECORD)

    def find_here(self) -> None:
        """Put the cursor in the search box of the screen shown."""
        self.do_here(Action.FIND)

    def save_here(self) -> None:
        """Save the changes not saved yet on the screen shown (Ctrl+S), when it has any."""
        self.do_here(Action.SAVE)

    def refresh_here(self) -> None:
        """Reload the screen shown."""
        widget = self.screens.get(self.current_key())
        if widget is not None:
            widget.refresh()

    def show_about(self) -> None:
        """Show the program's name, version, purpose, credits and licences."""
        import html

        from PySide6.QtWidgets import QMessageBox

        from coopdesk.about import about_text

        text = about_text()
        body = "".join(f"<p>{html.escape(p)}</p>" for p in text.paragraphs())
        QMessageBox.about(self, _("About coopdesk"), f"<h3>{html.escape(text.title())}</h3>{body}")

    # -- title --------------------------------------------------------------------------

    def _on_changed(self, changes: OpChanges) -> None:
        if changes.touches(frozenset({Kind.SETTINGS})):
            self.update_title()

    def update_title(self) -> None:
        """Show the cooperative's name (and site) in the title bar."""
        settings = get_settings(self.ctx.book)
        title = f"{settings.display_name} — coopdesk"
        if settings.site:
            title = f"{settings.display_name} · {settings.site} — coopdesk"
        if self.ctx.demo:  # never mistaken for her own book
            title = _("DEMO") + " — " + title
        self.setWindowTitle(title)

    def leave_demo(self) -> None:
        """From the demo, close it and start again on her own book (the first run)."""
        from coopdesk.gui.restarting import leave_demo

        leave_demo(self)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Once the window is up, load the other screens' code (see coopdesk.gui.warmup)."""
        super().showEvent(event)
        if not self._warmup_started:
            self._warmup_started = True
            QTimer.singleShot(0, self, self._begin_warmup)

    def _begin_warmup(self) -> None:
        modules = [*dict.fromkeys(module for module, _c in SCREEN_CLASSES.values()),
                   *warmup.DIALOGS]
        started = warmup.start(modules, then=self._meet_engine)
        if started.done:
            self._prepare_screens()
        else:
            started.finished.connect(self._prepare_screens)

    def _meet_engine(self) -> None:
        if not self.ctx.runner.busy and self.isEnabled():  # else a job is using the connection
            self.ctx.book.meet_engine()

    def preparing(self) -> bool:
        """True while screens not visited yet are still to be prepared after the start."""
        return self._warmup_started and any(
            k not in self.screens and k not in self._unprepared for k in self._keys)

    def _prepare_screens(self) -> None:
        """Build and fill the screens not visited yet, one per idle moment.

        A click on the sidebar then only shows a screen that is ready (a change made
        meanwhile marks it stale, and it refreshes when shown, as after any visit).
        A screen that fails here is left for its visit, which shows the error.
        """
        pending = [k for k in self._keys if k not in self.screens and k not in self._unprepared]
        if not pending or self.ctx.book.closed:
            return
        if self.ctx.runner.busy or not self.isEnabled():  # a job uses the connection: later
            QTimer.singleShot(500, self, self._prepare_screens)
            return
        try:
            self.screen(pending[0]).refresh_if_stale()
        except Exception:  # noqa: BLE001 (its visit builds or refreshes it again and reports)
            self._unprepared.add(pending[0])
        QTimer.singleShot(0, self, self._prepare_screens)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Ask about changes not saved, then make the automatic backup copy before it goes.

        Cancel keeps the window open; the copy is made once (issue: never lose the book).
        """
        if not self.may_close():
            event.ignore()
            return
        if not self._backed_up_on_close:
            self._backed_up_on_close = True
            self.backup_on_close()
        super().closeEvent(event)

    def may_close(self) -> bool:
        """Ask about every screen's changes not saved (the one shown first); False on Cancel."""
        shown = self.current_key()
        order = [shown, *(k for k in self._keys if k != shown)]
        for key in order:
            if key in self.screens and not may_leave(self.screens[key]):
                if key != shown:
                    self.show_screen(key)  # she stays where the changes are
                return False
        return True

    def backup_on_close(self) -> list[tuple[bool, str]]:
        """Copy the book next to itself (and to the last stick); warn only about failures.

        The copy is made off the GUI thread behind a small progress dialog, and is
        finished before this returns (so before the program exits).
        """
        from coopdesk.gui.backup_jobs import backup_with_progress, warn_about_failures

        results = backup_with_progress(self, self.ctx)
        warn_about_failures(self, results)
        return results
