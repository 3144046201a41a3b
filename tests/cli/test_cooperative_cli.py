"""`coopdesk cooperative`: the letterhead a book kept from the command line prints.

Without it such a book's papers say only "Cooperativa" ("La cooperativa Cooperativa
hace constar…"). Each refusal is the crafted call itself: the Spanish sentence, and
the book unchanged to the byte.
"""

from __future__ import annotations

import hashlib
import subprocess

import pytest

from tests.conftest import run_cli

ES = {"COOPDESK_LANG": "es"}


def digest(folder) -> str:
    return "".join(hashlib.sha1(p.read_bytes()).hexdigest()
                   for p in sorted(folder.iterdir())
                   if p.is_file() and not p.name.endswith("-shm"))


def shown(done) -> dict[str, str]:
    return dict(line.split(": ", 1) if ": " in line else (line.rstrip(":"), "")
                for line in done.stdout.splitlines())


def test_the_letterhead_is_shown_changed_and_printed(tmp_path):
    book = tmp_path / "libro"
    first = run_cli("cooperative", data_dir=book, env=ES)
    assert first.returncode == 0, first.stderr
    assert shown(first) == {"name": "", "site": "", "institution": "", "place": "",
                            "ruc": ""}
    done = run_cli("cooperative", "--name", "Warmi Kallpa", "--place", "Quillabamba",
                   "--institution", "INPE", "--ruc", "20600000005", data_dir=book, env=ES)
    assert done.returncode == 0, done.stderr
    assert shown(done) == {"name": "Warmi Kallpa", "site": "", "institution": "INPE",
                           "place": "Quillabamba", "ruc": "20600000005"}
    # A later call with one flag changes only that one.
    done = run_cli("cooperative", "--site", "Penal de Quillabamba", data_dir=book, env=ES)
    assert shown(done)["name"] == "Warmi Kallpa"
    assert shown(done)["site"] == "Penal de Quillabamba"
    out = tmp_path / "padron.pdf"
    assert run_cli("padron", "--out", out, data_dir=book, env=ES).returncode == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Warmi Kallpa" in text and "Penal de Quillabamba · INPE" in text


@pytest.mark.parametrize(("flags", "sentence"), [
    (["--ruc", "123"], "El RUC tiene 11 dígitos, p. ej. 20123456789; “123” no."),
    (["--name", "Warmi", "--ruc", "20600000001"],
     "El RUC 20600000001 no es válido: su último dígito debería ser 5. Compruébelo con la"
     " ficha RUC de la SUNAT."),
    (["--name", "Warmi\u202eKallpa"],
     "El nombre tiene un carácter invisible que cambia cómo se muestra el texto (U+202E);"
     " escríbalo de nuevo sin él."),
    (["--name", "x" * 201], "El nombre tiene demasiados caracteres (201); use 200 como máximo."),
])
def test_a_bad_value_changes_nothing(tmp_path, flags, sentence):
    book = tmp_path / "libro"
    assert run_cli("cooperative", "--name", "Dulce Esperanza", data_dir=book,
                   env=ES).returncode == 0
    before = digest(book)
    done = run_cli("cooperative", *flags, data_dir=book, env=ES)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    if sentence is not None:
        assert done.stderr.strip().endswith(sentence), done.stderr
    else:
        assert done.stderr.strip(), "a refusal says why"
    assert digest(book) == before
    assert shown(run_cli("cooperative", data_dir=book, env=ES))["name"] == "Dulce Esperanza"
