"""`coopdesk summary | head`: the reader leaving early is not an error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("args", [
    ["summary", "--month", "2022-10"],
    ["summary", "--month", "2022-10", "--json"],
    ["check"],
    ["--help"],
    ["import", "--help"],
], ids=" ".join)
def test_a_reader_that_leaves_at_once_gets_a_quiet_exit(demo_dir, args):
    env = {**os.environ, "COOPDESK_LANG": "es"}
    cmd = [sys.executable, "-m", "coopdesk", "--data-dir", str(demo_dir), *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=ROOT, stdin=subprocess.DEVNULL)
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode("utf-8")
    assert (proc.wait(timeout=120), err) == (0, "")


def test_summary_piped_into_head_prints_its_first_line_and_nothing_else(demo_dir):
    shell = (f'"{sys.executable}" -m coopdesk --data-dir "{demo_dir}" summary --month 2022-10'
             " | head -n 1")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "COOPDESK_LANG": "es"})
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "Resumen de octubre de 2022\n", "")
