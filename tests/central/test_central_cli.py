"""``coopdesk central``: where the book is, and a database that is not one yet."""

from __future__ import annotations

from tests.conftest import run_cli


def test_without_a_url_it_says_how_to_give_one():
    out = run_cli("central", "summary", "--month", "2022-01", "--json",
                  env={"COOPDESK_CENTRAL_DB": ""})
    assert out.returncode == 1
    assert out.stderr.strip() == ("Say which central book to use: --db postgresql://user@host:"
                                  "port/db (or the COOPDESK_CENTRAL_DB variable).")


def test_a_database_not_prepared_is_refused_and_init_is_said_once(central_url):
    out = run_cli("central", "summary", "--month", "2022-01", "--json",
                  env={"COOPDESK_CENTRAL_DB": central_url})
    assert out.returncode == 1
    assert out.stderr.strip() == ("This database is not a central book yet: run coopdesk"
                                  " central init first.")
    assert run_cli("central", "--db", central_url, "init").stdout.strip() == (
        "The central book is ready.")
    again = run_cli("central", "--db", central_url, "init")
    assert again.stdout.strip() == ("The central book was already prepared; its keys are"
                                    " unchanged.")
    empty = run_cli("central", "--db", central_url, "summary", "--month", "2022-01", "--json")
    assert empty.returncode == 0
    assert '"sites": []' in empty.stdout


def test_an_unreachable_server_is_a_sentence_not_a_traceback():
    out = run_cli("central", "--db", "postgresql://nobody@127.0.0.1:1/none", "init")
    assert out.returncode == 1
    assert out.stderr.startswith("The central book at 127.0.0.1:1/none cannot be reached (")
    assert "Traceback" not in out.stderr
