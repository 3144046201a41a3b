"""What a service declares it changes, and what one operation collects from its services."""

from __future__ import annotations

import pytest

from coopdesk.domain.changes import Kind, OpChanges, changes, collecting, declared_changes


@changes(Kind.SALES, Kind.PRODUCTS)
def _sell(refuse: bool = False) -> str:
    if refuse:
        raise ValueError("refused")
    return "sold"


@changes(Kind.PAYMENTS)
def _pay() -> str:
    return "paid"


def test_the_declaration_is_kept_on_the_function():
    assert declared_changes(_sell) == OpChanges(frozenset({Kind.SALES, Kind.PRODUCTS}))
    assert declared_changes(lambda: None) is None
    assert _sell.__name__ == "_sell"  # still the service, by its name


def test_one_operation_collects_every_service_it_called():
    with collecting() as declared:
        assert _sell() == "sold"
        assert _pay() == "paid"
    assert declared == {Kind.SALES, Kind.PRODUCTS, Kind.PAYMENTS}


def test_a_refused_call_declares_nothing():
    with collecting() as declared, pytest.raises(ValueError):
        _sell(refuse=True)
    assert declared == set()


def test_outside_an_operation_a_call_collects_nowhere():
    assert _pay() == "paid"
    with collecting() as declared:
        pass
    assert declared == set()  # the call before did not leak into this one


@pytest.mark.parametrize("kinds", [(), ("sales",), (Kind.SALES, "sales")])
def test_a_declaration_names_kinds_only(kinds):
    with pytest.raises(TypeError):
        changes(*kinds)


def test_a_whole_book_change_touches_every_screen():
    watched = frozenset({Kind.MEMBERS})
    assert OpChanges(frozenset({Kind.BOOK})).touches(watched)
    assert OpChanges(frozenset({Kind.MEMBERS, Kind.SALES})).touches(watched)
    assert not OpChanges(frozenset({Kind.SALES})).touches(watched)
    assert not OpChanges()
    assert OpChanges(frozenset({Kind.SALES})) | OpChanges(frozenset({Kind.MEMBERS})) == OpChanges(
        frozenset({Kind.SALES, Kind.MEMBERS}))
