"""No network, ever: the main flows and every screen run with sockets blocked; nothing connects.

In-process, the CLI's own ``main()`` runs each command so the patched socket module
applies to everything it imports; a subprocess variant loads the same block through a
``sitecustomize.py`` on PYTHONPATH, so even code that runs before our imports is covered.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coopdesk import cli
from coopdesk.i18n import current_language, set_language

MONTH = "2022-10"

# What a program must call to reach another machine (or to look a name up first).
SOCKET_METHODS = ("connect", "connect_ex")
MODULE_FUNCTIONS = ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex")


@pytest.fixture
def attempts(monkeypatch):
    """Block every way to connect; yield the list of attempts (must stay empty)."""
    tried: list[str] = []

    def blocker(name):
        def refuse(*args, **kwargs):
            tried.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"coopdesk test: network use is forbidden ({name})")

        return refuse

    for method in SOCKET_METHODS:
        monkeypatch.setattr(socket.socket, method, blocker(f"socket.{method}"))
    for function in MODULE_FUNCTIONS:
        monkeypatch.setattr(socket, function, blocker(function))
    language = current_language()
    yield tried
    set_language(language)


def run(*args: str) -> int:
    """Run one CLI command in this process; return its exit code."""
    return cli.main([str(a) for a in args])


def commands() -> set[str]:
    """Return the names of the commands this coopdesk has."""
    return set(cli.build_parser()[1])


def test_the_block_catches_a_connection(attempts):
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
    assert len(attempts) == 2
    attempts.clear()


def test_open_record_and_read_a_book_offline(attempts, tmp_path):
    from coopdesk.services.book import Book
    from coopdesk.services.check import check_book
    from coopdesk.services.summary import month_summary
    from tests.small_book import fill_small_book

    book = Book.open_folder(tmp_path / "book")
    try:
        fill_small_book(book)  # members, workdays, payments, sales, purchases, expenses
        month_summary(book, 2022, 10)
        assert check_book(book).ok
    finally:
        book.close()
    assert attempts == []


def test_main_commands_offline(attempts, tmp_path):
    data = tmp_path / "book"
    available = commands()
    assert run("--data-dir", data, "demo") == 0
    assert run("--data-dir", data, "summary", "--month", MONTH, "--json") == 0
    assert run("--data-dir", data, "export", "sales", tmp_path / "ventas.csv") == 0
    assert run("--data-dir", data, "export", "members", tmp_path / "socias.xlsx") == 0
    if "statement" in available:
        out = tmp_path / "estado.pdf"
        assert run("--data-dir", data, "statement", "--month", MONTH, "--out", out) == 0
        assert out.read_bytes().startswith(b"%PDF-")
    if "receipt" in available:
        assert run("--data-dir", data, "receipt", "1", "--out", tmp_path / "recibo.pdf") == 0
    if "backup" in available:
        stick = tmp_path / "usb"
        stick.mkdir()
        assert run("--data-dir", data, "backup", "--to", stick) == 0
        copies = [p for p in stick.rglob("*") if p.is_file()]
        assert copies
        if "restore" in available:
            copy = max(copies, key=lambda p: p.stat().st_size)
            assert run("--data-dir", data, "restore", "--yes", copy) == 0
    assert run("--data-dir", data, "check") == 0
    assert attempts == []


SITECUSTOMIZE = textwrap.dedent(
    """
    # Loaded at interpreter start (PYTHONPATH): refuse and log any attempt to connect.
    import os
    import socket

    _LOG = os.environ["COOPDESK_NET_LOG"]

    def _blocker(name):
        def refuse(*args, **kwargs):
            with open(_LOG, "a", encoding="utf-8") as fh:
                fh.write(name + "\\n")
            raise OSError("network use is forbidden (" + name + ")")
        return refuse

    for _name in ("connect", "connect_ex"):
        setattr(socket.socket, _name, _blocker("socket." + _name))
    for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        setattr(socket, _name, _blocker(_name))
    """
)


@pytest.mark.slow
def test_commands_offline_in_a_fresh_interpreter(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
        "COOPDESK_NET_LOG": str(log),
        "COOPDESK_LANG": "en",
    }
    env.pop("COOPDESK_DATA_DIR", None)
    root = Path(__file__).resolve().parent.parent

    def python(*args):
        return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True,
                              env=env, cwd=root, timeout=300)

    probe = python("-c", "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)")
    assert probe.returncode != 0 and log.read_text() == "create_connection\n", probe.stderr
    log.unlink()

    data = tmp_path / "book"
    available = commands()
    steps = [["demo"], ["check"]]
    if "statement" in available:
        steps.insert(1, ["statement", "--month", MONTH, "--out", tmp_path / "estado.pdf"])
    if "backup" in available:
        (tmp_path / "usb").mkdir()
        steps.insert(-1, ["backup", "--to", tmp_path / "usb"])
    for step in steps:
        proc = python("-m", "coopdesk", "--data-dir", data, *step)
        assert proc.returncode == 0, (step, proc.stderr)
    assert not log.exists(), log.read_text()


def test_main_window_and_every_screen_offline(attempts, qtbot, demo_book):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.main_window import MainWindow
    from coopdesk.gui.operations import OperationRunner

    window = MainWindow(AppContext(book=demo_book, runner=OperationRunner()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for row in range(window.sidebar.count()):  # open every screen once
        window.sidebar.setCurrentRow(row)
        qtbot.wait(10)
    window.close()
    assert attempts == []
