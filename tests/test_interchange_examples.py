"""docs/interchange.md stays exact: every `console` example in it is run and compared.

The rules of the examples are on that page ("Examples"): a new folder per block, written
DIR in the output; `COOPDESK_DATA_DIR=DIR/libro`, English; `# on the demo book` first
copies the demo; `...` for any lines or any text; `[exit N]` for the exit code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "docs" / "interchange.md"
DEMO_MARK = "# on the demo book"


@dataclass
class Step:
    command: str
    expected: list[str] = field(default_factory=list)
    exit_code: int = 0


@dataclass
class Example:
    line: int  # where the block starts in the page, to name it
    on_demo: bool
    steps: list[Step]


def examples() -> list[Example]:
    """Return the page's console blocks as commands with what they print."""
    found = []
    lines = CONTRACT.read_text(encoding="utf-8").splitlines()
    n = 0
    while n < len(lines):
        if lines[n].strip() != "```console":
            n += 1
            continue
        start, n = n + 1, n + 1
        block = []
        while lines[n].strip() != "```":
            block.append(lines[n])
            n += 1
        on_demo = bool(block) and block[0] == DEMO_MARK
        steps: list[Step] = []
        for text in block[1:] if on_demo else block:
            if text.startswith("$ "):
                steps.append(Step(text[2:]))
            elif (code := re.fullmatch(r"\[exit (\d+)\]", text)) is not None:
                steps[-1].exit_code = int(code.group(1))
            else:
                steps[-1].expected.append(text)
        found.append(Example(start, on_demo, steps))
    return found


def pattern(expected: list[str]) -> re.Pattern:
    """A line `...` matches any lines; `...` within a line matches any text on it."""
    parts = []
    for line in expected:
        if line == "...":
            parts.append(r"(?:[^\n]*\n)*")
        else:
            parts.append(re.escape(line).replace(re.escape("..."), r"[^\n]*") + r"\n")
    return re.compile("".join(parts))


EXAMPLES = examples()


def test_the_page_has_examples_of_each_kind():
    assert len(EXAMPLES) >= 3
    assert any(e.on_demo for e in EXAMPLES)
    commands = {s.command.split()[1] for e in EXAMPLES for s in e.steps
                if s.command.startswith("coopdesk ")}
    assert {"import", "export", "summary", "check", "statement", "backup",
            "restore"} <= commands


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"line-{e.line}" for e in EXAMPLES])
def test_example(example, tmp_path, request):
    folder = tmp_path / "DIR"
    folder.mkdir()
    if example.on_demo:
        (folder / "libro").mkdir()
        shutil.copy2(request.getfixturevalue("demo_book_file"), folder / "libro")
    shims = tmp_path / "bin"  # `coopdesk` is this Python's coopdesk, whatever PATH holds
    shims.mkdir()
    (shims / "coopdesk").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m coopdesk "$@"\n')
    (shims / "coopdesk").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOPDESK_")}
    env.update(PATH=f"{shims}{os.pathsep}{env.get('PATH', '')}", PYTHONUNBUFFERED="1",
               COOPDESK_DATA_DIR=str(folder / "libro"), COOPDESK_LANG="en",
               PYTHONPATH=str(ROOT))
    for step in example.steps:
        done = subprocess.run(["bash", "-c", step.command], cwd=folder, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=120)
        shown = done.stdout.replace(str(folder), "DIR").replace("\xa0", " ")
        where = f"docs/interchange.md:{example.line}: $ {step.command}"
        assert done.returncode == step.exit_code, f"{where}\n{shown}"
        assert pattern(step.expected).fullmatch(shown), (
            f"{where}\nthe page says:\n" + "\n".join(step.expected) + f"\ncoopdesk says:\n{shown}")
