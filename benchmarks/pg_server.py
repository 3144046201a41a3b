"""A throwaway PostgreSQL server (Debian's 15) for the central book's tests and bench.

initdb refuses to run as root, so as root the server runs as the ``postgres`` user;
it listens on a unix socket in its temporary folder and a free local TCP port.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def throwaway_server():
    """Start a server; yield its base URL (no database name); stop and delete it after."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError("PostgreSQL 15 is not installed (apt-get install postgresql)")
    # In /tmp itself, not a test's own temporary folder: the server runs as the postgres
    # user, who cannot enter the test runner's private folders. Deleted when it stops.
    root = Path(tempfile.mkdtemp(prefix="coopdesk-pg-", dir="/tmp"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        os.chmod(root, 0o755)
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    subprocess.run(_as_server_user([str(PG_BIN / "initdb"), "-D", str(data), "-U", user,
                                    "-A", "trust", "-E", "UTF8", "--no-locale"]),
                   check=True, capture_output=True)
    port = _free_port()
    subprocess.run(_as_server_user([
        str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
        f"-k {sock} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql://{user}@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast",
                                        "-w", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def new_database(server: str, name: str) -> str:
    """Create the database *name* on *server*; return its URL."""
    import psycopg

    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"
