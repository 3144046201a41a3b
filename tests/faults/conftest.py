"""Fault-injection tests compare against the English source sentences."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english():
    """Speak English whatever the catalog holds; restore the language afterwards."""
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)
