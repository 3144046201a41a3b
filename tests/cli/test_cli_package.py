"""The command line's shape: groups registered by name, help in Spanish, mistakes as refusals."""

from __future__ import annotations

import argparse
import json
import os
import re
from decimal import Decimal

import pytest

from coopdesk import cli
from tests.conftest import run_cli


def spanish(*args, data_dir=None):
    return run_cli(*args, data_dir=data_dir, env={"COOPDESK_LANG": "es"})


def test_every_group_is_listed_and_every_command_has_one_handler():
    parser, handlers = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(handlers)
    assert {"demo", "import", "export", "summary", "check", "statement", "report", "receipt",
            "payment-receipt", "workday-sheet", "attendance-sheet", "days-worked",
            "certificate", "distribution", "costing", "padron", "contributions",
            "contribution-receipt", "registers", "void-contribution", "backup", "restore",
            "site-key", "send", "ack", "central", "funds", "fund-rule", "fund-entry",
            "workshop-cost", "void-fund-movement", "assembly", "void-assembly",
            "assembly-rules", "actas", "approve-distribution", "member-exit",
            "cooperative"} == set(handlers)
    assert [g.__name__ for g in cli.GROUPS] == [
        "coopdesk.cli.book", "coopdesk.cli.paper", "coopdesk.cli.coop", "coopdesk.cli.funds",
        "coopdesk.cli.assembly",
        "coopdesk.cli.backup",
        "coopdesk.cli.delivery", "coopdesk.cli.central"]


def test_every_command_and_argument_is_described():
    parser, _handlers = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    undescribed = []
    for name, command in sub.choices.items():
        if not command.description:
            undescribed.append(name)
        undescribed += [f"{name} {a.dest}" for a in command._actions
                        if not a.help or a.help == argparse.SUPPRESS]
    helps = {choice.dest: choice.help for choice in sub._choices_actions}
    undescribed += [name for name in sub.choices if not helps.get(name)]
    assert undescribed == []


def test_the_help_is_spanish_through_and_through():
    out = spanish("--help")
    assert out.returncode == 0
    assert out.stdout.startswith("uso: coopdesk [-h] [--data-dir DIR] [--version] COMMAND ...")
    assert "\nopciones:\n" in out.stdout and "\ncomandos:\n" in out.stdout
    assert re.search(r"\n  -h, --help +mostrar esta ayuda y salir\n", out.stdout)
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out.stdout
    out = spanish("statement", "--help")
    assert out.stdout.startswith("uso: coopdesk statement [-h] --month YYYY-MM [--member CODE]"
                                 " --out FILE.pdf\n")
    assert "estados de cuenta de las socias de un mes, en PDF" in out.stdout
    assert "\n  --month YYYY-MM  el mes, por ejemplo 2022-10\n" in out.stdout
    assert "\n  --force          reemplazar el archivo si ya existe\n" in out.stdout


@pytest.mark.parametrize("command", ["import", "export"])
def test_the_kinds_and_their_columns_are_in_the_help(command):
    out = spanish(command, "--help")
    assert out.returncode == 0
    assert "tipos (KIND) y las columnas de la primera fila del archivo:" in out.stdout
    # The columns of docs/interchange.md, written out here.
    assert "  workdays    codigo_socia, fecha, linea, fraccion, nota\n" in out.stdout
    assert "  payments    codigo_socia, fecha, monto, nota\n" in out.stdout
    assert "  funds       fondo, fecha, tipo, monto, nota\n" in out.stdout
    kinds = re.findall(r"^  ([a-z]+) {2,}", out.stdout.split("primera fila del archivo:")[1],
                       flags=re.M)
    assert kinds == ["members", "rates", "workdays", "attendance", "purchases", "sales",
                     "payments", "expenses", "shares", "funds"]


