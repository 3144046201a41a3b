"""Deliveries and acknowledgements through the command line, and every refusal by its attack.

Each refusal asserts the exact sentence and that the central book (or the site's state)
did not change.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import psycopg
import pytest

from coopdesk.db.ledger import GENESIS
from tests.conftest import run_cli


def central(url, *args):
    return run_cli("central", "--db", url, *args)


def state(url) -> tuple:
    """Everything the central book holds, to compare before and after an attack."""
    with psycopg.connect(url) as conn:
        return (conn.execute("SELECT site_id, last_seq, head FROM site ORDER BY 1").fetchall(),
                conn.execute("SELECT count(*), coalesce(sum(seq), 0) FROM record").fetchone(),
                conn.execute("SELECT count(*) FROM delivery").fetchone())


def add_workday(folder: Path, day: dt.date, code: str = "S01") -> None:
    from coopdesk.services.book import Book
    from coopdesk.services.work import record_workday

    with Book.open_folder(folder) as book:
        record_workday(book, code=code, day=day, line="chocolate")


@pytest.fixture
def enrolled(demo_dir, central_url, tmp_path):
    """The demo site enrolled in an initialised central book: (url, book folder, stick)."""
    stick = tmp_path / "stick"
    stick.mkdir()
    assert central(central_url, "init").returncode == 0
    out = run_cli("site-key", "--out", stick / "demo.sitio", data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    enrol = central(central_url, "enrol", stick / "demo.sitio")
    assert enrol.returncode == 0, enrol.stderr
    return central_url, demo_dir, stick


def send(folder, stick) -> Path:
    out = run_cli("send", "--to", stick, data_dir=folder)
    assert out.returncode == 0, out.stderr
    return Path(out.stdout.strip())


def test_deliver_ingest_acknowledge_then_only_what_is_new(enrolled):
    url, folder, stick = enrolled
    first = send(folder, stick)
    assert first.name.endswith(".entrega") and first.parent == stick
    header = json.loads(first.read_bytes().split(b"\n", 1)[0])
    assert header["first"] == 1 and header["head_before"] == GENESIS
    out = central(url, "ingest", first, "--ack-dir", stick)
    assert out.returncode == 0, out.stderr
    assert f"seals 1 to {header['last']} of the site Dulce Esperanza received." in out.stdout
    [ack] = stick.glob("*.acuse")
    taken = run_cli("ack", ack, data_dir=folder)
    assert taken.returncode == 0, taken.stderr
    assert f"up to seal {header['last']}" in taken.stdout
    assert run_cli("ack", ack, data_dir=folder).stdout.startswith(
        "This acknowledgement was already taken")
    nothing = run_cli("send", "--to", stick, data_dir=folder)
    assert nothing.stdout.strip() == ("Nothing to deliver: the programme already acknowledged"
                                      " the whole book.")
    add_workday(folder, dt.date(2024, 3, 4))
    second = send(folder, stick)
    assert second != first
    # after the acknowledgement the delivery is age-encrypted to the programme's key
    assert second.read_bytes().startswith(b"age-encryption.org/")
    assert second.stat().st_size < first.stat().st_size / 50
    before = state(url)
    out = central(url, "ingest", second)
    assert out.returncode == 0, out.stderr
    after = state(url)
    assert after[0][0][1] > before[0][0][1] and after[2][0] == before[2][0] + 1
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM record WHERE entity = 'workday'"
                            " AND data->>'day' = '2024-03-04'").fetchone()[0] == 1


def test_ingesting_again_changes_nothing_and_says_so(enrolled):
    url, folder, stick = enrolled
    path = send(folder, stick)
    assert central(url, "ingest", path).returncode == 0
    before = state(url)
    again = central(url, "ingest", path)
    assert again.returncode == 0
    assert "already received (site Dulce Esperanza" in again.stdout
    assert "nothing changed." in again.stdout
    assert state(url) == before


def test_a_dry_run_checks_and_writes_nothing(enrolled):
    url, folder, stick = enrolled
    path = send(folder, stick)
    before = state(url)
    out = central(url, "ingest", "--dry-run", path)
    assert out.returncode == 0, out.stderr
    assert "(dry run, nothing written)" in out.stdout
    assert state(url) == before


def _tamper(path: Path, change) -> None:
    lines = path.read_bytes().split(b"\n")
    change(lines)
    path.write_bytes(b"\n".join(lines))


def damaged(path: Path) -> str:
    return (f"{path.name} is damaged or was altered (its signature or its hash chain does not"
            " verify). Nothing was written; ask the site for a new delivery.")


@pytest.mark.parametrize("attack", ["value", "cut", "signature", "seal dropped", "header"])
def test_a_damaged_delivery_writes_nothing(enrolled, attack):
    url, folder, stick = enrolled
    path = send(folder, stick)

    def value(lines):  # one céntimo more on a payment, its seal left as it was
        i = next(i for i, line in enumerate(lines) if b'"table":"member_payment"' in line
                 and b'"amount":' in line)
        d = json.loads(lines[i])
        d["values"]["amount"] += 1
        lines[i] = json.dumps(d, separators=(",", ":"), sort_keys=True).encode()

    def signature(lines):  # a whole delivery re-signed by a key that is not the site's
        from coopdesk.exchange import keys

        body = b"".join(line + b"\n" for line in lines[:-2])
        digest = keys.new_digest()
        digest.update(body)
        other = keys.new_private_key()
        lines[-2] = json.dumps({"sha256": digest.hexdigest(), "signature": keys.sign(
            other, "entrega", digest.digest())}).encode()

    changes = {
        "value": value,
        "cut": lambda lines: lines.__delitem__(slice(len(lines) // 2, None)),
        "signature": signature,
        "seal dropped": lambda lines: lines.pop(5),
        "header": lambda lines: lines.__setitem__(0, lines[0].replace(b'"first":1', b'"first":0')),
    }
    _tamper(path, changes[attack])
    before = state(url)
    out = central(url, "ingest", path)
    assert out.returncode == 1
    assert out.stderr.strip() == damaged(path)
    assert state(url) == before


def test_a_gap_is_refused_naming_the_site_and_the_missing_seals(enrolled, central_url, tmp_path):
    url, folder, stick = enrolled
    first = send(folder, stick)
    last = json.loads(first.read_bytes().split(b"\n", 1)[0])["last"]
    out = central(url, "ingest", first, "--ack-dir", stick)
    assert out.returncode == 0, out.stderr
    assert run_cli("ack", next(stick.glob("*.acuse")), data_dir=folder).returncode == 0
    add_workday(folder, dt.date(2024, 3, 4))
    second = send(folder, stick)
    # a second programme office that never received the first delivery
    other = central_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(other, autocommit=True) as conn:
        conn.execute('CREATE DATABASE "gap_test"')
    try:
        gap = other.rsplit("/", 1)[0] + "/gap_test"
        central(gap, "init")
        central(gap, "enrol", stick / "demo.sitio")
        with psycopg.connect(url) as conn:  # the first programme's age key, for this test
            row = conn.execute("SELECT * FROM programme").fetchone()
        with psycopg.connect(gap) as conn:
            conn.execute("DELETE FROM programme")
            conn.execute("INSERT INTO programme VALUES (%s, %s, %s, %s, %s, %s)", row)
        before = state(gap)
        out = run_cli("central", "--db", gap, "ingest", second, env={"COOPDESK_LANG": "es"})
        assert out.returncode == 1
        site = json.loads((stick / "demo.sitio").read_text())["site"]
        assert out.stderr.strip() == (
            f"{second.name} del sitio {site} (Dulce Esperanza) empieza en el sello {last + 1},"
            f" pero el libro central solo lo tiene hasta el sello 0: faltan los sellos 1 a"
            f" {last}. No se escribió nada; ingrese primero la entrega que falta.")
        assert state(gap) == before
    finally:
        with psycopg.connect(other, autocommit=True) as conn:
            conn.execute('DROP DATABASE "gap_test" WITH (FORCE)')


def test_a_fork_is_refused(enrolled, tmp_path):
    url, folder, stick = enrolled
    older = tmp_path / "older"
    shutil.copytree(folder, older)  # the same site, restored later from an older copy
    add_workday(folder, dt.date(2024, 3, 4), "S01")
    assert central(url, "ingest", send(folder, stick)).returncode == 0
    add_workday(older, dt.date(2024, 3, 5), "S02")
    forked = send(older, stick)
    before = state(url)
    out = central(url, "ingest", forked)
    assert out.returncode == 1
    assert "does not continue the history the central book holds up to seal" in out.stderr
    assert "(a fork). Nothing was written." in out.stderr
    assert state(url) == before


def test_an_unknown_site_is_refused(central_url, second_dir, tmp_path):
    central(central_url, "init")
    stick = tmp_path
    path = send(second_dir, stick)
    out = central(central_url, "ingest", path)
    assert out.returncode == 1
    assert "comes from the site" in out.stderr and "(Manos de Cacao), which is not enrolled" in (
        out.stderr)
    assert state(central_url)[1] == (0, 0)


def test_re_enrolling_a_site_with_another_key_is_refused(enrolled, tmp_path):
    url, folder, stick = enrolled
    (folder / "firma-del-sitio.key").unlink()  # a new key for the same site
    run_cli("site-key", "--out", tmp_path / "again.sitio", data_dir=folder)
    before = state(url)
    out = central(url, "enrol", tmp_path / "again.sitio")
    assert out.returncode == 1
    assert "is already enrolled with another key; a different key for the same site is refused." \
        in out.stderr
    assert state(url) == before


def test_the_site_key_stays_in_the_book_folder_and_out_of_deliveries(enrolled):
    url, folder, stick = enrolled
    key = folder / "firma-del-sitio.key"
    assert key.stat().st_mode & 0o777 == 0o600
    secret = key.read_bytes().split(b"\n")[1]
    path = send(folder, stick)
    assert secret not in path.read_bytes()
    assert secret not in (stick / "demo.sitio").read_bytes()


def test_an_acknowledgement_for_another_site_or_history_is_refused(enrolled, second_dir,
                                                                   tmp_path):
    url, folder, stick = enrolled
    assert central(url, "ingest", send(folder, stick), "--ack-dir", stick).returncode == 0
    [ack] = stick.glob("*.acuse")
    out = run_cli("ack", ack, data_dir=second_dir)
    assert out.returncode == 1
    assert "acknowledges another site" in out.stderr and "Nothing was changed." in out.stderr
    assert not (second_dir / "entregas.json").exists()
    # a forged acknowledgement: the body edited, the signature left as it was
    forged = tmp_path / "forged.acuse"
    forged.write_bytes(ack.read_bytes().replace(b'"last":', b'"last":1', 1))
    out = run_cli("ack", forged, data_dir=folder)
    assert out.returncode == 1
    assert out.stderr.strip() == ("forged.acuse is not a whole acknowledgement signed by the"
                                  " programme (damaged or not an .acuse file). Nothing was"
                                  " changed.")
    assert json.loads((folder / "entregas.json").read_text())["acked_seq"] == 0


def test_an_acknowledgement_from_another_programme_key_is_refused(enrolled, pg_server, tmp_path):
    from benchmarks.pg_server import new_database

    url, folder, stick = enrolled
    first = send(folder, stick)
    assert central(url, "ingest", first, "--ack-dir", stick).returncode == 0
    [ack] = stick.glob("*.acuse")
    assert run_cli("ack", ack, data_dir=folder).returncode == 0
    pinned = json.loads((folder / "entregas.json").read_text())
    # another office (its own keys) acknowledges the same delivery
    other = new_database(pg_server, "other_programme")
    central(other, "init")
    central(other, "enrol", stick / "demo.sitio")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with psycopg.connect(url) as conn:  # it can read the encrypted delivery only with our key
        row = conn.execute("SELECT age_identity, age_recipient FROM programme").fetchone()
    with psycopg.connect(other) as conn:
        conn.execute("UPDATE programme SET age_identity = %s, age_recipient = %s", row)
    assert central(other, "ingest", first, "--ack-dir", elsewhere).returncode == 0
    [foreign] = elsewhere.glob("*.acuse")
    out = run_cli("ack", foreign, data_dir=folder)
    assert out.returncode == 1
    assert out.stderr.strip() == (f"{foreign.name} is signed by a programme key other than the"
                                  " one of the earlier acknowledgements. Nothing was changed.")
    assert json.loads((folder / "entregas.json").read_text()) == pinned


def test_records_of_another_site_in_a_delivery_are_refused(enrolled):
    """Signed by the enrolled site, chain recomputed: but the rows say another site made them."""
    from coopdesk.db.ledger import link_hash
    from coopdesk.exchange import keys
    from coopdesk.exchange.records import row_content

    url, folder, stick = enrolled
    path = send(folder, stick)
    lines = path.read_bytes().split(b"\n")[:-2]
    header = json.loads(lines[0])
    chain, body = header["head_before"], []
    for raw in lines[1:]:
        d = json.loads(raw)
        if d["values"] and d["values"].get("site_id"):
            d["values"]["site_id"] = "another-site"
            d["content"] = row_content(d["table"], d["values"], d["uuid"])
        chain = d["chain"] = link_hash(chain, d["table"], d["id"], d["content"], d["uuid"])
        body.append(json.dumps(d, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
    header["head_after"] = chain
    text = "".join(line + "\n" for line in [json.dumps(
        header, ensure_ascii=False, separators=(",", ":"), sort_keys=True), *body]).encode()
    digest = keys.new_digest()
    digest.update(text)
    site_key = keys.site_key(folder)  # the enrolled site's own key signs it
    signature = keys.sign(site_key, "entrega", digest.digest())
    path.write_bytes(text + json.dumps({"sha256": digest.hexdigest(),
                                        "signature": signature}).encode() + b"\n")
    before = state(url)
    out = central(url, "ingest", path)
    assert out.returncode == 1
    assert out.stderr.strip() == damaged(path)
    assert state(url) == before
