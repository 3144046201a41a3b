"""The one settings store: known keys only, defaults, one audit event per change."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal as D

import pytest

from coopdesk.backup.keys import set_backup_settings
from coopdesk.domain.errors import InvalidInput
from coopdesk.services.costing import set_support
from coopdesk.services.settings import (
    read_setting,
    read_settings,
    update_settings,
    write_setting,
    write_settings,
)


def rows(book, sql, params=()):
    """Read the book file with the sqlite3 module itself, not with coopdesk."""
    book.close()
    conn = sqlite3.connect(book.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
        book.__init__(book.path)


# The audit keeps each value as JSON, and nothing ("") for a value that was not there.


def trail(book):
    return rows(book, "SELECT action, entity, entity_uuid, before, after FROM audit_event"
                      " WHERE entity = 'setting' ORDER BY id")


def settings_table(book):
    return rows(book, "SELECT key, value FROM setting ORDER BY key")


def test_each_change_is_written_with_one_event_holding_before_and_after(book):
    start = trail(book)
    update_settings(book, cooperative_name="Dulce Esperanza", receipt_series="002")
    update_settings(book, receipt_series="003")
    events = trail(book)[len(start):]
    assert events == [
        ("setting", "setting", "cooperative_name", "", json.dumps("Dulce Esperanza")),
        ("setting", "setting", "receipt_series", json.dumps("001"), json.dumps("002")),
        ("setting", "setting", "receipt_series", json.dumps("002"), json.dumps("003")),
    ]
    assert dict(settings_table(book))["receipt_series"] == "003"


def test_writing_the_value_already_kept_writes_and_audits_nothing(book):
    update_settings(book, place="Quillabamba")
    before = trail(book), settings_table(book)
    update_settings(book, place="Quillabamba")
    assert (trail(book), settings_table(book)) == before


@pytest.mark.parametrize("key", ["colour", "cooperative_nam", "workshop_hours_", "certificate_",
                                 "support_gas", "backup_password"])
def test_an_unknown_key_is_refused_and_nothing_is_written(book, key):
    before = trail(book), settings_table(book)
    with pytest.raises(InvalidInput) as refused, book.transaction() as session:
        write_settings(session, {"place": "Cusco", key: "1"})
    assert refused.value.message == f"No existe la opción de configuración “{key}”."
    with pytest.raises(InvalidInput) as again:
        update_settings(book, **{key: "1"})
    assert again.value.message == f"No existe la opción de configuración “{key}”."
    with book.read() as session, pytest.raises(InvalidInput):
        read_setting(session, key)
    assert (trail(book), settings_table(book)) == before


def test_a_setting_the_book_lacks_reads_as_its_default(book):
    assert ("place",) not in rows(book, "SELECT key FROM setting")
    with book.read() as session:
        assert read_setting(session, "place") == ""
        assert read_setting(session, "workshop_hours") == "4"
        assert read_setting(session, "rate_confirmed") == "no"
        assert read_setting(session, "workshop_hours_3") == ""
        assert read_settings(session)["receipt_series"] == "001"
    with book.transaction() as session:
        assert write_setting(session, "workshop_hours_3", "6") == {"workshop_hours_3": ""}
    with book.read() as session:
        assert read_settings(session, "workshop_hours") == {"workshop_hours": "4",
                                                             "workshop_hours_3": "6"}


def test_the_other_services_write_through_the_store_and_are_audited(book):
    start = len(trail(book))
    set_support(book, amounts={"support_water": D("40.00")}, included=True)
    set_support(book, amounts={"support_water": D("40.00")})  # no change: no event
    events = trail(book)[start:]
    assert [(e[2], e[3], e[4]) for e in events] == [
        ("support_water", "", json.dumps("40.00")),
        ("support_included", "", json.dumps("si")),
    ]


def test_the_backup_key_pair_is_one_event_that_never_holds_the_key(book):
    start = len(trail(book))
    set_backup_settings(book, passphrase="una frase larga", folder="/media/usb")
    set_backup_settings(book, passphrase="")
    events = trail(book)[start:]
    assert [(e[2], e[3], e[4]) for e in events] == [
        ("backup_key", "", json.dumps("set")),
        ("backup_folder", "", json.dumps("/media/usb")),
        ("backup_key", json.dumps("set"), ""),
    ]
    kept = dict(settings_table(book))
    assert kept["backup_recipient"] == kept["backup_identity"] == ""