def test_a_missing_argument_is_a_spanish_refusal_and_nothing_is_created(tmp_path):
    folder = tmp_path / "libro"
    out = spanish("summary", data_dir=folder)
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "uso: coopdesk summary [-h] --month YYYY-MM [--json]",
        "coopdesk summary: error: faltan estos argumentos, que son obligatorios: --month",
        "Escriba «coopdesk summary --help» para ver cómo se usa.",
    ]
    assert out.stdout == "" and not folder.exists()


@pytest.mark.parametrize("args, message", [
    (["frob"], "coopdesk: error: argumento COMMAND: opción no válida: 'frob' (elija entre "),
    (["check", "--everything"], "coopdesk: error: argumentos desconocidos: --everything"),
    (["summary", "--month"], "coopdesk summary: error: argumento --month: espera un valor"),
])
def test_usage_mistakes_exit_1_with_one_spanish_sentence(tmp_path, args, message):
    folder = tmp_path / "libro"
    out = spanish(*args, data_dir=folder)
    assert out.returncode == 1
    assert out.stderr.splitlines()[1].startswith(message)
    assert "Traceback" not in out.stderr and not folder.exists()


def test_english_is_argparse_s_own_text(tmp_path):
    out = run_cli("summary", data_dir=tmp_path / "book", env={"COOPDESK_LANG": "en"})
    assert out.returncode == 1
    assert out.stderr.splitlines()[1] == (
        "coopdesk summary: error: the following arguments are required: --month")


def test_parsing_leaves_argparse_as_it_was():
    before = argparse._
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert argparse._ is before


def _money(text: str) -> str:
    value = Decimal(text)
    return ("−" if value < 0 else "") + f"S/\xa0{abs(value):,.2f}"


def _days(text: str) -> str:
    return f"{Decimal(text).normalize():f}"


def test_summary_without_json_is_a_table_of_the_same_figures(demo_dir):
    as_json = json.loads(run_cli("summary", "--month", "2022-10", "--json",
                                 data_dir=demo_dir).stdout)
    out = spanish("summary", "--month", "2022-10", data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Resumen de octubre de 2022"
    assert re.fullmatch(r"Ganado por las socias +" + re.escape(_money(as_json["labor"]["earned"])),
                        lines[3])
    assert re.fullmatch(r"Resultado \(ventas − compras − gastos − jornales\) +"
                        + re.escape(_money(as_json["result"])),
                        next(line for line in lines if line.startswith("Resultado")))
    attendance = "   ".join(f"{n}: {c}" for n, c in as_json["attendance"].items())
    assert "  " + attendance in lines
    # Totals right-aligned in one column; one row per member, in the JSON's order.
    totals = lines[2:lines.index("", 2)]
    assert len({len(line) for line in totals}) == 1
    header = lines.index(next(line for line in lines if line.startswith("Socia ")))
    rows = lines[header + 2:]
    assert len(rows) == len(as_json["members"])
    for row, member in zip(rows, as_json["members"]):
        assert row.split()[0] == member["code"]
        cells = re.split(r" {2,}", row.strip())
        assert cells[1:] == [_days(member["workdays"]),
                             *(_money(member[k]) for k in ("earned", "paid", "opening_balance",
                                                           "closing_balance"))]


def test_summary_json_is_unchanged(demo_dir):
    out = run_cli("summary", "--month", "2022-10", "--json", data_dir=demo_dir)
    assert out.returncode == 0
    assert out.stdout.startswith('{\n  "month": "2022-10",\n  "currency": "PEN",\n')


def test_no_module_registers_commands_by_being_imported():
    """reports/ and backup/ know nothing of the command line (the layers contract holds it)."""
    import pathlib

    root = pathlib.Path(cli.__file__).parent.parent
    for package in ("reports", "backup", "services", "db", "domain"):
        for module in (root / package).rglob("*.py"):
            assert "coopdesk.cli" not in module.read_text(encoding="utf-8"), module
    assert not (root / "cli.py").exists()
    assert os.path.isdir(root / "cli")
