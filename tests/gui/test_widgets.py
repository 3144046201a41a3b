import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.formats import money
from coopdesk.gui.widgets.money_edit import DecimalEdit, MoneyEdit
from coopdesk.gui.widgets.month_filter import MonthFilter
from coopdesk.gui.widgets.search_box import SearchBox
from coopdesk.i18n import _


@pytest.mark.parametrize(
    "typed, expected",
    [("8.50", Decimal("8.50")), ("1234.5", Decimal("1234.50")), ("12", Decimal("12.00"))],
)
def test_money_edit_reads_decimals(qtbot, typed, expected):
    edit = MoneyEdit(_("the amount"))
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    assert edit.value() == expected
    assert isinstance(edit.value(), Decimal)
    assert edit.error() == ""


@pytest.mark.parametrize("typed", ["S/ 12", "1.234,50", "-5", "abc", "0", "1.234"])
def test_money_edit_refuses_with_a_sentence(qtbot, typed):
    edit = MoneyEdit(_("the amount"))
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    assert edit.value() is None
    assert edit.error().endswith(".")
    assert len(edit.error()) > 20


def test_money_edit_empty(qtbot):
    edit = MoneyEdit(_("the amount"))
    qtbot.addWidget(edit)
    assert edit.value() is None
    assert edit.error() == _("Write {what}; it is empty.").format(what=_("the amount"))


def test_unit_price_allows_four_decimals_and_zero(qtbot):
    edit = DecimalEdit(_("the unit price"), "unit_price")
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "0.1234")
    assert edit.value() == Decimal("0.1234")
    edit.setText("0")
    assert edit.value() == Decimal("0.0000")


def test_date_edit_shows_peruvian_dates(qtbot):
    edit = DateEdit(dt.date(2022, 10, 3))
    qtbot.addWidget(edit)
    assert edit.displayFormat() == "dd/MM/yyyy"
    assert edit.text() == "03/10/2022"
    edit.setDate(QDate(2022, 2, 28))
    assert edit.day() == dt.date(2022, 2, 28)


def test_money_format_is_peruvian():
    assert money(Decimal("1234.5")) == "S/\xa01,234.50"


def test_month_filter_offers_every_month_of_the_span(qtbot):
    months = []
    widget = MonthFilter()
    qtbot.addWidget(widget)
    widget.monthChanged.connect(months.append)
    widget.set_span((dt.date(2022, 1, 4), dt.date(2022, 12, 31)), today=dt.date(2023, 2, 10))
    assert widget.count() == 1 + 14  # all months + Jan 2022 … Feb 2023
    assert widget.month() is None
    widget.set_month((2022, 10))
    assert widget.month() == (2022, 10)
    assert months[-1] == (2022, 10)


def test_search_box_waits_for_a_pause(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.searchChanged, timeout=2000) as blocker:
        qtbot.keyClicks(box, "Rosa")
    assert blocker.args == ["Rosa"]
    with qtbot.waitSignal(box.searchChanged, timeout=200) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert blocker.args == ["Rosa"]


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_sentence_follows_the_language(qtbot, language):
    from coopdesk.i18n import current_language, set_language

    before = current_language()
    set_language(language)
    try:
        edit = MoneyEdit(_("the amount"))
        qtbot.addWidget(edit)
        qtbot.keyClicks(edit, "abc")
        hint = _("write only the number, without letters or the S/ sign, e.g. 8.50")
        expected = _("{what} “{text}” is not a number: {hint}.").format(
            what=_("the amount").capitalize(), text="abc", hint=hint
        )
        assert edit.error() == expected
        if language == "es":
            assert "número" in edit.error()
    finally:
        set_language(before)


def test_qt_dialogs_speak_spanish(qapp):
    from PySide6.QtCore import QCoreApplication

    from coopdesk.gui.app import install_qt_translation
    from coopdesk.i18n import current_language, set_language

    before = current_language()
    set_language("es")
    translator = install_qt_translation(qapp)
    try:
        assert translator is not None
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
    finally:
        qapp.removeTranslator(translator)
        set_language(before)


def test_month_titles_are_babels_month_patterns():
    """month_title builds from Babel's month names what format_date writes, both languages."""
    import datetime as dt

    from babel.dates import format_date

    from coopdesk.gui.widgets.formats import month_title
    from coopdesk.i18n import current_language, set_language

    before = current_language()
    try:
        for language, locale, pattern in (("es", "es_PE", "MMMM 'de' y"),
                                          ("en", "en_US", "MMMM y")):
            set_language(language)
            for month in range(1, 13):
                expected = format_date(dt.date(2031, month, 1), pattern, locale=locale)
                assert month_title(2031, month) == expected
    finally:
        set_language(before)
    assert expected == "December 2031"
